/**
 * Class XML → a Markdown class reference in the shape of the engine's online
 * one: inheritance line, inherited-by, brief and description, tables of
 * properties (with defaults) and methods, signals, enums with their values,
 * constants, then one entry per property (with setter/getter) and per method.
 * Every class, member, method, signal, enum and constant has an anchor, and
 * BBCode references become links to them.
 */
import type { BBTarget } from "./bbcode_render.js";
import { render_bbcode } from "./bbcode_render.js";
import type { Resolved } from "./bbcode.js";
import { GLOBAL_SCOPE, type ClassDoc, type ConstantDoc, type MethodDoc, type ParamDoc, type TypeDoc } from "./class_doc.js";
import { natural_compare } from "./class_doc_writer.js";
import type { DocIndex } from "./doc_index.js";

export function md_file_name(class_name: string): string {
  return `class_${class_name.toLowerCase()}.md`;
}

export interface MarkdownOptions {
  /** Heading of index.md. */
  readonly title: string;
  /** The XML folder, relative to the repository, named in each page's header comment. */
  readonly source_dir: string;
  /** Path from this folder to the Markdown of each layer below, nearest first, with a trailing `/` (`../`). */
  readonly lower_prefixes: readonly string[];
}

/** The core layer's: docs/classes/ from doc_classes/. */
export const CORE_MARKDOWN: MarkdownOptions = { title: "gdnet class reference", source_dir: "doc_classes", lower_prefixes: [] };

type AnchorKind = "method" | "property" | "signal" | "constant";

function anchor(class_name: string, kind: AnchorKind, name: string): string {
  return `class_${class_name.toLowerCase()}_${kind}_${name.toLowerCase()}`;
}

function enum_anchor(class_name: string, enum_name: string): string {
  return `enum_${class_name.toLowerCase()}_${enum_name.toLowerCase().replace(/\./g, "_")}`;
}

/** Escapes what Markdown would read as markup (and `|`, for table cells). */
function esc(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => (c === "<" ? "&lt;" : c === ">" ? "&gt;" : `\\${c}`));
}

function code(text: string): string {
  const fence = text.includes("`") ? "``" : "`";
  return `${fence}${fence.length > 1 ? " " : ""}${text}${fence.length > 1 ? " " : ""}${fence}`;
}

class Page {
  constructor(
    readonly doc: ClassDoc,
    readonly index: DocIndex,
    readonly options: MarkdownOptions,
  ) {}

  /** The page of a class: in this folder, or in a lower layer's. */
  page_of(class_name: string): string {
    const depth = this.index.depth_of(class_name);
    return `${depth > 0 ? (this.options.lower_prefixes[depth - 1] ?? "") : ""}${md_file_name(class_name)}`;
  }

  /** A link to `target_anchor` in `class_name`'s page (same page: anchor only). */
  href(class_name: string, target_anchor: string): string {
    return class_name === this.doc.name ? `#${target_anchor}` : `${this.page_of(class_name)}#${target_anchor}`;
  }

  class_link(name: string): string {
    if (this.index.has_class(name) || name === GLOBAL_SCOPE) {
      return name === this.doc.name ? `**${esc(name)}**` : `[${esc(name)}](${this.page_of(name)})`;
    }
    return code(name);
  }

  type(t: TypeDoc): string {
    if (t.enum !== undefined) {
      const found = this.index.find_enum(this.doc.name, t.enum);
      const label = esc(t.enum.slice(t.enum.lastIndexOf(".") + 1));
      const link = found ? `[${label}](${this.href(found.owner, enum_anchor(found.owner, found.name))})` : code(t.enum);
      return t.is_bitfield ? `BitField[${link}]` : link;
    }
    if (t.type.endsWith("[]")) return `Array[${this.type({ type: t.type.slice(0, -2) })}]`;
    return this.class_link(t.type);
  }

  params(params: readonly ParamDoc[], vararg: boolean): string {
    const list = params.map((p) => `${esc(p.name)}: ${this.type(p)}${p.default !== undefined ? ` = ${code(p.default)}` : ""}`);
    if (vararg) list.push("...");
    return `(${list.join(", ")})`;
  }

  qualifiers(m: MethodDoc): string {
    const q = (m.qualifiers ?? "").split(" ").filter((w) => w !== "" && w !== "vararg");
    return q.length > 0 ? ` ${q.map((w) => `*${w}*`).join(" ")}` : "";
  }

  target(): BBTarget {
    const link = (r: Resolved, label: string): string => {
      switch (r.kind) {
        case "class":
          return this.class_link(r.name);
        case "param":
          return code(r.name);
        case "enum":
          return `[${esc(label)}](${this.href(r.owner, enum_anchor(r.owner, r.name))})`;
        default: {
          const kind: AnchorKind = r.kind === "member" ? "property" : r.kind;
          return `[${code(label)}](${this.href(r.owner, anchor(r.owner, kind, r.name))})`;
        }
      }
    };
    return {
      text: esc,
      paragraph: () => "\n\n",
      line_break: () => "  \n",
      reference: link,
      unresolved: (label) => code(label),
      code,
      code_block: (text, language) => `\`\`\`${language}\n${text}\n\`\`\``,
      bold: (inner) => `**${inner}**`,
      italic: (inner) => `*${inner}*`,
      kbd: (inner) => `<kbd>${inner}</kbd>`,
      link: (url, inner) => `[${inner}](${url})`,
    };
  }

  text(description: string, params?: readonly string[]): string {
    return render_bbcode(description, this.index, { class_name: this.doc.name, params }, this.target()).trim();
  }
}

function notes(item: { deprecated?: string | undefined; experimental?: string | undefined }): string {
  let out = "";
  if (item.deprecated !== undefined) out += `**Deprecated.** ${esc(item.deprecated)}\n\n`;
  if (item.experimental !== undefined) out += `**Experimental.** ${esc(item.experimental)}\n\n`;
  return out;
}

function constant_entry(p: Page, c: ConstantDoc, prefix: string): string {
  const id = anchor(p.doc.name, "constant", c.name);
  return `<a id="${id}"></a>${prefix}**${esc(c.name)}** = ${code(c.value)}\n\n${notes(c)}${p.text(c.description)}\n`;
}

export function markdown_for_class(doc: ClassDoc, index: DocIndex, options: MarkdownOptions = CORE_MARKDOWN): string {
  const p = new Page(doc, index, options);
  const out: string[] = [];
  out.push(`<!-- Generated by \`npm run gen:docs\` from ${options.source_dir}/${doc.name}.xml. Do not edit. -->\n`);
  out.push(`<a id="class_${doc.name.toLowerCase()}"></a>\n\n# ${esc(doc.name)}\n`);
  const ancestors = index.chain(doc.name).slice(1).map((d) => d.name);
  if (doc.inherits !== undefined && !ancestors.includes(doc.inherits)) ancestors.unshift(doc.inherits);
  if (ancestors.length > 0) out.push(`**Inherits:** ${ancestors.map((a) => p.class_link(a)).join(" **<** ")}\n`);
  const children = index.children(doc.name);
  if (children.length > 0) out.push(`**Inherited By:** ${children.map((c) => p.class_link(c)).join(", ")}\n`);
  out.push(notes(doc) + p.text(doc.brief_description) + "\n");
  if (doc.description !== "") out.push(`## Description\n\n${p.text(doc.description)}\n`);
  if (doc.tutorials.length > 0) {
    out.push(`## Tutorials\n\n${doc.tutorials.map((t) => `- [${esc(t.title ?? t.url)}](${t.url})`).join("\n")}\n`);
  }
  const members = [...doc.members].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  if (members.length > 0) {
    const rows = members.map((m) => {
      const name =
        m.overrides !== undefined
          ? `${esc(m.name)} (overrides ${p.class_link(m.overrides)})`
          : `[${esc(m.name)}](#${anchor(doc.name, "property", m.name)})`;
      return `| ${p.type(m)} | ${name} | ${m.default !== undefined ? code(m.default) : ""} |`;
    });
    out.push(`## Properties\n\n| Type | Name | Default |\n| --- | --- | --- |\n${rows.join("\n")}\n`);
  }
  const methods = [...doc.methods].sort((a, b) => natural_compare(a.name, b.name));
  if (methods.length > 0) {
    const rows = methods.map((m) => {
      const vararg = (m.qualifiers ?? "").split(" ").includes("vararg");
      return `| ${p.type(m.return)} | [${esc(m.name)}](#${anchor(doc.name, "method", m.name)})${p.params(m.params, vararg)}${p.qualifiers(m)} |`;
    });
    out.push(`## Methods\n\n| Return | Method |\n| --- | --- |\n${rows.join("\n")}\n`);
  }
  const signals = [...doc.signals].sort((a, b) => natural_compare(a.name, b.name));
  if (signals.length > 0) {
    const entries = signals.map(
      (s) =>
        `<a id="${anchor(doc.name, "signal", s.name)}"></a>**${esc(s.name)}**${p.params(s.params, false)}\n\n${notes(s)}${p.text(s.description, s.params.map((x) => x.name))}\n`,
    );
    out.push(`## Signals\n\n${entries.join("\n---\n\n")}`);
  }
  const enums = index.enums_of(doc.name);
  if (enums.size > 0) {
    const entries = [...enums].map(([name, constants]) => {
      const kind = constants.some((c) => c.is_bitfield) ? "flags" : "enum";
      const head = `<a id="${enum_anchor(doc.name, name)}"></a>${kind} **${esc(name)}**:\n\n`;
      return head + constants.map((c) => constant_entry(p, c, `${p.type({ type: "int", enum: name })} `)).join("\n");
    });
    out.push(`## Enumerations\n\n${entries.join("\n---\n\n")}`);
  }
  const plain = doc.constants.filter((c) => c.enum === undefined);
  if (plain.length > 0) out.push(`## Constants\n\n${plain.map((c) => constant_entry(p, c, "")).join("\n")}`);
  const described = members.filter((m) => m.overrides === undefined);
  if (described.length > 0) {
    const entries = described.map((m) => {
      let s = `<a id="${anchor(doc.name, "property", m.name)}"></a>${p.type(m)} **${esc(m.name)}**${m.default !== undefined ? ` = ${code(m.default)}` : ""}\n\n`;
      if (m.setter !== "") s += `- \`void\` **${esc(m.setter)}**(value: ${p.type(m)})\n`;
      s += `- ${p.type(m)} **${esc(m.getter)}**()\n\n`;
      return s + notes(m) + p.text(m.description) + "\n";
    });
    out.push(`## Property Descriptions\n\n${entries.join("\n---\n\n")}`);
  }
  if (methods.length > 0) {
    const entries = methods.map((m) => {
      const vararg = (m.qualifiers ?? "").split(" ").includes("vararg");
      const head = `<a id="${anchor(doc.name, "method", m.name)}"></a>${p.type(m.return)} **${esc(m.name)}**${p.params(m.params, vararg)}${p.qualifiers(m)}\n\n`;
      return head + notes(m) + p.text(m.description, m.params.map((x) => x.name)) + "\n";
    });
    out.push(`## Method Descriptions\n\n${entries.join("\n---\n\n")}`);
  }
  return out.join("\n").replace(/\n{3,}/g, "\n\n");
}

/** Every page (file name → content), plus an index listing the classes. */
export function generate_markdown(docs: ReadonlyMap<string, ClassDoc>, index: DocIndex, options: MarkdownOptions = CORE_MARKDOWN): Map<string, string> {
  const files = new Map<string, string>();
  const names = [...docs.keys()].sort();
  for (const name of names) {
    const doc = docs.get(name);
    if (doc) files.set(md_file_name(name), markdown_for_class(doc, index, options));
  }
  let list = `<!-- Generated by \`npm run gen:docs\` from ${options.source_dir}/. Do not edit. -->\n\n# ${options.title}\n\n`;
  for (const name of names) {
    const doc = docs.get(name);
    const brief = doc ? render_bbcode(doc.brief_description, index, { class_name: name }, new Page(doc, index, options).target()).trim() : "";
    list += `- [${esc(name)}](${md_file_name(name)}): ${brief}\n`;
  }
  files.set("index.md", list);
  return files;
}
