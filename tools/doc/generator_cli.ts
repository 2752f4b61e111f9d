/**
 * The shape both generator CLIs share (gen:typings, gen:docs): for each
 * selected layer, build its files from its XML, then check them against
 * its output folder (`--check`) or write them.
 */
import { existsSync } from "node:fs";
import type { Diagnostic } from "./diagnostics.js";
import { format_diagnostic } from "./diagnostics.js";
import type { DocLayer } from "./doc_layer.js";
import { display_path } from "./doc_set.js";
import { check_generated, write_generated } from "./generated_files.js";
import { parse_layer_args } from "./layer_args.js";

export interface Generator {
  /** `npm run gen:typings` */
  readonly command: string;
  readonly build: (layer: DocLayer) => { files: Map<string, string>; diagnostics: Diagnostic[] };
  readonly out_dir: (layer: DocLayer) => string;
  readonly owns: (name: string) => boolean;
}

function run_layer(g: Generator, layer: DocLayer, check: boolean): number {
  const { files, diagnostics } = g.build(layer);
  for (const d of diagnostics) process.stderr.write(`${format_diagnostic(d)}\n`);
  if (diagnostics.length > 0) return 1;
  const dir = g.out_dir(layer);
  const name = g.command.replace(/^npm run /, "");
  if (files.size === 0 && !existsSync(dir)) {
    process.stdout.write(`${name}: nothing to generate for the ${layer.name} layer yet (no ${display_path(layer.doc_dir)})\n`);
    return 0;
  }
  if (check) {
    const stale = check_generated(dir, files, g.owns, g.command);
    for (const d of stale) process.stderr.write(`${format_diagnostic(d)}\n`);
    if (stale.length === 0) process.stdout.write(`${name}: ${display_path(dir)} is up to date\n`);
    return stale.length === 0 ? 0 : 1;
  }
  const changed = write_generated(dir, files, g.owns);
  for (const f of changed) process.stdout.write(`wrote ${f}\n`);
  if (changed.length === 0) process.stdout.write(`${name}: ${display_path(dir)} is up to date\n`);
  return 0;
}

export async function run_generator(g: Generator, argv: readonly string[]): Promise<number> {
  const args = parse_layer_args(argv, g.command, ["--check"]);
  if (!args) return 2;
  let status = 0;
  for (const layer of args.layers) status = Math.max(status, run_layer(g, layer, args.flags.has("--check")));
  return status;
}
