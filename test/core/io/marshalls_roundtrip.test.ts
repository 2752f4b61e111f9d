/** Round trips: every type, and property-based over generated Variants. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GodotError } from "../../../src/core/error/error_list.js";
import { decode_variant, encode_variant } from "../../../src/core/io/marshalls.js";
import { Dictionary } from "../../../src/core/variant/dictionary.js";
import { TypedArray } from "../../../src/core/variant/typed_array.js";
import { Float, float } from "../../../src/core/variant/variant_float.js";
import { variant_equals } from "../../../src/core/variant/variant_equals.js";
import { typeof_variant } from "../../../src/core/variant/typeof_variant.js";
import { TYPE_FLOAT, TYPE_INT, TYPE_MAX } from "../../../src/core/variant/variant_type.js";
import { variant } from "./marshalls_arbitraries.js";
import { to_hex } from "./marshalls_test_helpers.js";

const { OK } = GodotError;

function round_trip(value: unknown, wrap_floats = true) {
  const first = encode_variant(value);
  expect(first.error, first.message).toBe(OK);
  const back = decode_variant(first.bytes, false, { wrap_floats });
  expect(back.error, back.message).toBe(OK);
  expect(back.length).toBe(first.bytes.length);
  return { bytes: first.bytes, value: back.value };
}

describe("property: encode → decode → encode is byte-identical and value-equal", () => {
  it("for generated Variants of every type", () => {
    fc.assert(
      fc.property(variant, (value) => {
        const { bytes, value: back } = round_trip(value);
        expect(variant_equals(back, value)).toBe(true);
        const again = encode_variant(back);
        expect(to_hex(again.bytes)).toBe(to_hex(bytes));
      }),
      { numRuns: 400 },
    );
  });
  it("the decoded type id matches the encoded one (header byte 0)", () => {
    fc.assert(
      fc.property(variant, (value) => {
        const { bytes, value: back } = round_trip(value);
        const type = typeof_variant(back);
        expect(type).toBeLessThan(TYPE_MAX);
        expect(bytes[0]).toBe(type);
      }),
      { numRuns: 200 },
    );
  });
});

describe("round trips that need care", () => {
  it("a float that is a whole number keeps its type only with wrap_floats", () => {
    const { value } = round_trip(float(2));
    expect(value).toBeInstanceOf(Float);
    expect((value as Float).value).toBe(2);
    const plain = decode_variant(encode_variant(float(2)).bytes).value;
    expect(plain).toBe(2);
    expect(typeof_variant(plain)).toBe(TYPE_INT);
  });
  it("a float32 value survives; a non-float32 one comes back as the same double", () => {
    expect(round_trip(0.25, false).value).toBe(0.25);
    expect(round_trip(Math.PI, false).value).toBe(Math.PI);
    expect(round_trip(-1e-300, false).value).toBe(-1e-300);
  });
  it("int64 extremes and safe-integer edges", () => {
    for (const v of [2 ** 53, -(2 ** 53), 2 ** 53 - 1, 2 ** 31, -(2 ** 31) - 1]) {
      expect(variant_equals(round_trip(v, false).value, v)).toBe(true);
    }
    expect(round_trip(2n ** 63n - 1n, false).value).toBe(2n ** 63n - 1n);
    expect(round_trip(-(2n ** 63n), false).value).toBe(-(2n ** 63n));
  });
  it("a plain object becomes a Dictionary with the same String keys in order", () => {
    const { value } = round_trip({ b: 1, a: [true, null], c: { d: "e" } }, false);
    expect(value).toBeInstanceOf(Dictionary);
    expect([...(value as Dictionary).keys()]).toEqual(["b", "a", "c"]);
  });
  it("a Dictionary keeps non-string keys and their order", () => {
    const d = new Dictionary<unknown, unknown>([
      [3, "three"],
      ["3", "string three"],
      [true, 1],
      [null, 2],
    ]);
    const { value } = round_trip(d, false);
    expect([...(value as Dictionary).entries()]).toEqual([...d.entries()]);
  });
  it("a typed array comes back typed and equal", () => {
    const t = new TypedArray(TYPE_FLOAT, [float(1), float(2.5)]);
    const { value } = round_trip(t);
    expect(value).toBeInstanceOf(TypedArray);
    expect((value as TypedArray).get_typed_builtin()).toBe(TYPE_FLOAT);
    expect(variant_equals(value, t)).toBe(true);
  });
  it("a decoded PackedByteArray is a copy, not a view of the input", () => {
    const bytes = encode_variant(new Uint8Array([1, 2, 3])).bytes;
    const back = decode_variant(bytes).value as Uint8Array;
    bytes[8] = 99;
    expect([...back]).toEqual([1, 2, 3]);
  });
  it("decoding from an unaligned view of a larger buffer", () => {
    const inner = encode_variant([new Float64Array([0.1, 0.2]), new BigInt64Array([5n]), "é"]).bytes;
    const big = new Uint8Array(inner.length + 3);
    big.set(inner, 3);
    const r = decode_variant(big.subarray(3));
    expect(r.error).toBe(OK);
    const [f64, i64, s] = r.value as [Float64Array, BigInt64Array, string];
    expect([...f64]).toEqual([0.1, 0.2]);
    expect([...i64]).toEqual([5n]);
    expect(s).toBe("é");
  });
  it("decode reports the bytes it used and ignores what follows", () => {
    const one = encode_variant("abc").bytes;
    const two = new Uint8Array([...one, ...encode_variant(7).bytes]);
    const r = decode_variant(two);
    expect(r.value).toBe("abc");
    expect(r.length).toBe(one.length);
    expect(decode_variant(two.subarray(r.length)).value).toBe(7);
  });
});
