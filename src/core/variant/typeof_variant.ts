/**
 * typeof() for JS values: which Variant type a value is taken as. This is
 * the single source of the JS ↔ Variant mapping (docs/variant_mapping.md);
 * the encoder follows it. TYPE_MAX means "no Variant type" (symbols,
 * unsupported typed arrays, ArrayBuffer).
 */
import { AABB } from "./aabb.js";
import { Basis } from "./basis.js";
import { Callable } from "../object/callable.js";
import { Color } from "./color.js";
import { Dictionary } from "./dictionary.js";
import { EncodedObjectAsID } from "./encoded_object_as_id.js";
import { NodePath } from "./node_path.js";
import {
  PackedColorArray,
  PackedStringArray,
  PackedVector2Array,
  PackedVector3Array,
  PackedVector4Array,
} from "./packed_arrays.js";
import { Plane } from "./plane.js";
import { Projection } from "./projection.js";
import { Quaternion } from "./quaternion.js";
import { Rect2 } from "./rect2.js";
import { Rect2i } from "./rect2i.js";
import { RID } from "./rid.js";
import { Signal } from "./signal.js";
import { StringName } from "./string_name.js";
import { Transform2D } from "./transform_2d.js";
import { Transform3D } from "./transform_3d.js";
import { TypedArray } from "./typed_array.js";
import { Float } from "./variant_float.js";
import { VariantType } from "./variant_type.js";
import { Vector2 } from "./vector2.js";
import { Vector2i } from "./vector2i.js";
import { Vector3 } from "./vector3.js";
import { Vector3i } from "./vector3i.js";
import { Vector4 } from "./vector4.js";
import { Vector4i } from "./vector4i.js";

/** Whole numbers up to ±2^53 are ints; -0 stays a float (an int has no sign on zero). */
export function is_int_number(value: number): boolean {
  return Number.isInteger(value) && Math.abs(value) <= 2 ** 53 && !Object.is(value, -0);
}

/** Value classes by constructor: one Map lookup instead of a chain of instanceof. */
const CLASS_TYPES = new Map<unknown, VariantType>([
  [Float, VariantType.TYPE_FLOAT],
  [Vector2, VariantType.TYPE_VECTOR2],
  [Vector2i, VariantType.TYPE_VECTOR2I],
  [Rect2, VariantType.TYPE_RECT2],
  [Rect2i, VariantType.TYPE_RECT2I],
  [Vector3, VariantType.TYPE_VECTOR3],
  [Vector3i, VariantType.TYPE_VECTOR3I],
  [Transform2D, VariantType.TYPE_TRANSFORM2D],
  [Vector4, VariantType.TYPE_VECTOR4],
  [Vector4i, VariantType.TYPE_VECTOR4I],
  [Plane, VariantType.TYPE_PLANE],
  [Quaternion, VariantType.TYPE_QUATERNION],
  [AABB, VariantType.TYPE_AABB],
  [Basis, VariantType.TYPE_BASIS],
  [Transform3D, VariantType.TYPE_TRANSFORM3D],
  [Projection, VariantType.TYPE_PROJECTION],
  [Color, VariantType.TYPE_COLOR],
  [StringName, VariantType.TYPE_STRING_NAME],
  [NodePath, VariantType.TYPE_NODE_PATH],
  [RID, VariantType.TYPE_RID],
  [EncodedObjectAsID, VariantType.TYPE_OBJECT],
  [Callable, VariantType.TYPE_CALLABLE],
  [Signal, VariantType.TYPE_SIGNAL],
  [Uint8Array, VariantType.TYPE_PACKED_BYTE_ARRAY],
  [Int32Array, VariantType.TYPE_PACKED_INT32_ARRAY],
  [BigInt64Array, VariantType.TYPE_PACKED_INT64_ARRAY],
  [Float32Array, VariantType.TYPE_PACKED_FLOAT32_ARRAY],
  [Float64Array, VariantType.TYPE_PACKED_FLOAT64_ARRAY],
  [PackedStringArray, VariantType.TYPE_PACKED_STRING_ARRAY],
  [PackedVector2Array, VariantType.TYPE_PACKED_VECTOR2_ARRAY],
  [PackedVector3Array, VariantType.TYPE_PACKED_VECTOR3_ARRAY],
  [PackedVector4Array, VariantType.TYPE_PACKED_VECTOR4_ARRAY],
  [PackedColorArray, VariantType.TYPE_PACKED_COLOR_ARRAY],
  // Containers last: direct hits here keep the instanceof scan below for subclasses only.
  [Array, VariantType.TYPE_ARRAY],
  [TypedArray, VariantType.TYPE_ARRAY],
  [Map, VariantType.TYPE_DICTIONARY],
  [Dictionary, VariantType.TYPE_DICTIONARY],
]);

/** Subclasses (Node's Buffer is a Uint8Array, user classes may extend Vector2), checked in this order. */
const CLASS_ORDER = [...CLASS_TYPES.entries()].filter(([cls]) => cls !== Array && cls !== Map) as [abstract new (...args: never[]) => unknown, VariantType][];

export function typeof_variant(value: unknown): VariantType {
  switch (typeof value) {
    case "undefined":
      return VariantType.TYPE_NIL;
    case "boolean":
      return VariantType.TYPE_BOOL;
    case "number":
      return is_int_number(value) ? VariantType.TYPE_INT : VariantType.TYPE_FLOAT;
    case "bigint":
      return VariantType.TYPE_INT;
    case "string":
      return VariantType.TYPE_STRING;
    case "function":
      return VariantType.TYPE_CALLABLE;
    case "symbol":
      return VariantType.TYPE_MAX;
    default:
      break;
  }
  if (value === null) return VariantType.TYPE_NIL;
  const obj = value as object;
  // The prototype's constructor, not obj.constructor: a plain object may carry its own "constructor" key.
  const proto: unknown = Object.getPrototypeOf(obj);
  if (proto === Object.prototype || proto === null) return VariantType.TYPE_DICTIONARY;
  const direct = CLASS_TYPES.get((proto as { constructor?: unknown }).constructor);
  if (direct !== undefined) return direct;
  // Arrays that are not packed arrays (plain arrays, TypedArray) are Arrays.
  for (const [cls, type] of CLASS_ORDER) if (obj instanceof cls) return type;
  if (Array.isArray(obj)) return VariantType.TYPE_ARRAY;
  if (obj instanceof Map) return VariantType.TYPE_DICTIONARY;
  if (ArrayBuffer.isView(obj) || obj instanceof ArrayBuffer) return VariantType.TYPE_MAX;
  return VariantType.TYPE_OBJECT;
}

/** Plain objects ({...} or Object.create(null)) count as Dictionaries with String keys. */
export function is_plain_object(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
