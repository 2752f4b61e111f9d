/**
 * Number to text as Godot 4.3 does it (String::num, num_real, num_scientific in
 * a single-precision build), so that str() and the doc defaults print the
 * engine's digits. These differ from JavaScript's shortest round-trip form:
 * `str(0.1 + 0.2)` is "0.3" in Godot 4.3, "0.30000000000000004" in JS.
 */

/** The C library's "%.*f" rounding: like toFixed, but exact ties go to even. */
export function to_fixed(value: number, decimals: number): string {
  const negative = value < 0 || Object.is(value, -0);
  const abs = Math.abs(value);
  let digits: string;
  if (abs >= 1e21) {
    // toFixed switches to exponent form here; such doubles are whole numbers.
    const whole = BigInt(abs).toString();
    digits = decimals > 0 ? `${whole}.${"0".repeat(decimals)}` : whole;
  } else {
    digits = abs.toFixed(decimals);
    if (decimals < 100 && is_exact_tie(abs, decimals)) {
      // toFixed rounded the tie up; printf keeps the even neighbour.
      const longer = abs.toFixed(decimals + 1);
      const truncated = decimals === 0 ? longer.slice(0, -2) : longer.slice(0, -1);
      const last = truncated.charCodeAt(truncated.length - 1) - 48;
      if (last % 2 === 0) digits = truncated;
    }
  }
  return negative ? `-${digits}` : digits;
}

/** True when `abs` lies exactly halfway between two multiples of 10^-decimals. */
function is_exact_tie(abs: number, decimals: number): boolean {
  if (abs === 0 || !Number.isFinite(abs)) return false;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, abs);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mantissa = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exponent: number;
  if (biased === 0) {
    exponent = -1074;
  } else {
    mantissa |= 1n << 52n;
    exponent = biased - 1075;
  }
  // abs * 2 * 10^decimals must be an odd integer.
  let scaled = mantissa * 10n ** BigInt(decimals);
  const shift = exponent + 1;
  if (shift > 0) return false; // even (or zero) after a left shift
  const divisor = 1n << BigInt(-shift);
  if (scaled % divisor !== 0n) return false;
  scaled /= divisor;
  return (scaled & 1n) === 1n;
}

/** Drops trailing zeros after a period, and the period itself if nothing is left. */
function strip_zeros(text: string): string {
  if (!text.includes(".")) return text;
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 48) end--;
  if (end > 0 && text[end - 1] === ".") end--;
  return text.slice(0, end);
}

const MAX_DECIMALS = 32;

/** String::num(value, decimals): -1 means 14 significant-ish decimals; trailing zeros removed. */
export function num(value: number, decimals = -1): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  if (decimals < 0) {
    decimals = 14;
    const abs = Math.abs(value);
    if (abs > 10) decimals -= Math.floor(Math.log10(abs));
  }
  if (decimals > MAX_DECIMALS) decimals = MAX_DECIMALS;
  // A still-negative count means the C format "%lf", i.e. six decimals.
  if (decimals < 0) decimals = 6;
  return strip_zeros(to_fixed(value, decimals));
}

const INT64_LIMIT = 2 ** 63;

/**
 * String::num_real: whole numbers print without decimals ("1", or "1.0" with
 * `trailing`), others with 6 decimals less the magnitude's digits (the
 * single-precision build's rule, used for float Variants in 4.3 too).
 */
export function num_real(value: number, trailing: boolean): string {
  if (Number.isInteger(value) && Math.abs(value) < INT64_LIMIT) {
    const whole = Number.isSafeInteger(value) ? String(value === 0 ? 0 : value) : BigInt(value).toString();
    return trailing ? `${whole}.0` : whole;
  }
  let decimals = 6;
  const abs = Math.abs(value);
  if (abs > 10) decimals -= Math.floor(Math.log10(abs));
  return num(value, decimals);
}

/** String::num_scientific: C's "%lg" (six significant digits, exponent form outside 1e-4..1e6). */
export function num_scientific(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  const [mantissa = "0", exp_text = "0"] = abs.toExponential(5).split("e");
  const exponent = Number(exp_text);
  if (exponent < -4 || exponent >= 6) {
    const magnitude = Math.abs(exponent);
    return `${sign}${strip_zeros(mantissa)}e${exponent < 0 ? "-" : "+"}${magnitude < 10 ? "0" : ""}${magnitude}`;
  }
  return sign + strip_zeros(to_fixed(abs, 5 - exponent));
}
