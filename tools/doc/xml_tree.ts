/**
 * Reads XML into a small element tree that remembers lines (saxes does the
 * parsing), so every later complaint can say file:line. Well-formedness
 * errors come back as diagnostics instead of exceptions.
 */
import { SaxesParser } from "saxes";
import type { Diagnostic } from "./diagnostics.js";

export interface XmlElement {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly attr_lines: Record<string, number>;
  readonly children: XmlElement[];
  /** The element's own text (not its children's), concatenated. */
  text: string;
  /** Line of the start tag. */
  readonly line: number;
  /** Line on which the start tag ends, where the text content begins. */
  content_line: number;
  /** Line of the first non-whitespace text directly inside, if any. */
  text_line: number | undefined;
}

export interface XmlParseResult {
  root: XmlElement | null;
  diagnostics: Diagnostic[];
}

/**
 * Parses `text` as one XML document. `line_offset` is added to every line
 * (for documents cut out of a larger file, like the seeds).
 */
export function parse_xml(text: string, file: string, line_offset = 0): XmlParseResult {
  const diagnostics: Diagnostic[] = [];
  const parser = new SaxesParser({ position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let pending: { name: string; line: number; attr_lines: Record<string, number> } | null = null;
  const line = (): number => parser.line + line_offset;

  parser.on("error", (err) => {
    // saxes prefixes "line:column: "; we add the file and our own line.
    const message = err.message.replace(/^\d+:\d+: /, "");
    diagnostics.push({ file, line: line(), message: `malformed XML: ${message}` });
  });
  parser.on("opentagstart", (tag) => {
    pending = { name: tag.name, line: line(), attr_lines: {} };
  });
  parser.on("attribute", (attr) => {
    if (pending) pending.attr_lines[attr.name] = line();
  });
  parser.on("opentag", (tag) => {
    const start = pending ?? { name: tag.name, line: line(), attr_lines: {} };
    pending = null;
    const attrs: Record<string, string> = {};
    for (const [name, value] of Object.entries(tag.attributes)) attrs[name] = typeof value === "string" ? value : value.value;
    const element: XmlElement = {
      name: tag.name,
      attrs,
      attr_lines: start.attr_lines,
      children: [],
      text: "",
      line: start.line,
      content_line: line(),
      text_line: undefined,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(element);
    else if (!root) root = element;
    stack.push(element); // saxes sends closetag for self-closing tags too
  });
  parser.on("text", (chunk) => {
    const current = stack[stack.length - 1];
    if (!current) return;
    if (current.text_line === undefined && chunk.trim() !== "") {
      // The text event fires at the end of the chunk: count back to its first visible line.
      const lead = chunk.slice(0, chunk.length - chunk.trimStart().length);
      const lines_in_chunk = chunk.split("\n").length - 1;
      const lines_in_lead = lead.split("\n").length - 1;
      current.text_line = line() - lines_in_chunk + lines_in_lead;
    }
    current.text += chunk;
  });
  parser.on("cdata", (chunk) => {
    const current = stack[stack.length - 1];
    if (current) current.text += chunk;
  });
  parser.on("closetag", () => {
    stack.pop();
  });
  try {
    parser.write(text).close();
  } catch (error) {
    // saxes only throws when no error handler is set; be safe anyway.
    diagnostics.push({ file, line: line(), message: `malformed XML: ${error instanceof Error ? error.message : String(error)}` });
  }
  if (!root && diagnostics.length === 0) diagnostics.push({ file, line: 1, message: "malformed XML: no root element" });
  return { root: diagnostics.length > 0 ? null : root, diagnostics };
}
