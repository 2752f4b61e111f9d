/**
 * The load client's wire work, kept minimal so the client outruns every
 * server: client frames are encoded once into one buffer (a window of them
 * back to back) and re-sent as slices of it; echoed frames are counted by
 * walking frame headers, without looking at payloads.
 */
import { createHash } from "node:crypto";

export const OP_TEXT = 1;
export const OP_BINARY = 2;
export const OP_CLOSE = 8;

/** A fixed mask key: servers must unmask whatever the key, so this costs them the same. */
const MASK = [0x37, 0xfa, 0x21, 0x3d] as const;

/** One masked client frame (RFC 6455 §5.2) with FIN set. */
export function encode_client_frame(opcode: number, payload: Uint8Array): Buffer {
  const n = payload.length;
  const ext = n < 126 ? 0 : n < 65536 ? 2 : 8;
  const out = Buffer.allocUnsafe(2 + ext + 4 + n);
  out[0] = 0x80 | opcode;
  let p = 2;
  if (ext === 0) {
    out[1] = 0x80 | n;
  } else if (ext === 2) {
    out[1] = 0x80 | 126;
    out.writeUInt16BE(n, 2);
    p = 4;
  } else {
    out[1] = 0x80 | 127;
    out.writeBigUInt64BE(BigInt(n), 2);
    p = 10;
  }
  for (let i = 0; i < 4; i++) out[p + i] = MASK[i] as number;
  p += 4;
  for (let i = 0; i < n; i++) out[p + i] = (payload[i] as number) ^ (MASK[i & 3] as number);
  return out;
}

/** `count` copies of one frame back to back; `subarray(0, k * frame_size)` sends k of them. */
export function frame_window(opcode: number, payload: Uint8Array, count: number): { buffer: Buffer; frame_size: number } {
  const one = encode_client_frame(opcode, payload);
  const buffer = Buffer.allocUnsafe(one.length * count);
  for (let i = 0; i < count; i++) one.copy(buffer, i * one.length);
  return { buffer, frame_size: one.length };
}

/** A masked Close frame with status 1000. */
export function close_frame(): Buffer {
  return encode_client_frame(OP_CLOSE, Uint8Array.of(0x03, 0xe8));
}

/** The key every bench handshake sends, and the Sec-WebSocket-Accept it must get back (§4.2.2). */
export const HANDSHAKE_KEY = "ZGduZXQtYmVuY2gta2V5MQ==";
export const EXPECTED_ACCEPT = createHash("sha1")
  .update(HANDSHAKE_KEY + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
  .digest("base64");

export function upgrade_request(port: number): Buffer {
  return Buffer.from(
    `GET /bench HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Key: ${HANDSHAKE_KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
    "latin1",
  );
}

/**
 * Counts complete frames in a byte stream cut anywhere. Data frames with FIN
 * are messages; a Close frame is noted. Masked frames (a raw TCP echo sends
 * the client's own frames back) are walked the same way.
 */
export class FrameCounter {
  messages = 0;
  payload_bytes = 0;
  saw_close = false;
  /** Payload bytes of the current frame still to skip. */
  #left = 0;
  #current_is_message = false;
  #current_len = 0;
  /** A header split across chunks is gathered here. */
  #head = Buffer.alloc(14);
  #head_len = 0;

  /** Walks a chunk; returns how many messages completed in it. */
  push(chunk: Uint8Array): number {
    const n = chunk.length;
    let i = 0;
    let done = 0;
    while (i < n) {
      if (this.#left > 0) {
        const take = this.#left < n - i ? this.#left : n - i;
        this.#left -= take;
        i += take;
        if (this.#left === 0 && this.#end_frame()) done++;
        continue;
      }
      // At a header: parse it in place when it lies whole in the chunk.
      let src: Uint8Array = chunk;
      let at = i;
      if (this.#head_len > 0 || n - i < 14) {
        const need = this.#head_len < 2 ? 2 : header_size(this.#head[1] as number);
        if (this.#head_len < 2 || this.#head_len < need) {
          // Gather byte by byte until the header's size is known and complete.
          this.#head[this.#head_len++] = chunk[i++] as number;
          if (this.#head_len < 2 || this.#head_len < header_size(this.#head[1] as number)) continue;
        }
        src = this.#head;
        at = 0;
      }
      const b0 = src[at] as number;
      const b1 = src[at + 1] as number;
      const size = header_size(b1);
      let len = b1 & 0x7f;
      if (len === 126) len = ((src[at + 2] as number) << 8) | (src[at + 3] as number);
      else if (len === 127) {
        const hi = (src[at + 5] as number) * 2 ** 32; // lengths past 2^40 do not occur here
        len = hi + (src[at + 6] as number) * 2 ** 24 + (((src[at + 7] as number) << 16) | ((src[at + 8] as number) << 8) | (src[at + 9] as number));
      }
      const opcode = b0 & 0x0f;
      this.#current_is_message = (b0 & 0x80) !== 0 && opcode < 8;
      if (opcode === OP_CLOSE) this.saw_close = true;
      this.#current_len = len;
      if (src === this.#head) this.#head_len = 0;
      else i += size;
      this.#left = len;
      if (len === 0 && this.#end_frame()) done++;
    }
    return done;
  }

  #end_frame(): boolean {
    if (!this.#current_is_message) return false;
    this.messages++;
    this.payload_bytes += this.#current_len;
    return true;
  }
}

function header_size(b1: number): number {
  const len7 = b1 & 0x7f;
  return 2 + (len7 === 126 ? 2 : len7 === 127 ? 8 : 0) + (b1 & 0x80 ? 4 : 0);
}

/** Finds the end of an HTTP header block in latin1 text; -1 when incomplete. */
export function header_block_end(text: string): number {
  const at = text.indexOf("\r\n\r\n");
  return at < 0 ? -1 : at + 4;
}

/** True when the response block is a 101 with the right accept value. */
export function is_valid_upgrade(block: string): boolean {
  return block.startsWith("HTTP/1.1 101") && block.includes(EXPECTED_ACCEPT);
}
