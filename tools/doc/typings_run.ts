/** Loads a layer's XML and the enums of src/, and produces its gen folder's files (src/gen/, src/gen/godot3/). */
import { existsSync } from "node:fs";
import type { Diagnostic } from "./diagnostics.js";
import { layer_index, lower_layers, type DocLayer } from "./doc_layer.js";
import { docs_of, load_doc_set } from "./doc_set.js";
import { scan_enums, type TsEnum } from "./enum_locator.js";
import { generate_typings } from "./gen_typings.js";
import { SRC_DIR } from "./paths.js";

/** Names in a gen folder that the generator owns. */
export const owns_typings_file = (name: string): boolean => name.endsWith(".gen.ts") || name === "index.ts";

/** The TS enums a layer's typings may name: the layer's own code first, then each layer below. */
function layer_enums(layer: DocLayer): TsEnum[] {
  return [layer, ...lower_layers(layer)].flatMap((l) => scan_enums(l.code_dir, [l.gen_dir, ...l.code_skip]));
}

/** A layer without a doc folder (not written yet) generates nothing. */
export function build_typings(layer: DocLayer): { files: Map<string, string>; diagnostics: Diagnostic[] } {
  if (!existsSync(layer.doc_dir)) return { files: new Map(), diagnostics: [] };
  const set = load_doc_set(layer.doc_dir);
  if (set.broken.length > 0) return { files: new Map(), diagnostics: set.diagnostics };
  const docs = docs_of(set);
  const options = { src_dir: SRC_DIR, out_dir: layer.gen_dir, lower_out_dirs: lower_layers(layer).map((l) => l.gen_dir), enums: layer_enums(layer) };
  return { files: generate_typings(docs, layer_index(layer, docs), options, layer.doc_dir), diagnostics: [] };
}
