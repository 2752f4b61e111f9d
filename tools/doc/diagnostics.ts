/** One problem found by the doc tools, printed as `file:line: message`. */
export interface Diagnostic {
  readonly file: string;
  readonly line?: number | undefined;
  readonly message: string;
}

export function format_diagnostic(d: Diagnostic): string {
  return d.line !== undefined ? `${d.file}:${d.line}: ${d.message}` : `${d.file}: ${d.message}`;
}

/** The line of `offset` inside a text that starts at `first_line`. */
export function line_at(text: string, offset: number, first_line: number | undefined): number | undefined {
  if (first_line === undefined) return undefined;
  let line = first_line;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
