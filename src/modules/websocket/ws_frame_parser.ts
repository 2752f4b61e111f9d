/**
 * Incremental RFC 6455 receiver: bytes in, messages and control frames out.
 *
 * The peer `push()`es socket chunks of any size and split (one byte at a
 * time works), then calls `next()` until it answers WS_PARSE_NEED_MORE. Each
 * other answer describes one event through the parser's fields, so the hot
 * path allocates nothing but the payload view:
 *
 *   WS_PARSE_TEXT / WS_PARSE_BINARY  `payload` = the whole reassembled message
 *   WS_PARSE_PING / WS_PARSE_PONG    `payload` = the control payload (<= 125 bytes)
 *   WS_PARSE_CLOSE                   `close_code` (1005 when the frame had no code),
 *                                    `close_reason`, `payload` = raw Close payload
 *   WS_PARSE_ERROR                   `error_code` = the code to close with
 *                                    (1002, 1007 or 1009), `error_reason` = why
 *
 * After CLOSE or ERROR the parser stops: the event is reported once, later
 * `next()` calls answer NEED_MORE, later pushes are dropped (RFC 6455 §5.5.1:
 * nothing may follow a Close; §7.1.7: after failing, stop processing data).
 * Pull-based on purpose: a peer whose packet queue is full simply stops
 * calling `next()` (the bytes wait here, counted in `buffered_bytes`) and stops
 * reading its socket — TCP back-pressure instead of dropping messages.
 *
 * Ownership and copies: pushed chunks belong to the parser, which unmasks
 * them in place. A single-frame message whose payload lies in one chunk is
 * returned as a view of that chunk (no copy). Anything else is kept as a list
 * of views and concatenated once when the message completes. A returned
 * payload is never written to again by the parser.
 *
 * Memory: the 1009 check runs on each data frame header, before any of its
 * payload is buffered, so after `next()` answered NEED_MORE the parser holds
 * at most max_message_size message bytes plus one partial frame header (<= 14
 * bytes) and one partial control frame (<= 125 bytes). Views that would pin a
 * much larger socket chunk are copied, so tiny fragments cannot make it
 * retain whole chunks (see add_piece).
 *
 * It never throws on any input.
 */
import { mask_copy, mask_in_place } from "./ws_mask.js";
import { alloc_bytes, alloc_bytes_aligned } from "./ws_platform.js";
import * as protocol from "./ws_protocol.js";
import type { WsRole } from "./ws_protocol.js";
import { Utf8StreamValidator, is_valid_utf8 } from "./utf8_validator.js";

// Module-local copies of everything the hot path touches. Under loaders that
// turn ES modules into CommonJS (tsx, some test runners) each read of an
// imported binding is a getter call; profiled at ~25% of parse time for
// 64-byte messages. Native ESM would not care, but this costs nothing.
const mask = mask_in_place;
const unmask_into = mask_copy;
const alloc = alloc_bytes;
const alloc_aligned = alloc_bytes_aligned;
const utf8_ok = is_valid_utf8;
const close_code_ok = protocol.is_valid_close_code;
const OPCODE_CONTINUATION = protocol.OPCODE_CONTINUATION;
const OPCODE_TEXT = protocol.OPCODE_TEXT;
const OPCODE_BINARY = protocol.OPCODE_BINARY;
const OPCODE_CLOSE = protocol.OPCODE_CLOSE;
const OPCODE_PING = protocol.OPCODE_PING;
const OPCODE_PONG = protocol.OPCODE_PONG;
const MAX_CONTROL_PAYLOAD = protocol.MAX_CONTROL_PAYLOAD;
const CLOSE_PROTOCOL_ERROR = protocol.CLOSE_PROTOCOL_ERROR;
const CLOSE_INVALID_PAYLOAD = protocol.CLOSE_INVALID_PAYLOAD;
const CLOSE_MESSAGE_TOO_BIG = protocol.CLOSE_MESSAGE_TOO_BIG;
const CLOSE_NO_STATUS = protocol.CLOSE_NO_STATUS;

/** Nothing complete yet (or the parser has stopped): push more bytes. */
export const WS_PARSE_NEED_MORE = 0;
export const WS_PARSE_TEXT = 1;
export const WS_PARSE_BINARY = 2;
export const WS_PARSE_PING = 3;
export const WS_PARSE_PONG = 4;
export const WS_PARSE_CLOSE = 5;
export const WS_PARSE_ERROR = 6;
export type WsParseResult = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface WsFrameParserOptions {
  /** "server" requires masked frames, "client" refuses them (RFC 6455 §5.1). */
  role: WsRole;
  /**
   * Largest reassembled message, in payload bytes; a message announced larger
   * fails with 1009 before its payload is buffered. Read once, here.
   */
  max_message_size: number;
}

const STATE_HEADER = 0;
const STATE_PAYLOAD = 1;
const STATE_STOPPED = 2;

const EMPTY: Uint8Array = new Uint8Array(0);
/** Header bytes that straddle chunks are gathered here; next() is synchronous, so one is enough. */
const header_scratch = new Uint8Array(protocol.MAX_FRAME_HEADER);
const utf8_decoder = new TextDecoder();

export class WsFrameParser {
  // ---- the event reported by the last next() ----
  /** Message / ping / pong / Close payload of the last event. */
  payload: Uint8Array = EMPTY;
  /** Status code of the last Close frame; 1005 (no status, §7.1.5) when it had none. */
  close_code = 0;
  /** UTF-8 reason of the last Close frame ("" when none). */
  close_reason = "";
  /** Close code to send back after WS_PARSE_ERROR (1002, 1007 or 1009). */
  error_code = 0;
  /** Human-readable cause of WS_PARSE_ERROR, citing the rule broken. */
  error_reason = "";

  readonly role: WsRole;
  readonly max_message_size: number;
  private readonly expect_masked: boolean;

  // ---- unconsumed input: chunks[head] from offset pos, then the rest ----
  private chunks: Uint8Array[] = [];
  private head = 0;
  private pos = 0;
  private avail = 0;

  private state = STATE_HEADER;

  // ---- the frame being read ----
  private fin = false;
  private opcode = 0;
  private frame_len = 0;
  private frame_left = 0;
  private masked = false;
  private mask_key = 0;
  private mask_phase = 0;
  /** A control payload that straddles chunks is assembled here. */
  private control_buf: Uint8Array = EMPTY;
  private control_have = 0;

  // ---- the data message being reassembled ----
  /** True between a data frame with FIN=0 and the continuation with FIN=1. */
  private fragmented = false;
  private message_is_text = false;
  /** Sum of the frame lengths announced so far for this message (the 1009 check). */
  private message_declared = 0;
  private pieces: Uint8Array[] = [];
  private pieces_bytes = 0;
  private utf8: Utf8StreamValidator | null = null;

  constructor(options: WsFrameParserOptions) {
    this.role = options.role;
    this.expect_masked = options.role === "server";
    const max = options.max_message_size;
    this.max_message_size = max >= 0 ? Math.floor(max) : 0;
  }

  /** Bytes held by the parser: unparsed input plus the partial message and control frame. */
  get buffered_bytes(): number {
    return this.avail + this.pieces_bytes + this.control_have;
  }

  /** True once a Close frame or an error has been reported. */
  get stopped(): boolean {
    return this.state === STATE_STOPPED;
  }

  /** Hands a chunk to the parser, which may modify it (unmasking in place). */
  push(chunk: Uint8Array): void {
    if (this.state === STATE_STOPPED || chunk.length === 0) return;
    this.chunks.push(chunk);
    this.avail += chunk.length;
  }

  /** Parses as far as the buffered bytes allow and reports the next event. */
  next(): WsParseResult {
    for (;;) {
      if (this.state === STATE_HEADER) {
        const r = this.read_header();
        if (r >= 0) return r as WsParseResult;
      } else if (this.state === STATE_PAYLOAD) {
        if (this.opcode >= OPCODE_CLOSE) return this.read_control();
        const r = this.read_data();
        if (r >= 0) return r as WsParseResult;
      } else {
        return WS_PARSE_NEED_MORE;
      }
    }
  }

  // ------------------------------------------------------------------ header

  /** -1 = header consumed (go on with the payload), else the event to report (NEED_MORE or ERROR). */
  private read_header(): number {
    if (this.avail < 2) return WS_PARSE_NEED_MORE;
    let src = this.chunks[this.head] as Uint8Array;
    let off = this.pos;
    let src_avail = src.length - off;
    if (src_avail < 2) {
      this.copy_out(header_scratch, 2);
      src = header_scratch;
      off = 0;
      src_avail = 2;
    }
    const b0 = src[off] as number;
    const b1 = src[off + 1] as number;
    const fin = (b0 & 0x80) !== 0;
    const opcode = b0 & 0x0f;
    const masked = (b1 & 0x80) !== 0;
    const len7 = b1 & 0x7f;

    // Everything decidable from the first two bytes fails at once, before the rest arrives.
    if ((b0 & 0x70) !== 0) {
      return this.fail(CLOSE_PROTOCOL_ERROR, "RSV1-3 must be 0: no extension was negotiated (RFC 6455 §5.2).");
    }
    if (opcode >= OPCODE_CLOSE) {
      if (opcode > OPCODE_PONG) return this.fail(CLOSE_PROTOCOL_ERROR, `Reserved control opcode 0x${opcode.toString(16)} (RFC 6455 §5.2).`);
      if (!fin) return this.fail(CLOSE_PROTOCOL_ERROR, "Control frames must not be fragmented (RFC 6455 §5.5).");
      if (len7 > MAX_CONTROL_PAYLOAD) return this.fail(CLOSE_PROTOCOL_ERROR, "Control frame payload longer than 125 bytes (RFC 6455 §5.5).");
    } else if (opcode > OPCODE_BINARY) {
      return this.fail(CLOSE_PROTOCOL_ERROR, `Reserved data opcode 0x${opcode.toString(16)} (RFC 6455 §5.2).`);
    } else if (opcode === OPCODE_CONTINUATION) {
      if (!this.fragmented) return this.fail(CLOSE_PROTOCOL_ERROR, "Continuation frame without a message in progress (RFC 6455 §5.4).");
    } else if (this.fragmented) {
      return this.fail(CLOSE_PROTOCOL_ERROR, "New data frame while a fragmented message is in progress (RFC 6455 §5.4).");
    }
    if (masked !== this.expect_masked) {
      return this.fail(
        CLOSE_PROTOCOL_ERROR,
        masked ? "A server must not mask its frames (RFC 6455 §5.1)." : "A client must mask its frames (RFC 6455 §5.1).",
      );
    }

    const ext = len7 === 126 ? 2 : len7 === 127 ? 8 : 0;
    const header_len = 2 + ext + (masked ? 4 : 0);
    if (this.avail < header_len) return WS_PARSE_NEED_MORE;
    if (src_avail < header_len) {
      this.copy_out(header_scratch, header_len);
      src = header_scratch;
      off = 0;
    }
    let len = len7;
    if (ext === 2) {
      len = ((src[off + 2] as number) << 8) | (src[off + 3] as number);
    } else if (ext === 8) {
      const hi = (((src[off + 2] as number) << 24) | ((src[off + 3] as number) << 16) | ((src[off + 4] as number) << 8) | (src[off + 5] as number)) >>> 0;
      const lo = (((src[off + 6] as number) << 24) | ((src[off + 7] as number) << 16) | ((src[off + 8] as number) << 8) | (src[off + 9] as number)) >>> 0;
      if (hi >= 0x80000000) return this.fail(CLOSE_PROTOCOL_ERROR, "64-bit payload length with the most significant bit set (RFC 6455 §5.2).");
      len = hi * 4294967296 + lo; // inexact above 2^53, which is far above any usable limit
    }
    if (masked) {
      const k = off + 2 + ext;
      this.mask_key = (((src[k] as number) << 24) | ((src[k + 1] as number) << 16) | ((src[k + 2] as number) << 8) | (src[k + 3] as number)) >>> 0;
    }

    if (opcode < OPCODE_CLOSE) {
      if (opcode !== OPCODE_CONTINUATION) {
        this.message_is_text = opcode === OPCODE_TEXT;
        this.message_declared = 0;
      }
      if (len > this.max_message_size - this.message_declared) {
        return this.fail(
          CLOSE_MESSAGE_TOO_BIG,
          `Message of at least ${this.message_declared + len} bytes exceeds the limit of ${this.max_message_size} bytes.`,
        );
      }
      this.message_declared += len;
      this.fragmented = !fin;
    }

    this.consume(header_len);
    this.fin = fin;
    this.opcode = opcode;
    this.masked = masked;
    this.mask_phase = 0;
    this.frame_len = len;
    this.frame_left = len;
    this.state = STATE_PAYLOAD;
    return -1;
  }

  // -------------------------------------------------------------------- data

  /** An event code, or -1 when a non-final frame ended and the next header follows. */
  private read_data(): number {
    const chunk = this.chunks[this.head];
    // Fast path: a whole single-frame message inside one chunk is returned as a view of it.
    if (this.fin && this.opcode !== OPCODE_CONTINUATION && this.frame_left === this.frame_len) {
      const len = this.frame_len;
      if (len === 0) return this.emit_message(EMPTY);
      if (chunk !== undefined && chunk.length - this.pos >= len) {
        const start = this.pos;
        if (this.masked) mask(chunk, start, start + len, this.mask_key, 0);
        const view = new Uint8Array(chunk.buffer, chunk.byteOffset + start, len);
        this.consume(len);
        if (this.message_is_text && !utf8_ok(view)) {
          return this.fail(CLOSE_INVALID_PAYLOAD, "Text message is not valid UTF-8 (RFC 6455 §8.1).");
        }
        return this.emit_message(view);
      }
    }
    // Streaming: take what is there, piece by piece. A single-frame message
    // keeps its pieces masked and is unmasked while they are concatenated:
    // one pass over the bytes instead of two (in place, then the copy).
    const deferred = this.masked && this.fin && this.opcode !== OPCODE_CONTINUATION;
    while (this.frame_left > 0) {
      if (this.avail === 0) return WS_PARSE_NEED_MORE;
      const c = this.chunks[this.head] as Uint8Array;
      const start = this.pos;
      const n = Math.min(this.frame_left, c.length - start);
      if (!deferred) {
        if (this.masked) {
          mask(c, start, start + n, this.mask_key, this.mask_phase);
          this.mask_phase = (this.mask_phase + n) & 3;
        }
        if (this.message_is_text && !this.stream_validator().push(c, start, start + n)) {
          return this.fail(CLOSE_INVALID_PAYLOAD, "Text message is not valid UTF-8 (RFC 6455 §8.1).");
        }
      }
      this.add_piece(c, start, n);
      this.consume(n);
      this.frame_left -= n;
    }
    if (!this.fin) {
      this.state = STATE_HEADER;
      return -1;
    }
    if (deferred) {
      const message = this.unmask_pieces();
      if (this.message_is_text && !utf8_ok(message)) {
        return this.fail(CLOSE_INVALID_PAYLOAD, "Text message is not valid UTF-8 (RFC 6455 §8.1).");
      }
      return this.emit_message(message);
    }
    if (this.message_is_text && this.utf8 !== null && !this.utf8.is_complete()) {
      // Every piece was valid so far, but the message stops inside a sequence.
      return this.fail(CLOSE_INVALID_PAYLOAD, "Text message ends inside a UTF-8 sequence (RFC 6455 §8.1).");
    }
    const first_piece = this.pieces[0];
    let message: Uint8Array;
    if (first_piece === undefined) message = EMPTY;
    else if (this.pieces.length === 1) message = first_piece;
    else {
      // The one concatenation of a multi-chunk or multi-frame message.
      message = alloc(this.pieces_bytes);
      let at = 0;
      for (const p of this.pieces) {
        message.set(p, at);
        at += p.length;
      }
    }
    return this.emit_message(message);
  }

  /**
   * The still-masked pieces of a single-frame message, unmasked into one new
   * array aligned like the first piece (so the word loop reads and writes
   * each byte once where the pieces keep that alignment).
   */
  private unmask_pieces(): Uint8Array {
    const pieces = this.pieces;
    const key = this.mask_key;
    const first = pieces[0];
    if (first === undefined) return EMPTY;
    if (pieces.length === 1) {
      mask(first, 0, first.length, key, 0);
      return first;
    }
    const message = alloc_aligned(this.pieces_bytes, first.byteOffset);
    let at = 0;
    for (const p of pieces) {
      unmask_into(p, 0, p.length, message, at, key, at & 3);
      at += p.length;
    }
    return message;
  }

  private emit_message(message: Uint8Array): WsParseResult {
    this.payload = message;
    const text = this.message_is_text;
    if (this.pieces_bytes !== 0) {
      this.pieces.length = 0;
      this.pieces_bytes = 0;
    }
    if (this.utf8 !== null) this.utf8.reset();
    this.state = STATE_HEADER;
    return text ? WS_PARSE_TEXT : WS_PARSE_BINARY;
  }

  /**
   * Keeps bytes [start, start+n) of chunk c for the message in progress. A
   * view pins the chunk's whole ArrayBuffer, so a piece smaller than half of
   * it is copied: memory held stays within 2x the bytes counted.
   */
  private add_piece(c: Uint8Array, start: number, n: number): void {
    if (n === 0) return;
    let piece = new Uint8Array(c.buffer, c.byteOffset + start, n);
    if (n * 2 < c.buffer.byteLength) {
      const copy = alloc(n);
      copy.set(piece);
      piece = copy;
    }
    this.pieces.push(piece);
    this.pieces_bytes += n;
  }

  private stream_validator(): Utf8StreamValidator {
    if (this.utf8 === null) this.utf8 = new Utf8StreamValidator();
    return this.utf8;
  }

  // ----------------------------------------------------------------- control

  private read_control(): WsParseResult {
    const len = this.frame_len;
    let body: Uint8Array;
    if (len === 0) {
      body = EMPTY;
    } else if (this.avail === 0) {
      return WS_PARSE_NEED_MORE;
    } else if (this.control_have === 0 && (this.chunks[this.head] as Uint8Array).length - this.pos >= len) {
      const c = this.chunks[this.head] as Uint8Array;
      body = new Uint8Array(c.buffer, c.byteOffset + this.pos, len);
      this.consume(len);
    } else {
      // Straddles chunks: assemble a private copy (<= 125 bytes).
      if (this.control_have === 0) this.control_buf = new Uint8Array(len);
      const take = Math.min(this.avail, len - this.control_have);
      this.copy_out(this.control_buf.subarray(this.control_have), take);
      this.consume(take);
      this.control_have += take;
      if (this.control_have < len) return WS_PARSE_NEED_MORE;
      body = this.control_buf;
      this.control_buf = EMPTY;
      this.control_have = 0;
    }
    if (this.masked) mask(body, 0, len, this.mask_key, 0);
    this.frame_left = 0;
    this.state = STATE_HEADER;
    this.payload = body;
    if (this.opcode === OPCODE_PING) return WS_PARSE_PING;
    if (this.opcode === OPCODE_PONG) return WS_PARSE_PONG;
    return this.handle_close(body);
  }

  /** RFC 6455 §5.5.1 / §7.4: validates the Close payload and stops the parser. */
  private handle_close(body: Uint8Array): WsParseResult {
    if (body.length === 1) {
      return this.fail(CLOSE_PROTOCOL_ERROR, "Close frame with a 1-byte payload (RFC 6455 §5.5.1).");
    }
    if (body.length === 0) {
      this.close_code = CLOSE_NO_STATUS;
      this.close_reason = "";
    } else {
      const code = ((body[0] as number) << 8) | (body[1] as number);
      if (!close_code_ok(code)) {
        return this.fail(CLOSE_PROTOCOL_ERROR, `Close code ${code} may not be sent on the wire (RFC 6455 §7.4).`);
      }
      const reason = body.subarray(2);
      if (!utf8_ok(reason)) {
        return this.fail(CLOSE_INVALID_PAYLOAD, "Close reason is not valid UTF-8 (RFC 6455 §5.5.1).");
      }
      this.close_code = code;
      this.close_reason = reason.length === 0 ? "" : utf8_decoder.decode(reason);
    }
    this.stop();
    return WS_PARSE_CLOSE;
  }

  // ------------------------------------------------------------------ input

  /** Advances past n unconsumed bytes (n <= avail). */
  private consume(n: number): void {
    this.avail -= n;
    let pos = this.pos + n;
    const chunks = this.chunks;
    for (;;) {
      const c = chunks[this.head];
      if (c === undefined || pos < c.length) break;
      pos -= c.length;
      chunks[this.head] = EMPTY; // release it now, not at compaction
      this.head++;
    }
    this.pos = pos;
    if (this.head === chunks.length) {
      chunks.length = 0;
      this.head = 0;
    } else if (this.head >= 64) {
      chunks.splice(0, this.head);
      this.head = 0;
    }
  }

  /** Copies the next n unconsumed bytes into dst without consuming them (n <= avail). */
  private copy_out(dst: Uint8Array, n: number): void {
    let i = this.head;
    let p = this.pos;
    let at = 0;
    while (at < n) {
      const c = this.chunks[i] as Uint8Array;
      const take = Math.min(n - at, c.length - p);
      dst.set(c.subarray(p, p + take), at);
      at += take;
      i++;
      p = 0;
    }
  }

  // ----------------------------------------------------------------- failure

  private fail(code: number, reason: string): WsParseResult {
    this.error_code = code;
    this.error_reason = reason;
    this.stop();
    return WS_PARSE_ERROR;
  }

  private stop(): void {
    this.state = STATE_STOPPED;
    this.chunks = [];
    this.head = 0;
    this.pos = 0;
    this.avail = 0;
    this.pieces.length = 0;
    this.pieces_bytes = 0;
    this.control_buf = EMPTY;
    this.control_have = 0;
  }
}
