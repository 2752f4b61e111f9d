/**
 * Variant → bytes in the Godot 4 binary format (single-precision layout, the
 * one every standard build sends), or another dialect of it (Godot 3) given
 * as a VariantFormat. Which Variant type a JS value becomes is decided by
 * typeof_variant(); this file only writes it, with the format's wire ids.
 */
import { GodotError } from "../error/error_list.js";
import type { AABB } from "../variant/aabb.js";
import type { Basis } from "../variant/basis.js";
import { Color } from "../variant/color.js";
import { type ContainerType, UNTYPED } from "../variant/container_type.js";
import { Dictionary } from "../variant/dictionary.js";
import { EncodedObjectAsID } from "../variant/encoded_object_as_id.js";
import { NodePath } from "../variant/node_path.js";
import type { Plane } from "../variant/plane.js";
import type { Projection } from "../variant/projection.js";
import type { Quaternion } from "../variant/quaternion.js";
import type { Rect2 } from "../variant/rect2.js";
import type { Rect2i } from "../variant/rect2i.js";
import type { RID } from "../variant/rid.js";
import type { Signal } from "../variant/signal.js";
import { StringName } from "../variant/string_name.js";
import type { Transform2D } from "../variant/transform_2d.js";
import type { Transform3D } from "../variant/transform_3d.js";
import { TypedArray } from "../variant/typed_array.js";
import { is_plain_object, typeof_variant } from "../variant/typeof_variant.js";
import { Float } from "../variant/variant_float.js";
import { VariantType, type_string } from "../variant/variant_type.js";
import { Vector2 } from "../variant/vector2.js";
import type { Vector2i } from "../variant/vector2i.js";
import { Vector3 } from "../variant/vector3.js";
import type { Vector3i } from "../variant/vector3i.js";
import { Vector4 } from "../variant/vector4.js";
import type { Vector4i } from "../variant/vector4i.js";
import {
  ARRAY_TYPE_SHIFT,
  CONTAINER_COUNT_MASK,
  CONTAINER_KIND_BUILTIN,
  CONTAINER_KIND_CLASS_NAME,
  CONTAINER_KIND_NONE,
  CONTAINER_KIND_SCRIPT,
  DICTIONARY_KEY_TYPE_SHIFT,
  DICTIONARY_VALUE_TYPE_SHIFT,
  ENCODED_OBJECT_AS_ID_CLASS,
  ENCODE_FLAG_64,
  ENCODE_FLAG_OBJECT_AS_ID,
  HOST_IS_LITTLE_ENDIAN,
  MAX_RECURSION_DEPTH,
  NODE_PATH_FLAG_ABSOLUTE,
  NODE_PATH_NEW_FORMAT,
} from "./marshalls_constants.js";
import { GODOT4_FORMAT, type VariantFormat } from "./marshalls_format.js";
import { type ObjectCodec, get_object_codec } from "./marshalls_object_codec.js";
import { ByteWriter } from "./marshalls_writer.js";

const { OK, ERR_INVALID_PARAMETER, ERR_OUT_OF_MEMORY, ERR_UNAVAILABLE } = GodotError;

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export class Encoder {
  message = "";
  private readonly codec: ObjectCodec | null = get_object_codec();
  /** Wire ids of the types the helpers below write headers for. */
  private readonly ids: readonly number[];

  constructor(
    readonly w: ByteWriter,
    readonly full_objects: boolean,
    readonly format: VariantFormat = GODOT4_FORMAT,
  ) {
    this.ids = format.wire_ids;
  }

  private id(type: VariantType): number {
    return this.ids[type] as number;
  }

  private fail(error: GodotError, message: string): GodotError {
    this.message = message;
    return error;
  }

  /** Writes one Variant (header + payload). */
  write(value: unknown, depth: number): GodotError {
    if (depth > MAX_RECURSION_DEPTH) {
      return this.fail(ERR_OUT_OF_MEMORY, "Potential infinite recursion detected. Bailing.");
    }
    const w = this.w;
    const type = typeof_variant(value);
    // TYPE_MAX (not a Variant at all) falls through to the switch's default.
    const wire = this.ids[type] ?? -1;
    if (wire < 0 && type !== VariantType.TYPE_MAX) {
      return this.fail(ERR_INVALID_PARAMETER, this.format.unsupported(type));
    }
    switch (type) {
      case VariantType.TYPE_NIL:
        w.u32(wire);
        return OK;
      case VariantType.TYPE_BOOL:
        w.u32(wire);
        w.u32(value ? 1 : 0);
        return OK;
      case VariantType.TYPE_INT:
        return this.write_int(value as number | bigint);
      case VariantType.TYPE_FLOAT:
        this.write_float(value instanceof Float ? value.value : (value as number));
        return OK;
      case VariantType.TYPE_STRING:
        w.u32(wire);
        w.string(value as string);
        return OK;
      case VariantType.TYPE_VECTOR2: {
        const v = value as Vector2;
        w.u32(wire);
        w.f32(v.x);
        w.f32(v.y);
        return OK;
      }
      case VariantType.TYPE_VECTOR2I: {
        const v = value as Vector2i;
        w.u32(wire);
        w.i32(v.x);
        w.i32(v.y);
        return OK;
      }
      case VariantType.TYPE_RECT2: {
        const r = value as Rect2;
        w.u32(wire);
        this.reals(r.position.x, r.position.y, r.size.x, r.size.y);
        return OK;
      }
      case VariantType.TYPE_RECT2I: {
        const r = value as Rect2i;
        w.u32(wire);
        w.i32(r.position.x);
        w.i32(r.position.y);
        w.i32(r.size.x);
        w.i32(r.size.y);
        return OK;
      }
      case VariantType.TYPE_VECTOR3: {
        const v = value as Vector3;
        w.u32(wire);
        this.reals(v.x, v.y, v.z);
        return OK;
      }
      case VariantType.TYPE_VECTOR3I: {
        const v = value as Vector3i;
        w.u32(wire);
        w.i32(v.x);
        w.i32(v.y);
        w.i32(v.z);
        return OK;
      }
      case VariantType.TYPE_TRANSFORM2D: {
        // Column by column: x, y, origin.
        const t = value as Transform2D;
        w.u32(wire);
        this.reals(t.x.x, t.x.y, t.y.x, t.y.y, t.origin.x, t.origin.y);
        return OK;
      }
      case VariantType.TYPE_VECTOR4: {
        const v = value as Vector4;
        w.u32(wire);
        this.reals(v.x, v.y, v.z, v.w);
        return OK;
      }
      case VariantType.TYPE_VECTOR4I: {
        const v = value as Vector4i;
        w.u32(wire);
        w.i32(v.x);
        w.i32(v.y);
        w.i32(v.z);
        w.i32(v.w);
        return OK;
      }
      case VariantType.TYPE_PLANE: {
        const p = value as Plane;
        w.u32(wire);
        this.reals(p.normal.x, p.normal.y, p.normal.z, p.d);
        return OK;
      }
      case VariantType.TYPE_QUATERNION: {
        const q = value as Quaternion;
        w.u32(wire);
        this.reals(q.x, q.y, q.z, q.w);
        return OK;
      }
      case VariantType.TYPE_AABB: {
        const a = value as AABB;
        w.u32(wire);
        this.reals(a.position.x, a.position.y, a.position.z, a.size.x, a.size.y, a.size.z);
        return OK;
      }
      case VariantType.TYPE_BASIS:
        w.u32(wire);
        this.basis(value as Basis);
        return OK;
      case VariantType.TYPE_TRANSFORM3D: {
        const t = value as Transform3D;
        w.u32(wire);
        this.basis(t.basis);
        this.reals(t.origin.x, t.origin.y, t.origin.z);
        return OK;
      }
      case VariantType.TYPE_PROJECTION: {
        // Column-major.
        const p = value as Projection;
        w.u32(wire);
        for (const c of [p.x, p.y, p.z, p.w]) this.reals(c.x, c.y, c.z, c.w);
        return OK;
      }
      case VariantType.TYPE_COLOR: {
        const c = value as Color;
        w.u32(wire);
        this.reals(c.r, c.g, c.b, c.a);
        return OK;
      }
      case VariantType.TYPE_STRING_NAME:
        w.u32(wire);
        w.string((value as StringName).name);
        return OK;
      case VariantType.TYPE_NODE_PATH:
        this.write_node_path(value as NodePath);
        return OK;
      case VariantType.TYPE_RID:
        w.u32(wire);
        if (this.format.rid_payload) w.i64((value as RID).id);
        return OK;
      case VariantType.TYPE_OBJECT:
        return this.write_object(value as object, depth);
      case VariantType.TYPE_CALLABLE:
        // The format has no payload for callables.
        w.u32(wire);
        return OK;
      case VariantType.TYPE_SIGNAL: {
        const s = value as Signal;
        w.u32(wire);
        w.string(s.name);
        w.i64(s.object_id);
        return OK;
      }
      case VariantType.TYPE_DICTIONARY:
        return this.write_dictionary(value as object, depth);
      case VariantType.TYPE_ARRAY:
        return this.write_array(value as unknown[], depth);
      case VariantType.TYPE_PACKED_BYTE_ARRAY: {
        const bytes = value as Uint8Array;
        w.u32(wire);
        w.u32(bytes.length);
        w.bytes(bytes);
        w.pad4();
        return OK;
      }
      case VariantType.TYPE_PACKED_INT32_ARRAY:
      case VariantType.TYPE_PACKED_INT64_ARRAY:
      case VariantType.TYPE_PACKED_FLOAT32_ARRAY:
      case VariantType.TYPE_PACKED_FLOAT64_ARRAY:
        w.u32(wire);
        this.write_numeric_array(value as Int32Array | BigInt64Array | Float32Array | Float64Array);
        return OK;
      case VariantType.TYPE_PACKED_STRING_ARRAY:
        return this.write_packed_strings(value as unknown[]);
      case VariantType.TYPE_PACKED_VECTOR2_ARRAY:
        return this.write_packed_math(value as unknown[], type, Vector2, 2);
      case VariantType.TYPE_PACKED_VECTOR3_ARRAY:
        return this.write_packed_math(value as unknown[], type, Vector3, 3);
      case VariantType.TYPE_PACKED_COLOR_ARRAY:
        return this.write_packed_math(value as unknown[], type, Color, 4);
      case VariantType.TYPE_PACKED_VECTOR4_ARRAY:
        return this.write_packed_math(value as unknown[], type, Vector4, 4);
      default:
        return this.fail(ERR_INVALID_PARAMETER, `Can't encode a value of this kind as a Variant: ${describe(value)}.`);
    }
  }

  /** 32-bit when the value fits, else the 64-bit flag and 8 bytes (the engine's rule). */
  private write_int(value: number | bigint): GodotError {
    const w = this.w;
    if (typeof value === "number") {
      if (value >= INT32_MIN && value <= INT32_MAX) {
        w.u32(this.id(VariantType.TYPE_INT));
        w.i32(value);
      } else {
        w.u32(this.id(VariantType.TYPE_INT) | ENCODE_FLAG_64);
        w.i64(BigInt(value));
      }
      return OK;
    }
    if (value < INT64_MIN || value > INT64_MAX) {
      return this.fail(ERR_INVALID_PARAMETER, `Integer ${value} is outside the 64-bit range of a Variant int.`);
    }
    if (value >= BigInt(INT32_MIN) && value <= BigInt(INT32_MAX)) {
      w.u32(this.id(VariantType.TYPE_INT));
      w.i32(Number(value));
    } else {
      w.u32(this.id(VariantType.TYPE_INT) | ENCODE_FLAG_64);
      w.i64(value);
    }
    return OK;
  }

  /** float when it survives the round trip through float32 exactly (NaN never does), else double. */
  private write_float(value: number): void {
    if (Math.fround(value) === value) {
      this.w.u32(this.id(VariantType.TYPE_FLOAT));
      this.w.f32(value);
    } else {
      this.w.u32(this.id(VariantType.TYPE_FLOAT) | ENCODE_FLAG_64);
      this.w.f64(value);
    }
  }

  private reals(...values: number[]): void {
    for (const v of values) this.w.f32(v);
  }

  /** Row-major: rows[0] = (x.x, y.x, z.x) in column terms. */
  private basis(b: Basis): void {
    this.reals(b.x.x, b.y.x, b.z.x, b.x.y, b.y.y, b.z.y, b.x.z, b.y.z, b.z.z);
  }

  private write_node_path(path: NodePath): void {
    const w = this.w;
    w.u32(this.id(VariantType.TYPE_NODE_PATH));
    w.u32(path.names.length | NODE_PATH_NEW_FORMAT);
    w.u32(path.subnames.length);
    w.u32(path.absolute ? NODE_PATH_FLAG_ABSOLUTE : 0);
    for (const name of path.names) w.string(name);
    for (const name of path.subnames) w.string(name);
  }

  private write_object(obj: object, depth: number): GodotError {
    const w = this.w;
    if (obj instanceof EncodedObjectAsID) {
      // Already an id: pass it on unchanged (a relay's case).
      w.u32(this.id(VariantType.TYPE_OBJECT) | ENCODE_FLAG_OBJECT_AS_ID);
      w.i64(obj.object_id);
      return OK;
    }
    const codec = this.codec;
    if (!this.full_objects) {
      let id = 0n;
      if (codec) {
        const known = guard(() => codec.instance_id(obj));
        if (known === undefined) return this.fail(ERR_INVALID_PARAMETER, "The object codec failed on instance_id().");
        if (known === null) return this.fail(ERR_INVALID_PARAMETER, `Can't encode ${describe(obj)}: not an object.`);
        id = known;
      }
      w.u32(this.id(VariantType.TYPE_OBJECT) | ENCODE_FLAG_OBJECT_AS_ID);
      w.i64(id);
      return OK;
    }
    if (!codec) {
      return this.fail(ERR_UNAVAILABLE, "Can't encode a full object: no object codec is installed.");
    }
    const info = guard(() => codec.describe(obj));
    if (info === undefined) return this.fail(ERR_INVALID_PARAMETER, "The object codec failed on describe().");
    if (info === null) return this.fail(ERR_INVALID_PARAMETER, `Can't encode ${describe(obj)}: not an object.`);
    w.u32(this.id(VariantType.TYPE_OBJECT));
    w.string(info.class_name);
    w.u32(info.properties.length);
    for (const [name, value] of info.properties) {
      w.string(name);
      const err = this.write(value, depth + 1);
      if (err !== OK) return err;
    }
    return OK;
  }

  private write_array(items: unknown[], depth: number): GodotError {
    const w = this.w;
    const type = items instanceof TypedArray ? items.element_type : UNTYPED;
    if (items.length > CONTAINER_COUNT_MASK) return this.fail(ERR_INVALID_PARAMETER, "Array too large to encode.");
    w.u32(this.id(VariantType.TYPE_ARRAY) | (this.container_kind(type) << ARRAY_TYPE_SHIFT));
    this.write_container_type(type);
    w.u32(items.length);
    for (let i = 0; i < items.length; i++) {
      const err = this.write_typed(items[i], type, depth + 1, "Array");
      if (err !== OK) return err;
    }
    return OK;
  }

  private write_dictionary(value: object, depth: number): GodotError {
    const w = this.w;
    const key_type = value instanceof Dictionary ? value.key_type : UNTYPED;
    const value_type = value instanceof Dictionary ? value.value_type : UNTYPED;
    w.u32(
      this.id(VariantType.TYPE_DICTIONARY) |
        (this.container_kind(key_type) << DICTIONARY_KEY_TYPE_SHIFT) |
        (this.container_kind(value_type) << DICTIONARY_VALUE_TYPE_SHIFT),
    );
    this.write_container_type(key_type);
    this.write_container_type(value_type);
    if (value instanceof Map) {
      w.u32(value.size);
      for (const [k, v] of value) {
        let err = this.write_typed(k, key_type, depth + 1, "Dictionary key");
        if (err !== OK) return err;
        err = this.write_typed(v, value_type, depth + 1, "Dictionary value");
        if (err !== OK) return err;
      }
      return OK;
    }
    if (!is_plain_object(value)) return this.fail(ERR_INVALID_PARAMETER, "Not a dictionary.");
    const keys = Object.keys(value);
    w.u32(keys.length);
    for (const key of keys) {
      w.u32(this.id(VariantType.TYPE_STRING));
      w.string(key);
      const err = this.write(value[key], depth + 1);
      if (err !== OK) return err;
    }
    return OK;
  }

  /**
   * Header kind for a container type: class-typed containers become
   * "EncodedObjectAsID" without full objects; always none in a format
   * without typed containers (the elements are still written as typed).
   */
  private container_kind(type: ContainerType): number {
    if (type.builtin === VariantType.TYPE_NIL || !this.format.typed_containers) return CONTAINER_KIND_NONE;
    if (type.script !== "") return this.full_objects ? CONTAINER_KIND_SCRIPT : CONTAINER_KIND_CLASS_NAME;
    if (type.class_name !== "") return CONTAINER_KIND_CLASS_NAME;
    return CONTAINER_KIND_BUILTIN;
  }

  private write_container_type(type: ContainerType): void {
    switch (this.container_kind(type)) {
      case CONTAINER_KIND_BUILTIN:
        this.w.u32(type.builtin);
        break;
      case CONTAINER_KIND_CLASS_NAME:
        this.w.string(this.full_objects ? type.class_name : ENCODED_OBJECT_AS_ID_CLASS);
        break;
      case CONTAINER_KIND_SCRIPT:
        this.w.string(type.script);
        break;
      default:
        break;
    }
  }

  /**
   * An element of a typed container, converted as the engine's typed
   * containers convert on insertion (int → float, String ↔ StringName,
   * String → NodePath); anything else of the wrong type is refused.
   */
  private write_typed(value: unknown, type: ContainerType, depth: number, what: string): GodotError {
    const want = type.builtin;
    if (want === VariantType.TYPE_NIL) return this.write(value, depth);
    let v = value;
    if (want === VariantType.TYPE_FLOAT && (typeof v === "number" || typeof v === "bigint")) v = new Float(Number(v));
    else if (want === VariantType.TYPE_INT && v instanceof Float && Number.isInteger(v.value)) v = v.value;
    else if (want === VariantType.TYPE_STRING && v instanceof StringName) v = v.name;
    else if (want === VariantType.TYPE_STRING_NAME && typeof v === "string") v = new StringName(v);
    else if (want === VariantType.TYPE_NODE_PATH && typeof v === "string") v = new NodePath(v);
    const got = typeof_variant(v);
    const ok = got === want || (want === VariantType.TYPE_OBJECT && got === VariantType.TYPE_NIL);
    if (!ok) {
      return this.fail(
        ERR_INVALID_PARAMETER,
        `${what} is typed as ${type.class_name || type_string(want)} but holds a ${type_string(got)}.`,
      );
    }
    return this.write(v, depth);
  }

  private write_numeric_array(array: Int32Array | BigInt64Array | Float32Array | Float64Array): void {
    const w = this.w;
    w.u32(array.length);
    if (HOST_IS_LITTLE_ENDIAN) {
      w.bytes(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      return;
    }
    for (const item of array) {
      if (array instanceof Int32Array) w.i32(item as number);
      else if (array instanceof BigInt64Array) w.i64(item as bigint);
      else if (array instanceof Float32Array) w.f32(item as number);
      else w.f64(item as number);
    }
  }

  private write_packed_strings(items: unknown[]): GodotError {
    const w = this.w;
    for (const item of items) {
      if (typeof item !== "string") {
        return this.fail(ERR_INVALID_PARAMETER, `PackedStringArray holds a ${type_string(typeof_variant(item))}.`);
      }
    }
    w.u32(this.id(VariantType.TYPE_PACKED_STRING_ARRAY));
    w.u32(items.length);
    for (const item of items) w.string(item as string, true);
    return OK;
  }

  private write_packed_math(
    items: unknown[],
    type: VariantType,
    element: typeof Vector2 | typeof Vector3 | typeof Vector4 | typeof Color,
    width: 2 | 3 | 4,
  ): GodotError {
    for (const item of items) {
      if (!(item instanceof element)) {
        return this.fail(ERR_INVALID_PARAMETER, `${type_string(type)} holds a ${type_string(typeof_variant(item))}.`);
      }
    }
    const w = this.w;
    w.u32(this.id(type));
    w.u32(items.length);
    w.reserve(items.length * width * 4);
    if (element === Color) {
      for (const c of items as Color[]) this.reals(c.r, c.g, c.b, c.a);
    } else {
      for (const v of items as Vector4[]) {
        w.f32(v.x);
        w.f32(v.y);
        if (width > 2) w.f32(v.z);
        if (width > 3) w.f32(v.w);
      }
    }
    return OK;
  }
}

/** Calls into the codec (application code) without letting it throw through the encoder. */
function guard<T>(call: () => T): T | undefined {
  try {
    return call();
  } catch {
    return undefined;
  }
}

function describe(value: unknown): string {
  if (typeof value === "symbol") return "a symbol";
  if (typeof value !== "object" || value === null) return typeof value;
  const name = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)?.constructor?.name;
  return name ? `a ${name}` : "an object";
}
