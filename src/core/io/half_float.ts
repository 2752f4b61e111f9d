/**
 * IEEE 754 binary16 ("half") conversion as the engine's StreamPeer.put_half /
 * get_half do it. Encoding goes through float32 first (the engine's argument
 * is a C float), then keeps the top 10 mantissa bits (truncation, no
 * rounding), flushes anything below the smallest normal half (2^-14) to +0,
 * turns magnitudes from 65536 up into infinity, and keeps NaN as a NaN.
 * Decoding is exact, subnormals included.
 */

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The binary16 bits for `value`, engine-compatible. */
export function float_to_half_bits(value: number): number {
  f32[0] = value;
  const bits = u32[0] as number;
  const sign = (bits >>> 31) << 15;
  const exponent = bits & 0x7f800000;
  const mantissa = bits & 0x007fffff;
  if (exponent >= 0x47800000) {
    // Too large for a half, infinity, or NaN (which keeps a non-zero mantissa).
    const nan = exponent === 0x7f800000 && mantissa !== 0;
    return sign | 0x7c00 | (nan ? 0x03ff : 0);
  }
  if (exponent <= 0x38000000) return 0;
  return sign | ((exponent - 0x38000000) >>> 13) | (mantissa >>> 13);
}

/** The number a binary16 bit pattern stands for. */
export function half_bits_to_float(half: number): number {
  const sign = half & 0x8000 ? -1 : 1;
  const exponent = (half >>> 10) & 0x1f;
  const mantissa = half & 0x03ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Infinity : NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}
