/**
 * `npm run gen:typings` writes each layer's typings from its XML (src/gen/
 * from doc_classes/, src/gen/godot3/ from doc_classes/godot3/); `-- --check`
 * fails when one is stale; `--layer NAME` picks one layer.
 */
import { run_generator } from "./doc/generator_cli.js";
import { build_typings, owns_typings_file } from "./doc/typings_run.js";

process.exitCode = await run_generator(
  { command: "npm run gen:typings", build: build_typings, out_dir: (layer) => layer.gen_dir, owns: owns_typings_file },
  process.argv.slice(2),
);
