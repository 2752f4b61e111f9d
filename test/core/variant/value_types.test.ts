/** The value classes: constructors, equals(), and str() as Godot 4.3 prints them. */
import { describe, expect, it } from "vitest";
import { AABB } from "../../../src/core/variant/aabb.js";
import { Basis } from "../../../src/core/variant/basis.js";
import { Color } from "../../../src/core/variant/color.js";
import { Dictionary } from "../../../src/core/variant/dictionary.js";
import { EncodedObjectAsID } from "../../../src/core/variant/encoded_object_as_id.js";
import { NodePath } from "../../../src/core/variant/node_path.js";
import { PackedStringArray, PackedVector2Array } from "../../../src/core/variant/packed_arrays.js";
import { Plane } from "../../../src/core/variant/plane.js";
import { Projection } from "../../../src/core/variant/projection.js";
import { Quaternion } from "../../../src/core/variant/quaternion.js";
import { Rect2 } from "../../../src/core/variant/rect2.js";
import { Rect2i } from "../../../src/core/variant/rect2i.js";
import { RID } from "../../../src/core/variant/rid.js";
import { Signal } from "../../../src/core/variant/signal.js";
import { StringName } from "../../../src/core/variant/string_name.js";
import { str, stringify } from "../../../src/core/variant/stringify.js";
import { Transform2D } from "../../../src/core/variant/transform_2d.js";
import { Transform3D } from "../../../src/core/variant/transform_3d.js";
import { float } from "../../../src/core/variant/variant_float.js";
import { Vector2 } from "../../../src/core/variant/vector2.js";
import { Vector2i } from "../../../src/core/variant/vector2i.js";
import { Vector3 } from "../../../src/core/variant/vector3.js";
import { Vector3i } from "../../../src/core/variant/vector3i.js";
import { Vector4 } from "../../../src/core/variant/vector4.js";
import { Vector4i } from "../../../src/core/variant/vector4i.js";

describe("str() of value types (Godot 4.3 formats)", () => {
  it("vectors print whole components without decimals", () => {
    expect(str(new Vector2(1, 2))).toBe("(1, 2)");
    expect(str(new Vector2(0.5, -1.25))).toBe("(0.5, -1.25)");
    expect(str(new Vector2(1 / 3, 0))).toBe("(0.333333, 0)");
    expect(str(new Vector2i(3, -4))).toBe("(3, -4)");
    expect(str(new Vector3(1, 2, 3))).toBe("(1, 2, 3)");
    expect(str(new Vector3i(1, 2, 3))).toBe("(1, 2, 3)");
    expect(str(new Vector4(1, 2, 3, 4.5))).toBe("(1, 2, 3, 4.5)");
    expect(str(new Vector4i(1, 2, 3, 4))).toBe("(1, 2, 3, 4)");
  });
  it("compound types", () => {
    expect(str(new Rect2(1, 2, 3, 4))).toBe("[P: (1, 2), S: (3, 4)]");
    expect(str(new Rect2i(1, 2, 3, 4))).toBe("[P: (1, 2), S: (3, 4)]");
    expect(str(new Transform2D())).toBe("[X: (1, 0), Y: (0, 1), O: (0, 0)]");
    expect(str(new Plane(0, 1, 0, 5))).toBe("[N: (0, 1, 0), D: 5]");
    expect(str(new Quaternion())).toBe("(0, 0, 0, 1)");
    expect(str(new AABB(new Vector3(), new Vector3(1, 1, 1)))).toBe("[P: (0, 0, 0), S: (1, 1, 1)]");
    expect(str(new Basis())).toBe("[X: (1, 0, 0), Y: (0, 1, 0), Z: (0, 0, 1)]");
    expect(str(new Transform3D())).toBe("[X: (1, 0, 0), Y: (0, 1, 0), Z: (0, 0, 1), O: (0, 0, 0)]");
  });
  it("Projection prints one column per line (4.3)", () => {
    expect(str(new Projection())).toBe("\n1, 0, 0, 0\n0, 1, 0, 0\n0, 0, 1, 0\n0, 0, 0, 1");
  });
  it("Color uses up to four decimals; alpha defaults to 1", () => {
    expect(str(new Color(1, 0, 0))).toBe("(1, 0, 0, 1)");
    expect(str(new Color(0.2, 1 / 3, 0.5, 0.25))).toBe("(0.2, 0.3333, 0.5, 0.25)");
  });
  it("names, paths, RIDs, signals, object ids", () => {
    expect(str(new StringName("hello"))).toBe("hello");
    expect(str(new NodePath("/root/Main:position:x"))).toBe("/root/Main:position:x");
    expect(str(new RID(42))).toBe("RID(42)");
    expect(str(new Signal("hit", 3n))).toBe("null::hit");
    expect(str(new EncodedObjectAsID(7))).toBe("<EncodedObjectAsID#7>");
  });
  it("numbers: ints as digits, floats as 4.3 prints them", () => {
    expect(str(1)).toBe("1");
    expect(str(float(1))).toBe("1.0");
    expect(str(0.1 + 0.2)).toBe("0.3");
    expect(str(1 / 3)).toBe("0.333333");
    expect(str(-0)).toBe("0.0");
    expect(str(Number.NaN)).toBe("nan");
    expect(str(-Infinity)).toBe("-inf");
    expect(str(12345678901234567890n)).toBe("12345678901234567890");
  });
  it("inside containers strings are quoted and escaped, names and paths marked", () => {
    expect(str(["a\"b\\c\n", new StringName("n"), new NodePath("a/b")])).toBe('["a\\"b\\\\c\\n", &"n", ^"a/b"]');
    expect(str({ k: "v" })).toBe('{ "k": "v" }');
    expect(str(new Dictionary([[new StringName("k"), 1]]))).toBe('{ &"k": 1 }');
    expect(str(new Dictionary())).toBe("{  }");
  });
  it("packed float arrays print floats, packed int arrays ints", () => {
    expect(str(new Float32Array([1, 2.5]))).toBe("[1.0, 2.5]");
    expect(str(new Float64Array([0.1]))).toBe("[0.1]");
    expect(str(new Int32Array([1, -2]))).toBe("[1, -2]");
    expect(str(new BigInt64Array([5n]))).toBe("[5]");
    expect(str(new Uint8Array([104, 105]))).toBe("[104, 105]");
    expect(str(new PackedStringArray(["a", "b"]))).toBe('["a", "b"]');
    expect(str(new PackedVector2Array([new Vector2(1, 2)]))).toBe("[(1, 2)]");
  });
  it("stringify and str agree, and JS template strings use the same text", () => {
    const v = new Vector3(1, 2.5, 3);
    expect(stringify(v)).toBe(str(v));
    expect(`${v}`).toBe("(1, 2.5, 3)");
  });
});

describe("constructors and equals()", () => {
  it("equals compares by value and by class", () => {
    expect(new Vector2(1, 2).equals(new Vector2(1, 2))).toBe(true);
    expect(new Vector2(1, 2).equals(new Vector2(1, 3))).toBe(false);
    expect(new Vector2(1, 2).equals(new Vector2i(1, 2))).toBe(false);
    expect(new Vector2(Number.NaN, 0).equals(new Vector2(Number.NaN, 0))).toBe(false);
    expect(new Rect2(1, 2, 3, 4).equals(new Rect2(new Vector2(1, 2), new Vector2(3, 4)))).toBe(true);
    expect(new Plane(new Vector3(0, 1, 0), 2).equals(new Plane(0, 1, 0, 2))).toBe(true);
    expect(new Color(1, 1, 1).equals(new Color(1, 1, 1, 1))).toBe(true);
    expect(new Color(1, 1, 1).equals(new Color(1, 1, 1, 0.5))).toBe(false);
    expect(new Transform3D().equals(new Transform3D(new Basis(), new Vector3()))).toBe(true);
    expect(new Projection().equals(new Projection(undefined, undefined, undefined, new Vector4(0, 0, 1, 1)))).toBe(false);
    expect(new StringName("a").equals(new StringName("a"))).toBe(true);
    expect(new RID(1).equals(new RID(1n))).toBe(true);
    expect(new Signal("s", 1n).equals(new Signal("s", 2n))).toBe(false);
  });
  it("integer vectors truncate and wrap like int32 in the constructor", () => {
    const v = new Vector2i(2.9, 2 ** 31);
    expect(v.x).toBe(2);
    expect(v.y).toBe(-(2 ** 31));
    expect(new Vector3i(-1.5, Number.NaN, 0).x).toBe(-1);
    expect(new Vector3i(-1.5, Number.NaN, 0).y).toBe(0);
  });
  it("identity defaults", () => {
    expect(new Basis().x.equals(new Vector3(1, 0, 0))).toBe(true);
    expect(new Quaternion().w).toBe(1);
    expect(new Transform2D().y.equals(new Vector2(0, 1))).toBe(true);
    expect(new Projection().w.equals(new Vector4(0, 0, 0, 1))).toBe(true);
  });
  it("RID and EncodedObjectAsID ids are int64 and tolerate odd numbers", () => {
    expect(new RID(-1).id).toBe(-1n);
    expect(new RID(2n ** 64n + 5n).id).toBe(5n);
    expect(new RID(Number.NaN).id).toBe(0n);
    expect(new RID().is_valid()).toBe(false);
    const e = new EncodedObjectAsID();
    e.set_object_id(12);
    expect(e.get_object_id()).toBe(12n);
  });
});

describe("NodePath", () => {
  it("parses names, subnames and absoluteness", () => {
    const p = new NodePath("/root/Main:position:x");
    expect(p.is_absolute()).toBe(true);
    expect(p.names).toEqual(["root", "Main"]);
    expect(p.subnames).toEqual(["position", "x"]);
    expect(p.get_concatenated_names()).toBe("/root/Main");
    expect(p.get_concatenated_subnames()).toBe("position:x");
    expect(p.get_name_count()).toBe(2);
    expect(p.get_subname(1)).toBe("x");
  });
  it("relative paths, '..', property-only paths, the empty path", () => {
    expect(new NodePath("../Sibling").names).toEqual(["..", "Sibling"]);
    const prop = new NodePath(":modulate:a");
    expect(prop.names).toEqual([]);
    expect(prop.subnames).toEqual(["modulate", "a"]);
    expect(prop.to_string()).toBe(":modulate:a");
    expect(new NodePath("").is_empty()).toBe(true);
    expect(new NodePath("/").is_empty()).toBe(false);
  });
  it("round-trips through its string form", () => {
    for (const text of ["a/b/c", "/root", "a:b", "/a/b:c:d", ".", "%Unique/child"]) {
      expect(new NodePath(text).to_string()).toBe(text);
      expect(new NodePath(new NodePath(text).to_string()).equals(new NodePath(text))).toBe(true);
    }
  });
});
