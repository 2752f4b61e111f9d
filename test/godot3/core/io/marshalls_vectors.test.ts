/**
 * Exact Godot 3 bytes for every 3.x Variant type, derived by hand from the
 * documented format (reference §6: 4-byte LE header with the 3.x type id in
 * bits 0-7 and flags in 16-31, then the payload, everything padded to 4).
 * Each vector is checked both ways unless it is decode-only (64-bit forms
 * Godot 3 accepts but gdnet writes in 32 bits, and legacy flags).
 *
 * 3.x ids: 0 NIL, 1 BOOL, 2 INT, 3 REAL, 4 STRING, 5 VECTOR2, 6 RECT2,
 * 7 VECTOR3, 8 TRANSFORM2D, 9 PLANE, 10 QUAT, 11 AABB, 12 BASIS,
 * 13 TRANSFORM, 14 COLOR, 15 NODE_PATH, 16 RID, 17 OBJECT, 18 DICTIONARY,
 * 19 ARRAY, 20 POOL_BYTE_ARRAY, 21 POOL_INT_ARRAY, 22 POOL_REAL_ARRAY,
 * 23 POOL_STRING_ARRAY, 24 POOL_VECTOR2_ARRAY, 25 POOL_VECTOR3_ARRAY,
 * 26 POOL_COLOR_ARRAY.
 */
import { describe, expect, it } from "vitest";
import { AABB } from "../../../../src/core/variant/aabb.js";
import { Basis } from "../../../../src/core/variant/basis.js";
import { Color } from "../../../../src/core/variant/color.js";
import { Dictionary } from "../../../../src/core/variant/dictionary.js";
import { NodePath } from "../../../../src/core/variant/node_path.js";
import {
  PackedColorArray,
  PackedStringArray,
  PackedVector2Array,
  PackedVector3Array,
} from "../../../../src/core/variant/packed_arrays.js";
import { Plane } from "../../../../src/core/variant/plane.js";
import { Quaternion } from "../../../../src/core/variant/quaternion.js";
import { Rect2 } from "../../../../src/core/variant/rect2.js";
import { RID } from "../../../../src/core/variant/rid.js";
import { StringName } from "../../../../src/core/variant/string_name.js";
import { Transform2D } from "../../../../src/core/variant/transform_2d.js";
import { Transform3D } from "../../../../src/core/variant/transform_3d.js";
import { TypedArray } from "../../../../src/core/variant/typed_array.js";
import { float } from "../../../../src/core/variant/variant_float.js";
import { variant_equals } from "../../../../src/core/variant/variant_equals.js";
import { TYPE_FLOAT, TYPE_INT, TYPE_STRING_NAME } from "../../../../src/core/variant/variant_type.js";
import { Vector2 } from "../../../../src/core/variant/vector2.js";
import { Vector3 } from "../../../../src/core/variant/vector3.js";
import { both3, dec3, enc3, f32, f64, hex, to_hex } from "./marshalls_test_helpers.js";

const v3 = (x: number, y: number, z: number) => new Vector3(x, y, z);

describe("scalars (same layout and ids as Godot 4)", () => {
  it("NIL: header only", () => both3(null, "00 00 00 00"));
  it("undefined goes out as NIL", () => expect(enc3(undefined)).toBe("00 00 00 00"));
  it("BOOL: u32 0/1", () => {
    both3(true, "01 00 00 00 01 00 00 00");
    both3(false, "01 00 00 00 00 00 00 00");
  });
  it("BOOL decodes any non-zero word as true", () => expect(dec3("01 00 00 00 02 01 00 00")).toBe(true));
  it("INT fitting in int32: u32 two's complement", () => {
    both3(0, "02 00 00 00 00 00 00 00");
    both3(1, "02 00 00 00 01 00 00 00");
    both3(-1, "02 00 00 00 FF FF FF FF"); // 2^32 - 1
    both3(-2, "02 00 00 00 FE FF FF FF");
    both3(2147483647, "02 00 00 00 FF FF FF 7F"); // INT32_MAX
    both3(-2147483648, "02 00 00 00 00 00 00 80"); // INT32_MIN
  });
  it("INT outside int32: flag 1<<16 (header 02 00 01 00) and 8 bytes", () => {
    both3(2147483648, "02 00 01 00 00 00 00 80 00 00 00 00"); // 2^31
    // -2^31 - 1 = 0xFFFFFFFF7FFFFFFF
    both3(-2147483649, "02 00 01 00 FF FF FF 7F FF FF FF FF");
    // 2^40 = 0x0000010000000000
    both3(2 ** 40, "02 00 01 00 00 00 00 00 00 01 00 00");
    both3(2n ** 63n - 1n, "02 00 01 00 FF FF FF FF FF FF FF 7F");
    both3(-(2n ** 63n), "02 00 01 00 00 00 00 00 00 00 00 80");
  });
  it("a bigint in int32 range goes out in 4 bytes", () => expect(enc3(-5n)).toBe("02 00 00 00 FB FF FF FF"));
  it("INT with the 64-bit flag and a small value decodes (as 3.x accepts it)", () => {
    expect(dec3("02 00 01 00 05 00 00 00 00 00 00 00")).toBe(5);
    expect(dec3("02 00 01 00 FB FF FF FF FF FF FF FF")).toBe(-5);
  });
  it("REAL as float32 when exact, else the 64-bit flag and a double", () => {
    both3(1.5, `03 00 00 00 ${f32(1.5)}`);
    both3(-0.5, "03 00 00 00 00 00 00 BF"); // 0xBF000000
    both3(0.25, `03 00 00 00 ${f32(0.25)}`);
    // 0.1 = 0x3FB999999999999A: not a float32.
    both3(0.1, "03 00 01 00 9A 99 99 99 99 99 B9 3F");
    // -0 is a float (sign bit only).
    expect(enc3(-0)).toBe("03 00 00 00 00 00 00 80");
    // A whole-number Float is still a REAL.
    expect(enc3(float(2))).toBe(`03 00 00 00 ${f32(2)}`);
  });
  it("REAL with the 64-bit flag decodes a double", () => expect(dec3(`03 00 01 00 ${f64(3)}`)).toBe(3));
  it("STRING: u32 byte length, UTF-8, zero padding to 4", () => {
    both3("", "04 00 00 00 00 00 00 00");
    both3("hi", "04 00 00 00 02 00 00 00 68 69 00 00");
    both3("abcd", "04 00 00 00 04 00 00 00 61 62 63 64"); // no padding at a multiple of 4
    both3("hello", "04 00 00 00 05 00 00 00 68 65 6C 6C 6F 00 00 00");
    both3("é", "04 00 00 00 02 00 00 00 C3 A9 00 00"); // U+00E9 = C3 A9
    both3("€", "04 00 00 00 03 00 00 00 E2 82 AC 00"); // U+20AC = E2 82 AC
  });
  it("a StringName goes out as a STRING (Godot 3 has no StringName) and comes back a String", () => {
    expect(enc3(new StringName("hi"))).toBe("04 00 00 00 02 00 00 00 68 69 00 00");
    expect(dec3("04 00 00 00 02 00 00 00 68 69 00 00")).toBe("hi");
  });
});

describe("math types (3.x ids; float32 components, 64-bit flag accepted on decode)", () => {
  it("VECTOR2 (5): x, y", () => both3(new Vector2(1, 2), `05 00 00 00 ${f32(1, 2)}`));
  it("RECT2 (6): position.x, position.y, size.x, size.y", () =>
    both3(new Rect2(1, 2, 3, 4), `06 00 00 00 ${f32(1, 2, 3, 4)}`));
  it("VECTOR3 (7): x, y, z", () => both3(v3(1, -2, 3), `07 00 00 00 ${f32(1, -2, 3)}`));
  it("TRANSFORM2D (8): x axis, y axis, origin", () =>
    both3(
      new Transform2D(new Vector2(1, 2), new Vector2(3, 4), new Vector2(5, 6)),
      `08 00 00 00 ${f32(1, 2, 3, 4, 5, 6)}`,
    ));
  it("PLANE (9): normal.x, normal.y, normal.z, d", () =>
    both3(new Plane(v3(1, 0, 0), 4), `09 00 00 00 ${f32(1, 0, 0, 4)}`));
  it("QUAT (10): x, y, z, w", () => both3(new Quaternion(1, 2, 3, 4), `0A 00 00 00 ${f32(1, 2, 3, 4)}`));
  it("AABB (11): position, size", () =>
    both3(new AABB(v3(1, 2, 3), v3(4, 5, 6)), `0B 00 00 00 ${f32(1, 2, 3, 4, 5, 6)}`));
  it("BASIS (12): rows, i.e. (x.x, y.x, z.x), (x.y, y.y, z.y), (x.z, y.z, z.z)", () =>
    // Columns x = (1,2,3), y = (4,5,6), z = (7,8,9) → rows (1,4,7), (2,5,8), (3,6,9).
    both3(new Basis(v3(1, 2, 3), v3(4, 5, 6), v3(7, 8, 9)), `0C 00 00 00 ${f32(1, 4, 7, 2, 5, 8, 3, 6, 9)}`));
  it("TRANSFORM (13): the basis rows, then origin", () =>
    both3(
      new Transform3D(new Basis(v3(1, 2, 3), v3(4, 5, 6), v3(7, 8, 9)), v3(10, 11, 12)),
      `0D 00 00 00 ${f32(1, 4, 7, 2, 5, 8, 3, 6, 9, 10, 11, 12)}`,
    ));
  it("COLOR (14): r, g, b, a", () =>
    both3(new Color(1, 0.5, 0.25, 0), `0E 00 00 00 ${f32(1, 0.5, 0.25, 0)}`));

  // [name, value, 3.x id, components in wire order, bytes before them]
  const basis = new Basis(v3(1, 2, 3), v3(4, 5, 6), v3(7, 8, 9));
  const wide: [string, unknown, string, number[], string][] = [
    ["VECTOR2", new Vector2(1, 2), "05", [1, 2], ""],
    ["RECT2", new Rect2(1, 2, 3, 4), "06", [1, 2, 3, 4], ""],
    ["VECTOR3", v3(1, 2, 3), "07", [1, 2, 3], ""],
    ["TRANSFORM2D", new Transform2D(new Vector2(1, 2), new Vector2(3, 4), new Vector2(5, 6)), "08", [1, 2, 3, 4, 5, 6], ""],
    ["PLANE", new Plane(v3(1, 2, 3), 4), "09", [1, 2, 3, 4], ""],
    ["QUAT", new Quaternion(1, 2, 3, 4), "0A", [1, 2, 3, 4], ""],
    ["AABB", new AABB(v3(1, 2, 3), v3(4, 5, 6)), "0B", [1, 2, 3, 4, 5, 6], ""],
    ["BASIS", basis, "0C", [1, 4, 7, 2, 5, 8, 3, 6, 9], ""],
    ["TRANSFORM", new Transform3D(basis, v3(10, 11, 12)), "0D", [1, 4, 7, 2, 5, 8, 3, 6, 9, 10, 11, 12], ""],
    ["POOL_VECTOR2_ARRAY", new PackedVector2Array([new Vector2(1, 2)]), "18", [1, 2], "01 00 00 00 "],
    ["POOL_VECTOR3_ARRAY", new PackedVector3Array([v3(1, 2, 3)]), "19", [1, 2, 3], "01 00 00 00 "],
  ];
  for (const [name, value, id, components, prefix] of wide) {
    it(`${name} with the 64-bit flag (header ${id} 00 01 00) decodes doubles; gdnet writes float32 as 3.x does`, () => {
      expect(variant_equals(dec3(`${id} 00 01 00 ${prefix}${f64(...components)}`), value)).toBe(true);
      expect(enc3(value)).toBe(`${id} 00 00 00 ${prefix}${f32(...components)}`);
    });
  }
  it("COLOR ignores the 64-bit flag: always float32", () =>
    expect(variant_equals(dec3(`0E 00 01 00 ${f32(1, 2, 3, 4)}`), new Color(1, 2, 3, 4))).toBe(true));
});

describe("NODE_PATH (15): name count | 1<<31, subname count, flags, then the names as headerless strings", () => {
  it("absolute with subnames: /root/a:b:c", () =>
    both3(
      new NodePath("/root/a:b:c"),
      [
        "0F 00 00 00",
        "02 00 00 80", // 2 names, new format
        "02 00 00 00", // 2 subnames
        "01 00 00 00", // absolute
        "04 00 00 00 72 6F 6F 74", // "root"
        "01 00 00 00 61 00 00 00", // "a" (padding zeroed; 3.x left it unzeroed)
        "01 00 00 00 62 00 00 00", // "b"
        "01 00 00 00 63 00 00 00", // "c"
      ].join(" "),
    ));
  it("relative with one subname: x/yy:zzz", () =>
    both3(
      new NodePath("x/yy:zzz"),
      [
        "0F 00 00 00",
        "02 00 00 80",
        "01 00 00 00",
        "00 00 00 00", // relative
        "01 00 00 00 78 00 00 00",
        "02 00 00 00 79 79 00 00",
        "03 00 00 00 7A 7A 7A 00",
      ].join(" "),
    ));
  it("only subnames: :position", () =>
    both3(new NodePath(":position"), "0F 00 00 00 00 00 00 80 01 00 00 00 00 00 00 00 08 00 00 00 70 6F 73 69 74 69 6F 6E"));
  it("empty", () => both3(new NodePath(""), "0F 00 00 00 00 00 00 80 00 00 00 00 00 00 00 00"));
  it("decodes the obsolete property flag (2) as one more subname, and ignores padding contents", () => {
    const p = dec3("0F 00 00 00 01 00 00 80 00 00 00 00 02 00 00 00 01 00 00 00 6E AA BB CC 01 00 00 00 70 00 00 00");
    expect(variant_equals(p, new NodePath(["n"], ["p"], false))).toBe(true);
  });
});

describe("RID (16): header only", () => {
  it("any RID encodes as the bare header", () => {
    expect(enc3(new RID(77n))).toBe("10 00 00 00");
    expect(enc3(new RID())).toBe("10 00 00 00");
  });
  it("decodes as the invalid RID (id 0), consuming 4 bytes", () => {
    const r = dec3("10 00 00 00");
    expect(r).toBeInstanceOf(RID);
    expect((r as RID).id).toBe(0n);
  });
  it("inside an Array the next element follows the header directly", () => {
    expect(enc3([new RID(9n), 1])).toBe("13 00 00 00 02 00 00 00 10 00 00 00 02 00 00 00 01 00 00 00");
    const back = dec3("13 00 00 00 02 00 00 00 10 00 00 00 02 00 00 00 01 00 00 00") as unknown[];
    expect(back[0]).toBeInstanceOf(RID);
    expect(back[1]).toBe(1);
  });
});

describe("DICTIONARY (18) and ARRAY (19): u32 count, then the Variants", () => {
  it("{} and []", () => {
    both3(new Dictionary(), "12 00 00 00 00 00 00 00");
    both3([], "13 00 00 00 00 00 00 00");
  });
  it('{"a": 1} (plain object keys are STRINGs)', () =>
    both3({ a: 1 }, "12 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 61 00 00 00 02 00 00 00 01 00 00 00"));
  it("a Dictionary with an int key and a Vector2 value, in insertion order", () =>
    both3(
      new Dictionary<unknown, unknown>([
        [7, new Vector2(1, 2)],
        ["k", null],
      ]),
      `12 00 00 00 02 00 00 00 02 00 00 00 07 00 00 00 05 00 00 00 ${f32(1, 2)} 04 00 00 00 01 00 00 00 6B 00 00 00 00 00 00 00`,
    ));
  it('[1, "a"]', () =>
    both3([1, "a"], "13 00 00 00 02 00 00 00 02 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 61 00 00 00"));
  it('nested: [[true], {"k": [null]}]', () =>
    both3(
      [[true], { k: [null] }],
      [
        "13 00 00 00 02 00 00 00", // outer Array, 2 elements
        "13 00 00 00 01 00 00 00 01 00 00 00 01 00 00 00", // [true]
        "12 00 00 00 01 00 00 00", // Dictionary, 1 entry
        "04 00 00 00 01 00 00 00 6B 00 00 00", // "k"
        "13 00 00 00 01 00 00 00 00 00 00 00", // [null]
      ].join(" "),
    ));
  it("a typed Array goes out as a plain one (no type info in 3.x), elements as typed", () => {
    expect(enc3(new TypedArray(TYPE_INT, [1, 2]))).toBe(
      "13 00 00 00 02 00 00 00 02 00 00 00 01 00 00 00 02 00 00 00 02 00 00 00",
    );
    // Array[float] holds floats: 1 is sent as REAL 1.0.
    expect(enc3(new TypedArray(TYPE_FLOAT, [1]))).toBe(`13 00 00 00 01 00 00 00 03 00 00 00 ${f32(1)}`);
    // Array[StringName]: STRINGs.
    expect(enc3(new TypedArray(TYPE_STRING_NAME, ["a"]))).toBe("13 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 61 00 00 00");
  });
  it("a typed Dictionary goes out as a plain one", () => {
    const d = new Dictionary<unknown, unknown>([["a", 1]]);
    d.key_type = { builtin: 4, class_name: "", script: "" };
    d.value_type = { builtin: TYPE_INT, class_name: "", script: "" };
    expect(enc3(d)).toBe("12 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 61 00 00 00 02 00 00 00 01 00 00 00");
  });
  it("decoding ignores header flags and the legacy shared bit (31) of the count, as 3.x does", () => {
    // 4.x would read 13 00 01 00 as a typed Array; 3.x has no such flag.
    expect(dec3("13 00 01 00 01 00 00 00 02 00 00 00 05 00 00 00")).toEqual([5]);
    expect(dec3("13 00 00 00 01 00 00 80 02 00 00 00 05 00 00 00")).toEqual([5]);
    const d = dec3("12 00 05 00 01 00 00 80 02 00 00 00 01 00 00 00 02 00 00 00 02 00 00 00") as Dictionary;
    expect(d.get(1)).toBe(2);
  });
});

describe("pool arrays (20-26)", () => {
  it("POOL_BYTE_ARRAY (20): count, bytes, zero padding to 4", () => {
    both3(new Uint8Array(0), "14 00 00 00 00 00 00 00");
    both3(Uint8Array.of(0xff), "14 00 00 00 01 00 00 00 FF 00 00 00");
    both3(Uint8Array.of(1, 2, 3), "14 00 00 00 03 00 00 00 01 02 03 00");
    both3(Uint8Array.of(1, 2, 3, 4), "14 00 00 00 04 00 00 00 01 02 03 04");
    both3(Uint8Array.of(1, 2, 3, 4, 5), "14 00 00 00 05 00 00 00 01 02 03 04 05 00 00 00");
  });
  it("POOL_INT_ARRAY (21): count, int32 each", () => {
    both3(new Int32Array(0), "15 00 00 00 00 00 00 00");
    both3(Int32Array.of(1, -1, 2147483647), "15 00 00 00 03 00 00 00 01 00 00 00 FF FF FF FF FF FF FF 7F");
  });
  it("POOL_REAL_ARRAY (22): count, float32 each", () => {
    both3(new Float32Array(0), "16 00 00 00 00 00 00 00");
    both3(Float32Array.of(1, -2, 0.5), `16 00 00 00 03 00 00 00 ${f32(1, -2, 0.5)}`);
  });
  it("POOL_STRING_ARRAY (23): count, then per string length+1, bytes, NUL, zero padding", () => {
    both3(new PackedStringArray(), "17 00 00 00 00 00 00 00");
    both3(new PackedStringArray(["a"]), "17 00 00 00 01 00 00 00 02 00 00 00 61 00 00 00");
    both3(
      new PackedStringArray(["", "abc", "abcd"]),
      [
        "17 00 00 00 03 00 00 00",
        "01 00 00 00 00 00 00 00", // "": length 1, the NUL, 3 padding
        "04 00 00 00 61 62 63 00", // "abc": length 4, no padding
        "05 00 00 00 61 62 63 64 00 00 00 00", // "abcd": length 5, NUL + 3 padding
      ].join(" "),
    );
  });
  it("POOL_VECTOR2_ARRAY (24): count, x y each", () => {
    both3(new PackedVector2Array(), "18 00 00 00 00 00 00 00");
    both3(new PackedVector2Array([new Vector2(1, 2), new Vector2(3, 4)]), `18 00 00 00 02 00 00 00 ${f32(1, 2, 3, 4)}`);
  });
  it("POOL_VECTOR3_ARRAY (25): count, x y z each", () => {
    both3(new PackedVector3Array(), "19 00 00 00 00 00 00 00");
    both3(new PackedVector3Array([v3(1, 2, 3), v3(4, 5, 6)]), `19 00 00 00 02 00 00 00 ${f32(1, 2, 3, 4, 5, 6)}`);
  });
  it("POOL_COLOR_ARRAY (26): count, r g b a each", () => {
    both3(new PackedColorArray(), "1A 00 00 00 00 00 00 00");
    both3(new PackedColorArray([new Color(1, 0.5, 0, 1)]), `1A 00 00 00 01 00 00 00 ${f32(1, 0.5, 0, 1)}`);
  });
  it("decoded pool arrays have gdnet's packed types", () => {
    expect(dec3("14 00 00 00 00 00 00 00")).toBeInstanceOf(Uint8Array);
    expect(dec3("15 00 00 00 00 00 00 00")).toBeInstanceOf(Int32Array);
    expect(dec3("16 00 00 00 00 00 00 00")).toBeInstanceOf(Float32Array);
    expect(dec3("17 00 00 00 00 00 00 00")).toBeInstanceOf(PackedStringArray);
    expect(dec3("18 00 00 00 00 00 00 00")).toBeInstanceOf(PackedVector2Array);
    expect(dec3("19 00 00 00 00 00 00 00")).toBeInstanceOf(PackedVector3Array);
    expect(dec3("1A 00 00 00 00 00 00 00")).toBeInstanceOf(PackedColorArray);
  });
});

describe("the reference's Godot 3 notes (§6.4)", () => {
  it('[1,"a"] starts 13, {"a":1} starts 12, PoolStringArray(["a"]) starts 17', () => {
    expect(enc3([1, "a"]).slice(0, 11)).toBe("13 00 00 00");
    expect(enc3({ a: 1 }).slice(0, 11)).toBe("12 00 00 00");
    expect(enc3(new PackedStringArray(["a"])).slice(0, 11)).toBe("17 00 00 00");
  });
});
