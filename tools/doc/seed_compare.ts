/**
 * A reference class XML (a seed: the engine's own file, possibly with other
 * lines before `<?xml`) against gdnet's XML of the same class: every API
 * difference, named, with the line on each side.
 */
import { readFileSync } from "node:fs";
import { parse_class_doc_in_file } from "./class_doc_parser.js";
import type { Diagnostic } from "./diagnostics.js";
import { compare_class_api } from "./doc_compare.js";
import { display_path } from "./doc_set.js";

export interface SeedComparison {
  /** Parse problems of either file (no comparison is made then). */
  readonly diagnostics: Diagnostic[];
  /** One line per API difference. */
  readonly differences: string[];
}

export function compare_seed(seed_path: string, ours_path: string): SeedComparison {
  const seed_file = display_path(seed_path);
  const ours_file = display_path(ours_path);
  const seed = parse_class_doc_in_file(readFileSync(seed_path, "utf8"), seed_file);
  const ours = parse_class_doc_in_file(readFileSync(ours_path, "utf8"), ours_file);
  const diagnostics = [...seed.diagnostics, ...ours.diagnostics];
  if (!seed.doc || !ours.doc) return { diagnostics, differences: [] };
  const differences: string[] = [];
  if (seed.doc.name !== ours.doc.name) differences.push(`class name: "${seed.doc.name}" in the seed, "${ours.doc.name}" in gdnet`);
  for (const d of compare_class_api(seed.doc, ours.doc, { a: "the seed", b: "gdnet" })) {
    const where = [d.a_line !== undefined ? `${seed_file}:${d.a_line}` : "", d.b_line !== undefined ? `${ours_file}:${d.b_line}` : ""].filter((w) => w !== "");
    differences.push(`${ours.doc.name}: ${d.message}${where.length > 0 ? ` [${where.join(", ")}]` : ""}`);
  }
  return { diagnostics, differences };
}
