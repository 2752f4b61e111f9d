/**
 * gdnet's API layers as the doc tools see them: the Godot 4 core (gdnet) and
 * gdnet/godot3 above it. A new layer is one more entry here: its ClassDB,
 * folders and register function.
 */
import { join } from "node:path";
import { ClassDB } from "../../src/core/object/class_db.js";
import { ClassDB as Godot3ClassDB } from "../../src/godot3/core/object/class_db.js";
import type { DocLayer } from "./doc_layer.js";
import { DOC_DIR, GEN_DIR, MD_DIR, SRC_DIR } from "./paths.js";

export const CORE_LAYER: DocLayer = {
  name: "core",
  class_db: ClassDB,
  doc_dir: DOC_DIR,
  gen_dir: GEN_DIR,
  md_dir: MD_DIR,
  code_dir: SRC_DIR,
  code_skip: [GEN_DIR, join(SRC_DIR, "godot3")],
  // Importing the package entry registers every class.
  entry: { module: join(SRC_DIR, "index.ts") },
  title: "gdnet class reference",
};

export const GODOT3_LAYER: DocLayer = {
  name: "godot3",
  class_db: Godot3ClassDB,
  doc_dir: join(DOC_DIR, "godot3"),
  gen_dir: join(GEN_DIR, "godot3"),
  md_dir: join(MD_DIR, "godot3"),
  code_dir: join(SRC_DIR, "godot3"),
  code_skip: [],
  entry: { module: join(SRC_DIR, "godot3", "register_types.ts"), register: "register_godot3_types" },
  title: "gdnet/godot3 class reference",
  fallback: CORE_LAYER,
};

/** Every layer, each after the one it falls back on. */
export const DOC_LAYERS: readonly DocLayer[] = [CORE_LAYER, GODOT3_LAYER];

/** The layers `--layer NAME` selects (all when no name is given); undefined for an unknown name. */
export function select_layers(name: string | undefined): readonly DocLayer[] | undefined {
  if (name === undefined) return DOC_LAYERS;
  const layer = DOC_LAYERS.find((l) => l.name === name);
  return layer ? [layer] : undefined;
}
