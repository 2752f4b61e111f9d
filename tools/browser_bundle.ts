/**
 * Builds gdnet's browser bundle (src/index.browser.ts → one ES module) with
 * esbuild, and page scripts that import it. Used by `npm run build:browser`
 * (tools/build_browser.ts) and by the chat demo's server, which builds both
 * in memory at start, so a fresh clone needs no build step.
 *
 * The bundle must not pull in Node built-ins: any import of `node:*` or of a
 * bare built-in name (`fs`, `net`, ...) fails the build with the importing
 * file named, and the output is scanned once more for such imports.
 * (ws_platform.ts reaches Node modules only through `process.getBuiltinModule`
 * at run time, which is not an import and falls back to Web APIs.)
 */
import { builtinModules } from "node:module";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import type { Plugin } from "esbuild";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const BROWSER_ENTRY = path.join(REPO_ROOT, "src", "index.browser.ts");
export const BROWSER_OUTFILE = path.join(REPO_ROOT, "dist", "browser", "gdnet.js");

export interface BundleResult {
  /** The bundle's text when it built; "" otherwise. */
  code: string;
  /** One line per problem; empty when the build succeeded. */
  errors: string[];
  /** The source files bundled, relative to the repository. */
  inputs: string[];
}

const BUILTINS = new Set(builtinModules.filter((m) => !m.startsWith("_")));

function relative(file: string): string {
  return path.relative(REPO_ROOT, file) || file;
}

/** Fails the build on any import of a Node built-in, naming the importer. */
function no_node_builtins(): Plugin {
  return {
    name: "gdnet-no-node-builtins",
    setup(build) {
      build.onResolve({ filter: /^(node:)?[a-z0-9_/]+$/ }, (args) => {
        const bare = args.path.startsWith("node:") ? args.path.slice(5) : args.path;
        if (!args.path.startsWith("node:") && !BUILTINS.has(bare) && !BUILTINS.has(bare.split("/")[0] ?? "")) return undefined;
        return {
          errors: [
            {
              text: `${relative(args.importer)} imports the Node built-in "${args.path}"; the browser bundle must not use Node modules (export the file from src/index.ts only, or reach Node through ws_platform.ts).`,
            },
          ],
        };
      });
    },
  };
}

/** Makes imports of gdnet's browser entry external, loaded from `url` (so a page script shares the page's gdnet). */
function gdnet_as_external(url: string): Plugin {
  return {
    name: "gdnet-external",
    setup(build) {
      build.onResolve({ filter: /index\.browser(\.js|\.ts)?$/ }, (args) => {
        const target = path.resolve(args.resolveDir, args.path).replace(/\.js$/, ".ts");
        if (target !== BROWSER_ENTRY && target + ".ts" !== BROWSER_ENTRY) return undefined;
        return { path: url, external: true };
      });
    },
  };
}

/** Import statements of Node built-ins that made it into an output anyway (should be none). */
export function find_node_imports(code: string): string[] {
  const found = new Set<string>();
  const patterns = [/\bfrom\s*["'](node:[^"']+)["']/g, /\bimport\s*\(\s*["'](node:[^"']+)["']\s*\)/g, /\brequire\s*\(\s*["'](node:[^"']+)["']\s*\)/g, /^\s*import\s*["'](node:[^"']+)["']/gm];
  for (const re of patterns) for (const m of code.matchAll(re)) found.add(m[1] as string);
  return [...found];
}

async function load_esbuild(): Promise<typeof import("esbuild") | string> {
  try {
    return await import("esbuild");
  } catch (e) {
    return `esbuild cannot be loaded (it is a devDependency: run npm install): ${(e as Error).message}`;
  }
}

export interface BuildOptions {
  /** Entry file (default: src/index.browser.ts). */
  entry?: string;
  /** Write here (and a .map beside it) instead of returning the text only. */
  outfile?: string;
  /** For page scripts: imports of src/index.browser.ts become imports of this URL. */
  gdnet_url?: string;
}

/**
 * Bundles `entry` for browsers as one ES module. Class names are kept
 * (keepNames): ClassDB and get_class() read them from the constructors.
 */
export async function build_browser_bundle(options: BuildOptions = {}): Promise<BundleResult> {
  const esbuild = await load_esbuild();
  if (typeof esbuild === "string") return { code: "", errors: [esbuild], inputs: [] };
  const plugins = [no_node_builtins()];
  if (options.gdnet_url !== undefined) plugins.unshift(gdnet_as_external(options.gdnet_url));
  let result: import("esbuild").BuildResult<{ write: false; metafile: true }>;
  try {
    result = await esbuild.build({
      entryPoints: [options.entry ?? BROWSER_ENTRY],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      keepNames: true,
      sourcemap: options.outfile ? "linked" : false,
      outfile: options.outfile ?? "gdnet.js",
      write: false,
      metafile: true,
      logLevel: "silent",
      legalComments: "none",
      plugins,
    });
  } catch (e) {
    const failure = e as { errors?: { text: string; location?: { file: string; line: number } | null }[] };
    const errors = (failure.errors ?? [{ text: String(e), location: null }]).map((m) =>
      m.location ? `${m.location.file}:${m.location.line}: ${m.text}` : m.text,
    );
    return { code: "", errors, inputs: [] };
  }
  const main = result.outputFiles.find((f) => !f.path.endsWith(".map"));
  const code = main?.text ?? "";
  const inputs = Object.keys(result.metafile.inputs);
  const leaked = find_node_imports(code);
  if (leaked.length > 0) return { code: "", errors: [`the bundle imports Node built-ins: ${leaked.join(", ")}`], inputs };
  if (options.outfile) {
    const fs = await import("node:fs/promises");
    await fs.mkdir(path.dirname(options.outfile), { recursive: true });
    for (const file of result.outputFiles) await fs.writeFile(file.path, file.contents);
  }
  return { code, errors: [], inputs };
}
