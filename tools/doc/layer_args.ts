/**
 * The doc CLIs' common arguments: `--layer NAME` (one layer; default all)
 * plus the tool's own flags. Registers the selected layers' classes.
 */
import type { DocLayer } from "./doc_layer.js";
import { register_layer } from "./doc_layer.js";
import { DOC_LAYERS, select_layers } from "./doc_layers.js";

export interface LayerArgs {
  readonly layers: readonly DocLayer[];
  readonly flags: ReadonlySet<string>;
}

/** Parses argv; on a bad argument prints usage and returns null. */
export function parse_layer_args(argv: readonly string[], command: string, flags: readonly string[]): LayerArgs | null {
  const usage = `usage: ${command} -- [${flags.join(" | ")}] [--layer ${DOC_LAYERS.map((l) => l.name).join("|")}]\n`;
  const seen = new Set<string>();
  let layer_name: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] ?? "";
    if (a === "--layer") layer_name = argv[++i] ?? "";
    else if (a.startsWith("--layer=")) layer_name = a.slice("--layer=".length);
    else if (flags.includes(a)) seen.add(a);
    else {
      process.stderr.write(`${usage}unknown argument: ${a}\n`);
      return null;
    }
  }
  const layers = select_layers(layer_name);
  if (!layers) {
    process.stderr.write(`${usage}unknown layer: ${layer_name ?? ""}\n`);
    return null;
  }
  return { layers, flags: seen };
}

/** Registers the classes of every layer (and those below), in order. */
export async function register_layers(layers: readonly DocLayer[]): Promise<void> {
  for (const layer of layers) await register_layer(layer);
}
