/**
 * ClassDoc → class XML in the engine doctool's layout: tab indentation, the
 * class.xsd element order, attributes in the engine's order, XML escaping,
 * methods and signals sorted by natural name order, members by name,
 * constants as given (registration order). Same input, same bytes, so
 * `--update` diffs stay clean.
 */
import type { ClassDoc, ConstantDoc, MemberDoc, MethodDoc, ParamDoc, SignalDoc, TypeDoc } from "./class_doc.js";

export function xml_escape(text: string, attribute: boolean): string {
  let out = text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  if (attribute) out = out.replace(/"/g, "&quot;").replace(/'/g, "&apos;");
  return out;
}

/** Natural order, case-sensitive: digit runs compare by value (`a2` < `a10`). */
export function natural_compare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a[i] ?? "";
    const cb = b[j] ?? "";
    if (/\d/.test(ca) && /\d/.test(cb)) {
      let ei = i;
      while (ei < a.length && /\d/.test(a[ei] ?? "")) ei++;
      let ej = j;
      while (ej < b.length && /\d/.test(b[ej] ?? "")) ej++;
      const na = Number(a.slice(i, ei));
      const nb = Number(b.slice(j, ej));
      if (na !== nb) return na < nb ? -1 : 1;
      i = ei;
      j = ej;
      continue;
    }
    if (ca !== cb) return ca < cb ? -1 : 1;
    i++;
    j++;
  }
  return a.length - i - (b.length - j);
}

function by_name<T extends { name: string }>(items: readonly T[], compare: (a: string, b: string) => number): T[] {
  return [...items].sort((x, y) => compare(x.name, y.name));
}

const plain_compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

class Out {
  private readonly lines: string[] = [];
  line(level: number, text: string): void {
    this.lines.push("\t".repeat(level) + text);
  }
  /** Text content: each line re-indented at `level`; blank lines stay empty. */
  text(level: number, text: string): void {
    if (text === "") return;
    for (const l of text.split("\n")) this.lines.push(l === "" ? "" : "\t".repeat(level) + xml_escape(l, false));
  }
  toString(): string {
    return this.lines.join("\n") + "\n";
  }
}

function attr(name: string, value: string | undefined): string {
  return value === undefined ? "" : ` ${name}="${xml_escape(value, true)}"`;
}

function type_attrs(t: TypeDoc): string {
  return attr("type", t.type) + attr("enum", t.enum) + (t.enum !== undefined && t.is_bitfield ? attr("is_bitfield", "true") : "");
}

function note_attrs(item: { deprecated?: string | undefined; experimental?: string | undefined; keywords?: string | undefined }): string {
  return attr("deprecated", item.deprecated) + attr("experimental", item.experimental) + attr("keywords", item.keywords);
}

function write_params(out: Out, level: number, params: readonly ParamDoc[]): void {
  for (const p of params) {
    out.line(level, `<param${attr("index", String(p.index))}${attr("name", p.name)}${type_attrs(p)}${attr("default", p.default)} />`);
  }
}

function write_description(out: Out, level: number, text: string): void {
  out.line(level, "<description>");
  out.text(level + 1, text);
  out.line(level, "</description>");
}

function write_method(out: Out, m: MethodDoc): void {
  const qualifiers = m.qualifiers !== undefined && m.qualifiers !== "" ? attr("qualifiers", m.qualifiers) : "";
  out.line(2, `<method${attr("name", m.name)}${qualifiers}${note_attrs(m)}>`);
  out.line(3, `<return${type_attrs(m.return)} />`);
  for (const n of m.returns_error ?? []) out.line(3, `<returns_error${attr("number", String(n))} />`);
  write_params(out, 3, m.params);
  write_description(out, 3, m.description);
  out.line(2, "</method>");
}

function write_member(out: Out, m: MemberDoc): void {
  const head =
    `<member${attr("name", m.name)}${attr("type", m.type)}${attr("setter", m.setter)}${attr("getter", m.getter)}` +
    attr("overrides", m.overrides) +
    attr("enum", m.enum) +
    (m.enum !== undefined && m.is_bitfield ? attr("is_bitfield", "true") : "") +
    attr("default", m.default) +
    note_attrs(m);
  if (m.overrides !== undefined) {
    out.line(2, `${head} />`);
    return;
  }
  out.line(2, `${head}>`);
  out.text(3, m.description);
  out.line(2, "</member>");
}

function write_signal(out: Out, s: SignalDoc): void {
  out.line(2, `<signal${attr("name", s.name)}${note_attrs(s)}>`);
  write_params(out, 3, s.params);
  write_description(out, 3, s.description);
  out.line(2, "</signal>");
}

function write_constant(out: Out, c: ConstantDoc): void {
  const head =
    `<constant${attr("name", c.name)}${attr("value", c.value)}${attr("enum", c.enum)}` +
    (c.enum !== undefined && c.is_bitfield ? attr("is_bitfield", "true") : "") +
    note_attrs(c);
  out.line(2, `${head}>`);
  out.text(3, c.description);
  out.line(2, "</constant>");
}

function section<T>(out: Out, name: string, items: readonly T[], write: (out: Out, item: T) => void): void {
  if (items.length === 0) return;
  out.line(1, `<${name}>`);
  for (const item of items) write(out, item);
  out.line(1, `</${name}>`);
}

export function write_class_doc(doc: ClassDoc): string {
  const out = new Out();
  out.line(0, '<?xml version="1.0" encoding="UTF-8" ?>');
  // As the engine: deprecated/experimental on a class are written only when it has a parent.
  const class_notes =
    doc.inherits !== undefined ? attr("deprecated", doc.deprecated) + attr("experimental", doc.experimental) : "";
  out.line(0, `<class${attr("name", doc.name)}${attr("inherits", doc.inherits)}${class_notes}${attr("keywords", doc.keywords)}>`);
  out.line(1, "<brief_description>");
  out.text(2, doc.brief_description);
  out.line(1, "</brief_description>");
  write_description(out, 1, doc.description);
  out.line(1, "<tutorials>");
  for (const link of doc.tutorials) out.line(2, `<link${attr("title", link.title)}>${xml_escape(link.url, false)}</link>`);
  out.line(1, "</tutorials>");
  section(out, "methods", by_name(doc.methods, natural_compare), write_method);
  section(out, "members", by_name(doc.members, plain_compare), write_member);
  section(out, "signals", by_name(doc.signals, natural_compare), write_signal);
  section(out, "constants", doc.constants, write_constant);
  out.line(0, "</class>");
  return out.toString();
}
