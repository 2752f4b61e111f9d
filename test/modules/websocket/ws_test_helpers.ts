/** Shared helpers for the websocket protocol tests. */
import {
  WS_PARSE_BINARY,
  WS_PARSE_CLOSE,
  WS_PARSE_ERROR,
  WS_PARSE_NEED_MORE,
  WS_PARSE_PING,
  WS_PARSE_PONG,
  WS_PARSE_TEXT,
  WsFrameParser,
} from "../../../src/modules/websocket/ws_frame_parser.js";
import type { WsRole } from "../../../src/modules/websocket/ws_protocol.js";

export type ParsedEvent =
  | { kind: "text" | "binary" | "ping" | "pong"; payload: Uint8Array }
  | { kind: "close"; code: number; reason: string }
  | { kind: "error"; code: number; reason: string };

const KIND: Record<number, "text" | "binary" | "ping" | "pong"> = {
  [WS_PARSE_TEXT]: "text",
  [WS_PARSE_BINARY]: "binary",
  [WS_PARSE_PING]: "ping",
  [WS_PARSE_PONG]: "pong",
};

/** Drains the parser; payloads are copied so later input cannot alias them. */
export function drain(parser: WsFrameParser, into: ParsedEvent[] = []): ParsedEvent[] {
  for (let guard = 0; guard < 1_000_000; guard++) {
    const r = parser.next();
    if (r === WS_PARSE_NEED_MORE) return into;
    if (r === WS_PARSE_CLOSE) into.push({ kind: "close", code: parser.close_code, reason: parser.close_reason });
    else if (r === WS_PARSE_ERROR) into.push({ kind: "error", code: parser.error_code, reason: parser.error_reason });
    else into.push({ kind: KIND[r] as "text", payload: Uint8Array.from(parser.payload) });
  }
  throw new Error("parser did not settle");
}

/** Feeds `bytes` (copied first: the parser unmasks in place) split at the given chunk sizes, draining after each. */
export function parse_chunked(
  bytes: Uint8Array,
  options: { role: WsRole; max_message_size?: number },
  sizes: readonly number[] = [bytes.length],
): { events: ParsedEvent[]; parser: WsFrameParser; max_buffered: number } {
  const parser = new WsFrameParser({ role: options.role, max_message_size: options.max_message_size ?? 1 << 30 });
  const copy = Uint8Array.from(bytes);
  const events: ParsedEvent[] = [];
  let at = 0;
  let i = 0;
  let max_buffered = 0;
  while (at < copy.length) {
    const size = Math.max(1, sizes.length > 0 ? (sizes[i++ % sizes.length] as number) : copy.length);
    parser.push(copy.subarray(at, Math.min(copy.length, at + size)));
    at += size;
    drain(parser, events);
    max_buffered = Math.max(max_buffered, parser.buffered_bytes);
  }
  drain(parser, events);
  return { events, parser, max_buffered };
}

export function parse_all(bytes: Uint8Array, role: WsRole, max_message_size?: number): ParsedEvent[] {
  return parse_chunked(bytes, max_message_size === undefined ? { role } : { role, max_message_size }).events;
}

export function hex(s: string): Uint8Array {
  const clean = s.replace(/\s+/g, "");
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

export const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Frame bytes written out by hand-rule (independent of the writer under test). */
export function raw_frame(opts: {
  fin?: boolean;
  rsv?: number;
  opcode: number;
  payload?: Uint8Array;
  mask?: readonly [number, number, number, number] | null;
  length_override?: Uint8Array;
}): Uint8Array {
  const payload = opts.payload ?? new Uint8Array(0);
  const fin = opts.fin ?? true;
  const head: number[] = [(fin ? 0x80 : 0) | ((opts.rsv ?? 0) << 4) | opts.opcode];
  const mask_bit = opts.mask ? 0x80 : 0;
  const n = payload.length;
  let len_bytes: number[];
  if (opts.length_override) len_bytes = [...opts.length_override];
  else if (n < 126) len_bytes = [n];
  else if (n < 65536) len_bytes = [126, n >> 8, n & 0xff];
  else len_bytes = [127, 0, 0, 0, 0, (n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  len_bytes[0] = (len_bytes[0] as number) | mask_bit;
  head.push(...len_bytes);
  const body = Uint8Array.from(payload);
  if (opts.mask) {
    head.push(...opts.mask);
    for (let i = 0; i < body.length; i++) body[i] = (body[i] as number) ^ (opts.mask[i % 4] as number);
  }
  return concat(Uint8Array.from(head), body);
}
