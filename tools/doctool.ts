/**
 * `npm run doctool -- --check` (default) or `-- --update`, for every layer
 * (doc_classes/ for the core, doc_classes/godot3/ for gdnet/godot3), or one
 * with `--layer NAME`. Each layer's entry module is imported first, which
 * registers its classes, as the engine's startup does before `--doctool`
 * walks ClassDB.
 */
import { format_diagnostic } from "./doc/diagnostics.js";
import { layer_is_empty, type DocLayer } from "./doc/doc_layer.js";
import { display_path } from "./doc/doc_set.js";
import { doctool_check, doctool_update } from "./doc/doctool.js";
import { parse_layer_args, register_layers } from "./doc/layer_args.js";

const warn = (message: string): void => void process.stderr.write(`warning: ${message}\n`);

function update(layer: DocLayer): number {
  const folder = display_path(layer.doc_dir);
  const { refused, written, diagnostics } = doctool_update({ doc_dir: layer.doc_dir, layer, warn });
  for (const d of diagnostics) process.stderr.write(`${format_diagnostic(d)}\n`);
  for (const file of written) process.stdout.write(`wrote ${file}\n`);
  if (written.length === 0 && diagnostics.length === 0) process.stdout.write(`${folder} already up to date\n`);
  if (refused) process.stderr.write(`doctool: nothing written to ${folder}; fix the files above first\n`);
  return refused ? 1 : 0;
}

function check(layer: DocLayer): number {
  const problems = doctool_check({ doc_dir: layer.doc_dir, layer, warn });
  for (const d of problems) process.stderr.write(`${format_diagnostic(d)}\n`);
  if (problems.length > 0) {
    process.stderr.write(`doctool: ${problems.length} problem(s) in ${display_path(layer.doc_dir)}\n`);
    return 1;
  }
  process.stdout.write(`doctool: ${display_path(layer.doc_dir)} matches the ${layer.name} ClassDB\n`);
  return 0;
}

/** A layer still being written: say so instead of "up to date". */
function report_empty(layer: DocLayer): boolean {
  if (!layer_is_empty(layer)) return false;
  process.stdout.write(`doctool: the ${layer.name} layer has no classes and no ${display_path(layer.doc_dir)} yet\n`);
  return true;
}

async function main(argv: string[]): Promise<number> {
  const args = parse_layer_args(argv, "npm run doctool", ["--check", "--update"]);
  if (!args) return 2;
  await register_layers(args.layers);
  let status = 0;
  for (const layer of args.layers) {
    if (report_empty(layer)) continue;
    status = Math.max(status, args.flags.has("--update") ? update(layer) : check(layer));
  }
  return status;
}

process.exitCode = await main(process.argv.slice(2));
