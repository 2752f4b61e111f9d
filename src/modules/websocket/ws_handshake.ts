/**
 * Pieces of the RFC 6455 §4 opening handshake shared by both sides: the
 * Sec-WebSocket-Key nonce and its Accept answer, sub-protocol name rules and
 * the check of user-supplied extra header lines.
 */
import { random_bytes } from "./ws_random.js";
import { base64_encode, sha1 } from "./ws_sha1.js";
import { WEBSOCKET_GUID } from "./ws_protocol.js";
import { is_token } from "./http_header_block.js";

/** A fresh Sec-WebSocket-Key: base64 of 16 random bytes (§4.1, client item 7). */
export function generate_client_key(): string {
  return base64_encode(random_bytes(16));
}

/** Sec-WebSocket-Accept for a key: base64(SHA-1(key + GUID)) (§4.2.2, item 5.4). */
export function compute_accept_key(key: string): string {
  const text = key + WEBSOCKET_GUID;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 0xff;
  return base64_encode(sha1(bytes));
}

/**
 * Whether a Sec-WebSocket-Key value is base64 of exactly 16 bytes (§4.2.1
 * item 5): 22 base64 characters and "==".
 */
export function is_valid_client_key(key: string): boolean {
  return /^[A-Za-z0-9+/]{22}==$/.test(key);
}

/**
 * Checks sub-protocol names for a handshake: each a non-empty token (§4.1
 * item 10: U+0021-U+007E without separators), no duplicates. Returns "" when
 * valid, else the reason.
 */
export function check_protocol_names(protocols: readonly string[]): string {
  const seen = new Set<string>();
  for (const p of protocols) {
    if (!is_token(p)) return `Invalid sub-protocol name "${p}": it must be a non-empty HTTP token.`;
    if (seen.has(p)) return `Sub-protocol "${p}" is listed twice.`;
    seen.add(p);
  }
  return "";
}

/**
 * Checks one user-supplied header line (`Name: value`) before it is sent
 * verbatim: a token name, a colon, and a value free of control characters, so
 * no CR/LF can inject extra lines. Header names the handshake itself owns are
 * refused (`reserved`, lower case), as a second copy would break it. Returns
 * "" when the line is acceptable, else the reason.
 */
export function check_extra_header_line(line: string, reserved: ReadonlySet<string>): string {
  const colon = line.indexOf(":");
  if (colon <= 0) return `Extra header "${printable(line)}" is not of the form "Name: value".`;
  const name = line.slice(0, colon);
  if (!is_token(name)) return `Extra header "${printable(line)}" has an invalid field name.`;
  for (let i = colon + 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f) {
      return `Extra header "${name}" contains a control character (CR/LF injection is not allowed).`;
    }
  }
  if (reserved.has(name.toLowerCase())) return `Extra header "${name}" is set by the WebSocket handshake itself.`;
  return "";
}

/** A string safe to quote in an error message (control characters escaped). */
function printable(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

const utf8_encoder = new TextEncoder();

/** Encodes a handshake text for the wire (ASCII in practice; user header values as UTF-8, like the engine). */
export function handshake_text_to_bytes(text: string): Uint8Array {
  return utf8_encoder.encode(text);
}
