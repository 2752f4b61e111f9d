/**
 * Walks parsed BBCode and hands each piece to a target format (TSDoc,
 * Markdown). Lines of text in the XML are paragraphs, as make_rst reads them.
 */
import { parse_bbcode, resolve_reference, type BBContext, type BBNode, type Resolved } from "./bbcode.js";
import type { DocIndex } from "./doc_index.js";

export interface BBTarget {
  /** Plain text (already split: no newlines). */
  text(text: string): string;
  /** Paragraph break. */
  paragraph(): string;
  /** Line break inside a paragraph ([br]). */
  line_break(): string;
  /** A resolved reference; `label` is what the markup names. */
  reference(resolved: Resolved, label: string): string;
  /** A reference that does not resolve (the checks report it; render it readably). */
  unresolved(label: string): string;
  code(text: string): string;
  code_block(text: string, language: string): string;
  bold(inner: string): string;
  italic(inner: string): string;
  kbd(inner: string): string;
  link(url: string, inner: string): string;
}

/** Strips the newline that follows an opening and precedes a closing code tag. */
function block_text(text: string): string {
  return text.replace(/^\n/, "").replace(/\n[ \t]*$/, "");
}

function render_nodes(nodes: readonly BBNode[], index: DocIndex, ctx: BBContext, t: BBTarget): string {
  let out = "";
  for (const n of nodes) {
    switch (n.kind) {
      case "text": {
        const parts = n.text.split("\n");
        out += parts.map((p) => t.text(p)).join(t.paragraph());
        break;
      }
      case "ref":
      case "class": {
        const label = n.kind === "class" ? n.name : n.target;
        const resolved = resolve_reference(index, ctx, n);
        out += resolved ? t.reference(resolved, label) : t.unresolved(label);
        break;
      }
      case "single":
        out += n.tag === "br" ? t.line_break() : n.tag === "lb" ? t.text("[") : t.text("]");
        break;
      case "raw":
        if (n.tag === "code") out += t.code(n.text);
        else out += t.code_block(block_text(n.text), n.tag === "codeblock" ? (/lang=(\w+)/.exec(n.arg)?.[1] ?? "gdscript") : n.tag);
        break;
      case "element": {
        const inner = render_nodes(n.children, index, ctx, t);
        if (n.tag === "b") out += t.bold(inner);
        else if (n.tag === "i") out += t.italic(inner);
        else if (n.tag === "kbd") out += t.kbd(inner);
        else if (n.tag === "url") {
          const url = n.arg !== "" ? n.arg : n.children.map((c) => (c.kind === "text" ? c.text : "")).join("");
          out += t.link(url, inner);
        } else if (n.tag === "codeblocks") {
          out += n.children
            .filter((c): c is Extract<BBNode, { kind: "raw" }> => c.kind === "raw")
            .map((c) => t.code_block(block_text(c.text), c.tag))
            .join(t.paragraph());
        } else out += inner; // [u], [center]: text kept, formatting dropped (as make_rst)
        break;
      }
    }
  }
  return out;
}

export function render_bbcode(text: string, index: DocIndex, ctx: BBContext, target: BBTarget): string {
  return render_nodes(parse_bbcode(text).nodes, index, ctx, target);
}
