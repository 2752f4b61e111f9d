/**
 * Exact bytes for every Variant type, derived by hand from the documented
 * format (reference §6). Each vector is checked both ways: the encoder must
 * produce it, and the decoder must read it back to the same value.
 */
import { describe, expect, it } from "vitest";
import { AABB } from "../../../src/core/variant/aabb.js";
import { Basis } from "../../../src/core/variant/basis.js";
import { Callable } from "../../../src/core/object/callable.js";
import { Color } from "../../../src/core/variant/color.js";
import { Dictionary } from "../../../src/core/variant/dictionary.js";
import { EncodedObjectAsID } from "../../../src/core/variant/encoded_object_as_id.js";
import { NodePath } from "../../../src/core/variant/node_path.js";
import {
  PackedColorArray,
  PackedStringArray,
  PackedVector2Array,
  PackedVector3Array,
  PackedVector4Array,
} from "../../../src/core/variant/packed_arrays.js";
import { Plane } from "../../../src/core/variant/plane.js";
import { Projection } from "../../../src/core/variant/projection.js";
import { Quaternion } from "../../../src/core/variant/quaternion.js";
import { Rect2 } from "../../../src/core/variant/rect2.js";
import { Rect2i } from "../../../src/core/variant/rect2i.js";
import { RID } from "../../../src/core/variant/rid.js";
import { Signal } from "../../../src/core/variant/signal.js";
import { StringName } from "../../../src/core/variant/string_name.js";
import { Transform2D } from "../../../src/core/variant/transform_2d.js";
import { Transform3D } from "../../../src/core/variant/transform_3d.js";
import { TypedArray } from "../../../src/core/variant/typed_array.js";
import { float } from "../../../src/core/variant/variant_float.js";
import { variant_equals } from "../../../src/core/variant/variant_equals.js";
import { TYPE_FLOAT, TYPE_INT, TYPE_STRING } from "../../../src/core/variant/variant_type.js";
import { Vector2 } from "../../../src/core/variant/vector2.js";
import { Vector2i } from "../../../src/core/variant/vector2i.js";
import { Vector3 } from "../../../src/core/variant/vector3.js";
import { Vector3i } from "../../../src/core/variant/vector3i.js";
import { Vector4 } from "../../../src/core/variant/vector4.js";
import { Vector4i } from "../../../src/core/variant/vector4i.js";
import { dec, enc, hex, to_hex } from "./marshalls_test_helpers.js";

// Little-endian float32 of small whole numbers, to keep the vectors readable.
const F: Record<number, string> = {
  0: "00 00 00 00",
  0.5: "00 00 00 3F",
  1: "00 00 80 3F",
  2: "00 00 00 40",
  3: "00 00 40 40",
  4: "00 00 80 40",
  5: "00 00 A0 40",
  6: "00 00 C0 40",
  7: "00 00 E0 40",
  8: "00 00 00 41",
  9: "00 00 10 41",
  10: "00 00 20 41",
  11: "00 00 30 41",
  12: "00 00 40 41",
  13: "00 00 50 41",
  14: "00 00 60 41",
  15: "00 00 70 41",
  16: "00 00 80 41",
};
const f = (...values: number[]) => values.map((v) => F[v]).join(" ");

/** Both directions: encode(value) is exactly `bytes`, decode(bytes) equals value. */
function both(value: unknown, bytes: string) {
  expect(enc(value)).toBe(to_hex(hex(bytes)));
  expect(variant_equals(dec(bytes), value)).toBe(true);
}

describe("worked examples of the reference (§6.4), verbatim", () => {
  it("null", () => both(null, "00 00 00 00"));
  it("true", () => both(true, "01 00 00 00 01 00 00 00"));
  it("1", () => both(1, "02 00 00 00 01 00 00 00"));
  it("-1", () => both(-1, "02 00 00 00 FF FF FF FF"));
  it("2147483648", () => both(2147483648, "02 00 01 00 00 00 00 80 00 00 00 00"));
  it("1.5", () => both(1.5, "03 00 00 00 00 00 C0 3F"));
  it("0.1", () => both(0.1, "03 00 01 00 9A 99 99 99 99 99 B9 3F"));
  it('"hi"', () => both("hi", "04 00 00 00 02 00 00 00 68 69 00 00"));
  it('&"a" (StringName)', () => both(new StringName("a"), "15 00 00 00 01 00 00 00 61 00 00 00"));
  it("Vector2(1, 2)", () => both(new Vector2(1, 2), "05 00 00 00 00 00 80 3F 00 00 00 40"));
  it('[1, "a"] (28 bytes)', () => {
    const bytes = "1C 00 00 00 02 00 00 00 02 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 61 00 00 00";
    expect(hex(bytes).length).toBe(28);
    both([1, "a"], bytes);
  });
  it('{"a": 1} (28 bytes)', () => {
    const bytes = "1B 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 61 00 00 00 02 00 00 00 01 00 00 00";
    expect(hex(bytes).length).toBe(28);
    both({ a: 1 }, bytes);
    both(new Dictionary([["a", 1]]), bytes);
  });
  it("Array[int]([1])", () => {
    const bytes = "1C 00 01 00 02 00 00 00 01 00 00 00 02 00 00 00 01 00 00 00";
    expect(enc(new TypedArray(TYPE_INT, [1]))).toBe(to_hex(hex(bytes)));
    const back = dec(bytes);
    expect(back).toBeInstanceOf(TypedArray);
    expect((back as TypedArray).get_typed_builtin()).toBe(TYPE_INT);
    expect([...(back as TypedArray)]).toEqual([1]);
  });
  it("PackedByteArray([1,2,3])", () => both(new Uint8Array([1, 2, 3]), "1D 00 00 00 03 00 00 00 01 02 03 00"));
  it('PackedStringArray(["a"])', () =>
    both(new PackedStringArray(["a"]), "22 00 00 00 01 00 00 00 02 00 00 00 61 00 00 00"));
});

describe("every type, one vector each", () => {
  it("BOOL false", () => both(false, "01 00 00 00 00 00 00 00"));
  it("VECTOR2I (negative component)", () => both(new Vector2i(1, -2), "06 00 00 00 01 00 00 00 FE FF FF FF"));
  it("RECT2", () => both(new Rect2(1, 2, 3, 4), `07 00 00 00 ${f(1, 2, 3, 4)}`));
  it("RECT2I", () => both(new Rect2i(1, 2, 3, 4), "08 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00"));
  it("VECTOR3", () => both(new Vector3(1, 2, 3), `09 00 00 00 ${f(1, 2, 3)}`));
  it("VECTOR3I", () => both(new Vector3i(1, 2, 3), "0A 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00"));
  it("TRANSFORM2D is column by column (id 11, not the docs' 13)", () =>
    both(
      new Transform2D(new Vector2(1, 2), new Vector2(3, 4), new Vector2(5, 6)),
      `0B 00 00 00 ${f(1, 2, 3, 4, 5, 6)}`,
    ));
  it("VECTOR4 (id 12)", () => both(new Vector4(1, 2, 3, 4), `0C 00 00 00 ${f(1, 2, 3, 4)}`));
  it("VECTOR4I (id 13)", () =>
    both(new Vector4i(1, 2, 3, 4), "0D 00 00 00 01 00 00 00 02 00 00 00 03 00 00 00 04 00 00 00"));
  it("PLANE is normal then d", () => both(new Plane(1, 2, 3, 4), `0E 00 00 00 ${f(1, 2, 3, 4)}`));
  it("QUATERNION is x, y, z, w", () => both(new Quaternion(1, 2, 3, 4), `0F 00 00 00 ${f(1, 2, 3, 4)}`));
  it("AABB is position then size", () =>
    both(new AABB(new Vector3(1, 2, 3), new Vector3(4, 5, 6)), `10 00 00 00 ${f(1, 2, 3, 4, 5, 6)}`));
  it("BASIS is row-major: x.x, y.x, z.x, x.y, ...", () =>
    both(
      new Basis(new Vector3(1, 2, 3), new Vector3(4, 5, 6), new Vector3(7, 8, 9)),
      `11 00 00 00 ${f(1, 4, 7, 2, 5, 8, 3, 6, 9)}`,
    ));
  it("TRANSFORM3D is the basis rows then the origin", () =>
    both(
      new Transform3D(new Basis(new Vector3(1, 2, 3), new Vector3(4, 5, 6), new Vector3(7, 8, 9)), new Vector3(10, 11, 12)),
      `12 00 00 00 ${f(1, 4, 7, 2, 5, 8, 3, 6, 9, 10, 11, 12)}`,
    ));
  it("PROJECTION is column-major", () =>
    both(
      new Projection(new Vector4(1, 2, 3, 4), new Vector4(5, 6, 7, 8), new Vector4(9, 10, 11, 12), new Vector4(13, 14, 15, 16)),
      `13 00 00 00 ${f(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)}`,
    ));
  it("COLOR", () => both(new Color(1, 0.5, 0, 1), `14 00 00 00 ${f(1, 0.5, 0, 1)}`));
  it("NODE_PATH new format: count|0x80000000, subname count, flags, then the names", () =>
    both(
      new NodePath("/root/a:b"),
      "16 00 00 00 02 00 00 80 01 00 00 00 01 00 00 00 04 00 00 00 72 6F 6F 74 01 00 00 00 61 00 00 00 01 00 00 00 62 00 00 00",
    ));
  it("NODE_PATH relative and empty", () => {
    both(new NodePath("a"), "16 00 00 00 01 00 00 80 00 00 00 00 00 00 00 00 01 00 00 00 61 00 00 00");
    both(new NodePath(""), "16 00 00 00 00 00 00 80 00 00 00 00 00 00 00 00");
  });
  it("RID is a 64-bit id", () => both(new RID(5), "17 00 00 00 05 00 00 00 00 00 00 00"));
  it("OBJECT as id: flag 16 and the 64-bit id", () =>
    both(new EncodedObjectAsID(0x1234), "18 00 01 00 34 12 00 00 00 00 00 00"));
  it("CALLABLE is a bare header", () => {
    expect(enc(new Callable())).toBe("19 00 00 00");
    expect(enc(() => 1)).toBe("19 00 00 00");
    const back = dec("19 00 00 00");
    expect(back).toBeInstanceOf(Callable);
    expect((back as Callable).is_null()).toBe(true);
  });
  it("SIGNAL is the name then the object id", () =>
    both(new Signal("hit", 7n), "1A 00 00 00 03 00 00 00 68 69 74 00 07 00 00 00 00 00 00 00"));
  it("PACKED_INT32_ARRAY", () =>
    both(new Int32Array([1, -1]), "1E 00 00 00 02 00 00 00 01 00 00 00 FF FF FF FF"));
  it("PACKED_INT64_ARRAY", () =>
    both(
      new BigInt64Array([1n, -2n]),
      "1F 00 00 00 02 00 00 00 01 00 00 00 00 00 00 00 FE FF FF FF FF FF FF FF",
    ));
  it("PACKED_FLOAT32_ARRAY", () =>
    both(new Float32Array([1, 0.5]), `20 00 00 00 02 00 00 00 ${f(1, 0.5)}`));
  it("PACKED_FLOAT64_ARRAY", () =>
    both(
      new Float64Array([1, 0.1]),
      "21 00 00 00 02 00 00 00 00 00 00 00 00 00 F0 3F 9A 99 99 99 99 99 B9 3F",
    ));
  it("PACKED_STRING_ARRAY: length + 1, NUL, padding of the whole", () =>
    both(
      new PackedStringArray(["", "abc", "hello"]),
      "22 00 00 00 03 00 00 00 01 00 00 00 00 00 00 00 04 00 00 00 61 62 63 00 06 00 00 00 68 65 6C 6C 6F 00 00 00",
    ));
  it("PACKED_VECTOR2_ARRAY", () =>
    both(new PackedVector2Array([new Vector2(1, 2)]), `23 00 00 00 01 00 00 00 ${f(1, 2)}`));
  it("PACKED_VECTOR3_ARRAY", () =>
    both(new PackedVector3Array([new Vector3(1, 2, 3), new Vector3(4, 5, 6)]), `24 00 00 00 02 00 00 00 ${f(1, 2, 3, 4, 5, 6)}`));
  it("PACKED_COLOR_ARRAY", () =>
    both(new PackedColorArray([new Color(1, 0, 0, 1)]), `25 00 00 00 01 00 00 00 ${f(1, 0, 0, 1)}`));
  it("PACKED_VECTOR4_ARRAY (id 38)", () =>
    both(new PackedVector4Array([new Vector4(1, 2, 3, 4)]), `26 00 00 00 01 00 00 00 ${f(1, 2, 3, 4)}`));
  it("empty containers", () => {
    both([], "1C 00 00 00 00 00 00 00");
    both({}, "1B 00 00 00 00 00 00 00");
    both(new Uint8Array(0), "1D 00 00 00 00 00 00 00");
    both(new PackedStringArray(), "22 00 00 00 00 00 00 00");
  });
});

describe("ints and floats", () => {
  it("int32 limits stay 32-bit, one past goes 64-bit", () => {
    expect(enc(2147483647)).toBe("02 00 00 00 FF FF FF 7F");
    expect(enc(-2147483648)).toBe("02 00 00 00 00 00 00 80");
    expect(enc(-2147483649)).toBe("02 00 01 00 FF FF FF 7F FF FF FF FF");
  });
  it("2^53 is still an int; bigints give the full int64 range", () => {
    expect(enc(2 ** 53)).toBe("02 00 01 00 00 00 00 00 00 00 20 00");
    expect(enc(-(2n ** 63n))).toBe("02 00 01 00 00 00 00 00 00 00 00 80");
    expect(enc(2n ** 63n - 1n)).toBe("02 00 01 00 FF FF FF FF FF FF FF 7F");
  });
  it("a small bigint goes out exactly like the number", () => {
    expect(enc(5n)).toBe(enc(5));
    expect(enc(-1n)).toBe("02 00 00 00 FF FF FF FF");
  });
  it("decoded 64-bit ints: number when safe, bigint otherwise", () => {
    expect(dec("02 00 01 00 05 00 00 00 00 00 00 00")).toBe(5);
    expect(dec("02 00 01 00 00 00 00 00 00 00 00 80")).toBe(-(2n ** 63n));
    expect(dec("02 00 01 00 00 00 00 00 00 00 20 00")).toBe(2n ** 53n);
    expect(dec("02 00 01 00 FF FF FF FF FF FF 1F 00")).toBe(2 ** 53 - 1);
  });
  it("float(1) forces a float; whole numbers beyond 2^53 are floats", () => {
    expect(enc(float(1))).toBe("03 00 00 00 00 00 80 3F");
    expect(enc(2 ** 60)).toBe("03 00 00 00 00 00 80 5D");
    expect(enc(1e300).startsWith("03 00 01 00")).toBe(true);
  });
  it("-0 is a float with its sign; Infinity fits a float32; NaN goes 64-bit", () => {
    expect(enc(-0)).toBe("03 00 00 00 00 00 00 80");
    expect(enc(Infinity)).toBe("03 00 00 00 00 00 80 7F");
    expect(enc(-Infinity)).toBe("03 00 00 00 00 00 80 FF");
    const nan = enc(Number.NaN);
    expect(nan.slice(0, 11)).toBe("03 00 01 00");
    expect(nan.split(" ").length).toBe(12);
    expect(Number.isNaN(dec(nan) as number)).toBe(true);
    expect(Object.is(dec("03 00 00 00 00 00 00 80"), -0)).toBe(true);
  });
  it("a double decodes to the same double", () => {
    expect(dec("03 00 01 00 00 00 00 00 00 00 F0 3F")).toBe(1);
    expect(dec("03 00 01 00 9A 99 99 99 99 99 B9 3F")).toBe(0.1);
  });
  it("BOOL: any non-zero payload is true", () => {
    expect(dec("01 00 00 00 02 00 00 00")).toBe(true);
    expect(dec("01 00 00 00 00 00 00 80")).toBe(true);
  });
  it("unused header bits do not change an int", () => {
    expect(dec("02 FF 00 00 07 00 00 00")).toBe(7);
  });
});

describe("64-bit (double-precision build) math types decode", () => {
  const d = (...values: number[]) =>
    values
      .map((v) => {
        const b = new Uint8Array(8);
        new DataView(b.buffer).setFloat64(0, v, true);
        return to_hex(b);
      })
      .join(" ");

  it("Vector2, Vector3, Vector4, Quaternion, Plane, Rect2", () => {
    expect(variant_equals(dec(`05 00 01 00 ${d(1, 2)}`), new Vector2(1, 2))).toBe(true);
    expect(variant_equals(dec(`09 00 01 00 ${d(0.1, 2, 3)}`), new Vector3(0.1, 2, 3))).toBe(true);
    expect(variant_equals(dec(`0C 00 01 00 ${d(1, 2, 3, 4)}`), new Vector4(1, 2, 3, 4))).toBe(true);
    expect(variant_equals(dec(`0F 00 01 00 ${d(1, 2, 3, 4)}`), new Quaternion(1, 2, 3, 4))).toBe(true);
    expect(variant_equals(dec(`0E 00 01 00 ${d(1, 2, 3, 4)}`), new Plane(1, 2, 3, 4))).toBe(true);
    expect(variant_equals(dec(`07 00 01 00 ${d(1, 2, 3, 4)}`), new Rect2(1, 2, 3, 4))).toBe(true);
  });
  it("Transform2D, AABB, Basis, Transform3D, Projection", () => {
    expect(
      variant_equals(
        dec(`0B 00 01 00 ${d(1, 2, 3, 4, 5, 6)}`),
        new Transform2D(new Vector2(1, 2), new Vector2(3, 4), new Vector2(5, 6)),
      ),
    ).toBe(true);
    expect(variant_equals(dec(`10 00 01 00 ${d(1, 2, 3, 4, 5, 6)}`), new AABB(new Vector3(1, 2, 3), new Vector3(4, 5, 6)))).toBe(true);
    const basis = new Basis(new Vector3(1, 2, 3), new Vector3(4, 5, 6), new Vector3(7, 8, 9));
    expect(variant_equals(dec(`11 00 01 00 ${d(1, 4, 7, 2, 5, 8, 3, 6, 9)}`), basis)).toBe(true);
    expect(
      variant_equals(dec(`12 00 01 00 ${d(1, 4, 7, 2, 5, 8, 3, 6, 9, 10, 11, 12)}`), new Transform3D(basis, new Vector3(10, 11, 12))),
    ).toBe(true);
    const p = dec(`13 00 01 00 ${d(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16)}`) as Projection;
    expect(p.w.equals(new Vector4(13, 14, 15, 16))).toBe(true);
  });
  it("packed vector arrays with the flag hold doubles; Color ignores the flag", () => {
    const v2 = dec(`23 00 01 00 01 00 00 00 ${d(1, 2)}`) as PackedVector2Array;
    expect(v2).toBeInstanceOf(PackedVector2Array);
    expect(v2[0]?.equals(new Vector2(1, 2))).toBe(true);
    const v3 = dec(`24 00 01 00 01 00 00 00 ${d(1, 2, 3)}`) as PackedVector3Array;
    expect(v3[0]?.equals(new Vector3(1, 2, 3))).toBe(true);
    const v4 = dec(`26 00 01 00 01 00 00 00 ${d(1, 2, 3, 4)}`) as PackedVector4Array;
    expect(v4[0]?.equals(new Vector4(1, 2, 3, 4))).toBe(true);
    expect(variant_equals(dec(`14 00 01 00 ${f(1, 0.5, 0, 1)}`), new Color(1, 0.5, 0, 1))).toBe(true);
    expect(dec(`25 00 01 00 01 00 00 00 ${f(1, 0, 0, 1)}`)).toEqual(new PackedColorArray([new Color(1, 0, 0, 1)]));
  });
  it("int vectors ignore the flag (always int32)", () => {
    expect(variant_equals(dec("06 00 01 00 01 00 00 00 02 00 00 00"), new Vector2i(1, 2))).toBe(true);
  });
});

describe("strings and padding", () => {
  it("pads to a multiple of 4 for every length", () => {
    expect(enc("")).toBe("04 00 00 00 00 00 00 00");
    expect(enc("a")).toBe("04 00 00 00 01 00 00 00 61 00 00 00");
    expect(enc("abc")).toBe("04 00 00 00 03 00 00 00 61 62 63 00");
    expect(enc("abcd")).toBe("04 00 00 00 04 00 00 00 61 62 63 64");
    expect(enc("abcde")).toBe("04 00 00 00 05 00 00 00 61 62 63 64 65 00 00 00");
  });
  it("writes UTF-8 and counts bytes, not characters", () => {
    both("é", "04 00 00 00 02 00 00 00 C3 A9 00 00");
    both("😀", "04 00 00 00 04 00 00 00 F0 9F 98 80");
    both("aé€😀", "04 00 00 00 0A 00 00 00 61 C3 A9 E2 82 AC F0 9F 98 80 00 00");
  });
  it("a long non-ASCII string round-trips", () => {
    const text = "ü".repeat(5000) + "x";
    expect(dec(enc(text))).toBe(text);
  });
  it("the decoder ends a string at NUL and drops one leading BOM, as the engine does", () => {
    expect(dec("04 00 00 00 03 00 00 00 61 00 62 00")).toBe("a");
    expect(dec("04 00 00 00 04 00 00 00 EF BB BF 61")).toBe("a");
    expect(dec("04 00 00 00 03 00 00 00 EF BB BF 00")).toBe("");
  });
  it("padding bytes are zero in the output even when the encoder's buffer is reused", () => {
    enc("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz");
    expect(enc(["a", new Uint8Array([9])])).toBe(
      "1C 00 00 00 02 00 00 00 04 00 00 00 01 00 00 00 61 00 00 00 1D 00 00 00 01 00 00 00 09 00 00 00",
    );
  });
  it("StringName and String stay distinct types", () => {
    expect(dec("04 00 00 00 01 00 00 00 61 00 00 00")).toBe("a");
    expect(dec("15 00 00 00 01 00 00 00 61 00 00 00")).toEqual(new StringName("a"));
  });
  it("NodePath with the obsolete property flag reads one more subname", () => {
    const np = dec(
      "16 00 00 00 01 00 00 80 00 00 00 00 02 00 00 00 01 00 00 00 61 00 00 00 01 00 00 00 62 00 00 00",
    ) as NodePath;
    expect(np.names).toEqual(["a"]);
    expect(np.subnames).toEqual(["b"]);
    expect(np.is_absolute()).toBe(false);
  });
});

describe("containers", () => {
  it("nested arrays and dictionaries", () => {
    both([[1]], "1C 00 00 00 01 00 00 00 1C 00 00 00 01 00 00 00 02 00 00 00 01 00 00 00");
    both(
      { k: [true] },
      "1B 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 6B 00 00 00 1C 00 00 00 01 00 00 00 01 00 00 00 01 00 00 00",
    );
  });
  it("dictionary keys of any type, in insertion order", () => {
    const d = new Dictionary<unknown, unknown>([
      [2, "b"],
      [new Vector2(1, 2), null],
      ["z", 1],
    ]);
    const bytes = enc(d);
    expect(bytes.startsWith("1B 00 00 00 03 00 00 00 02 00 00 00 02 00 00 00 04 00 00 00 01 00 00 00 62 00 00 00 05 00 00 00")).toBe(true);
    const back = dec(bytes) as Dictionary;
    expect([...back.keys()].map((k) => (k instanceof Vector2 ? "v" : k))).toEqual([2, "v", "z"]);
  });
  it("the legacy 'shared' bit 31 of a count is ignored", () => {
    expect(dec("1C 00 00 00 01 00 00 80 02 00 00 00 05 00 00 00")).toEqual([5]);
    expect((dec("1B 00 00 00 00 00 00 80") as Dictionary).size).toBe(0);
  });
  it("Array[float] sends whole numbers as floats, and reads ints as floats", () => {
    expect(enc(new TypedArray(TYPE_FLOAT, [1]))).toBe("1C 00 01 00 03 00 00 00 01 00 00 00 03 00 00 00 00 00 80 3F");
    const back = dec("1C 00 01 00 03 00 00 00 01 00 00 00 02 00 00 00 02 00 00 00") as TypedArray;
    expect(back.get_typed_builtin()).toBe(TYPE_FLOAT);
    expect([...back]).toEqual([2]);
  });
  it("Array[StringName] turns strings into StringNames", () => {
    expect(enc(new TypedArray(21, ["a"]))).toBe(
      "1C 00 01 00 15 00 00 00 01 00 00 00 15 00 00 00 01 00 00 00 61 00 00 00",
    );
  });
  it("class-typed arrays are written as EncodedObjectAsID unless full objects are sent", () => {
    const name = "11 00 00 00 45 6E 63 6F 64 65 64 4F 62 6A 65 63 74 41 73 49 44 00 00 00";
    expect(enc(new TypedArray("Node", []))).toBe(`1C 00 02 00 ${name} 00 00 00 00`);
    expect(enc(new TypedArray("Node", []), true)).toBe("1C 00 02 00 04 00 00 00 4E 6F 64 65 00 00 00 00");
    const nodes = dec("1C 00 02 00 04 00 00 00 4E 6F 64 65 00 00 00 00") as TypedArray;
    expect(nodes.get_typed_class_name()).toBe("EncodedObjectAsID");
    const allowed = dec("1C 00 02 00 04 00 00 00 4E 6F 64 65 00 00 00 00", true) as TypedArray;
    expect(allowed.get_typed_class_name()).toBe("Node");
  });
  it("script-typed arrays: path with full objects, kept as data when decoding", () => {
    const t = new TypedArray({ builtin: 24, class_name: "", script: "res://a.gd" }, []);
    expect(enc(t, true)).toBe("1C 00 03 00 0A 00 00 00 72 65 73 3A 2F 2F 61 2E 67 64 00 00 00 00 00 00");
    const back = dec("1C 00 03 00 0A 00 00 00 72 65 73 3A 2F 2F 61 2E 67 64 00 00 00 00 00 00", true) as TypedArray;
    expect(back.get_typed_script()).toBe("res://a.gd");
  });
  it("typed Dictionary (4.4+): key kind at bit 16, value kind at bit 18", () => {
    const d = Dictionary.typed(TYPE_STRING, TYPE_INT, [["a", 1]]);
    const bytes = "1B 00 05 00 04 00 00 00 02 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 61 00 00 00 02 00 00 00 01 00 00 00";
    expect(enc(d)).toBe(to_hex(hex(bytes)));
    const back = dec(bytes) as Dictionary;
    expect(back.get_typed_key_builtin()).toBe(TYPE_STRING);
    expect(back.get_typed_value_builtin()).toBe(TYPE_INT);
    expect(back.get("a")).toBe(1);
  });
  it("objects in a container are sent as ids", () => {
    expect(enc([new EncodedObjectAsID(9), null])).toBe(
      "1C 00 00 00 02 00 00 00 18 00 01 00 09 00 00 00 00 00 00 00 00 00 00 00",
    );
    expect(dec("1C 00 00 00 01 00 00 00 18 00 01 00 00 00 00 00 00 00 00 00")).toEqual([null]);
  });
});
