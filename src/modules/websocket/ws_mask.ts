/**
 * RFC 6455 §5.3 masking: payload byte i is XORed with key byte (i mod 4).
 * The same operation masks and unmasks.
 *
 * A key is passed as the 32-bit number formed by the four key bytes in wire
 * order (big-endian): key = k0 << 24 | k1 << 16 | k2 << 8 | k3. `phase` says
 * which key byte applies to the first byte of the range (0-3), so a frame
 * payload that arrives in pieces can be unmasked piece by piece.
 *
 * Three speeds, by range length (measured, see bench/frame_codec_bench.ts):
 * - under WORD_MIN bytes, an unrolled byte loop;
 * - from WORD_MIN bytes, an Int32Array over the 4-byte-aligned middle,
 *   unrolled by four, with bytes for the head and tail. Int32 and not Uint32:
 *   a Uint32 mask above 2^31 is not a small integer for V8 and made the loop
 *   ~3x slower. The word mask is built through the same kind of view, so this
 *   is right on either endianness.
 * - from SIMD_MIN bytes, WebAssembly SIMD where available (ws_mask_simd.ts):
 *   ~6.5 GB/s for 1 MiB against ~1.6 GB/s for the word loop.
 * Creating the view costs ~100-200 ns, so below ~128 bytes bytes win. A
 * DataView path (cached per buffer, any alignment) was tried for 16-1024
 * bytes and was no faster than the first two.
 */

import { SIMD_SLICE, simd_mask } from "./ws_mask_simd.js";

const WORD_MIN = 128;
/** From this many bytes the WebAssembly SIMD path wins where it exists: each call pays ~1 µs for its two copies (measured; the crossover was 2-4 KiB). */
const SIMD_MIN = 4096;
const simd = simd_mask;

const word_scratch8 = new Uint8Array(4);
const word_scratch32 = new Int32Array(word_scratch8.buffer);

/** Key byte `phase` (mod 4) of a wire-order 32-bit key. */
function key_byte(key: number, phase: number): number {
  return (key >>> ((3 - (phase & 3)) << 3)) & 0xff;
}

/**
 * The SIMD path: slices of `src[i, end)` copied into the WebAssembly memory,
 * XORed there 16 bytes at a time, and copied to `dst` at `o` (which may be
 * the same range of the same array).
 */
function simd_mask_copy(src: Uint8Array, i: number, end: number, dst: Uint8Array, o: number, key: number, phase: number): void {
  const s = simd as NonNullable<typeof simd>;
  const mem = s.mem;
  const k0 = key_byte(key, phase);
  const k1 = key_byte(key, phase + 1);
  const k2 = key_byte(key, phase + 2);
  const k3 = key_byte(key, phase + 3);
  // WebAssembly memory is little-endian: this word lays down k0 k1 k2 k3.
  const word = k0 | (k1 << 8) | (k2 << 16) | (k3 << 24);
  while (i < end) {
    const n = Math.min(SIMD_SLICE, end - i); // SIMD_SLICE is a multiple of 4: the phase holds across slices
    mem.set(src.subarray(i, i + n), 0);
    s.mask(0, n, word);
    for (let t = n & ~15; t < n; t++) {
      const p = t & 3;
      mem[t] = (mem[t] as number) ^ (p === 0 ? k0 : p === 1 ? k1 : p === 2 ? k2 : k3);
    }
    dst.set(mem.subarray(0, n), o);
    i += n;
    o += n;
  }
}

/** XOR `buf[start, end)` with the key in place, key byte `phase` applying at `start`. */
export function mask_in_place(buf: Uint8Array, start: number, end: number, key: number, phase: number): void {
  if (end - start >= WORD_MIN) {
    // In place is a copy onto itself: same alignment on both sides, so the one-pass loops apply.
    mask_copy(buf, start, end, buf, start, key, phase);
    return;
  }
  // Short ranges (the common small message): one array, bytes; ~1.5x faster than the copy loop.
  const k0 = key_byte(key, phase);
  const k1 = key_byte(key, phase + 1);
  const k2 = key_byte(key, phase + 2);
  const k3 = key_byte(key, phase + 3);
  let i = start;
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
 * Writes `src[src_start, src_end)` masked with `key` into `dst` at
 * `dst_offset`, key byte `phase` applying to the first byte; `src` is left
 * untouched. From WORD_MIN bytes: when source and destination addresses agree
 * mod 4, one pass XORs Int32 words from one view into the other (reading and
 * writing each byte once); otherwise a memcpy, then the in-place word loop.
 * Receivers allocate the destination at a matching alignment (see
 * alloc_bytes_aligned) to get the one-pass case.
 */
export function mask_copy(
  src: Uint8Array,
  src_start: number,
  src_end: number,
  dst: Uint8Array,
  dst_offset: number,
  key: number,
  phase: number,
): void {
  if (simd !== null && src_end - src_start >= SIMD_MIN) {
    simd_mask_copy(src, src_start, src_end, dst, dst_offset, key, phase);
    return;
  }
  let i = src_start;
  let o = dst_offset;
  if (src_end - i >= WORD_MIN) {
    const src_addr = src.byteOffset + i;
    if (((src_addr - (dst.byteOffset + o)) & 3) !== 0) {
      dst.set(src.subarray(i, src_end), o);
      mask_in_place(dst, o, o + (src_end - i), key, phase);
      return;
    }
    const misalign = src_addr & 3;
    if (misalign !== 0) {
      const stop = i + 4 - misalign;
      for (; i < stop; i++, o++, phase++) dst[o] = (src[i] as number) ^ key_byte(key, phase);
    }
    const words = (src_end - i) >>> 2;
    word_scratch8[0] = key_byte(key, phase);
    word_scratch8[1] = key_byte(key, phase + 1);
    word_scratch8[2] = key_byte(key, phase + 2);
    word_scratch8[3] = key_byte(key, phase + 3);
    const m = word_scratch32[0] as number;
    const s32 = new Int32Array(src.buffer, src.byteOffset + i, words);
    const d32 = new Int32Array(dst.buffer, dst.byteOffset + o, words);
    let w = 0;
    for (; w + 3 < words; w += 4) {
      d32[w] = (s32[w] as number) ^ m;
      d32[w + 1] = (s32[w + 1] as number) ^ m;
      d32[w + 2] = (s32[w + 2] as number) ^ m;
      d32[w + 3] = (s32[w + 3] as number) ^ m;
    }
    for (; w < words; w++) d32[w] = (s32[w] as number) ^ m;
    i += words << 2; // a multiple of 4: phase is unchanged
    o += words << 2;
  }
  const k0 = key_byte(key, phase);
  const k1 = key_byte(key, phase + 1);
  const k2 = key_byte(key, phase + 2);
  const k3 = key_byte(key, phase + 3);
  const d = o - i; // one induction variable: measured ~1.5x faster than two for 64-byte ranges
  for (; i + 3 < src_end; i += 4) {
    dst[i + d] = (src[i] as number) ^ k0;
    dst[i + d + 1] = (src[i + 1] as number) ^ k1;
    dst[i + d + 2] = (src[i + 2] as number) ^ k2;
    dst[i + d + 3] = (src[i + 3] as number) ^ k3;
  }
  if (i < src_end) dst[i + d] = (src[i] as number) ^ k0;
  if (i + 1 < src_end) dst[i + d + 1] = (src[i + 1] as number) ^ k1;
  if (i + 2 < src_end) dst[i + d + 2] = (src[i + 2] as number) ^ k2;
}
