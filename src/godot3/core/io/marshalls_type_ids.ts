/**
 * Godot 3's Variant type ids (Variant::Type in 3.x, `TYPE_*` in GDScript 3's
 * @GlobalScope) and how they pair with gdnet's Godot 4 VariantType: the
 * Godot 3 wire format numbers its types differently and lacks the types
 * Godot 4 added (reference §6.2).
 */
import { VariantType } from "../../../core/variant/variant_type.js";

export enum Godot3VariantType {
  TYPE_NIL = 0,
  TYPE_BOOL = 1,
  TYPE_INT = 2,
  TYPE_REAL = 3,
  TYPE_STRING = 4,
  TYPE_VECTOR2 = 5,
  TYPE_RECT2 = 6,
  TYPE_VECTOR3 = 7,
  TYPE_TRANSFORM2D = 8,
  TYPE_PLANE = 9,
  TYPE_QUAT = 10,
  TYPE_AABB = 11,
  TYPE_BASIS = 12,
  TYPE_TRANSFORM = 13,
  TYPE_COLOR = 14,
  TYPE_NODE_PATH = 15,
  TYPE_RID = 16,
  TYPE_OBJECT = 17,
  TYPE_DICTIONARY = 18,
  TYPE_ARRAY = 19,
  TYPE_RAW_ARRAY = 20,
  TYPE_INT_ARRAY = 21,
  TYPE_REAL_ARRAY = 22,
  TYPE_STRING_ARRAY = 23,
  TYPE_VECTOR2_ARRAY = 24,
  TYPE_VECTOR3_ARRAY = 25,
  TYPE_COLOR_ARRAY = 26,
  TYPE_MAX = 27,
}

/** The Godot 4 type each Godot 3 id decodes to, indexed by the Godot 3 id. */
export const GODOT3_TO_GODOT4: readonly VariantType[] = [
  VariantType.TYPE_NIL,
  VariantType.TYPE_BOOL,
  VariantType.TYPE_INT,
  VariantType.TYPE_FLOAT,
  VariantType.TYPE_STRING,
  VariantType.TYPE_VECTOR2,
  VariantType.TYPE_RECT2,
  VariantType.TYPE_VECTOR3,
  VariantType.TYPE_TRANSFORM2D,
  VariantType.TYPE_PLANE,
  VariantType.TYPE_QUATERNION,
  VariantType.TYPE_AABB,
  VariantType.TYPE_BASIS,
  VariantType.TYPE_TRANSFORM3D,
  VariantType.TYPE_COLOR,
  VariantType.TYPE_NODE_PATH,
  VariantType.TYPE_RID,
  VariantType.TYPE_OBJECT,
  VariantType.TYPE_DICTIONARY,
  VariantType.TYPE_ARRAY,
  VariantType.TYPE_PACKED_BYTE_ARRAY,
  VariantType.TYPE_PACKED_INT32_ARRAY,
  VariantType.TYPE_PACKED_FLOAT32_ARRAY,
  VariantType.TYPE_PACKED_STRING_ARRAY,
  VariantType.TYPE_PACKED_VECTOR2_ARRAY,
  VariantType.TYPE_PACKED_VECTOR3_ARRAY,
  VariantType.TYPE_PACKED_COLOR_ARRAY,
];

/**
 * The Godot 3 id each Godot 4 type is sent as (indexed by VariantType), -1
 * for the types Godot 3 lacks. StringName goes out as a String: Godot 3
 * has no StringName Variant (its APIs take Strings where Godot 4's take
 * StringNames, and Godot 4 itself holds the two equal), so the text
 * arrives intact and a Godot 3 peer reads it exactly as it would its own.
 */
export const GODOT4_TO_GODOT3: readonly number[] = (() => {
  const ids = new Array<number>(VariantType.TYPE_MAX).fill(-1);
  GODOT3_TO_GODOT4.forEach((type, id) => (ids[type] = id));
  ids[VariantType.TYPE_STRING_NAME] = Godot3VariantType.TYPE_STRING;
  return ids;
})();
