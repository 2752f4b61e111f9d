/** A number or bigint as a signed 64-bit bigint (wrapping like the engine's int64_t); NaN/inf → 0. */
export function to_int64(value: bigint | number): bigint {
  if (typeof value === "bigint") return BigInt.asIntN(64, value);
  if (!Number.isFinite(value)) return 0n;
  return BigInt.asIntN(64, BigInt(Math.trunc(value)));
}
