/** fast-check generators of Variants that survive a round trip exactly (float32-exact math types, no NUL in strings). */
import fc from "fast-check";
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
import { float } from "../../../src/core/variant/variant_float.js";
import { TYPE_FLOAT, TYPE_INT, TYPE_STRING } from "../../../src/core/variant/variant_type.js";
import { Vector2 } from "../../../src/core/variant/vector2.js";
import { Vector2i } from "../../../src/core/variant/vector2i.js";
import { Vector3 } from "../../../src/core/variant/vector3.js";
import { Vector3i } from "../../../src/core/variant/vector3i.js";
import { Vector4 } from "../../../src/core/variant/vector4.js";
import { Vector4i } from "../../../src/core/variant/vector4i.js";

/** Text the decoder gives back unchanged: no NUL (ends a string) and no leading BOM (dropped). */
export const text = fc
  .string({ unit: "grapheme", maxLength: 12 })
  .filter((s) => !s.includes("\0") && !s.startsWith("\uFEFF"));

const name = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/);
const real = fc.float({ noNaN: true });
const i32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const i64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const v2 = fc.tuple(real, real).map(([x, y]) => new Vector2(x, y));
const v3 = fc.tuple(real, real, real).map(([x, y, z]) => new Vector3(x, y, z));
const v4 = fc.tuple(real, real, real, real).map(([x, y, z, w]) => new Vector4(x, y, z, w));
const color = fc.tuple(real, real, real, real).map(([r, g, b, a]) => new Color(r, g, b, a));

export const leaf: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  i32,
  fc.maxSafeInteger(),
  i64,
  fc.double({ noNaN: true }),
  fc.double({ noNaN: true }).map(float),
  text,
  text.map((s) => new StringName(s)),
  v2,
  fc.tuple(i32, i32).map(([x, y]) => new Vector2i(x, y)),
  fc.tuple(real, real, real, real).map(([a, b, c, d]) => new Rect2(a, b, c, d)),
  fc.tuple(i32, i32, i32, i32).map(([a, b, c, d]) => new Rect2i(a, b, c, d)),
  v3,
  fc.tuple(i32, i32, i32).map(([x, y, z]) => new Vector3i(x, y, z)),
  fc.tuple(v2, v2, v2).map(([x, y, o]) => new Transform2D(x, y, o)),
  v4,
  fc.tuple(i32, i32, i32, i32).map(([x, y, z, w]) => new Vector4i(x, y, z, w)),
  fc.tuple(v3, real).map(([n, d]) => new Plane(n, d)),
  fc.tuple(real, real, real, real).map(([x, y, z, w]) => new Quaternion(x, y, z, w)),
  fc.tuple(v3, v3).map(([p, s]) => new AABB(p, s)),
  fc.tuple(v3, v3, v3).map(([x, y, z]) => new Basis(x, y, z)),
  fc.tuple(v3, v3, v3, v3).map(([x, y, z, o]) => new Transform3D(new Basis(x, y, z), o)),
  fc.tuple(v4, v4, v4, v4).map(([x, y, z, w]) => new Projection(x, y, z, w)),
  color,
  fc
    .tuple(fc.array(name, { maxLength: 3 }), fc.array(name, { maxLength: 2 }), fc.boolean())
    .map(([n, s, abs]) => new NodePath(n, s, abs)),
  i64.map((id) => new RID(id)),
  i64.filter((id) => id !== 0n).map((id) => new EncodedObjectAsID(id)),
  fc.tuple(text, i64).map(([n, id]) => new Signal(n, id)),
  fc.uint8Array({ maxLength: 9 }),
  fc.int32Array({ maxLength: 5 }),
  fc.bigInt64Array({ maxLength: 4 }),
  fc.float32Array({ maxLength: 4, noNaN: true }),
  fc.float64Array({ maxLength: 4, noNaN: true }),
  fc.array(text, { maxLength: 4 }).map((a) => new PackedStringArray(a)),
  fc.array(v2, { maxLength: 3 }).map((a) => new PackedVector2Array(a)),
  fc.array(v3, { maxLength: 3 }).map((a) => new PackedVector3Array(a)),
  fc.array(color, { maxLength: 3 }).map((a) => new PackedColorArray(a)),
  fc.array(v4, { maxLength: 3 }).map((a) => new PackedVector4Array(a)),
  fc.array(i32, { maxLength: 4 }).map((a) => new TypedArray(TYPE_INT, a)),
  fc.array(fc.double({ noNaN: true }), { maxLength: 4 }).map((a) => new TypedArray(TYPE_FLOAT, a.map(float))),
  fc.array(text, { maxLength: 4 }).map((a) => new TypedArray(TYPE_STRING, a)),
);

/** Values of `leaves` in Arrays and Dictionaries nested a few levels deep. */
export function nested(leaves: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.letrec<{ v: unknown }>((tie) => ({
    v: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      leaves,
      fc.array(tie("v"), { maxLength: 4 }),
      fc
        .array(fc.tuple(fc.oneof(text, i32), tie("v")), { maxLength: 4 })
        .map((entries) => new Dictionary<unknown, unknown>(entries)),
    ),
  })).v;
}

/** Any Variant, containers nested a few levels deep. */
export const variant: fc.Arbitrary<unknown> = nested(leaf);
