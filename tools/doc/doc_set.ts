/**
 * The folder of class XML (doc_classes/): every file parsed, then checked as
 * a set: file name = class name, `inherits`/`overrides` name known classes,
 * types and enums exist, and (check_descriptions) no description is empty and
 * all BBCode resolves.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { check_bbcode } from "./bbcode.js";
import type { ClassDoc, TypeDoc } from "./class_doc.js";
import { parse_class_doc } from "./class_doc_parser.js";
import type { Diagnostic } from "./diagnostics.js";
import { DocIndex } from "./doc_index.js";

export interface DocFile {
  /** Path as printed in messages (relative to the working directory when possible). */
  readonly file: string;
  readonly path: string;
  readonly text: string;
  readonly doc: ClassDoc;
}

export interface DocSet {
  /** Class name → its file, for files that parsed. */
  readonly files: Map<string, DocFile>;
  /** Paths of files that did not parse (their diagnostics say why). */
  readonly broken: string[];
  readonly diagnostics: Diagnostic[];
}

/** `Foo.xml` for class Foo; the engine writes `/` in names as `--`. */
export function doc_file_name(class_name: string): string {
  return `${class_name.replace(/\//g, "--")}.xml`;
}

export function display_path(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}

export function load_doc_set(dir: string): DocSet {
  const files = new Map<string, DocFile>();
  const broken: string[] = [];
  const diagnostics: Diagnostic[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith(".xml")).sort();
  } catch {
    diagnostics.push({ file: display_path(dir), message: "doc folder not found" });
  }
  for (const name of names) {
    const path = join(dir, name);
    const file = display_path(path);
    const text = readFileSync(path, "utf8");
    const result = parse_class_doc(text, file);
    diagnostics.push(...result.diagnostics);
    if (!result.doc) {
      broken.push(path);
      continue;
    }
    if (doc_file_name(result.doc.name) !== name) {
      diagnostics.push({ file, line: result.doc.line, message: `class "${result.doc.name}" must be in ${doc_file_name(result.doc.name)}` });
    }
    if (files.has(result.doc.name)) diagnostics.push({ file, line: result.doc.line, message: `class "${result.doc.name}" is documented twice` });
    files.set(result.doc.name, { file, path, text, doc: result.doc });
  }
  return { files, broken, diagnostics };
}

/** The docs of a set, by class name. */
export function docs_of(set: DocSet): Map<string, ClassDoc> {
  return new Map([...set.files].map(([name, f]) => [name, f.doc]));
}

/**
 * Names in the XML that must exist: parent classes, `overrides`, types,
 * enums. `extra_classes` are classes known without an XML file (ClassDB's).
 */
export function check_names(set: DocSet, index: DocIndex, extra_classes: ReadonlySet<string> = new Set()): Diagnostic[] {
  const out: Diagnostic[] = [];
  const class_known = (name: string): boolean => index.has_class(name) || extra_classes.has(name);
  for (const { file, doc } of set.files.values()) {
    const type_ok = (t: TypeDoc, line: number | undefined, what: string): void => {
      const base = t.type.endsWith("[]") ? t.type.slice(0, -2) : t.type;
      if (!index.is_known_type(t.type) && !class_known(base)) out.push({ file, line, message: `${what}: unknown type "${t.type}"` });
      if (t.enum !== undefined) {
        if (t.type !== "int") out.push({ file, line, message: `${what}: enum "${t.enum}" on a non-int type "${t.type}"` });
        if (!index.find_enum(doc.name, t.enum)) out.push({ file, line, message: `${what}: unknown enum "${t.enum}"` });
      }
    };
    if (doc.inherits !== undefined && !class_known(doc.inherits)) {
      out.push({ file, line: doc.line, message: `class "${doc.name}" inherits unknown class "${doc.inherits}"` });
    }
    for (const m of doc.methods) {
      if (m.return.type !== "void") type_ok(m.return, m.line, `method "${m.name}" return`);
      for (const p of m.params) type_ok(p, p.line ?? m.line, `method "${m.name}" argument "${p.name}"`);
    }
    for (const m of doc.members) {
      type_ok(m, m.line, `member "${m.name}"`);
      if (m.overrides !== undefined && !class_known(m.overrides)) out.push({ file, line: m.line, message: `member "${m.name}" overrides unknown class "${m.overrides}"` });
    }
    for (const s of doc.signals) for (const p of s.params) type_ok(p, p.line ?? s.line, `signal "${s.name}" argument "${p.name}"`);
  }
  return out;
}

/** Every description written and every BBCode reference resolved. */
export function check_descriptions(set: DocSet, index: DocIndex): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { file, doc } of set.files.values()) {
    const check = (text: string, line: number | undefined, fallback_line: number | undefined, what: string, params?: string[]): void => {
      if (text.trim() === "") {
        out.push({ file, line: line ?? fallback_line, message: `empty description: ${what}` });
        return;
      }
      out.push(...check_bbcode(text, index, { class_name: doc.name, params }, file, line, what));
    };
    check(doc.brief_description, doc.brief_description_line, doc.line, `class "${doc.name}" brief_description`);
    check(doc.description, doc.description_line, doc.line, `class "${doc.name}" description`);
    for (const m of doc.methods) check(m.description, m.description_line, m.line, `method "${m.name}"`, m.params.map((p) => p.name));
    for (const m of doc.members) if (m.overrides === undefined) check(m.description, m.description_line, m.line, `member "${m.name}"`);
    for (const s of doc.signals) check(s.description, s.description_line, s.line, `signal "${s.name}"`, s.params.map((p) => p.name));
    for (const c of doc.constants) check(c.description, c.description_line, c.line, `constant "${c.name}"`);
  }
  return out;
}
