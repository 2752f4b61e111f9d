/**
 * `npm run gen:docs` writes each layer's Markdown reference from its XML
 * (docs/classes/ from doc_classes/, docs/classes/godot3/ from
 * doc_classes/godot3/); `-- --check` fails when one is stale; `--layer NAME`
 * picks one layer.
 */
import { run_generator } from "./doc/generator_cli.js";
import { build_markdown, owns_markdown_file } from "./doc/markdown_run.js";

process.exitCode = await run_generator(
  { command: "npm run gen:docs", build: build_markdown, out_dir: (layer) => layer.md_dir, owns: owns_markdown_file },
  process.argv.slice(2),
);
