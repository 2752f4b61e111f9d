/**
 * The doctool: ClassDB (runtime truth) against doc_classes/*.xml (written
 * truth). `check` lists every difference and every missing description;
 * `update` rewrites the XML from ClassDB keeping the hand-written text.
 * Each run covers one layer (doc_layer.ts): the classes of its own ClassDB
 * against its folder, names resolving through the layers below.
 * Classes must be registered before these run (the CLI registers every layer).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ClassDoc } from "./class_doc.js";
import { write_class_doc } from "./class_doc_writer.js";
import type { Diagnostic } from "./diagnostics.js";
import { compare_class_api } from "./doc_compare.js";
import { generate_docs } from "./doc_from_classdb.js";
import { layer_index, layer_is_empty, type DocLayer } from "./doc_layer.js";
import { CORE_LAYER } from "./doc_layers.js";
import { merge_class_doc } from "./doc_merge.js";
import { check_descriptions, check_names, display_path, doc_file_name, docs_of, load_doc_set } from "./doc_set.js";
import { default_formatter, type DefaultFormatter } from "./default_value.js";

export interface DoctoolOptions {
  /** The folder of class XML (doc_classes/; tests pass a temporary copy). */
  readonly doc_dir: string;
  /** The layer documented in doc_dir: its ClassDB, and the layer its names fall back on (default: the core). */
  readonly layer?: DocLayer;
  /** Overrides the default-value formatter (tests). */
  readonly format_default?: DefaultFormatter;
  readonly warn?: (message: string) => void;
}

function expected_docs(options: DoctoolOptions): Map<string, ClassDoc> {
  const format_default = options.format_default ?? default_formatter;
  const class_db = (options.layer ?? CORE_LAYER).class_db;
  return generate_docs(options.warn ? { class_db, format_default, warn: options.warn } : { class_db, format_default });
}

function first_difference_line(a: string, b: string): number {
  const la = a.split("\n");
  const lb = b.split("\n");
  let i = 0;
  while (i < la.length && i < lb.length && la[i] === lb[i]) i++;
  return i + 1;
}

const UPDATE_HINT = "run `npm run doctool -- --update`";

/** Every difference between ClassDB and the XML, and every doc problem; empty when all is well. */
export function doctool_check(options: DoctoolOptions): Diagnostic[] {
  const layer = options.layer ?? CORE_LAYER;
  // A layer still being written (no classes, no folder) has nothing to check.
  if (layer_is_empty(layer, options.doc_dir)) return [];
  const set = load_doc_set(options.doc_dir);
  const out: Diagnostic[] = [...set.diagnostics];
  const generated = expected_docs(options);
  const index = layer_index(layer, docs_of(set));
  out.push(...check_names(set, index, new Set(layer.class_db.get_class_list())));
  const broken_names = new Set(set.broken.map((p) => p.slice(p.lastIndexOf("/") + 1)));
  for (const [name, expected] of generated) {
    const found = set.files.get(name);
    if (!found) {
      if (!broken_names.has(doc_file_name(name))) {
        out.push({
          file: display_path(join(options.doc_dir, doc_file_name(name))),
          message: `missing XML file for registered class "${name}" (${UPDATE_HINT}, then write its descriptions)`,
        });
      }
      continue;
    }
    const diffs = compare_class_api(expected, found.doc, { a: "ClassDB", b: "XML" });
    // Items only ClassDB has are not in the file: point at the class.
    for (const d of diffs) out.push({ file: found.file, line: d.line ?? found.doc.line, message: `${name}: ${d.message}` });
    if (diffs.length === 0) {
      const canonical = write_class_doc(merge_class_doc(expected, found.doc));
      if (canonical !== found.text) {
        out.push({
          file: found.file,
          line: first_difference_line(canonical, found.text),
          message: `${name}: not in the doctool's layout from this line on (${UPDATE_HINT})`,
        });
      }
    }
  }
  for (const [name, f] of set.files) {
    if (!generated.has(name)) out.push({ file: f.file, line: f.doc.line, message: `XML for unregistered class "${name}"` });
  }
  out.push(...check_descriptions(set, index));
  return out;
}

export interface UpdateResult {
  /** True when nothing was written because a file does not parse. */
  readonly refused: boolean;
  /** Files written (new or changed). */
  readonly written: string[];
  /** Problems that stopped the update or that it leaves behind (XML of unregistered classes is kept). */
  readonly diagnostics: Diagnostic[];
}

/** Rewrites the XML from ClassDB, keeping descriptions. Refuses to touch anything while a file does not parse. */
export function doctool_update(options: DoctoolOptions): UpdateResult {
  if (layer_is_empty(options.layer ?? CORE_LAYER, options.doc_dir)) return { refused: false, written: [], diagnostics: [] };
  const set = load_doc_set(options.doc_dir);
  if (set.broken.length > 0) return { refused: true, written: [], diagnostics: set.diagnostics };
  const generated = expected_docs(options);
  mkdirSync(options.doc_dir, { recursive: true });
  const written: string[] = [];
  for (const [name, expected] of generated) {
    const old = set.files.get(name);
    const text = write_class_doc(merge_class_doc(expected, old?.doc));
    if (old?.text === text) continue;
    const path = old?.path ?? join(options.doc_dir, doc_file_name(name));
    writeFileSync(path, text);
    written.push(display_path(path));
  }
  const diagnostics: Diagnostic[] = [];
  for (const [name, f] of set.files) {
    if (!generated.has(name)) diagnostics.push({ file: f.file, line: f.doc.line, message: `XML for unregistered class "${name}" kept; delete it if the class is gone` });
  }
  return { refused: false, written, diagnostics };
}
