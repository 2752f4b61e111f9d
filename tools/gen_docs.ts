/** `npm run gen:docs` writes docs/classes/ from doc_classes/; `-- --check` fails when it is stale. */
import { format_diagnostic } from "./doc/diagnostics.js";
import { check_generated, write_generated } from "./doc/generated_files.js";
import { build_markdown, owns_markdown_file } from "./doc/markdown_run.js";
import { DOC_DIR, MD_DIR } from "./doc/paths.js";

const check = process.argv.includes("--check");
const { files, diagnostics } = build_markdown(DOC_DIR);
for (const d of diagnostics) process.stderr.write(`${format_diagnostic(d)}\n`);
if (diagnostics.length > 0) {
  process.exitCode = 1;
} else if (check) {
  const stale = check_generated(MD_DIR, files, owns_markdown_file, "npm run gen:docs");
  for (const d of stale) process.stderr.write(`${format_diagnostic(d)}\n`);
  process.stdout.write(stale.length === 0 ? "gen:docs: docs/classes is up to date\n" : "");
  process.exitCode = stale.length === 0 ? 0 : 1;
} else {
  const changed = write_generated(MD_DIR, files, owns_markdown_file);
  for (const f of changed) process.stdout.write(`wrote ${f}\n`);
  if (changed.length === 0) process.stdout.write("gen:docs: docs/classes is up to date\n");
}
