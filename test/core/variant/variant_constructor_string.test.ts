/** Default values as the doctool writes them (4.3 VariantWriter, one line, containers untyped). */
import { describe, expect, it } from "vitest";
import { Basis } from "../../../src/core/variant/basis.js";
import { Color } from "../../../src/core/variant/color.js";
import { Dictionary } from "../../../src/core/variant/dictionary.js";
import { NodePath } from "../../../src/core/variant/node_path.js";
import { PackedStringArray, PackedVector2Array, PackedColorArray } from "../../../src/core/variant/packed_arrays.js";
import { Projection } from "../../../src/core/variant/projection.js";
import { Rect2 } from "../../../src/core/variant/rect2.js";
import { RID } from "../../../src/core/variant/rid.js";
import { StringName } from "../../../src/core/variant/string_name.js";
import { Transform2D } from "../../../src/core/variant/transform_2d.js";
import { Transform3D } from "../../../src/core/variant/transform_3d.js";
import { TypedArray } from "../../../src/core/variant/typed_array.js";
import { variant_to_constructor_string as ctor } from "../../../src/core/variant/variant_constructor_string.js";
import { float } from "../../../src/core/variant/variant_float.js";
import { TYPE_INT } from "../../../src/core/variant/variant_type.js";
import { Vector2 } from "../../../src/core/variant/vector2.js";
import { Vector2i } from "../../../src/core/variant/vector2i.js";
import { Vector3 } from "../../../src/core/variant/vector3.js";

describe("scalars", () => {
  it("ints, bools, null", () => {
    expect(ctor(65535)).toBe("65535");
    expect(ctor(65535, "int")).toBe("65535");
    expect(ctor(-1n)).toBe("-1");
    expect(ctor(false)).toBe("false");
    expect(ctor(true, "bool")).toBe("true");
    expect(ctor(null)).toBe("null");
  });
  it("a float always has a decimal point or an exponent", () => {
    expect(ctor(3, "float")).toBe("3.0");
    expect(ctor(float(3))).toBe("3.0");
    expect(ctor(0, "float")).toBe("0.0");
    expect(ctor(-0, "float")).toBe("0.0");
    expect(ctor(0.5)).toBe("0.5");
    expect(ctor(3.0625, "float")).toBe("3.0625");
    expect(ctor(1e20, "float")).toBe("1e+20");
    expect(ctor(1234567, "float")).toBe("1.23457e+06");
  });
  it("non-finite floats use the engine's spellings", () => {
    expect(ctor(Infinity, "float")).toBe("inf");
    expect(ctor(-Infinity, "float")).toBe("inf_neg");
    expect(ctor(Number.NaN, "float")).toBe("nan");
  });
  it("strings are quoted with backslash and quote escaped, newlines become spaces", () => {
    expect(ctor("")).toBe('""');
    expect(ctor("*")).toBe('"*"');
    expect(ctor('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(ctor("line1\nline2")).toBe('"line1 line2"');
  });
  it("names and paths, given as objects or as strings with the declared type", () => {
    expect(ctor(new StringName("idle"))).toBe('&"idle"');
    expect(ctor("idle", "StringName")).toBe('&"idle"');
    expect(ctor(new NodePath("../a:b"))).toBe('NodePath("../a:b")');
    expect(ctor("a/b", "NodePath")).toBe('NodePath("a/b")');
    expect(ctor(new RID())).toBe("RID()");
    expect(ctor(new RID(7))).toBe("RID(7)");
  });
});

describe("math types", () => {
  it("components without forced decimals", () => {
    expect(ctor(new Vector2())).toBe("Vector2(0, 0)");
    expect(ctor(new Vector2(0.5, -1))).toBe("Vector2(0.5, -1)");
    expect(ctor(new Vector2i(1, 2))).toBe("Vector2i(1, 2)");
    expect(ctor(new Vector3(-0, 1, 2))).toBe("Vector3(0, 1, 2)");
    expect(ctor(new Rect2())).toBe("Rect2(0, 0, 0, 0)");
    expect(ctor(new Color(1, 1, 1, 1))).toBe("Color(1, 1, 1, 1)");
    expect(ctor(new Transform2D())).toBe("Transform2D(1, 0, 0, 1, 0, 0)");
  });
  it("Basis, Transform3D and Projection are written column by column", () => {
    expect(ctor(new Basis())).toBe("Basis(1, 0, 0, 0, 1, 0, 0, 0, 1)");
    expect(ctor(new Basis(new Vector3(1, 2, 3), new Vector3(4, 5, 6), new Vector3(7, 8, 9)))).toBe(
      "Basis(1, 2, 3, 4, 5, 6, 7, 8, 9)",
    );
    expect(ctor(new Transform3D())).toBe("Transform3D(1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0)");
    expect(ctor(new Projection())).toBe("Projection(1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1)");
  });
});

describe("containers", () => {
  it("empty ones", () => {
    expect(ctor([])).toBe("[]");
    expect(ctor({})).toBe("{}");
    expect(ctor(new Dictionary())).toBe("{}");
    expect(ctor(new PackedStringArray())).toBe("PackedStringArray()");
    expect(ctor([], "PackedStringArray")).toBe("PackedStringArray()");
    expect(ctor(new Uint8Array())).toBe("PackedByteArray()");
    expect(ctor([], "PackedByteArray")).toBe("PackedByteArray()");
  });
  it("arrays list their elements; typed arrays are written untyped, as the doctool does", () => {
    expect(ctor([1, "a", 2.5, null])).toBe('[1, "a", 2.5, null]');
    expect(ctor(new TypedArray(TYPE_INT, [1, 2]))).toBe("[1, 2]");
  });
  it("dictionaries on one line, keys sorted", () => {
    expect(ctor({ b: 1, a: "x" })).toBe('{ "a": "x", "b": 1 }');
    expect(
      ctor(
        new Dictionary<unknown, unknown>([
          [2, true],
          [1, [3]],
        ]),
      ),
    ).toBe("{ 1: [3], 2: true }");
  });
  it("packed arrays with contents", () => {
    expect(ctor(new PackedStringArray(["a", "b"]))).toBe('PackedStringArray("a", "b")');
    expect(ctor(["x"], "PackedStringArray")).toBe('PackedStringArray("x")');
    expect(ctor(new Uint8Array([1, 2]))).toBe("PackedByteArray(1, 2)");
    expect(ctor([1, 2], "PackedInt32Array")).toBe("PackedInt32Array(1, 2)");
    expect(ctor(new BigInt64Array([3n]))).toBe("PackedInt64Array(3)");
    expect(ctor(new Float32Array([1, 0.5]))).toBe("PackedFloat32Array(1, 0.5)");
    expect(ctor(new PackedVector2Array([new Vector2(1, 2), new Vector2(3, 4)]))).toBe("PackedVector2Array(1, 2, 3, 4)");
    expect(ctor(new PackedColorArray([new Color(1, 0, 0, 1)]))).toBe("PackedColorArray(1, 0, 0, 1)");
  });
});
