/**
 * How ClassDB describes types, the way the engine's PropertyInfo does for the
 * doc tool: a type name as the class XML writes it (`int`, `String`,
 * `PackedByteArray`, `StreamPeer`, `Variant`, `void`), plus the enum or
 * bitfield an `int` belongs to (`Error`, `WebSocketPeer.State`).
 */

export interface TypeRef {
  /** Type name as written in class XML: `int`, `float`, `String`, `PackedStringArray`, a class name, `Variant`, `void`. */
  readonly type: string;
  /** Enum name for enum-typed ints: `Error` (global) or `Class.Enum`. */
  readonly enum?: string;
  /** True when the enum is a bitfield. */
  readonly is_bitfield?: boolean;
}

export interface ArgumentInfo extends TypeRef {
  readonly name: string;
  /** The default as the engine's doctool writes it (`1000`, `""`, `null`, `PackedStringArray()`), if any. */
  readonly default?: string;
}

export interface MethodQualifiers {
  readonly virtual?: boolean;
  readonly const?: boolean;
  readonly vararg?: boolean;
  readonly static?: boolean;
}

export interface MethodInfo {
  readonly name: string;
  readonly args: readonly ArgumentInfo[];
  readonly return_type: TypeRef;
  readonly qualifiers: MethodQualifiers;
  /** True for setters/getters registered through a property (the doctool leaves them out of <methods>). */
  readonly is_property_accessor?: boolean;
}

export interface PropertyInfo extends TypeRef {
  readonly name: string;
  readonly setter: string;
  readonly getter: string;
}

export interface SignalInfo {
  readonly name: string;
  readonly args: readonly ArgumentInfo[];
}

export interface ConstantInfo {
  readonly name: string;
  readonly value: number;
  /** The enum this constant belongs to, or undefined for a plain integer constant. */
  readonly enum?: string;
  readonly is_bitfield?: boolean;
}

/** Variant.Type ids of the engine, for get_property_list()/get_method_list() dictionaries. */
const VARIANT_TYPE_IDS: Readonly<Record<string, number>> = {
  Variant: 0, void: 0, bool: 1, int: 2, float: 3, String: 4, Vector2: 5, Vector2i: 6, Rect2: 7, Rect2i: 8,
  Vector3: 9, Vector3i: 10, Transform2D: 11, Vector4: 12, Vector4i: 13, Plane: 14, Quaternion: 15, AABB: 16,
  Basis: 17, Transform3D: 18, Projection: 19, Color: 20, StringName: 21, NodePath: 22, RID: 23, Object: 24,
  Callable: 25, Signal: 26, Dictionary: 27, Array: 28, PackedByteArray: 29, PackedInt32Array: 30,
  PackedInt64Array: 31, PackedFloat32Array: 32, PackedFloat64Array: 33, PackedStringArray: 34,
  PackedVector2Array: 35, PackedVector3Array: 36, PackedColorArray: 37, PackedVector4Array: 38,
};

/**
 * Godot 3 type names (as 3.x class XML writes them, `PoolStringArray`,
 * `Transform`, `Quat`) → the Godot 4 type that holds the same values. The
 * gdnet/godot3 classes register with the 3.x names so their XML reads like
 * the 3.x reference; gdnet has one set of runtime values for both APIs
 * (a PoolStringArray is a string[] as a PackedStringArray is), so everything
 * else (Variant.Type ids, typings) goes through the Godot 4 name. Type ids
 * in method/property dictionaries are therefore Godot 4 ids in every layer:
 * gdnet has a single Variant.Type enum, and the Godot 3 ids of the same
 * numbers mean other types (3.x 17 is OBJECT, 4.x 17 is BASIS).
 */
export const GODOT3_TYPE_NAMES: Readonly<Record<string, string>> = {
  PoolByteArray: "PackedByteArray",
  PoolIntArray: "PackedInt32Array",
  PoolRealArray: "PackedFloat32Array",
  PoolStringArray: "PackedStringArray",
  PoolVector2Array: "PackedVector2Array",
  PoolVector3Array: "PackedVector3Array",
  PoolColorArray: "PackedColorArray",
  Transform: "Transform3D",
  Quat: "Quaternion",
};

/** The Godot 4 name of a type: a Godot 3 name is translated, any other name is returned as is. */
export function godot4_type_name(type: string): string {
  return Object.hasOwn(GODOT3_TYPE_NAMES, type) ? (GODOT3_TYPE_NAMES[type] ?? type) : type;
}

/** The Variant.Type id (Godot 4) for a type name; any other name is a class, hence TYPE_OBJECT (24). */
export function variant_type_id(type: string): number {
  if (type.endsWith("[]")) return VARIANT_TYPE_IDS.Array ?? 28;
  return VARIANT_TYPE_IDS[godot4_type_name(type)] ?? 24;
}

/** True when the name is a builtin Variant type (Godot 4 or Godot 3 name) rather than a class. */
export function is_builtin_type(type: string): boolean {
  return Object.hasOwn(VARIANT_TYPE_IDS, godot4_type_name(type)) || type.endsWith("[]");
}
