/**
 * `npm run doctool -- --check` (default) or `-- --update`.
 * Importing src/index.ts registers every class, as the engine's startup does
 * before `--doctool` walks ClassDB.
 */
import "../src/index.js";
import { fileURLToPath } from "node:url";
import { format_diagnostic } from "./doc/diagnostics.js";
import { doctool_check, doctool_update } from "./doc/doctool.js";

const DOC_DIR = fileURLToPath(new URL("../doc_classes", import.meta.url));

function main(argv: string[]): number {
  const update = argv.includes("--update");
  const unknown = argv.filter((a) => a !== "--update" && a !== "--check");
  if (unknown.length > 0) {
    process.stderr.write(`usage: npm run doctool -- [--check | --update]\nunknown argument: ${unknown.join(" ")}\n`);
    return 2;
  }
  const warn = (message: string): void => void process.stderr.write(`warning: ${message}\n`);
  if (update) {
    const { refused, written, diagnostics } = doctool_update({ doc_dir: DOC_DIR, warn });
    for (const d of diagnostics) process.stderr.write(`${format_diagnostic(d)}\n`);
    for (const file of written) process.stdout.write(`wrote ${file}\n`);
    if (written.length === 0 && diagnostics.length === 0) process.stdout.write("doc_classes already up to date\n");
    if (refused) process.stderr.write("doctool: nothing written; fix the files above first\n");
    return refused ? 1 : 0;
  }
  const problems = doctool_check({ doc_dir: DOC_DIR, warn });
  for (const d of problems) process.stderr.write(`${format_diagnostic(d)}\n`);
  if (problems.length > 0) {
    process.stderr.write(`doctool: ${problems.length} problem(s)\n`);
    return 1;
  }
  process.stdout.write("doctool: doc_classes matches ClassDB\n");
  return 0;
}

process.exitCode = main(process.argv.slice(2));
