/**
 * Godot's doc BBCode: parsed into a small tree, checked (known tags, balanced,
 * references that resolve), then rendered by the generators. The tag set is
 * the one the engine's make_rst accepts; anything else is an error, as there.
 */
import { line_at, type Diagnostic } from "./diagnostics.js";
import type { DocIndex, Found } from "./doc_index.js";

/** Tags that name something: `[method x]`, `[enum Class.X]`, `[param x]`. */
export const REFERENCE_TAGS = ["method", "member", "signal", "constant", "enum", "param", "annotation", "constructor", "operator", "theme_item"] as const;
/** Tags with a closing tag whose content is markup. */
const PAIRED_TAGS = ["b", "i", "u", "center", "kbd", "url", "codeblocks"] as const;
/** Tags whose content is literal text up to the closing tag. */
const RAW_TAGS = ["code", "codeblock", "gdscript", "csharp"] as const;
/** Tags standing alone. */
const SINGLE_TAGS = ["br", "lb", "rb"] as const;

export type ReferenceTag = (typeof REFERENCE_TAGS)[number];

export type BBNode =
  | { kind: "text"; text: string; offset: number }
  | { kind: "ref"; tag: ReferenceTag; target: string; offset: number }
  | { kind: "class"; name: string; offset: number }
  | { kind: "single"; tag: string; offset: number }
  | { kind: "element"; tag: string; arg: string; children: BBNode[]; offset: number }
  | { kind: "raw"; tag: string; arg: string; text: string; offset: number };

export interface BBParseError {
  offset: number;
  message: string;
}

const includes = (list: readonly string[], name: string): boolean => list.includes(name);

/** Splits `name arg` / `name=arg`. */
function split_tag(inner: string): { name: string; arg: string } {
  const m = /^([^\s=]*)[\s=]?(.*)$/s.exec(inner);
  return { name: m?.[1] ?? inner, arg: m?.[2] ?? "" };
}

export function parse_bbcode(text: string): { nodes: BBNode[]; errors: BBParseError[] } {
  const errors: BBParseError[] = [];
  const root: BBNode[] = [];
  const stack: { tag: string; children: BBNode[]; offset: number }[] = [];
  const current = (): BBNode[] => stack[stack.length - 1]?.children ?? root;
  let pos = 0;
  let text_start = 0;
  const flush = (end: number): void => {
    if (end > text_start) current().push({ kind: "text", text: text.slice(text_start, end), offset: text_start });
  };
  while (pos < text.length) {
    const open = text.indexOf("[", pos);
    if (open < 0) break;
    const close = text.indexOf("]", open + 1);
    if (close < 0) break;
    const inner = text.slice(open + 1, close);
    if (inner.includes("[") || inner === "") {
      pos = open + 1;
      continue;
    }
    flush(open);
    pos = close + 1;
    text_start = pos;
    if (inner.startsWith("/")) {
      const name = inner.slice(1);
      const top = stack[stack.length - 1];
      if (top && top.tag === name) {
        stack.pop();
      } else if (includes(PAIRED_TAGS, name) || includes(RAW_TAGS, name)) {
        errors.push({ offset: open, message: `closing tag [/${name}] without a matching [${name}]` });
      } else {
        errors.push({ offset: open, message: `unknown BBCode closing tag [/${name}]` });
      }
      continue;
    }
    const { name, arg } = split_tag(inner);
    if (includes(REFERENCE_TAGS, name)) {
      if (arg.trim() === "") errors.push({ offset: open, message: `[${name}] needs a target, as in [${name} name]` });
      else current().push({ kind: "ref", tag: name as ReferenceTag, target: arg.trim(), offset: open });
    } else if (includes(SINGLE_TAGS, name) && arg === "") {
      current().push({ kind: "single", tag: name, offset: open });
    } else if (includes(RAW_TAGS, name)) {
      const end_tag = `[/${name}]`;
      const end = text.indexOf(end_tag, pos);
      if (end < 0) {
        errors.push({ offset: open, message: `[${name}] is never closed` });
        pos = text.length;
        text_start = pos;
        break;
      }
      current().push({ kind: "raw", tag: name, arg, text: text.slice(pos, end), offset: open });
      pos = end + end_tag.length;
      text_start = pos;
    } else if (includes(PAIRED_TAGS, name)) {
      const children: BBNode[] = [];
      current().push({ kind: "element", tag: name, arg, children, offset: open });
      stack.push({ tag: name, children, offset: open });
    } else if (/^@?[A-Za-z_][A-Za-z0-9_]*$/.test(inner)) {
      current().push({ kind: "class", name: inner, offset: open });
    } else {
      errors.push({ offset: open, message: `unknown BBCode tag [${inner}]` });
    }
  }
  flush(text.length);
  for (const open of stack) errors.push({ offset: open.offset, message: `[${open.tag}] is never closed` });
  return { nodes: root, errors };
}

/** Where a description sits, for resolving its references. */
export interface BBContext {
  readonly class_name: string;
  /** Parameter names of the method or signal being described; undefined elsewhere. */
  readonly params?: readonly string[] | undefined;
}

export type Resolved = Found | { owner: string; kind: "class"; name: string } | { owner: string; kind: "param"; name: string };

/** What a reference points at, or null when it does not resolve. */
export function resolve_reference(index: DocIndex, ctx: BBContext, node: BBNode): Resolved | null {
  if (node.kind === "class") {
    return index.has_class(node.name) || index.is_builtin(node.name) || node.name === "Object"
      ? { owner: node.name, kind: "class", name: node.name }
      : null;
  }
  if (node.kind !== "ref") return null;
  switch (node.tag) {
    case "method":
      return index.find_method(ctx.class_name, node.target);
    case "member":
      return index.find_member(ctx.class_name, node.target);
    case "signal":
      return index.find_signal(ctx.class_name, node.target);
    case "constant":
      return index.find_constant(ctx.class_name, node.target);
    case "enum":
      return index.find_enum(ctx.class_name, node.target);
    case "param":
      return ctx.params?.includes(node.target) ? { owner: ctx.class_name, kind: "param", name: node.target } : null;
    default:
      // gdnet documents no annotations, constructors, operators or theme items.
      return null;
  }
}

function walk(nodes: readonly BBNode[], visit: (n: BBNode) => void): void {
  for (const n of nodes) {
    visit(n);
    if (n.kind === "element") walk(n.children, visit);
  }
}

/**
 * Checks one description: markup errors and unresolved references, each
 * with the line it is on (`first_line` is the description's first line).
 */
export function check_bbcode(
  text: string,
  index: DocIndex,
  ctx: BBContext,
  file: string,
  first_line: number | undefined,
  what: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { nodes, errors } = parse_bbcode(text);
  for (const e of errors) out.push({ file, line: line_at(text, e.offset, first_line), message: `${what}: ${e.message}` });
  walk(nodes, (n) => {
    if (n.kind === "element" && n.tag === "codeblocks") {
      for (const child of n.children) {
        const ok = (child.kind === "raw" && (child.tag === "gdscript" || child.tag === "csharp")) || (child.kind === "text" && child.text.trim() === "");
        if (!ok) out.push({ file, line: line_at(text, child.offset, first_line), message: `${what}: [codeblocks] may hold only [gdscript] and [csharp] blocks` });
      }
    }
    if (n.kind !== "ref" && n.kind !== "class") return;
    if (resolve_reference(index, ctx, n)) return;
    const line = line_at(text, n.offset, first_line);
    if (n.kind === "class") out.push({ file, line, message: `${what}: unknown BBCode tag or class [${n.name}]` });
    else if (n.tag === "param") {
      out.push({
        file,
        line,
        message: ctx.params
          ? `${what}: [param ${n.target}] is not a parameter here (parameters: ${ctx.params.join(", ") || "none"})`
          : `${what}: [param ${n.target}] used outside a method or signal description`,
      });
    } else out.push({ file, line, message: `${what}: unresolved reference [${n.tag} ${n.target}]` });
  });
  // [gdscript]/[csharp] only inside [codeblocks].
  for (const n of nodes) {
    if (n.kind === "raw" && (n.tag === "gdscript" || n.tag === "csharp")) {
      out.push({ file, line: line_at(text, n.offset, first_line), message: `${what}: [${n.tag}] outside [codeblocks]` });
    }
  }
  return out;
}
