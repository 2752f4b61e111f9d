/**
 * What the doc tools need to know about one API layer of gdnet (the Godot 4
 * core, gdnet/godot3 above it): its ClassDB, where its class XML, typings and
 * Markdown live, what registers its classes, and the layer its docs fall back
 * on. Every tool runs the same way for every layer; doc_layers.ts lists
 * gdnet's layers.
 */
import { existsSync, readdirSync } from "node:fs";
import type { ClassDatabase } from "../../src/core/object/class_db.js";
import { DocIndex } from "./doc_index.js";
import { docs_of, load_doc_set } from "./doc_set.js";
import type { ClassDoc } from "./class_doc.js";

export interface DocLayer {
  /** Name in messages and for `--layer` ("core", "godot3"). */
  readonly name: string;
  /** The layer's ClassDB; the classes registered in it (get_own_class_list()) are the ones documented here. */
  readonly class_db: ClassDatabase;
  /** Class XML of the layer's own classes (doc_classes/, doc_classes/godot3/). */
  readonly doc_dir: string;
  /** Generated typings (src/gen/, src/gen/godot3/). */
  readonly gen_dir: string;
  /** Generated Markdown (docs/classes/, docs/classes/godot3/). */
  readonly md_dir: string;
  /** The layer's code: the typings generator looks for the TS enums of its docs here first, then in the fallback's. */
  readonly code_dir: string;
  /** Folders under code_dir that are not this layer's code (generated files, layers nested inside). */
  readonly code_skip: readonly string[];
  /** The module that registers the layer's classes, and the function it exports to do so (none: importing it registers). */
  readonly entry: { readonly module: string; readonly register?: string };
  /** Title of the Markdown index page. */
  readonly title: string;
  /** The layer whose classes this one sees under its own (inherits, types and references resolve there too). */
  readonly fallback?: DocLayer;
}

/**
 * Registers the layer's classes (its fallback's first), as the engine's
 * startup does before `--doctool`. An entry module that does not exist yet
 * (a layer still being written) registers nothing and returns false.
 */
export async function register_layer(layer: DocLayer): Promise<boolean> {
  if (layer.fallback) await register_layer(layer.fallback);
  if (!existsSync(layer.entry.module)) return false;
  const module = (await import(layer.entry.module)) as Record<string, unknown>;
  const register = layer.entry.register === undefined ? undefined : module[layer.entry.register];
  if (layer.entry.register !== undefined && typeof register !== "function") {
    throw new Error(`${layer.entry.module} does not export ${layer.entry.register}()`);
  }
  if (typeof register === "function") (register as () => void)();
  return true;
}

/** True when the layer has nothing to document: no class of its own and no XML folder (a layer not written yet). */
export function layer_is_empty(layer: DocLayer, doc_dir = layer.doc_dir): boolean {
  if (layer.class_db.get_own_class_list().length > 0) return false;
  return !existsSync(doc_dir) || !readdirSync(doc_dir).some((n) => n.endsWith(".xml"));
}

/**
 * The index a layer's docs resolve names in: its own docs over its
 * fallback's (loaded from the fallback's folder; that folder's own problems
 * are reported when the fallback layer is checked).
 */
export function layer_index(layer: DocLayer | undefined, own: ReadonlyMap<string, ClassDoc>): DocIndex {
  return new DocIndex(own, layer?.fallback ? layer_index(layer.fallback, docs_of(load_doc_set(layer.fallback.doc_dir))) : undefined);
}

/** The layers below, nearest first (index i holds the classes at DocIndex depth i + 1). */
export function lower_layers(layer: DocLayer): DocLayer[] {
  const out: DocLayer[] = [];
  for (let l = layer.fallback; l; l = l.fallback) out.push(l);
  return out;
}
