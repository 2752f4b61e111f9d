/**
 * Class XML → ClassDoc. Everything class.xsd does not allow is reported with
 * file:line: malformed XML, an unknown element or attribute (a misspelling), a
 * malformed value (index, qualifiers, is_bitfield, a type name). Whether type
 * and class names exist is checked later, across the whole doc set
 * (doc_set.ts), since that needs the other files.
 */
import type { z } from "zod";
import {
  ClassAttrs,
  ConstantAttrs,
  LinkAttrs,
  MemberAttrs,
  MethodAttrs,
  ParamAttrs,
  ReturnAttrs,
  ReturnsErrorAttrs,
  SignalAttrs,
  type ClassDoc,
  type ConstantDoc,
  type LinkDoc,
  type MemberDoc,
  type MethodDoc,
  type ParamDoc,
  type SignalDoc,
  type TypeDoc,
} from "./class_doc.js";
import type { Diagnostic } from "./diagnostics.js";
import { parse_xml, type XmlElement } from "./xml_tree.js";

export interface ClassDocParseResult {
  doc: ClassDoc | null;
  diagnostics: Diagnostic[];
}

/** Removes blank edge lines, the indentation common to all lines, and trailing spaces. */
export function dedent_text(raw: string): string {
  const lines = raw.replace(/\r\n?/g, "\n").split("\n");
  while (lines.length > 0 && (lines[0] ?? "").trim() === "") lines.shift();
  while (lines.length > 0 && (lines[lines.length - 1] ?? "").trim() === "") lines.pop();
  let common: string | null = null;
  for (const l of lines) {
    if (l.trim() === "") continue;
    const indent = /^[ \t]*/.exec(l)?.[0] ?? "";
    if (common === null) common = indent;
    else {
      let n = 0;
      while (n < common.length && n < indent.length && common[n] === indent[n]) n++;
      common = common.slice(0, n);
    }
  }
  const cut = common?.length ?? 0;
  return lines.map((l) => (l.trim() === "" ? "" : l.slice(cut).trimEnd())).join("\n");
}

/** The first line of `element`'s dedented text. */
function text_line(element: XmlElement): number | undefined {
  return element.text_line;
}

class Reader {
  readonly diagnostics: Diagnostic[] = [];
  constructor(private readonly file: string) {}

  error(line: number | undefined, message: string): void {
    this.diagnostics.push({ file: this.file, line, message });
  }

  /** Validates an element's attributes; null when they are not valid. */
  attrs<S extends z.ZodType>(element: XmlElement, schema: S): z.infer<S> | null {
    const result = schema.safeParse(element.attrs);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          this.error(element.attr_lines[key] ?? element.line, `unknown attribute "${key}" on <${element.name}>`);
        }
        continue;
      }
      const key = String(issue.path[0] ?? "");
      const value = element.attrs[key];
      if (value === undefined) this.error(element.line, `<${element.name}> is missing attribute "${key}"`);
      else this.error(element.attr_lines[key] ?? element.line, `<${element.name}> attribute ${key}="${value}" ${issue.message}`);
    }
    return null;
  }

  /** Complains about children outside `allowed` and about text where only elements belong. */
  expect_children(element: XmlElement, allowed: readonly string[]): XmlElement[] {
    for (const child of element.children) {
      if (!allowed.includes(child.name)) {
        this.error(
          child.line,
          `unknown element <${child.name}> in <${element.name}>` +
            (allowed.length > 0 ? ` (expected ${allowed.map((a) => `<${a}>`).join(", ")})` : " (it takes no child elements)"),
        );
      }
    }
    if (element.text.trim() !== "" && allowed.length > 0) {
      this.error(element.text_line ?? element.line, `unexpected text in <${element.name}>`);
    }
    return element.children.filter((c) => allowed.includes(c.name));
  }

  /** Text-only element: no children allowed. */
  text_of(element: XmlElement): string {
    this.expect_children(element, []);
    return dedent_text(element.text);
  }

  single(parent: XmlElement, name: string): XmlElement | undefined {
    const found = parent.children.filter((c) => c.name === name);
    for (const extra of found.slice(1)) this.error(extra.line, `<${name}> appears more than once in <${parent.name}>`);
    return found[0];
  }
}

function type_doc(attrs: { type: string; enum?: string | undefined; is_bitfield?: string | undefined }): TypeDoc {
  const t: TypeDoc = { type: attrs.type };
  if (attrs.enum !== undefined) t.enum = attrs.enum;
  if (attrs.is_bitfield === "true") t.is_bitfield = true;
  return t;
}

/** deprecated/experimental/keywords, including the 4.0-4.2 boolean spellings. */
function notes(
  attrs: {
    deprecated?: string | undefined;
    experimental?: string | undefined;
    keywords?: string | undefined;
    is_deprecated?: string | undefined;
    is_experimental?: string | undefined;
  },
  into: { deprecated?: string | undefined; experimental?: string | undefined; keywords?: string | undefined },
): void {
  const deprecated = attrs.deprecated ?? (attrs.is_deprecated === "true" ? "" : undefined);
  const experimental = attrs.experimental ?? (attrs.is_experimental === "true" ? "" : undefined);
  if (deprecated !== undefined) into.deprecated = deprecated;
  if (experimental !== undefined) into.experimental = experimental;
  if (attrs.keywords !== undefined) into.keywords = attrs.keywords;
}

function read_params(r: Reader, elements: XmlElement[]): ParamDoc[] {
  const params: ParamDoc[] = [];
  for (const el of elements) {
    r.expect_children(el, []);
    const a = r.attrs(el, ParamAttrs);
    if (!a) continue;
    const index = Number(a.index);
    if (index !== params.length) r.error(el.attr_lines.index ?? el.line, `<param> index="${a.index}" out of sequence (expected ${params.length})`);
    const p: ParamDoc = { index, name: a.name, ...type_doc(a), line: el.line };
    if (a.default !== undefined) p.default = a.default;
    params.push(p);
  }
  return params;
}

function read_description(r: Reader, parent: XmlElement): { description: string; description_line?: number } {
  const el = r.single(parent, "description");
  if (!el) {
    r.error(parent.line, `<${parent.name}> has no <description>`);
    return { description: "" };
  }
  const line = text_line(el);
  return line === undefined ? { description: r.text_of(el) } : { description: r.text_of(el), description_line: line };
}

function read_method(r: Reader, el: XmlElement): MethodDoc | null {
  const children = r.expect_children(el, ["return", "returns_error", "param", "description"]);
  const a = r.attrs(el, MethodAttrs);
  // Read the children even when the attributes are wrong, so every error is reported at once.
  const ret_el = r.single(el, "return");
  let ret: TypeDoc = { type: "void" };
  if (ret_el) {
    r.expect_children(ret_el, []);
    const ra = r.attrs(ret_el, ReturnAttrs);
    if (ra) ret = type_doc(ra);
  }
  const params = read_params(r, children.filter((c) => c.name === "param"));
  const returns_error: number[] = [];
  for (const e of children.filter((c) => c.name === "returns_error")) {
    r.expect_children(e, []);
    const ea = r.attrs(e, ReturnsErrorAttrs);
    if (ea) returns_error.push(Number(ea.number));
  }
  const description = read_description(r, el);
  if (!a) return null;
  const method: MethodDoc = { name: a.name, return: ret, params, ...description, line: el.line };
  if (a.qualifiers !== undefined && a.qualifiers !== "") method.qualifiers = a.qualifiers;
  if (returns_error.length > 0) method.returns_error = returns_error;
  notes(a, method);
  return method;
}

function read_member(r: Reader, el: XmlElement): MemberDoc | null {
  const a = r.attrs(el, MemberAttrs);
  const description = r.text_of(el);
  if (!a) return null;
  const member: MemberDoc = { name: a.name, ...type_doc(a), setter: a.setter, getter: a.getter, description, line: el.line };
  const line = text_line(el);
  if (line !== undefined) member.description_line = line;
  if (a.overrides !== undefined) member.overrides = a.overrides;
  if (a.default !== undefined) member.default = a.default;
  notes(a, member);
  return member;
}

function read_signal(r: Reader, el: XmlElement): SignalDoc | null {
  const children = r.expect_children(el, ["param", "description"]);
  const a = r.attrs(el, SignalAttrs);
  const params = read_params(r, children.filter((c) => c.name === "param"));
  const description = read_description(r, el);
  if (!a) return null;
  const signal: SignalDoc = { name: a.name, params, ...description, line: el.line };
  notes(a, signal);
  return signal;
}

function read_constant(r: Reader, el: XmlElement): ConstantDoc | null {
  const a = r.attrs(el, ConstantAttrs);
  const description = r.text_of(el);
  if (!a) return null;
  const constant: ConstantDoc = { name: a.name, value: a.value, description, line: el.line };
  const line = text_line(el);
  if (line !== undefined) constant.description_line = line;
  if (a.enum !== undefined) constant.enum = a.enum;
  if (a.is_bitfield === "true") constant.is_bitfield = true;
  notes(a, constant);
  return constant;
}

/** Reads a list section like <methods>, complaining about duplicate names. */
function read_list<T extends { name: string; line?: number | undefined }>(
  r: Reader,
  section: XmlElement | undefined,
  item: string,
  read: (r: Reader, el: XmlElement) => T | null,
): T[] {
  if (!section) return [];
  const out: T[] = [];
  const seen = new Set<string>();
  for (const el of r.expect_children(section, [item])) {
    const value = read(r, el);
    if (!value) continue;
    if (seen.has(value.name)) r.error(el.line, `<${item}> "${value.name}" appears more than once`);
    seen.add(value.name);
    out.push(value);
  }
  return out;
}

const CLASS_CHILDREN = ["brief_description", "description", "tutorials", "methods", "members", "signals", "constants"];
/** class.xsd elements that only the engine's builtin types, GDScript or Controls use. */
const UNUSED_CLASS_CHILDREN = ["constructors", "operators", "annotations", "theme_items"];

export function parse_class_doc(text: string, file: string, line_offset = 0): ClassDocParseResult {
  const { root, diagnostics } = parse_xml(text, file, line_offset);
  if (!root) return { doc: null, diagnostics };
  const r = new Reader(file);
  if (root.name !== "class") {
    r.error(root.line, `root element is <${root.name}>, expected <class>`);
    return { doc: null, diagnostics: r.diagnostics };
  }
  for (const child of root.children) {
    if (UNUSED_CLASS_CHILDREN.includes(child.name)) {
      r.error(child.line, `<${child.name}> is a class.xsd element for builtin types, GDScript or Controls; gdnet classes have none`);
    }
  }
  const allowed = [...CLASS_CHILDREN, ...UNUSED_CLASS_CHILDREN];
  r.expect_children(root, allowed);
  const a = r.attrs(root, ClassAttrs);
  const brief = r.single(root, "brief_description");
  const description = r.single(root, "description");
  if (!brief) r.error(root.line, "<class> has no <brief_description>");
  if (!description) r.error(root.line, "<class> has no <description>");
  const tutorials_el = r.single(root, "tutorials");
  const tutorials: LinkDoc[] = [];
  if (tutorials_el) {
    for (const link of r.expect_children(tutorials_el, ["link"])) {
      const la = r.attrs(link, LinkAttrs);
      const url = r.text_of(link).trim();
      if (url === "") r.error(link.line, "<link> has no URL");
      const doc: LinkDoc = { url, line: link.line };
      if (la?.title !== undefined) doc.title = la.title;
      tutorials.push(doc);
    }
  }
  const doc: ClassDoc = {
    name: a?.name ?? root.attrs.name ?? "",
    brief_description: brief ? r.text_of(brief) : "",
    description: description ? r.text_of(description) : "",
    tutorials,
    methods: read_list(r, r.single(root, "methods"), "method", read_method),
    members: read_list(r, r.single(root, "members"), "member", read_member),
    signals: read_list(r, r.single(root, "signals"), "signal", read_signal),
    constants: read_list(r, r.single(root, "constants"), "constant", read_constant),
    line: root.line,
  };
  const brief_line = brief ? text_line(brief) : undefined;
  if (brief_line !== undefined) doc.brief_description_line = brief_line;
  const description_line = description ? text_line(description) : undefined;
  if (description_line !== undefined) doc.description_line = description_line;
  if (a?.inherits !== undefined) doc.inherits = a.inherits;
  if (a) notes(a, doc);
  const all = [...diagnostics, ...r.diagnostics];
  return { doc: all.length > 0 ? null : doc, diagnostics: all };
}

/** Cuts the XML out of a file that has other lines before `<?xml` (the seeds); keeps line numbers. */
export function parse_class_doc_in_file(text: string, file: string): ClassDocParseResult {
  const start = text.indexOf("<?xml");
  if (start <= 0) return parse_class_doc(start < 0 ? text : text.slice(start), file);
  const offset = text.slice(0, start).split("\n").length - 1;
  return parse_class_doc(text.slice(start), file, offset);
}
