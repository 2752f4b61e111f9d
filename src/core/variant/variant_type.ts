/**
 * Variant.Type as in @GlobalScope: the ids are the wire ids of the binary
 * format (marshalls), so they must never be renumbered.
 */
export enum VariantType {
  TYPE_NIL = 0,
  TYPE_BOOL = 1,
  TYPE_INT = 2,
  TYPE_FLOAT = 3,
  TYPE_STRING = 4,
  TYPE_VECTOR2 = 5,
  TYPE_VECTOR2I = 6,
  TYPE_RECT2 = 7,
  TYPE_RECT2I = 8,
  TYPE_VECTOR3 = 9,
  TYPE_VECTOR3I = 10,
  TYPE_TRANSFORM2D = 11,
  TYPE_VECTOR4 = 12,
  TYPE_VECTOR4I = 13,
  TYPE_PLANE = 14,
  TYPE_QUATERNION = 15,
  TYPE_AABB = 16,
  TYPE_BASIS = 17,
  TYPE_TRANSFORM3D = 18,
  TYPE_PROJECTION = 19,
  TYPE_COLOR = 20,
  TYPE_STRING_NAME = 21,
  TYPE_NODE_PATH = 22,
  TYPE_RID = 23,
  TYPE_OBJECT = 24,
  TYPE_CALLABLE = 25,
  TYPE_SIGNAL = 26,
  TYPE_DICTIONARY = 27,
  TYPE_ARRAY = 28,
  TYPE_PACKED_BYTE_ARRAY = 29,
  TYPE_PACKED_INT32_ARRAY = 30,
  TYPE_PACKED_INT64_ARRAY = 31,
  TYPE_PACKED_FLOAT32_ARRAY = 32,
  TYPE_PACKED_FLOAT64_ARRAY = 33,
  TYPE_PACKED_STRING_ARRAY = 34,
  TYPE_PACKED_VECTOR2_ARRAY = 35,
  TYPE_PACKED_VECTOR3_ARRAY = 36,
  TYPE_PACKED_COLOR_ARRAY = 37,
  TYPE_PACKED_VECTOR4_ARRAY = 38,
  TYPE_MAX = 39,
}

/** `Variant.Type.TYPE_INT` reads as in GDScript. */
export const Variant = Object.freeze({ Type: VariantType });
// A type-only namespace so `Variant.Type` also works in type positions.
// eslint-disable-next-line @typescript-eslint/no-namespace
export declare namespace Variant {
  type Type = VariantType;
}

// Bare constants, as GDScript has them in @GlobalScope (`if typeof(x) == TYPE_INT`).
export const TYPE_NIL = VariantType.TYPE_NIL;
export const TYPE_BOOL = VariantType.TYPE_BOOL;
export const TYPE_INT = VariantType.TYPE_INT;
export const TYPE_FLOAT = VariantType.TYPE_FLOAT;
export const TYPE_STRING = VariantType.TYPE_STRING;
export const TYPE_VECTOR2 = VariantType.TYPE_VECTOR2;
export const TYPE_VECTOR2I = VariantType.TYPE_VECTOR2I;
export const TYPE_RECT2 = VariantType.TYPE_RECT2;
export const TYPE_RECT2I = VariantType.TYPE_RECT2I;
export const TYPE_VECTOR3 = VariantType.TYPE_VECTOR3;
export const TYPE_VECTOR3I = VariantType.TYPE_VECTOR3I;
export const TYPE_TRANSFORM2D = VariantType.TYPE_TRANSFORM2D;
export const TYPE_VECTOR4 = VariantType.TYPE_VECTOR4;
export const TYPE_VECTOR4I = VariantType.TYPE_VECTOR4I;
export const TYPE_PLANE = VariantType.TYPE_PLANE;
export const TYPE_QUATERNION = VariantType.TYPE_QUATERNION;
export const TYPE_AABB = VariantType.TYPE_AABB;
export const TYPE_BASIS = VariantType.TYPE_BASIS;
export const TYPE_TRANSFORM3D = VariantType.TYPE_TRANSFORM3D;
export const TYPE_PROJECTION = VariantType.TYPE_PROJECTION;
export const TYPE_COLOR = VariantType.TYPE_COLOR;
export const TYPE_STRING_NAME = VariantType.TYPE_STRING_NAME;
export const TYPE_NODE_PATH = VariantType.TYPE_NODE_PATH;
export const TYPE_RID = VariantType.TYPE_RID;
export const TYPE_OBJECT = VariantType.TYPE_OBJECT;
export const TYPE_CALLABLE = VariantType.TYPE_CALLABLE;
export const TYPE_SIGNAL = VariantType.TYPE_SIGNAL;
export const TYPE_DICTIONARY = VariantType.TYPE_DICTIONARY;
export const TYPE_ARRAY = VariantType.TYPE_ARRAY;
export const TYPE_PACKED_BYTE_ARRAY = VariantType.TYPE_PACKED_BYTE_ARRAY;
export const TYPE_PACKED_INT32_ARRAY = VariantType.TYPE_PACKED_INT32_ARRAY;
export const TYPE_PACKED_INT64_ARRAY = VariantType.TYPE_PACKED_INT64_ARRAY;
export const TYPE_PACKED_FLOAT32_ARRAY = VariantType.TYPE_PACKED_FLOAT32_ARRAY;
export const TYPE_PACKED_FLOAT64_ARRAY = VariantType.TYPE_PACKED_FLOAT64_ARRAY;
export const TYPE_PACKED_STRING_ARRAY = VariantType.TYPE_PACKED_STRING_ARRAY;
export const TYPE_PACKED_VECTOR2_ARRAY = VariantType.TYPE_PACKED_VECTOR2_ARRAY;
export const TYPE_PACKED_VECTOR3_ARRAY = VariantType.TYPE_PACKED_VECTOR3_ARRAY;
export const TYPE_PACKED_COLOR_ARRAY = VariantType.TYPE_PACKED_COLOR_ARRAY;
export const TYPE_PACKED_VECTOR4_ARRAY = VariantType.TYPE_PACKED_VECTOR4_ARRAY;
export const TYPE_MAX = VariantType.TYPE_MAX;

/** The engine's type names (Variant::get_type_name), indexed by id. */
const TYPE_NAMES: readonly string[] = [
  "Nil",
  "bool",
  "int",
  "float",
  "String",
  "Vector2",
  "Vector2i",
  "Rect2",
  "Rect2i",
  "Vector3",
  "Vector3i",
  "Transform2D",
  "Vector4",
  "Vector4i",
  "Plane",
  "Quaternion",
  "AABB",
  "Basis",
  "Transform3D",
  "Projection",
  "Color",
  "StringName",
  "NodePath",
  "RID",
  "Object",
  "Callable",
  "Signal",
  "Dictionary",
  "Array",
  "PackedByteArray",
  "PackedInt32Array",
  "PackedInt64Array",
  "PackedFloat32Array",
  "PackedFloat64Array",
  "PackedStringArray",
  "PackedVector2Array",
  "PackedVector3Array",
  "PackedColorArray",
  "PackedVector4Array",
];

/** type_string(): "int", "Vector2", ...; "<invalid type>" outside the enum, as the engine prints. */
export function type_string(type: number): string {
  return (Number.isInteger(type) ? TYPE_NAMES[type] : undefined) ?? "<invalid type>";
}

/** The id for a type name ("float" → TYPE_FLOAT), or TYPE_MAX when it names no builtin type. */
export function type_from_name(name: string): VariantType {
  const index = TYPE_NAMES.indexOf(name);
  return index < 0 ? VariantType.TYPE_MAX : (index as VariantType);
}
