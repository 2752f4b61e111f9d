/** Loads a layer's XML and produces its Markdown folder's files (docs/classes/, docs/classes/godot3/). */
import { existsSync } from "node:fs";
import { relative } from "node:path";
import type { Diagnostic } from "./diagnostics.js";
import { layer_index, lower_layers, type DocLayer } from "./doc_layer.js";
import { docs_of, load_doc_set } from "./doc_set.js";
import { generate_markdown } from "./gen_markdown.js";
import { REPO_ROOT } from "./paths.js";

/** Names in a Markdown folder that the generator owns. */
export const owns_markdown_file = (name: string): boolean => (name.startsWith("class_") && name.endsWith(".md")) || name === "index.md";

/** A layer without a doc folder (not written yet) generates nothing. */
export function build_markdown(layer: DocLayer): { files: Map<string, string>; diagnostics: Diagnostic[] } {
  if (!existsSync(layer.doc_dir)) return { files: new Map(), diagnostics: [] };
  const set = load_doc_set(layer.doc_dir);
  if (set.broken.length > 0) return { files: new Map(), diagnostics: set.diagnostics };
  const docs = docs_of(set);
  const options = {
    title: layer.title,
    source_dir: relative(REPO_ROOT, layer.doc_dir).replace(/\\/g, "/"),
    // Links to a lower layer's classes go to its pages (`../class_packetpeer.md` from docs/classes/godot3/).
    lower_prefixes: lower_layers(layer).map((l) => `${relative(layer.md_dir, l.md_dir).replace(/\\/g, "/")}/`),
  };
  return { files: generate_markdown(docs, layer_index(layer, docs), options), diagnostics: [] };
}
