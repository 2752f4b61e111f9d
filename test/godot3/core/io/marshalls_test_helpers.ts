/**
 * Helpers for the Godot 3 Variant format tests: the 4.x hex helpers run
 * through GODOT3_VARIANT_CODEC, and hand-written IEEE-754 bytes of the
 * small numbers the vectors use.
 */
import { expect } from "vitest";
import { GODOT3_VARIANT_CODEC } from "../../../../src/godot3/core/io/marshalls.js";
import { typeof_variant } from "../../../../src/core/variant/typeof_variant.js";
import { variant_equals } from "../../../../src/core/variant/variant_equals.js";
import { dec, enc, hex, to_hex } from "../../../core/io/marshalls_test_helpers.js";

export { hex, to_hex } from "../../../core/io/marshalls_test_helpers.js";

/** Godot 3 encode that must succeed, as hex. */
export const enc3 = (value: unknown, full_objects = false): string => enc(value, full_objects, GODOT3_VARIANT_CODEC);
/** Godot 3 decode that must succeed and consume every byte. */
export const dec3 = (text: string, allow_objects = false): unknown => dec(text, allow_objects, GODOT3_VARIANT_CODEC);

/**
 * float32, little-endian: sign | 8-bit exponent (bias 127) | 23-bit
 * fraction. 1 = 0x3F800000 (exponent 127), 2 = 0x40000000 (128),
 * 3 = 1.5·2 = 0x40400000, 0.5 = 0x3F000000 (126), 0.25 = 0x3E800000 (125),
 * 5 = 1.25·4 = 0x40A00000, 12 = 1.5·8 = 0x41400000, -1 sets the top bit.
 */
const F32: Record<string, string> = {
  "0": "00 00 00 00", "0.25": "00 00 80 3E", "0.5": "00 00 00 3F", "1": "00 00 80 3F",
  "-1": "00 00 80 BF", "1.5": "00 00 C0 3F", "2": "00 00 00 40", "-2": "00 00 00 C0",
  "3": "00 00 40 40", "4": "00 00 80 40", "5": "00 00 A0 40", "6": "00 00 C0 40",
  "7": "00 00 E0 40", "8": "00 00 00 41", "9": "00 00 10 41", "10": "00 00 20 41",
  "11": "00 00 30 41", "12": "00 00 40 41",
};

/**
 * float64, little-endian: 11-bit exponent (bias 1023), 52-bit fraction.
 * 1 = 0x3FF0000000000000, 2 = 0x4000…, 3 = 1.5·2 = 0x4008…, 4 = 0x4010…,
 * 5 = 1.25·4 = 0x4014…, 6 = 0x4018…, 7 = 1.75·4 = 0x401C…, 8 = 0x4020…,
 * 9 = 1.125·8 = 0x4022…, 10 = 0x4024…, 11 = 0x4026…, 12 = 0x4028….
 */
const F64_TOP: Record<string, string> = {
  "1": "F0 3F", "2": "00 40", "3": "08 40", "4": "10 40", "5": "14 40", "6": "18 40",
  "7": "1C 40", "8": "20 40", "9": "22 40", "10": "24 40", "11": "26 40", "12": "28 40",
};

function lookup(table: Record<string, string>, v: number, prefix = ""): string {
  const bytes = table[String(v)];
  if (bytes === undefined) throw new Error(`no hand-written bytes for ${v}`);
  return prefix + bytes;
}

/** float32 bytes of each value. */
export const f32 = (...values: number[]): string => values.map((v) => lookup(F32, v)).join(" ");
/** float64 bytes of each value (the six low bytes are zero for these). */
export const f64 = (...values: number[]): string => values.map((v) => lookup(F64_TOP, v, "00 00 00 00 00 00 ")).join(" ");

/**
 * Both directions: the Godot 3 encoding of `value` is exactly `bytes`, and
 * decoding `bytes` gives an equal value of the same Variant type.
 */
export function both3(value: unknown, bytes: string): void {
  expect(enc3(value)).toBe(to_hex(hex(bytes)));
  const back = dec3(bytes);
  expect(variant_equals(back, value)).toBe(true);
  expect(typeof_variant(back)).toBe(typeof_variant(value));
}
