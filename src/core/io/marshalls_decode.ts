/**
 * Bytes → Variant, Godot 4 format (or another dialect given as a
 * VariantFormat: Godot 3's wire ids, no typed containers). Input is untrusted (it comes off the
 * network): every read is bounds-checked first, every count is checked
 * against the bytes left before anything is allocated, nesting stops at
 * MAX_RECURSION_DEPTH, and nothing here throws. Error codes follow the
 * engine: a truncated string payload is ERR_FILE_EOF, other short or bad
 * data ERR_INVALID_DATA, too-deep nesting ERR_OUT_OF_MEMORY, a full object
 * without allow_objects ERR_UNAUTHORIZED.
 */
import { GodotError } from "../error/error_list.js";
import { AABB } from "../variant/aabb.js";
import { Basis } from "../variant/basis.js";
import { Callable } from "../object/callable.js";
import { Color } from "../variant/color.js";
import { type ContainerType, UNTYPED } from "../variant/container_type.js";
import { Dictionary } from "../variant/dictionary.js";
import { EncodedObjectAsID } from "../variant/encoded_object_as_id.js";
import { NodePath } from "../variant/node_path.js";
import {
  PackedColorArray,
  PackedStringArray,
  PackedVector2Array,
  PackedVector3Array,
  PackedVector4Array,
} from "../variant/packed_arrays.js";
import { Plane } from "../variant/plane.js";
import { Projection } from "../variant/projection.js";
import { Quaternion } from "../variant/quaternion.js";
import { Rect2 } from "../variant/rect2.js";
import { Rect2i } from "../variant/rect2i.js";
import { RID } from "../variant/rid.js";
import { Signal } from "../variant/signal.js";
import { StringName } from "../variant/string_name.js";
import { Transform2D } from "../variant/transform_2d.js";
import { Transform3D } from "../variant/transform_3d.js";
import { TypedArray } from "../variant/typed_array.js";
import { Float } from "../variant/variant_float.js";
import { VariantType, type_string } from "../variant/variant_type.js";
import { Vector2 } from "../variant/vector2.js";
import { Vector2i } from "../variant/vector2i.js";
import { Vector3 } from "../variant/vector3.js";
import { Vector3i } from "../variant/vector3i.js";
import { Vector4 } from "../variant/vector4.js";
import { Vector4i } from "../variant/vector4i.js";
import {
  ARRAY_TYPE_SHIFT,
  CONTAINER_COUNT_MASK,
  CONTAINER_KIND_BUILTIN,
  CONTAINER_KIND_CLASS_NAME,
  CONTAINER_KIND_MASK,
  CONTAINER_KIND_NONE,
  DICTIONARY_KEY_TYPE_SHIFT,
  DICTIONARY_VALUE_TYPE_SHIFT,
  ENCODED_OBJECT_AS_ID_CLASS,
  ENCODE_FLAG_64,
  ENCODE_FLAG_OBJECT_AS_ID,
  HEADER_TYPE_MASK,
  HOST_IS_LITTLE_ENDIAN,
  MAX_RECURSION_DEPTH,
  NODE_PATH_FLAG_ABSOLUTE,
  NODE_PATH_FLAG_PROPERTY,
  NODE_PATH_NEW_FORMAT,
} from "./marshalls_constants.js";
import { GODOT4_FORMAT, type VariantFormat } from "./marshalls_format.js";
import { type ObjectCodec, get_object_codec } from "./marshalls_object_codec.js";
import { decode_utf8 } from "./marshalls_utf8.js";

const { OK, ERR_FILE_EOF, ERR_INVALID_DATA, ERR_OUT_OF_MEMORY, ERR_UNAUTHORIZED, ERR_UNAVAILABLE } = GodotError;

export interface DecodeOptions {
  /**
   * Decode every FLOAT as a Float wrapper instead of a plain number, so that
   * 1.0 stays a float when the value is encoded again (relays, proxies).
   */
  wrap_floats?: boolean;
}

export class Decoder {
  error: GodotError = OK;
  message = "";
  pos: number;
  /** Wire type of the Variant decoded last (a decoded 1.0 is the JS number 1, so typed containers check this). */
  private last_type: VariantType = VariantType.TYPE_NIL;
  private readonly view: DataView;
  private readonly end: number;
  private readonly codec: ObjectCodec | null = get_object_codec();
  private readonly wrap_floats: boolean;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly allow_objects: boolean,
    options: DecodeOptions = {},
    private readonly format: VariantFormat = GODOT4_FORMAT,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.pos = 0;
    this.end = bytes.length;
    this.wrap_floats = options.wrap_floats === true;
  }

  /** Records the first failure; callers return as soon as `error` is set. */
  private fail(error: GodotError, message: string): undefined {
    if (this.error === OK) {
      this.error = error;
      this.message = message;
    }
    return undefined;
  }

  private left(): number {
    return this.end - this.pos;
  }

  private u32(): number {
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  private i32(): number {
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  private i64(): bigint {
    const v = this.view.getBigInt64(this.pos, true);
    this.pos += 8;
    return v;
  }

  private f32(): number {
    const v = this.view.getFloat32(this.pos, true);
    this.pos += 4;
    return v;
  }

  private f64(): number {
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /**
   * `count` reals (float, or double when the header has the 64-bit flag),
   * or undefined after recording ERR_INVALID_DATA if they are not all there.
   */
  private reals(count: number, wide: boolean, what: string): number[] | undefined {
    const size = count * (wide ? 8 : 4);
    if (this.left() < size) return this.fail(ERR_INVALID_DATA, `Not enough data for a ${what}.`);
    const out = new Array<number>(count);
    for (let i = 0; i < count; i++) out[i] = wide ? this.f64() : this.f32();
    return out;
  }

  private ints(count: number, what: string): number[] | undefined {
    if (this.left() < count * 4) return this.fail(ERR_INVALID_DATA, `Not enough data for a ${what}.`);
    const out = new Array<number>(count);
    for (let i = 0; i < count; i++) out[i] = this.i32();
    return out;
  }

  /** A string without header: u32 byte length, UTF-8 bytes, zero padding to 4. */
  private string(): string | undefined {
    if (this.left() < 4) return this.fail(ERR_INVALID_DATA, "Not enough data for a string length.");
    const length = this.i32();
    const pad = length % 4 === 0 ? 0 : 4 - (length % 4);
    if (length < 0 || length + pad > this.left()) {
      return this.fail(ERR_FILE_EOF, `String of ${length >>> 0} bytes runs past the end of the data.`);
    }
    const text = decode_utf8(this.bytes, this.pos, length);
    if (text === null) return this.fail(ERR_INVALID_DATA, "String is not valid UTF-8.");
    this.pos += length + pad;
    return text;
  }

  /** A 32-bit element count, refused if `count * size` bytes are not left (so nothing is allocated for it). */
  private count(size: number, what: string): number | undefined {
    if (this.left() < 4) return this.fail(ERR_INVALID_DATA, `Not enough data for a ${what} size.`);
    const count = this.i32();
    if (count < 0 || count * size > this.left()) {
      return this.fail(ERR_INVALID_DATA, `${what} of ${count >>> 0} elements does not fit in the data left.`);
    }
    return count;
  }

  /** One Variant; its wire type is left in `last_type`. */
  read(depth: number): unknown {
    if (depth > MAX_RECURSION_DEPTH) return this.fail(ERR_OUT_OF_MEMORY, "Variant is too deep. Bailing.");
    if (this.left() < 4) return this.fail(ERR_INVALID_DATA, "Not enough data for a Variant header.");
    const header = this.u32();
    const type = this.format.types[header & HEADER_TYPE_MASK];
    if (type === undefined) return this.fail(ERR_INVALID_DATA, `Invalid Variant type id ${header & HEADER_TYPE_MASK}.`);
    const value = this.read_payload(type, header, depth);
    this.last_type = type;
    return value;
  }

  private read_payload(type: VariantType, header: number, depth: number): unknown {
    const wide = (header & ENCODE_FLAG_64) !== 0;
    switch (type) {
      case VariantType.TYPE_NIL:
        return null;
      case VariantType.TYPE_BOOL:
        if (this.left() < 4) return this.fail(ERR_INVALID_DATA, "Not enough data for a bool.");
        return this.u32() !== 0;
      case VariantType.TYPE_INT: {
        if (wide) {
          if (this.left() < 8) return this.fail(ERR_INVALID_DATA, "Not enough data for a 64-bit int.");
          const v = this.i64();
          const n = Number(v);
          return Number.isSafeInteger(n) ? n : v;
        }
        if (this.left() < 4) return this.fail(ERR_INVALID_DATA, "Not enough data for an int.");
        return this.i32();
      }
      case VariantType.TYPE_FLOAT: {
        if (this.left() < (wide ? 8 : 4)) return this.fail(ERR_INVALID_DATA, "Not enough data for a float.");
        const v = wide ? this.f64() : this.f32();
        return this.wrap_floats ? new Float(v) : v;
      }
      case VariantType.TYPE_STRING:
        return this.string();
      case VariantType.TYPE_VECTOR2: {
        const r = this.reals(2, wide, "Vector2");
        return r && new Vector2(r[0], r[1]);
      }
      case VariantType.TYPE_VECTOR2I: {
        const r = this.ints(2, "Vector2i");
        return r && new Vector2i(r[0], r[1]);
      }
      case VariantType.TYPE_RECT2: {
        const r = this.reals(4, wide, "Rect2");
        return r && new Rect2(r[0] as number, r[1] as number, r[2] as number, r[3] as number);
      }
      case VariantType.TYPE_RECT2I: {
        const r = this.ints(4, "Rect2i");
        return r && new Rect2i(r[0] as number, r[1] as number, r[2] as number, r[3] as number);
      }
      case VariantType.TYPE_VECTOR3: {
        const r = this.reals(3, wide, "Vector3");
        return r && new Vector3(r[0], r[1], r[2]);
      }
      case VariantType.TYPE_VECTOR3I: {
        const r = this.ints(3, "Vector3i");
        return r && new Vector3i(r[0], r[1], r[2]);
      }
      case VariantType.TYPE_TRANSFORM2D: {
        const r = this.reals(6, wide, "Transform2D");
        return r && new Transform2D(new Vector2(r[0], r[1]), new Vector2(r[2], r[3]), new Vector2(r[4], r[5]));
      }
      case VariantType.TYPE_VECTOR4: {
        const r = this.reals(4, wide, "Vector4");
        return r && new Vector4(r[0], r[1], r[2], r[3]);
      }
      case VariantType.TYPE_VECTOR4I: {
        const r = this.ints(4, "Vector4i");
        return r && new Vector4i(r[0], r[1], r[2], r[3]);
      }
      case VariantType.TYPE_PLANE: {
        const r = this.reals(4, wide, "Plane");
        return r && new Plane(r[0] as number, r[1] as number, r[2] as number, r[3] as number);
      }
      case VariantType.TYPE_QUATERNION: {
        const r = this.reals(4, wide, "Quaternion");
        return r && new Quaternion(r[0], r[1], r[2], r[3]);
      }
      case VariantType.TYPE_AABB: {
        const r = this.reals(6, wide, "AABB");
        return r && new AABB(new Vector3(r[0], r[1], r[2]), new Vector3(r[3], r[4], r[5]));
      }
      case VariantType.TYPE_BASIS: {
        const r = this.reals(9, wide, "Basis");
        return r && basis_from_rows(r, 0);
      }
      case VariantType.TYPE_TRANSFORM3D: {
        const r = this.reals(12, wide, "Transform3D");
        return r && new Transform3D(basis_from_rows(r, 0), new Vector3(r[9], r[10], r[11]));
      }
      case VariantType.TYPE_PROJECTION: {
        const r = this.reals(16, wide, "Projection");
        if (!r) return undefined;
        const col = (i: number) => new Vector4(r[i], r[i + 1], r[i + 2], r[i + 3]);
        return new Projection(col(0), col(4), col(8), col(12));
      }
      case VariantType.TYPE_COLOR: {
        // Always single precision, whatever the flag says.
        const r = this.reals(4, false, "Color");
        return r && new Color(r[0], r[1], r[2], r[3]);
      }
      case VariantType.TYPE_STRING_NAME: {
        const s = this.string();
        return s === undefined ? undefined : new StringName(s);
      }
      case VariantType.TYPE_NODE_PATH:
        return this.read_node_path();
      case VariantType.TYPE_RID:
        // A format without the payload (Godot 3) can only say "a RID": the invalid one.
        if (!this.format.rid_payload) return new RID();
        if (this.left() < 8) return this.fail(ERR_INVALID_DATA, "Not enough data for a RID.");
        return new RID(this.i64());
      case VariantType.TYPE_OBJECT:
        return this.read_object(header, depth);
      case VariantType.TYPE_CALLABLE:
        return new Callable();
      case VariantType.TYPE_SIGNAL: {
        const name = this.string();
        if (name === undefined) return undefined;
        if (this.left() < 8) return this.fail(ERR_INVALID_DATA, "Not enough data for a Signal's object id.");
        return new Signal(name, this.i64());
      }
      case VariantType.TYPE_DICTIONARY:
        return this.read_dictionary(header, depth);
      case VariantType.TYPE_ARRAY:
        return this.read_array(header, depth);
      case VariantType.TYPE_PACKED_BYTE_ARRAY: {
        const count = this.count(1, "PackedByteArray");
        if (count === undefined) return undefined;
        const out = this.bytes.slice(this.pos, this.pos + count);
        // The padding is skipped when present; a final value may end without it.
        this.pos = Math.min(this.end, this.pos + count + ((4 - (count % 4)) % 4));
        return out;
      }
      case VariantType.TYPE_PACKED_INT32_ARRAY:
        return this.read_numeric(Int32Array, 4, "PackedInt32Array");
      case VariantType.TYPE_PACKED_INT64_ARRAY:
        return this.read_numeric(BigInt64Array, 8, "PackedInt64Array");
      case VariantType.TYPE_PACKED_FLOAT32_ARRAY:
        return this.read_numeric(Float32Array, 4, "PackedFloat32Array");
      case VariantType.TYPE_PACKED_FLOAT64_ARRAY:
        return this.read_numeric(Float64Array, 8, "PackedFloat64Array");
      case VariantType.TYPE_PACKED_STRING_ARRAY: {
        // Each element takes at least its 4-byte length.
        const count = this.count(4, "PackedStringArray");
        if (count === undefined) return undefined;
        const out = new PackedStringArray();
        for (let i = 0; i < count; i++) {
          const s = this.string();
          if (s === undefined) return undefined;
          out.push(s);
        }
        return out;
      }
      case VariantType.TYPE_PACKED_VECTOR2_ARRAY:
        return this.read_packed_math(new PackedVector2Array(), 2, wide, (r, i) => new Vector2(r[i], r[i + 1]));
      case VariantType.TYPE_PACKED_VECTOR3_ARRAY:
        return this.read_packed_math(
          new PackedVector3Array(),
          3,
          wide,
          (r, i) => new Vector3(r[i], r[i + 1], r[i + 2]),
        );
      case VariantType.TYPE_PACKED_COLOR_ARRAY:
        return this.read_packed_math(
          new PackedColorArray(),
          4,
          false,
          (r, i) => new Color(r[i], r[i + 1], r[i + 2], r[i + 3]),
        );
      case VariantType.TYPE_PACKED_VECTOR4_ARRAY:
        return this.read_packed_math(
          new PackedVector4Array(),
          4,
          wide,
          (r, i) => new Vector4(r[i], r[i + 1], r[i + 2], r[i + 3]),
        );
      default:
        return this.fail(ERR_INVALID_DATA, `Invalid Variant type id ${type as number}.`);
    }
  }

  private read_node_path(): NodePath | undefined {
    if (this.left() < 4) return this.fail(ERR_INVALID_DATA, "Not enough data for a NodePath.");
    const first = this.u32();
    if ((first & NODE_PATH_NEW_FORMAT) === 0) {
      return this.fail(ERR_INVALID_DATA, "NodePath in the old (Godot 2) format is not supported.");
    }
    if (this.left() < 8) return this.fail(ERR_INVALID_DATA, "Not enough data for a NodePath.");
    const name_count = first & 0x7fffffff;
    let subname_count = this.u32();
    const flags = this.u32();
    if (flags & NODE_PATH_FLAG_PROPERTY) subname_count++;
    // Each name takes at least 4 bytes; checking first keeps a huge count from looping long.
    if ((name_count + subname_count) * 4 > this.left()) {
      return this.fail(ERR_INVALID_DATA, "NodePath has more names than the data can hold.");
    }
    const names: string[] = [];
    const subnames: string[] = [];
    for (let i = 0; i < name_count + subname_count; i++) {
      const s = this.string();
      if (s === undefined) return undefined;
      (i < name_count ? names : subnames).push(s);
    }
    return new NodePath(names, subnames, (flags & NODE_PATH_FLAG_ABSOLUTE) !== 0);
  }

  private read_object(header: number, depth: number): unknown {
    if (header & ENCODE_FLAG_OBJECT_AS_ID) {
      // Ids are allowed without allow_objects: they create nothing.
      if (this.left() < 8) return this.fail(ERR_INVALID_DATA, "Not enough data for an object id.");
      const id = this.i64();
      return id === 0n ? null : new EncodedObjectAsID(id);
    }
    if (!this.allow_objects) {
      return this.fail(ERR_UNAUTHORIZED, "Decoding objects is not allowed (allow_objects is false).");
    }
    const class_name = this.string();
    if (class_name === undefined) return undefined;
    if (class_name === "") return null;
    const codec = this.codec;
    if (!codec) return this.fail(ERR_UNAVAILABLE, `Can't create an object of class "${class_name}": no object codec.`);
    if (this.left() < 4) return this.fail(ERR_INVALID_DATA, "Not enough data for an object's property count.");
    const count = this.u32();
    const properties: [string, unknown][] = [];
    for (let i = 0; i < count; i++) {
      const name = this.string();
      if (name === undefined) return undefined;
      const value = this.read(depth + 1);
      if (this.error !== OK) return undefined;
      properties.push([name, value]);
    }
    let obj: object | null = null;
    try {
      obj = codec.instantiate(class_name, properties);
    } catch {
      obj = null;
    }
    if (obj === null) return this.fail(ERR_UNAVAILABLE, `Can't create an object of class "${class_name}".`);
    return obj;
  }

  /** Type info of a typed container (kind from the header bits, which a format without typed containers ignores). */
  private read_container_type(kind: number): ContainerType | undefined {
    switch (this.format.typed_containers ? kind : CONTAINER_KIND_NONE) {
      case CONTAINER_KIND_NONE:
        return UNTYPED;
      case CONTAINER_KIND_BUILTIN: {
        if (this.left() < 4) return this.fail(ERR_INVALID_DATA, "Not enough data for a container type.");
        const builtin = this.u32();
        if (builtin >= VariantType.TYPE_MAX) {
          return this.fail(ERR_INVALID_DATA, `Invalid container element type id ${builtin}.`);
        }
        // Without allow_objects, object elements can only be ids.
        const class_name = builtin === VariantType.TYPE_OBJECT && !this.allow_objects ? ENCODED_OBJECT_AS_ID_CLASS : "";
        return { builtin: builtin as VariantType, class_name, script: "" };
      }
      case CONTAINER_KIND_CLASS_NAME: {
        const name = this.string();
        if (name === undefined) return undefined;
        const class_name = this.allow_objects ? name : ENCODED_OBJECT_AS_ID_CLASS;
        return { builtin: VariantType.TYPE_OBJECT, class_name, script: "" };
      }
      default: {
        // A script path: kept as data (nothing is loaded).
        const path = this.string();
        if (path === undefined) return undefined;
        if (!this.allow_objects) return { builtin: VariantType.TYPE_OBJECT, class_name: ENCODED_OBJECT_AS_ID_CLASS, script: "" };
        return { builtin: VariantType.TYPE_OBJECT, class_name: "", script: path };
      }
    }
  }

  /** A container element, checked against the container's type (int is accepted where float is wanted). */
  private read_typed(type: ContainerType, depth: number, what: string): unknown {
    const value = this.read(depth);
    if (this.error !== OK || type.builtin === VariantType.TYPE_NIL) return value;
    const got = this.last_type;
    if (got === type.builtin) return value;
    if (type.builtin === VariantType.TYPE_FLOAT && got === VariantType.TYPE_INT) {
      const n = Number(value);
      return this.wrap_floats ? new Float(n) : n;
    }
    if (type.builtin === VariantType.TYPE_OBJECT && got === VariantType.TYPE_NIL) return value;
    return this.fail(
      ERR_INVALID_DATA,
      `${what} is typed as ${type.class_name || type_string(type.builtin)} but holds a ${type_string(got)}.`,
    );
  }

  private read_array(header: number, depth: number): unknown {
    const type = this.read_container_type((header >>> ARRAY_TYPE_SHIFT) & CONTAINER_KIND_MASK);
    if (type === undefined) return undefined;
    if (this.left() < 4) return this.fail(ERR_INVALID_DATA, "Not enough data for an Array size.");
    const count = this.u32() & CONTAINER_COUNT_MASK;
    // Elements are pushed as they are read: a false count runs out of data, it allocates nothing.
    const out: unknown[] = type.builtin === VariantType.TYPE_NIL ? [] : new TypedArray(type);
    for (let i = 0; i < count; i++) {
      const value = this.read_typed(type, depth + 1, "Array");
      if (this.error !== OK) return undefined;
      out.push(value);
    }
    return out;
  }

  private read_dictionary(header: number, depth: number): unknown {
    const key_type = this.read_container_type((header >>> DICTIONARY_KEY_TYPE_SHIFT) & CONTAINER_KIND_MASK);
    if (key_type === undefined) return undefined;
    const value_type = this.read_container_type((header >>> DICTIONARY_VALUE_TYPE_SHIFT) & CONTAINER_KIND_MASK);
    if (value_type === undefined) return undefined;
    if (this.left() < 4) return this.fail(ERR_INVALID_DATA, "Not enough data for a Dictionary size.");
    const count = this.u32() & CONTAINER_COUNT_MASK;
    const out = new Dictionary();
    out.key_type = key_type;
    out.value_type = value_type;
    for (let i = 0; i < count; i++) {
      const key = this.read_typed(key_type, depth + 1, "Dictionary key");
      if (this.error !== OK) return undefined;
      const value = this.read_typed(value_type, depth + 1, "Dictionary value");
      if (this.error !== OK) return undefined;
      out.set(key, value);
    }
    return out;
  }

  private read_numeric<T extends Int32Array | BigInt64Array | Float32Array | Float64Array>(
    kind: { new (length: number): T },
    size: 4 | 8,
    what: string,
  ): T | undefined {
    const count = this.count(size, what);
    if (count === undefined) return undefined;
    const out = new kind(count);
    if (HOST_IS_LITTLE_ENDIAN) {
      // A copy into a fresh, aligned buffer: the input may be reused and need not be aligned.
      new Uint8Array(out.buffer).set(this.bytes.subarray(this.pos, this.pos + count * size));
      this.pos += count * size;
    } else {
      for (let i = 0; i < count; i++) {
        if (out instanceof Int32Array) out[i] = this.i32();
        else if (out instanceof BigInt64Array) out[i] = this.i64();
        else if (out instanceof Float32Array) out[i] = this.f32();
        else (out as Float64Array)[i] = this.f64();
      }
    }
    return out;
  }

  private read_packed_math<T>(
    out: T[],
    width: number,
    wide: boolean,
    make: (r: number[], i: number) => T,
  ): T[] | undefined {
    const what = out.constructor.name;
    const count = this.count(width * (wide ? 8 : 4), what);
    if (count === undefined) return undefined;
    for (let i = 0; i < count; i++) {
      const r = this.reals(width, wide, what);
      if (!r) return undefined;
      out.push(make(r, 0));
    }
    return out;
  }
}

/** Wire rows → GDScript's columns: column x is (rows[0].x, rows[1].x, rows[2].x). */
function basis_from_rows(r: number[], at: number): Basis {
  const v = (i: number) => r[at + i] as number;
  return new Basis(new Vector3(v(0), v(3), v(6)), new Vector3(v(1), v(4), v(7)), new Vector3(v(2), v(5), v(8)));
}
