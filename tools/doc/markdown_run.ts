/** Loads the XML and produces docs/classes/'s files. */
import type { Diagnostic } from "./diagnostics.js";
import { DocIndex } from "./doc_index.js";
import { docs_of, load_doc_set } from "./doc_set.js";
import { generate_markdown } from "./gen_markdown.js";

/** Names in docs/classes/ that the generator owns. */
export const owns_markdown_file = (name: string): boolean => (name.startsWith("class_") && name.endsWith(".md")) || name === "index.md";

export function build_markdown(doc_dir: string): { files: Map<string, string>; diagnostics: Diagnostic[] } {
  const set = load_doc_set(doc_dir);
  if (set.broken.length > 0) return { files: new Map(), diagnostics: set.diagnostics };
  const docs = docs_of(set);
  return { files: generate_markdown(docs, new DocIndex(docs)), diagnostics: [] };
}
