/** A growable little-endian byte buffer for the encoder: one pass, doubling capacity. */
import { utf8_encoder, utf8_length } from "./marshalls_utf8.js";

export class ByteWriter {
  buffer: Uint8Array;
  view: DataView;
  pos = 0;

  constructor(capacity = 256) {
    this.buffer = new Uint8Array(capacity);
    this.view = new DataView(this.buffer.buffer);
  }

  reserve(extra: number): void {
    const needed = this.pos + extra;
    if (needed <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new Uint8Array(capacity);
    next.set(this.buffer.subarray(0, this.pos));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }

  u32(value: number): void {
    this.reserve(4);
    this.view.setUint32(this.pos, value >>> 0, true);
    this.pos += 4;
  }

  i32(value: number): void {
    this.reserve(4);
    this.view.setInt32(this.pos, value, true);
    this.pos += 4;
  }

  i64(value: bigint): void {
    this.reserve(8);
    this.view.setBigInt64(this.pos, BigInt.asIntN(64, value), true);
    this.pos += 8;
  }

  f32(value: number): void {
    this.reserve(4);
    this.view.setFloat32(this.pos, value, true);
    this.pos += 4;
  }

  f64(value: number): void {
    this.reserve(8);
    this.view.setFloat64(this.pos, value, true);
    this.pos += 8;
  }

  bytes(data: Uint8Array): void {
    this.reserve(data.length);
    this.buffer.set(data, this.pos);
    this.pos += data.length;
  }

  /** Zero bytes up to the next multiple of 4 (the buffer may hold old data after reuse). */
  pad4(): void {
    while (this.pos % 4 !== 0) {
      this.reserve(1);
      this.buffer[this.pos++] = 0;
    }
  }

  /**
   * A string's UTF-8 bytes preceded by their length (+1 and a NUL terminator
   * when `terminated`, as PackedStringArray elements are), zero-padded to 4.
   */
  string(text: string, terminated = false): void {
    const extra = terminated ? 1 : 0;
    // Up to 3 bytes per UTF-16 unit; long strings are measured instead of over-reserving.
    this.reserve(4 + (text.length > 4096 ? utf8_length(text) : text.length * 3) + extra + 3);
    const start = this.pos + 4;
    let length = 0;
    const n = text.length;
    const buf = this.buffer;
    // ASCII fast path; the first other character hands the rest to TextEncoder.
    while (length < n) {
      const c = text.charCodeAt(length);
      if (c >= 0x80) break;
      buf[start + length] = c;
      length++;
    }
    if (length < n) {
      const { written } = utf8_encoder.encodeInto(text.slice(length), buf.subarray(start + length));
      length += written;
    }
    this.view.setUint32(this.pos, length + extra, true);
    this.pos = start + length;
    if (terminated) buf[this.pos++] = 0;
    this.pad4();
  }

  /** A copy of what was written (the writer's buffer may be reused). */
  result(): Uint8Array {
    return this.buffer.slice(0, this.pos);
  }
}
