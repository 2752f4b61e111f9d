/**
 * RFC 6455 frame encoder built for "one write per peer per poll".
 *
 * A WsFrameWriter collects the frames a peer queues between two flushes and
 * `take()` hands them over as a short list of buffers for one
 * `write`/`writev`/cork. Headers and small payloads are copied, back to back,
 * into a slab shared by all writers (so ten 64-byte messages become one
 * buffer); a large unmasked payload is referenced, not copied, after its
 * header. Client frames are masked with a fresh key per frame (§5.3); as
 * masking must not modify the caller's message, a masked payload is always
 * written into new memory (the slab, or a buffer of its own when large).
 *
 * Outgoing messages are never fragmented (§5.4 allows either; Godot never
 * fragments either).
 *
 * Handed-out slab ranges are never written again, so a transport may keep
 * them queued as long as it likes. Writers interleaving on the shared slab
 * just start a new range, which costs one more buffer in the list.
 */
import { ERR_INVALID_PARAMETER, OK } from "../../core/error/error_list.js";
import type { GodotError } from "../../core/error/error_list.js";
import { mask_copy } from "./ws_mask.js";
import { alloc_bytes } from "./ws_platform.js";
import {
  MAX_CLOSE_REASON_BYTES,
  MAX_CONTROL_PAYLOAD,
  OPCODE_BINARY,
  OPCODE_CLOSE,
  OPCODE_PING,
  OPCODE_PONG,
  OPCODE_TEXT,
  is_valid_close_code,
} from "./ws_protocol.js";
import type { WsRole } from "./ws_protocol.js";
import { next_mask_key } from "./ws_random.js";

// Local aliases for the hot path: under CommonJS-style loaders (tsx, test
// runners) every read of an imported binding is a getter call.
const masked_copy = mask_copy;
const OP_TEXT = OPCODE_TEXT;
const OP_BINARY = OPCODE_BINARY;

/** Header size for a payload length (§5.2: 7-bit, 16-bit or 64-bit length; +4 when masked). */
export function frame_header_size(payload_length: number, masked: boolean): number {
  return (payload_length < 126 ? 2 : payload_length < 65536 ? 4 : 10) + (masked ? 4 : 0);
}

/**
 * Writes a frame header at dst[at] and returns its size. `mask_key` is a
 * 32-bit wire-order key, or -1 for an unmasked frame.
 */
export function write_frame_header(
  dst: Uint8Array,
  at: number,
  opcode: number,
  fin: boolean,
  payload_length: number,
  mask_key: number,
): number {
  const mask_bit = mask_key >= 0 ? 0x80 : 0;
  dst[at] = (fin ? 0x80 : 0) | opcode;
  let p = at + 2;
  if (payload_length < 126) {
    dst[at + 1] = mask_bit | payload_length;
  } else if (payload_length < 65536) {
    dst[at + 1] = mask_bit | 126;
    dst[at + 2] = payload_length >>> 8;
    dst[at + 3] = payload_length & 0xff;
    p = at + 4;
  } else {
    dst[at + 1] = mask_bit | 127;
    const hi = Math.floor(payload_length / 4294967296);
    const lo = payload_length >>> 0;
    dst[at + 2] = hi >>> 24;
    dst[at + 3] = (hi >>> 16) & 0xff;
    dst[at + 4] = (hi >>> 8) & 0xff;
    dst[at + 5] = hi & 0xff;
    dst[at + 6] = lo >>> 24;
    dst[at + 7] = (lo >>> 16) & 0xff;
    dst[at + 8] = (lo >>> 8) & 0xff;
    dst[at + 9] = lo & 0xff;
    p = at + 10;
  }
  if (mask_key >= 0) {
    dst[p] = mask_key >>> 24;
    dst[p + 1] = (mask_key >>> 16) & 0xff;
    dst[p + 2] = (mask_key >>> 8) & 0xff;
    dst[p + 3] = mask_key & 0xff;
    p += 4;
  }
  return p - at;
}

/**
 * Encodes one frame into a new buffer. `mask_key` is a 32-bit wire-order key
 * or -1 (unmasked). For tests and one-off frames; peers use WsFrameWriter.
 */
export function encode_frame(opcode: number, payload: Uint8Array, fin = true, mask_key = -1): Uint8Array {
  const header = frame_header_size(payload.length, mask_key >= 0);
  const out = new Uint8Array(header + payload.length);
  write_frame_header(out, 0, opcode, fin, payload.length, mask_key);
  if (mask_key >= 0) mask_copy(payload, 0, payload.length, out, header, mask_key, 0);
  else out.set(payload, header);
  return out;
}

/** Encodes a Close payload: 2-byte code then the UTF-8 reason (§5.5.1). */
export function encode_close_payload(code: number, reason: Uint8Array): Uint8Array {
  const out = new Uint8Array(2 + reason.length);
  out[0] = code >>> 8;
  out[1] = code & 0xff;
  out.set(reason, 2);
  return out;
}

// ---- the shared slab ------------------------------------------------------

const SLAB_SIZE = 64 * 1024;
/** Payloads above this are referenced (unmasked) or get a buffer of their own (masked). */
export const COPY_MAX = 16 * 1024;

let slab: Uint8Array = new Uint8Array(0);
let slab_used = 0;
/** The writer whose open range ends at slab_used, so it may keep appending. */
let slab_owner: WsFrameWriter | null = null;

const utf8_encoder = new TextEncoder();

export interface WsFrameWriterOptions {
  /** "client" masks every frame (RFC 6455 §5.3), "server" never does (§5.1). */
  role: WsRole;
  /** Masking key source (32-bit wire-order keys); tests inject fixed keys. Default: the CSPRNG pool. */
  mask_key_source?: () => number;
}

export class WsFrameWriter {
  readonly role: WsRole;
  private readonly masked: boolean;
  private readonly next_key: () => number;

  /** Finished buffers of the batch, in wire order. */
  private out: Uint8Array[] = [];
  /** The open range of the slab this writer appends to; null when none. */
  private seg_slab: Uint8Array | null = null;
  private seg_start = 0;
  private seg_end = 0;
  private batch_bytes = 0;
  private batch_frames = 0;

  constructor(options: WsFrameWriterOptions) {
    this.role = options.role;
    this.masked = options.role === "client";
    this.next_key = options.mask_key_source ?? next_mask_key;
  }

  /** Wire bytes queued since the last take(). */
  get pending_bytes(): number {
    return this.batch_bytes;
  }

  /** Frames queued since the last take(). */
  get pending_frames(): number {
    return this.batch_frames;
  }

  /** Queues one unfragmented text or binary message. Text is not re-validated here. */
  add_message(payload: Uint8Array, is_text: boolean): void {
    this.add_frame(is_text ? OP_TEXT : OP_BINARY, payload);
  }

  /** Queues a Ping; ERR_INVALID_PARAMETER when the payload exceeds 125 bytes (§5.5). */
  add_ping(payload: Uint8Array = new Uint8Array(0)): GodotError {
    if (payload.length > MAX_CONTROL_PAYLOAD) return ERR_INVALID_PARAMETER;
    this.add_frame(OPCODE_PING, payload);
    return OK;
  }

  /** Queues a Pong (normally echoing a Ping's payload, §5.5.3). */
  add_pong(payload: Uint8Array): GodotError {
    if (payload.length > MAX_CONTROL_PAYLOAD) return ERR_INVALID_PARAMETER;
    this.add_frame(OPCODE_PONG, payload);
    return OK;
  }

  /**
   * Queues a Close frame. Without a code the payload is empty (§5.5.1 allows
   * it; the receiver sees 1005). The code must be one that may be sent
   * (ws_protocol.is_valid_close_code) and the reason at most 123 UTF-8 bytes;
   * otherwise nothing is queued and ERR_INVALID_PARAMETER is returned, so the
   * caller can report it instead of hanging in CLOSING (an engine bug).
   */
  add_close(code?: number, reason: string | Uint8Array = ""): GodotError {
    if (code === undefined) {
      if (reason.length !== 0) return ERR_INVALID_PARAMETER; // a reason needs a code
      this.add_frame(OPCODE_CLOSE, new Uint8Array(0));
      return OK;
    }
    if (!Number.isInteger(code) || !is_valid_close_code(code)) return ERR_INVALID_PARAMETER;
    const reason_bytes = typeof reason === "string" ? utf8_encoder.encode(reason) : reason;
    if (reason_bytes.length > MAX_CLOSE_REASON_BYTES) return ERR_INVALID_PARAMETER;
    this.add_frame(OPCODE_CLOSE, encode_close_payload(code, reason_bytes));
    return OK;
  }

  /** Queues one frame as given (callers check control-frame rules). */
  add_frame(opcode: number, payload: Uint8Array, fin = true): void {
    const n = payload.length;
    const key = this.masked ? this.next_key() >>> 0 : -1;
    const header = frame_header_size(n, this.masked);
    this.batch_frames++;
    this.batch_bytes += header + n;
    if (n <= COPY_MAX) {
      const at = this.reserve(header + n);
      const buf = this.seg_slab as Uint8Array;
      const h = write_frame_header(buf, at, opcode, fin, n, key);
      if (key >= 0) masked_copy(payload, 0, payload.length, buf, at + h, key, 0);
      else buf.set(payload, at + h);
      return;
    }
    if (key < 0) {
      // Large and unmasked: header in the slab, payload referenced as is.
      const at = this.reserve(header);
      write_frame_header(this.seg_slab as Uint8Array, at, opcode, fin, n, key);
      this.close_segment();
      this.out.push(payload);
      return;
    }
    // Large and masked: one buffer of its own holding header and masked payload.
    this.close_segment();
    const own = alloc_bytes(header + n);
    write_frame_header(own, 0, opcode, fin, n, key);
    masked_copy(payload, 0, payload.length, own, header, key, 0);
    this.out.push(own);
  }

  /**
   * Hands over everything queued since the last call, in wire order, and
   * starts a new batch. Empty list when nothing was queued.
   */
  take(): Uint8Array[] {
    this.close_segment();
    const batch = this.out;
    this.out = [];
    this.batch_bytes = 0;
    this.batch_frames = 0;
    return batch;
  }

  /** Drops everything queued since the last take() (e.g. on an abrupt close). */
  clear(): void {
    this.take();
  }

  /** Room for n bytes at the returned offset of this.seg_slab, appended to the open range when possible. */
  private reserve(n: number): number {
    if (!(slab_owner === this && this.seg_slab === slab && slab_used + n <= slab.length)) {
      this.close_segment();
      if (slab_used + n > slab.length) {
        slab = alloc_bytes(SLAB_SIZE);
        slab_used = 0;
      }
      slab_owner = this;
      this.seg_slab = slab;
      this.seg_start = slab_used;
      this.seg_end = slab_used;
    }
    const at = slab_used;
    slab_used += n;
    this.seg_end = slab_used;
    return at;
  }

  private close_segment(): void {
    if (this.seg_slab === null) return;
    if (this.seg_end > this.seg_start) this.out.push(this.seg_slab.subarray(this.seg_start, this.seg_end));
    this.seg_slab = null;
    if (slab_owner === this) slab_owner = null;
  }
}
