/**
 * The Variant layer in one import, for src/index.ts and for code outside
 * core. (Callable lives with the object model in src/core/object.)
 */
export * from "./variant_type.js";
export { Float, float } from "./variant_float.js";
export { Vector2 } from "./vector2.js";
export { Vector2i } from "./vector2i.js";
export { Rect2 } from "./rect2.js";
export { Rect2i } from "./rect2i.js";
export { Vector3 } from "./vector3.js";
export { Vector3i } from "./vector3i.js";
export { Transform2D } from "./transform_2d.js";
export { Vector4 } from "./vector4.js";
export { Vector4i } from "./vector4i.js";
export { Plane } from "./plane.js";
export { Quaternion } from "./quaternion.js";
export { AABB } from "./aabb.js";
export { Basis } from "./basis.js";
export { Transform3D } from "./transform_3d.js";
export { Projection } from "./projection.js";
export { Color } from "./color.js";
export { StringName } from "./string_name.js";
export { NodePath } from "./node_path.js";
export { RID } from "./rid.js";
export { Signal } from "./signal.js";
export { EncodedObjectAsID } from "./encoded_object_as_id.js";
export * from "./packed_arrays.js";
export { Dictionary } from "./dictionary.js";
export { TypedArray } from "./typed_array.js";
export { type ContainerType, UNTYPED, container_type } from "./container_type.js";
export { typeof_variant, is_int_number } from "./typeof_variant.js";
export { variant_equals } from "./variant_equals.js";
export { variant_to_constructor_string } from "./variant_constructor_string.js";
export { str, stringify } from "./stringify.js";
