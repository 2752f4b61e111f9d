/**
 * Packed arrays. The numeric ones are JS typed arrays (PackedByteArray is a
 * Uint8Array, PackedInt64Array a BigInt64Array, ...). The others are Array
 * subclasses, so ordinary array code works on them; their map/filter/slice
 * results are plain arrays (they may not hold the element type any more).
 */
import { Color } from "./color.js";
import { Vector2 } from "./vector2.js";
import { Vector3 } from "./vector3.js";
import { Vector4 } from "./vector4.js";

export type PackedByteArray = Uint8Array;
export const PackedByteArray = Uint8Array;
export type PackedInt32Array = Int32Array;
export const PackedInt32Array = Int32Array;
export type PackedInt64Array = BigInt64Array;
export const PackedInt64Array = BigInt64Array;
export type PackedFloat32Array = Float32Array;
export const PackedFloat32Array = Float32Array;
export type PackedFloat64Array = Float64Array;
export const PackedFloat64Array = Float64Array;

/**
 * Base for the Array-backed packed arrays. The constructor takes the items;
 * a number (what Array.of/Array.from pass) is ignored, so those still work.
 */
abstract class PackedArrayBase<T> extends Array<T> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  constructor(items?: Iterable<T> | number) {
    super();
    if (items !== undefined && typeof items !== "number") for (const item of items) this.push(item);
  }
}

export class PackedStringArray extends PackedArrayBase<string> {}

export class PackedVector2Array extends PackedArrayBase<Vector2> {}

export class PackedVector3Array extends PackedArrayBase<Vector3> {}

export class PackedVector4Array extends PackedArrayBase<Vector4> {}

export class PackedColorArray extends PackedArrayBase<Color> {}
