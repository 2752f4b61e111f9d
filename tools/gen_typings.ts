/** `npm run gen:typings` writes src/gen/ from doc_classes/; `-- --check` fails when it is stale. */
import { format_diagnostic } from "./doc/diagnostics.js";
import { check_generated, write_generated } from "./doc/generated_files.js";
import { DOC_DIR, GEN_DIR, SRC_DIR } from "./doc/paths.js";
import { build_typings, owns_typings_file } from "./doc/typings_run.js";

const check = process.argv.includes("--check");
const { files, diagnostics } = build_typings({ doc_dir: DOC_DIR, src_dir: SRC_DIR, out_dir: GEN_DIR });
for (const d of diagnostics) process.stderr.write(`${format_diagnostic(d)}\n`);
if (diagnostics.length > 0) {
  process.exitCode = 1;
} else if (check) {
  const stale = check_generated(GEN_DIR, files, owns_typings_file, "npm run gen:typings");
  for (const d of stale) process.stderr.write(`${format_diagnostic(d)}\n`);
  process.stdout.write(stale.length === 0 ? "gen:typings: src/gen is up to date\n" : "");
  process.exitCode = stale.length === 0 ? 0 : 1;
} else {
  const changed = write_generated(GEN_DIR, files, owns_typings_file);
  for (const f of changed) process.stdout.write(`wrote ${f}\n`);
  if (changed.length === 0) process.stdout.write("gen:typings: src/gen is up to date\n");
}
