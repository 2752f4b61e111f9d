/**
 * Class XML → one TypeScript file per class in src/gen/: `interface <Class>Api`
 * (instance methods and members, TSDoc from the descriptions), `<Class>Statics`
 * (constants and static methods) and `<Class>Signals` (signal argument
 * tuples). Implementation classes `implements` the Api, so tsc fails when
 * code and docs part ways.
 */
import { dirname, join, relative } from "node:path";
import type { BBTarget } from "./bbcode_render.js";
import { render_bbcode } from "./bbcode_render.js";
import { GLOBAL_SCOPE, type ClassDoc, type MethodDoc, type ParamDoc, type TypeDoc } from "./class_doc.js";
import { godot4_type_name } from "../../src/core/object/type_info.js";
import type { DocIndex } from "./doc_index.js";
import { find_enum, type TsEnum } from "./enum_locator.js";

export interface TypingsOptions {
  /** Absolute path of src/ (imports are written relative to `out_dir`). */
  readonly src_dir: string;
  /** Absolute path of the layer's gen folder (src/gen/, src/gen/godot3/). */
  readonly out_dir: string;
  /** Gen folders of the layers below, nearest first: a class found there is imported from there (DocIndex.depth_of). */
  readonly lower_out_dirs?: readonly string[];
  /** Enums found in src/ (enum_locator.ts). */
  readonly enums: readonly TsEnum[];
}

/** Engine class names that shadow JS globals take the C# binding's names in TS. */
const TS_CLASS_NAMES: Readonly<Record<string, string>> = { Object: "GodotObject", Error: "GodotError" };

/** `WebSocketPeer` → `web_socket_peer`, `StreamPeerTCP` → `stream_peer_tcp`, `@GlobalScope` → `global_scope`. */
export function snake_case(name: string): string {
  return name
    .replace(/^@/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

export function gen_file_name(class_name: string): string {
  return `${snake_case(class_name)}.gen.ts`;
}

const RESERVED = new Set(
  ("break case catch class const continue debugger default delete do else enum export extends false finally for function if import in " +
    "instanceof new null return super switch this throw true try typeof var void while with implements interface let package private " +
    "protected public static yield arguments eval await").split(" "),
);

function param_name(name: string): string {
  return RESERVED.has(name) ? `${name}_` : name;
}

type Position = "param" | "value";

class FileBuilder {
  private readonly imports = new Map<string, Map<string, string>>(); // module → (exported name → local name)
  private readonly local_types: string[] = [];

  constructor(
    private readonly doc: ClassDoc,
    private readonly index: DocIndex,
    private readonly options: TypingsOptions,
  ) {}

  import_type(module_path: string, name: string, local = name): string {
    const names = this.imports.get(module_path) ?? new Map<string, string>();
    names.set(name, local);
    this.imports.set(module_path, names);
    return local;
  }

  private module_of(abs_file: string): string {
    let rel = relative(this.options.out_dir, abs_file).replace(/\\/g, "/").replace(/\.ts$/, ".js");
    if (!rel.startsWith(".")) rel = `./${rel}`;
    return rel;
  }

  private src_module(path_in_src: string): string {
    return this.module_of(join(this.options.src_dir, path_in_src));
  }

  /** A class type: its generated interface (so gen files depend only on each other), in this layer's folder or a lower one's. */
  class_type(name: string): string {
    if (name === this.doc.name) return `${name}Api`;
    if (!this.index.has_class(name)) return "unknown";
    const depth = this.index.depth_of(name);
    const lower = depth > 0 ? this.options.lower_out_dirs?.[depth - 1] : undefined;
    const module_path = lower !== undefined ? this.module_of(join(lower, gen_file_name(name))) : `./${gen_file_name(name).replace(/\.ts$/, ".js")}`;
    return this.import_type(module_path, `${name}Api`);
  }

  /** An enum type: the TS enum that implements it, or the union of its values. */
  enum_type(enum_name: string): string {
    const found = this.index.find_enum(this.doc.name, enum_name);
    if (!found) return "number";
    const constants = (this.index.docs.get(found.owner)?.constants ?? []).filter((c) => c.enum === found.name);
    const members = new Map(constants.map((c) => [c.name, Number(c.value)]));
    const ts_name = TS_CLASS_NAMES[found.name] ?? found.name;
    const decl = find_enum(this.options.enums, ts_name, members);
    if (decl) {
      const local = found.owner === GLOBAL_SCOPE ? ts_name : `${found.owner}_${found.name}`;
      return this.import_type(this.module_of(decl.file), decl.name, local);
    }
    const alias = `${found.owner === GLOBAL_SCOPE ? "" : `${found.owner}_`}${found.name.replace(/\./g, "_")}`;
    if (!this.local_types.some((t) => t.includes(`type ${alias} `))) {
      const values = [...new Set(constants.map((c) => c.value))].join(" | ") || "number";
      this.local_types.push(`/** Values of ${found.owner === GLOBAL_SCOPE ? "" : `${found.owner}.`}${found.name} (no TS enum found for it in src/). */\nexport type ${alias} = ${values};`);
    }
    return alias;
  }

  type(t: TypeDoc, position: Position): string {
    if (t.enum !== undefined) return t.type === "int" ? this.enum_type(t.enum) : "number";
    if (t.type.endsWith("[]")) {
      const item = this.type({ type: t.type.slice(0, -2) }, "value");
      const wrapped = /^[\w.]+$/.test(item) ? `${item}[]` : `(${item})[]`;
      return position === "param" ? `readonly ${wrapped}` : wrapped;
    }
    // Godot 3 names (PoolStringArray, Transform, Quat) hold the same values as their Godot 4 types.
    switch (godot4_type_name(t.type)) {
      case "void":
        return "void";
      case "bool":
        return "boolean";
      case "int":
      case "float":
        return "number";
      case "String":
      case "StringName":
      case "NodePath":
        return "string";
      case "Variant":
        return "unknown";
      case "PackedByteArray":
        return "Uint8Array";
      case "PackedInt32Array":
        return "Int32Array";
      case "PackedInt64Array":
        return "BigInt64Array";
      case "PackedFloat32Array":
        return "Float32Array";
      case "PackedFloat64Array":
        return "Float64Array";
      case "PackedStringArray":
        return position === "param" ? "readonly string[]" : "string[]";
      case "Array":
        return position === "param" ? "readonly unknown[]" : "unknown[]";
      case "Dictionary":
        // A Dictionary (Map) or the plain objects some Object methods return.
        return "object";
      case "Callable":
        return this.import_type(this.src_module("core/object/callable.ts"), "Callable");
      default: {
        if (this.index.is_builtin(t.type)) return "unknown";
        // Any object-typed value may be null in the engine's API (an empty Ref, a missing node).
        const cls = this.class_type(t.type);
        return cls === "unknown" ? cls : `${cls} | null`;
      }
    }
  }

  render_imports(): string {
    const lines: string[] = [];
    for (const [module_path, names] of [...this.imports].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const specs = [...names]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, local]) => (name === local ? name : `${name} as ${local}`));
      lines.push(`import type { ${specs.join(", ")} } from "${module_path}";`);
    }
    return lines.join("\n");
  }

  render_local_types(): string {
    return this.local_types.join("\n\n");
  }
}

function escape_comment(text: string): string {
  return text.replace(/\*\//g, "*\\/");
}

function tsdoc_target(): BBTarget {
  const tick = (s: string): string => (s.includes("`") ? `\`\` ${s} \`\`` : `\`${s}\``);
  return {
    text: (s) => s,
    paragraph: () => "\n\n",
    line_break: () => "\n",
    reference: (r, label) => {
      switch (r.kind) {
        case "class":
          return `{@link ${r.name}}`;
        case "param":
          return tick(r.name);
        case "signal":
          return `${tick(r.name)} (signal)`;
        case "enum":
          return r.owner === GLOBAL_SCOPE ? `{@link ${TS_CLASS_NAMES[r.name] ?? r.name}}` : `{@link ${r.owner}.${r.name}}`;
        case "constant":
          return r.owner === GLOBAL_SCOPE ? `{@link ${r.name}}` : `{@link ${r.owner}.${r.name}}`;
        default: {
          // A setter/getter reference resolves to its property: keep the name the text used.
          const shown = label.slice(label.lastIndexOf(".") + 1);
          return shown === r.name ? `{@link ${r.owner}.${r.name}}` : `{@link ${r.owner}.${r.name} | ${shown}}`;
        }
      }
    },
    unresolved: (label) => tick(label),
    code: tick,
    code_block: (code, language) => `\`\`\`${language}\n${code}\n\`\`\``,
    bold: (inner) => `**${inner}**`,
    italic: (inner) => `*${inner}*`,
    kbd: (inner) => tick(inner),
    link: (url, inner) => `[${inner}](${url})`,
  };
}

/** A TSDoc block at `indent`, or "" for no text. */
function tsdoc(lines: string[], indent: string): string {
  const body = lines.filter((l) => l.trim() !== "").join("\n\n").replace(/\n{3,}/g, "\n\n").trim();
  if (body === "") return "";
  const out = escape_comment(body)
    .split("\n")
    .map((l) => (l === "" ? `${indent} *` : `${indent} * ${l}`));
  return `${indent}/**\n${out.join("\n")}\n${indent} */\n`;
}

function notes(item: { deprecated?: string | undefined; experimental?: string | undefined }): string[] {
  const out: string[] = [];
  if (item.deprecated !== undefined) out.push(`@deprecated ${item.deprecated}`.trimEnd());
  if (item.experimental !== undefined) out.push(`@experimental ${item.experimental}`.trimEnd());
  return out;
}

function params_text(b: FileBuilder, params: readonly ParamDoc[], vararg: boolean): string {
  const list = params.map((p) => `${param_name(p.name)}${p.default !== undefined ? "?" : ""}: ${b.type(p, "param")}`);
  if (vararg) list.push("...args: unknown[]");
  return list.join(", ");
}

/**
 * Returns whose TypeScript type is wider than the rule for their XML type.
 * The one case: reads of a full 64-bit int, which exceed 2^53 as often as not;
 * gdnet returns a bigint then (docs/variant_mapping.md), so `number` would lie.
 */
const RETURN_TYPE_OVERRIDES: Readonly<Record<string, string>> = {
  "StreamPeer.get_64": "number | bigint",
  "StreamPeer.get_u64": "number | bigint",
};

function method_text(b: FileBuilder, doc: ClassDoc, index: DocIndex, m: MethodDoc): string {
  const qualifiers = (m.qualifiers ?? "").split(" ");
  const description = render_bbcode(m.description, index, { class_name: doc.name, params: m.params.map((p) => p.name) }, tsdoc_target());
  const optional = qualifiers.includes("virtual") ? "?" : "";
  const return_type = RETURN_TYPE_OVERRIDES[`${doc.name}.${m.name}`] ?? b.type(m.return, "value");
  const signature = `${m.name}${optional}(${params_text(b, m.params, qualifiers.includes("vararg"))}): ${return_type};`;
  return tsdoc([description, ...notes(m)], "  ") + `  ${signature}\n`;
}

/** The generated file for one class, or null for @GlobalScope (its enum is GodotError itself). */
export function typings_for_class(doc: ClassDoc, index: DocIndex, options: TypingsOptions, source_file: string): string | null {
  if (doc.name === GLOBAL_SCOPE) return null;
  const b = new FileBuilder(doc, index, options);
  const render = (text: string): string => render_bbcode(text, index, { class_name: doc.name }, tsdoc_target());
  const api = `${doc.name}Api`;
  const parent_api = doc.inherits !== undefined && index.has_class(doc.inherits) ? b.class_type(doc.inherits) : undefined;

  let body = "";
  const instance_methods = doc.methods.filter((m) => !(m.qualifiers ?? "").split(" ").includes("static"));
  const static_methods = doc.methods.filter((m) => (m.qualifiers ?? "").split(" ").includes("static"));
  if (doc.signals.length > 0) {
    const signals = `${doc.name}Signals`;
    body += tsdoc([`Signals of ${doc.name} and their arguments (with the parent's, as \`__signals\` declares them).`], "  ");
    body += `  readonly __signals: ${parent_api ? `${parent_api}["__signals"] & ` : ""}${signals};\n`;
  }
  for (const m of doc.members) {
    if (m.overrides !== undefined) continue;
    const lines = [render(m.description)];
    if (m.default !== undefined) lines.push(`@defaultValue \`${m.default}\``);
    lines.push(...notes(m));
    body += tsdoc(lines, "  ");
    body += `  ${m.setter === "" ? "readonly " : ""}${m.name}: ${b.type(m, "value")};\n`;
    if (m.setter !== "") body += `  ${m.setter}(value: ${b.type(m, "param")}): void;\n`;
    body += `  ${m.getter}(): ${b.type(m, "value")};\n`;
  }
  for (const m of instance_methods) body += method_text(b, doc, index, m);

  let statics = "";
  for (const c of doc.constants) {
    statics += tsdoc([render(c.description), ...notes(c)], "  ");
    statics += `  readonly ${c.name}: number;\n`;
  }
  for (const m of static_methods) statics += method_text(b, doc, index, m);

  let signals_text = "";
  for (const s of doc.signals) {
    const description = render_bbcode(s.description, index, { class_name: doc.name, params: s.params.map((p) => p.name) }, tsdoc_target());
    signals_text += tsdoc([description, ...notes(s)], "  ");
    signals_text += `  ${s.name}: [${s.params.map((p) => `${param_name(p.name)}: ${b.type(p, "value")}`).join(", ")}];\n`;
  }

  const class_comment = tsdoc([render(doc.brief_description), render(doc.description), ...notes(doc)], "");
  let out = `// Generated by \`npm run gen:typings\` from ${source_file}. Do not edit: change the XML (or ClassDB and \`npm run doctool -- --update\`) and regenerate.\n`;
  const imports = b.render_imports();
  if (imports !== "") out += `${imports}\n`;
  const local_types = b.render_local_types();
  if (local_types !== "") out += `\n${local_types}\n`;
  out += `\n${class_comment}export interface ${api}${parent_api ? ` extends ${parent_api}` : ""} {\n${body}}\n`;
  out += `\n/** Constants and static methods of ${doc.name}: check with \`${TS_CLASS_NAMES[doc.name] ?? doc.name} satisfies ${doc.name}Statics;\`. */\n`;
  out += `export interface ${doc.name}Statics {\n${statics}}\n`;
  if (doc.signals.length > 0) out += `\n/** Signals of ${doc.name}: name → argument tuple. */\nexport interface ${doc.name}Signals {\n${signals_text}}\n`;
  return out;
}

/** Every generated file (path relative to out_dir → content), including an index. */
export function generate_typings(docs: ReadonlyMap<string, ClassDoc>, index: DocIndex, options: TypingsOptions, doc_dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const names = [...docs.keys()].filter((n) => n !== GLOBAL_SCOPE).sort();
  const repo_root = dirname(options.src_dir);
  for (const name of names) {
    const doc = docs.get(name);
    if (!doc) continue;
    const source = relative(repo_root, join(doc_dir, `${name}.xml`)).replace(/\\/g, "/");
    const text = typings_for_class(doc, index, options, source);
    if (text !== null) files.set(gen_file_name(name), text);
  }
  let index_text = "// Generated by `npm run gen:typings`: every generated class interface. Do not edit.\n";
  for (const name of names) {
    const doc = docs.get(name);
    const exported = [`${name}Api`, `${name}Statics`, ...(doc && doc.signals.length > 0 ? [`${name}Signals`] : [])];
    index_text += `export type { ${exported.join(", ")} } from "./${gen_file_name(name).replace(/\.ts$/, ".js")}";\n`;
  }
  files.set("index.ts", index_text);
  return files;
}
