/**
 * RFC 6455 §5.3 masking: payload byte i is XORed with key byte (i mod 4).
 * The same operation masks and unmasks.
 *
 * A key is passed as the 32-bit number formed by the four key bytes in wire
 * order (big-endian): key = k0 << 24 | k1 << 16 | k2 << 8 | k3. `phase` says
 * which key byte applies to the first byte of the range (0-3), so a frame
 * payload that arrives in pieces can be unmasked piece by piece.
 *
 * Two speeds, by range length (measured, see bench/frame_codec_bench.ts):
 * - under WORD_MIN bytes, an unrolled byte loop;
 * - from WORD_MIN bytes, an Int32Array over the 4-byte-aligned middle,
 *   unrolled by four, with bytes for the head and tail. Int32 and not Uint32:
 *   a Uint32 mask above 2^31 is not a small integer for V8 and made the loop
 *   ~3x slower. The word mask is built through the same kind of view, so this
 *   is right on either endianness.
 * Creating the view costs ~100-200 ns, so below ~128 bytes bytes win. A
 * DataView path (cached per buffer, any alignment) was tried for 16-1024
 * bytes and was no faster than these two.
 */

const WORD_MIN = 128;

const word_scratch8 = new Uint8Array(4);
const word_scratch32 = new Int32Array(word_scratch8.buffer);

/** Key byte `phase` (mod 4) of a wire-order 32-bit key. */
function key_byte(key: number, phase: number): number {
  return (key >>> ((3 - (phase & 3)) << 3)) & 0xff;
}

/** XOR `buf[start, end)` with the key in place, key byte `phase` applying at `start`. */
export function mask_in_place(buf: Uint8Array, start: number, end: number, key: number, phase: number): void {
  let i = start;
  if (end - i >= WORD_MIN) {
    // Walk bytes until the absolute address is word-aligned; an Int32Array view needs it.
    const misalign = (buf.byteOffset + i) & 3;
    if (misalign !== 0) {
      const stop = i + 4 - misalign;
      for (; i < stop; i++, phase++) buf[i] = (buf[i] as number) ^ key_byte(key, phase);
    }
    const words = (end - i) >>> 2;
    word_scratch8[0] = key_byte(key, phase);
    word_scratch8[1] = key_byte(key, phase + 1);
    word_scratch8[2] = key_byte(key, phase + 2);
    word_scratch8[3] = key_byte(key, phase + 3);
    const m = word_scratch32[0] as number;
    const view = new Int32Array(buf.buffer, buf.byteOffset + i, words);
    let w = 0;
    for (; w + 3 < words; w += 4) {
      view[w] = (view[w] as number) ^ m;
      view[w + 1] = (view[w + 1] as number) ^ m;
      view[w + 2] = (view[w + 2] as number) ^ m;
      view[w + 3] = (view[w + 3] as number) ^ m;
    }
    for (; w < words; w++) view[w] = (view[w] as number) ^ m;
    i += words << 2; // a multiple of 4: phase is unchanged
  }
  const k0 = key_byte(key, phase);
  const k1 = key_byte(key, phase + 1);
  const k2 = key_byte(key, phase + 2);
  const k3 = key_byte(key, phase + 3);
  for (; i + 3 < end; i += 4) {
    buf[i] = (buf[i] as number) ^ k0;
    buf[i + 1] = (buf[i + 1] as number) ^ k1;
    buf[i + 2] = (buf[i + 2] as number) ^ k2;
    buf[i + 3] = (buf[i + 3] as number) ^ k3;
  }
  if (i < end) buf[i] = (buf[i] as number) ^ k0;
  if (i + 1 < end) buf[i + 1] = (buf[i + 1] as number) ^ k1;
  if (i + 2 < end) buf[i + 2] = (buf[i + 2] as number) ^ k2;
}

/**
 * Writes `src` masked with `key` (phase 0) into `dst` at `dst_offset`; `src`
 * is left untouched (it is the caller's message). From WORD_MIN bytes the
 * payload is copied with a memcpy and masked in place by words, whatever the
 * relative alignment of src and dst.
 */
export function mask_copy(src: Uint8Array, dst: Uint8Array, dst_offset: number, key: number): void {
  const n = src.length;
  if (n >= WORD_MIN) {
    dst.set(src, dst_offset);
    mask_in_place(dst, dst_offset, dst_offset + n, key, 0);
    return;
  }
  const k0 = key >>> 24;
  const k1 = (key >>> 16) & 0xff;
  const k2 = (key >>> 8) & 0xff;
  const k3 = key & 0xff;
  let i = 0;
  let o = dst_offset;
  for (; i + 3 < n; i += 4, o += 4) {
    dst[o] = (src[i] as number) ^ k0;
    dst[o + 1] = (src[i + 1] as number) ^ k1;
    dst[o + 2] = (src[i + 2] as number) ^ k2;
    dst[o + 3] = (src[i + 3] as number) ^ k3;
  }
  if (i < n) dst[o] = (src[i] as number) ^ k0;
  if (i + 1 < n) dst[o + 1] = (src[i + 1] as number) ^ k1;
  if (i + 2 < n) dst[o + 2] = (src[i + 2] as number) ^ k2;
}
