/**
 * Compiles the bench's child entries, and every local module they import,
 * file by file to plain ES2022 modules (the shape `npm run build` emits), so
 * the servers run as shipped code rather than under a development loader.
 * tsx's transform adds costs a build does not have: with its keep-names
 * option every arrow-function class field is wrapped in `__name()`, which
 * turns that closure's properties into a dictionary (about 256 bytes each;
 * NetSocketStream has five per connection).
 *
 * esbuild (a pinned devDependency) does the transform: TypeScript's own
 * transpileModule gives the same code but took ~50 ms per file here, too
 * slow for the smoke test. No bundling, no renaming, no keep-names.
 *
 * Output goes to node_modules/.cache/gdnet-bench/ (mirroring the repo tree),
 * so bare imports such as `ws` resolve from the repo's node_modules. A file
 * is transformed again only when its source is newer than its output.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { transformSync } from "esbuild";

const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const COMPILED_ROOT = path.join(REPO_ROOT, "node_modules", ".cache", "gdnet-bench");

/** Static import / export-from specifiers in emitted JavaScript (type-only imports are gone by then). */
const IMPORT_RE = /\b(?:import|export)\s*(?:[^'";]*?\bfrom\s*)?["']([^"']+)["']/g;

/** Compiles `entries` (absolute .ts paths) and their relative imports; returns the compiled paths of the entries. */
export function compile_for_bench(entries: readonly string[]): string[] {
  mkdirSync(COMPILED_ROOT, { recursive: true });
  writeFileSync(path.join(COMPILED_ROOT, "package.json"), '{ "type": "module" }\n');
  const done = new Set<string>();
  const todo = [...entries];
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (done.has(file)) continue;
    done.add(file);
    const target = compiled_path(file);
    let output: string;
    if (is_newer(target, file)) {
      output = readFileSync(target, "utf8");
    } else {
      output = transformSync(readFileSync(file, "utf8"), {
        loader: "ts",
        format: "esm",
        target: "es2022",
        sourcefile: file,
        tsconfigRaw: { compilerOptions: { useDefineForClassFields: true, verbatimModuleSyntax: true } },
      }).code;
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, output);
    }
    for (const match of output.matchAll(IMPORT_RE)) {
      const spec = match[1] as string;
      if (spec.startsWith(".")) todo.push(path.resolve(path.dirname(file), spec.replace(/\.js$/, ".ts")));
    }
  }
  return entries.map(compiled_path);
}

/** True when `target` exists and was written after `source` last changed. */
function is_newer(target: string, source: string): boolean {
  try {
    return statSync(target).mtimeMs > statSync(source).mtimeMs;
  } catch {
    return false;
  }
}

function compiled_path(ts_file: string): string {
  return path.join(COMPILED_ROOT, path.relative(REPO_ROOT, ts_file)).replace(/\.ts$/, ".js");
}
