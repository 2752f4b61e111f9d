/** Loads the XML and the enums of src/, and produces src/gen/'s files. */
import type { Diagnostic } from "./diagnostics.js";
import { DocIndex } from "./doc_index.js";
import { docs_of, load_doc_set } from "./doc_set.js";
import { scan_enums } from "./enum_locator.js";
import { generate_typings } from "./gen_typings.js";

export interface TypingsRun {
  readonly doc_dir: string;
  readonly src_dir: string;
  readonly out_dir: string;
}

/** Names in src/gen/ that the generator owns. */
export const owns_typings_file = (name: string): boolean => name.endsWith(".gen.ts") || name === "index.ts";

export function build_typings(run: TypingsRun): { files: Map<string, string>; diagnostics: Diagnostic[] } {
  const set = load_doc_set(run.doc_dir);
  if (set.broken.length > 0) return { files: new Map(), diagnostics: set.diagnostics };
  const docs = docs_of(set);
  const files = generate_typings(docs, new DocIndex(docs), { src_dir: run.src_dir, out_dir: run.out_dir, enums: scan_enums(run.src_dir, run.out_dir) }, run.doc_dir);
  return { files, diagnostics: [] };
}
