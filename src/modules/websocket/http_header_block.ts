/**
 * The HTTP/1.1 part of the opening handshake: finding the end of a header
 * block in a byte stream, and splitting it into a start line and fields.
 *
 * Strict where HTTP/1.1 (RFC 9112, formerly RFC 7230) lets a recipient choose,
 * because a lenient parser is how request smuggling and DoS happen:
 * - lines end with CRLF; a bare CR or bare LF is rejected at once (RFC 9112 §2.2);
 * - obs-fold (a line starting with SP/HTAB) is rejected (RFC 9112 §5.2);
 * - no whitespace between a field name and its colon (RFC 9112 §5.1);
 * - field values may hold only HTAB, SP, visible ASCII and obs-text;
 * - the block and the number of fields are bounded.
 * Nothing here throws, whatever the bytes.
 */

/** Default bound on a header block, terminating CRLFCRLF included. */
export const DEFAULT_MAX_HEADER_BYTES = 8192;
/** Default bound on the number of header fields. */
export const DEFAULT_MAX_HEADER_FIELDS = 100;

export const HEADER_BLOCK_NEED_MORE = 0;
export const HEADER_BLOCK_DONE = 1;
export const HEADER_BLOCK_ERROR = 2;
export type HeaderBlockStatus = 0 | 1 | 2;

const CR = 0x0d;
const LF = 0x0a;
const EMPTY = new Uint8Array(0);

/** Latin-1 (byte = code unit) decoding: every byte survives, obs-text included. */
export function bytes_to_latin1(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 4096) {
    out += String.fromCharCode.apply(null, bytes.subarray(i, Math.min(bytes.length, i + 4096)) as unknown as number[]);
  }
  return out;
}

/**
 * Incremental reader of one header block. Push socket chunks until the
 * status is DONE (then `text` is the block without its final CRLFCRLF and
 * `leftover` the bytes that followed it, which already belong to the
 * WebSocket stream) or ERROR (`error_status` 431 or 400, `error_reason`).
 * Only the block itself is copied; the leftover is a view of the last chunk.
 */
export class HttpHeaderBlockReader {
  readonly max_bytes: number;
  status: HeaderBlockStatus = HEADER_BLOCK_NEED_MORE;
  text = "";
  leftover: Uint8Array = EMPTY;
  error_status = 0;
  error_reason = "";

  private data: Uint8Array = EMPTY;
  private length = 0;
  /** How many bytes of CR LF CR LF have just been seen (0-3). */
  private matched = 0;

  constructor(max_bytes: number = DEFAULT_MAX_HEADER_BYTES) {
    this.max_bytes = max_bytes >= 4 ? Math.floor(max_bytes) : 4;
  }

  /** Bytes of the block received so far. */
  get buffered_bytes(): number {
    return this.length;
  }

  push(chunk: Uint8Array): HeaderBlockStatus {
    if (this.status !== HEADER_BLOCK_NEED_MORE) return this.status;
    let matched = this.matched;
    let i = 0;
    for (; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === CR) {
        if (matched === 1 || matched === 3) return this.fail(400, "Bare CR in the header block.");
        matched++;
      } else if (b === LF) {
        if (matched !== 1 && matched !== 3) return this.fail(400, "Bare LF in the header block (lines must end with CRLF).");
        matched++;
      } else {
        if (matched === 1 || matched === 3) return this.fail(400, "Bare CR in the header block.");
        matched = 0;
      }
      // Fail as soon as even the shortest possible ending (the rest of CRLFCRLF) cannot fit.
      if (this.length + i + 1 + (4 - matched) > this.max_bytes) {
        return this.fail(431, `Header block larger than ${this.max_bytes} bytes.`);
      }
      if (matched === 4) {
        i++;
        break;
      }
    }
    this.matched = matched;
    this.append(chunk, i);
    if (matched === 4) {
      this.text = bytes_to_latin1(this.data.subarray(0, this.length - 4));
      this.leftover = i < chunk.length ? chunk.subarray(i) : EMPTY;
      this.data = EMPTY;
      this.status = HEADER_BLOCK_DONE;
    }
    return this.status;
  }

  private append(chunk: Uint8Array, n: number): void {
    if (n === 0) return;
    const need = this.length + n;
    if (need > this.data.length) {
      const grown = new Uint8Array(Math.min(this.max_bytes, Math.max(need, this.data.length * 2, 256)));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(n === chunk.length ? chunk : chunk.subarray(0, n), this.length);
    this.length = need;
  }

  private fail(status: number, reason: string): HeaderBlockStatus {
    this.status = HEADER_BLOCK_ERROR;
    this.error_status = status;
    this.error_reason = reason;
    this.data = EMPTY;
    this.length = 0;
    return HEADER_BLOCK_ERROR;
  }
}

/** Header fields by lower-cased name; each field line's value kept separately, in order. */
export type HttpHeaderFields = Map<string, string[]>;

export interface ParsedHeaderBlock {
  ok: true;
  start_line: string;
  fields: HttpHeaderFields;
}

export interface HeaderBlockFailure {
  ok: false;
  reason: string;
}

/** RFC 9110 §5.6.2 tchar. */
function is_tchar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x21 || c === 0x23 || c === 0x24 || c === 0x25 || c === 0x26 || c === 0x27 || c === 0x2a ||
    c === 0x2b || c === 0x2d || c === 0x2e || c === 0x5e || c === 0x5f || c === 0x60 || c === 0x7c || c === 0x7e
  );
}

/** True when `s` is a non-empty RFC 9110 token (field names, protocol names, methods). */
export function is_token(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!is_tchar(s.charCodeAt(i))) return false;
  return true;
}

/** RFC 9110 §5.5: field-value characters (HTAB, SP, VCHAR, obs-text). */
export function is_field_value(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x09 || (c >= 0x20 && c <= 0x7e) || (c >= 0x80 && c <= 0xff)) continue;
    return false;
  }
  return true;
}

function trim_ows(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && (s.charCodeAt(a) === 0x20 || s.charCodeAt(a) === 0x09)) a++;
  while (b > a && (s.charCodeAt(b - 1) === 0x20 || s.charCodeAt(b - 1) === 0x09)) b--;
  return s.slice(a, b);
}

/**
 * Splits a header block (CRLF-separated lines, no final empty line) into its
 * start line and fields. Empty lines before the start line are skipped
 * (RFC 9112 §2.2 robustness). The start line itself is left to the caller.
 */
export function parse_header_block(
  text: string,
  max_fields: number = DEFAULT_MAX_HEADER_FIELDS,
): ParsedHeaderBlock | HeaderBlockFailure {
  const lines = text.split("\r\n");
  let i = 0;
  while (i < lines.length && lines[i] === "") i++;
  const start_line = lines[i];
  if (start_line === undefined) return { ok: false, reason: "Empty header block." };
  const fields: HttpHeaderFields = new Map();
  let count = 0;
  for (i++; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.length === 0) return { ok: false, reason: "Empty line inside the header block." };
    const first = line.charCodeAt(0);
    if (first === 0x20 || first === 0x09) return { ok: false, reason: "Obsolete line folding is not accepted." };
    const colon = line.indexOf(":");
    if (colon <= 0) return { ok: false, reason: "Header line without a field name and colon." };
    const name = line.slice(0, colon);
    if (!is_token(name)) return { ok: false, reason: "Invalid header field name." };
    const value = trim_ows(line.slice(colon + 1));
    if (!is_field_value(value)) return { ok: false, reason: `Invalid characters in the value of header "${name}".` };
    if (++count > max_fields) return { ok: false, reason: `More than ${max_fields} header fields.` };
    const key = name.toLowerCase();
    const list = fields.get(key);
    if (list === undefined) fields.set(key, [value]);
    else list.push(value);
  }
  return { ok: true, start_line, fields };
}

/**
 * The elements of a comma-separated list header (RFC 9110 §5.6.1) across all
 * of its field lines, trimmed, empty elements dropped.
 */
export function header_list(fields: HttpHeaderFields, name: string): string[] {
  const out: string[] = [];
  for (const value of fields.get(name) ?? []) {
    for (const element of value.split(",")) {
      const t = trim_ows(element);
      if (t.length > 0) out.push(t);
    }
  }
  return out;
}

/** Whether a list header contains `token`, compared case-insensitively. */
export function header_has_token(fields: HttpHeaderFields, name: string, token: string): boolean {
  const wanted = token.toLowerCase();
  for (const element of header_list(fields, name)) if (element.toLowerCase() === wanted) return true;
  return false;
}
