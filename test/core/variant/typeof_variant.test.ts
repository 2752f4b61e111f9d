/** typeof_variant: the JS → Variant type mapping, and the Variant.Type enum. */
import { describe, expect, it } from "vitest";
import { Callable } from "../../../src/core/object/callable.js";
import { AABB } from "../../../src/core/variant/aabb.js";
import { Basis } from "../../../src/core/variant/basis.js";
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
import { typeof_variant } from "../../../src/core/variant/typeof_variant.js";
import { float } from "../../../src/core/variant/variant_float.js";
import {
  TYPE_INT,
  TYPE_MAX,
  TYPE_PACKED_VECTOR4_ARRAY,
  TYPE_TRANSFORM2D,
  TYPE_VECTOR4,
  TYPE_VECTOR4I,
  Variant,
  VariantType,
  type_from_name,
  type_string,
} from "../../../src/core/variant/variant_type.js";
import { Vector2 } from "../../../src/core/variant/vector2.js";
import { Vector2i } from "../../../src/core/variant/vector2i.js";
import { Vector3 } from "../../../src/core/variant/vector3.js";
import { Vector3i } from "../../../src/core/variant/vector3i.js";
import { Vector4 } from "../../../src/core/variant/vector4.js";
import { Vector4i } from "../../../src/core/variant/vector4i.js";

describe("Variant.Type", () => {
  it("has the engine's ids (Transform2D 11, Vector4 12, Vector4i 13, not the docs' order)", () => {
    expect(TYPE_TRANSFORM2D).toBe(11);
    expect(TYPE_VECTOR4).toBe(12);
    expect(TYPE_VECTOR4I).toBe(13);
    expect(TYPE_PACKED_VECTOR4_ARRAY).toBe(38);
    expect(TYPE_MAX).toBe(39);
    expect(Variant.Type.TYPE_INT).toBe(2);
    const t: Variant.Type = Variant.Type.TYPE_STRING;
    expect(t).toBe(VariantType.TYPE_STRING);
  });
  it("type names", () => {
    expect(type_string(TYPE_INT)).toBe("int");
    expect(type_string(0)).toBe("Nil");
    expect(type_string(38)).toBe("PackedVector4Array");
    expect(type_string(39)).toBe("<invalid type>");
    expect(type_from_name("float")).toBe(VariantType.TYPE_FLOAT);
    expect(type_from_name("Node")).toBe(TYPE_MAX);
  });
});

describe("typeof_variant", () => {
  const table: [unknown, VariantType][] = [
    [null, VariantType.TYPE_NIL],
    [undefined, VariantType.TYPE_NIL],
    [true, VariantType.TYPE_BOOL],
    [0, VariantType.TYPE_INT],
    [-7, VariantType.TYPE_INT],
    [2 ** 53, VariantType.TYPE_INT],
    [2 ** 53 + 2, VariantType.TYPE_FLOAT],
    [1n, VariantType.TYPE_INT],
    [1.5, VariantType.TYPE_FLOAT],
    [-0, VariantType.TYPE_FLOAT],
    [Number.NaN, VariantType.TYPE_FLOAT],
    [Infinity, VariantType.TYPE_FLOAT],
    [float(1), VariantType.TYPE_FLOAT],
    ["s", VariantType.TYPE_STRING],
    [new Vector2(), VariantType.TYPE_VECTOR2],
    [new Vector2i(), VariantType.TYPE_VECTOR2I],
    [new Rect2(), VariantType.TYPE_RECT2],
    [new Rect2i(), VariantType.TYPE_RECT2I],
    [new Vector3(), VariantType.TYPE_VECTOR3],
    [new Vector3i(), VariantType.TYPE_VECTOR3I],
    [new Transform2D(), VariantType.TYPE_TRANSFORM2D],
    [new Vector4(), VariantType.TYPE_VECTOR4],
    [new Vector4i(), VariantType.TYPE_VECTOR4I],
    [new Plane(), VariantType.TYPE_PLANE],
    [new Quaternion(), VariantType.TYPE_QUATERNION],
    [new AABB(), VariantType.TYPE_AABB],
    [new Basis(), VariantType.TYPE_BASIS],
    [new Transform3D(), VariantType.TYPE_TRANSFORM3D],
    [new Projection(), VariantType.TYPE_PROJECTION],
    [new Color(), VariantType.TYPE_COLOR],
    [new StringName(), VariantType.TYPE_STRING_NAME],
    [new NodePath(), VariantType.TYPE_NODE_PATH],
    [new RID(), VariantType.TYPE_RID],
    [new EncodedObjectAsID(1), VariantType.TYPE_OBJECT],
    [new (class Node {})(), VariantType.TYPE_OBJECT],
    [new Callable(), VariantType.TYPE_CALLABLE],
    [() => 0, VariantType.TYPE_CALLABLE],
    [new Signal(), VariantType.TYPE_SIGNAL],
    [{}, VariantType.TYPE_DICTIONARY],
    [Object.create(null), VariantType.TYPE_DICTIONARY],
    [new Map(), VariantType.TYPE_DICTIONARY],
    [new Dictionary(), VariantType.TYPE_DICTIONARY],
    [[], VariantType.TYPE_ARRAY],
    [new TypedArray(TYPE_INT), VariantType.TYPE_ARRAY],
    [new Uint8Array(), VariantType.TYPE_PACKED_BYTE_ARRAY],
    [Buffer.from("x"), VariantType.TYPE_PACKED_BYTE_ARRAY],
    [new Int32Array(), VariantType.TYPE_PACKED_INT32_ARRAY],
    [new BigInt64Array(), VariantType.TYPE_PACKED_INT64_ARRAY],
    [new Float32Array(), VariantType.TYPE_PACKED_FLOAT32_ARRAY],
    [new Float64Array(), VariantType.TYPE_PACKED_FLOAT64_ARRAY],
    [new PackedStringArray(), VariantType.TYPE_PACKED_STRING_ARRAY],
    [new PackedVector2Array(), VariantType.TYPE_PACKED_VECTOR2_ARRAY],
    [new PackedVector3Array(), VariantType.TYPE_PACKED_VECTOR3_ARRAY],
    [new PackedColorArray(), VariantType.TYPE_PACKED_COLOR_ARRAY],
    [new PackedVector4Array(), VariantType.TYPE_PACKED_VECTOR4_ARRAY],
    [Symbol("s"), VariantType.TYPE_MAX],
    [new Int16Array(), VariantType.TYPE_MAX],
    [new ArrayBuffer(1), VariantType.TYPE_MAX],
  ];
  for (const [value, type] of table) {
    it(`${type_string(type)}: ${typeof value === "symbol" ? "symbol" : Object.prototype.toString.call(value)}`, () => {
      expect(typeof_variant(value)).toBe(type);
    });
  }
  it("a subclass of a value type keeps the type", () => {
    class Position extends Vector2 {}
    expect(typeof_variant(new Position(1, 2))).toBe(VariantType.TYPE_VECTOR2);
  });
  it("a plain object's own 'constructor' key does not change its type", () => {
    expect(typeof_variant({ constructor: Vector2 })).toBe(VariantType.TYPE_DICTIONARY);
  });
});
