/**
 * The text the engine's doctool writes for a default value (Variant's
 * constructor string, as VariantWriter writes it in 4.3, with newlines turned
 * into spaces and typed containers written untyped): `65535`, `3.0`, `""`,
 * `&"name"`, `Vector2(0, 0)`, `PackedStringArray()`, `[]`, `{}`, `null`.
 *
 * `type_name` is the declared type of the property or argument; it decides
 * what a JS value stands for where JS is ambiguous: a whole number declared
 * "float" prints as `3.0`, a string declared "StringName" as `&"a"`, a plain
 * array declared "PackedStringArray" as `PackedStringArray("a")`.
 */
import { get_object_codec } from "../io/marshalls_object_codec.js";
import type { AABB } from "./aabb.js";
import type { Basis } from "./basis.js";
import type { Color } from "./color.js";
import { Color as ColorClass } from "./color.js";
import { NodePath } from "./node_path.js";
import { num_scientific } from "./number_format.js";
import type { Plane } from "./plane.js";
import type { Projection } from "./projection.js";
import type { Quaternion } from "./quaternion.js";
import type { Rect2 } from "./rect2.js";
import type { Rect2i } from "./rect2i.js";
import type { RID } from "./rid.js";
import { StringName } from "./string_name.js";
import type { Transform2D } from "./transform_2d.js";
import type { Transform3D } from "./transform_3d.js";
import { is_plain_object, typeof_variant } from "./typeof_variant.js";
import { Float } from "./variant_float.js";
import { VariantType, type_from_name, type_string } from "./variant_type.js";
import { Vector2 } from "./vector2.js";
import type { Vector2i } from "./vector2i.js";
import { Vector3 } from "./vector3.js";
import type { Vector3i } from "./vector3i.js";
import { Vector4 } from "./vector4.js";
import type { Vector4i } from "./vector4i.js";

const MAX_DEPTH = 1024;

/** VariantWriter's rtos_fix: no "-0", Godot's spellings of inf and nan, else C's "%lg". */
function rtos_fix(value: number): string {
  if (value === 0) return "0";
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "inf_neg";
  return num_scientific(value);
}

/** A float always shows it is one: "3.0", "0.5", "1e+20" (an exponent also counts). */
function write_float(value: number): string {
  const s = rtos_fix(value);
  if (s === "inf" || s === "inf_neg" || s === "nan") return s;
  return s.includes(".") || s.includes("e") ? s : `${s}.0`;
}

/** String::c_escape_multiline: only backslashes and double quotes are escaped. */
function quote(text: string): string {
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

function reals(name: string, values: number[]): string {
  return `${name}(${values.map(rtos_fix).join(", ")})`;
}

function ints(name: string, values: number[]): string {
  return `${name}(${values.join(", ")})`;
}

/** Basis and Projection are written column by column. */
function basis_values(b: Basis): number[] {
  return [b.x.x, b.x.y, b.x.z, b.y.x, b.y.y, b.y.z, b.z.x, b.z.y, b.z.z];
}

function packed(name: string, items: string[]): string {
  return `${name}(${items.join(", ")})`;
}

/** Orders Dictionary keys as Variant's `<` does for the common cases: by type, then by value. */
function compare_keys(a: unknown, b: unknown): number {
  const ta = typeof_variant(a);
  const tb = typeof_variant(b);
  if (ta !== tb) {
    const numeric = (t: VariantType) => t === VariantType.TYPE_INT || t === VariantType.TYPE_FLOAT;
    if (!(numeric(ta) && numeric(tb))) return ta - tb;
  }
  const key = (v: unknown): number | bigint | string => {
    if (v instanceof Float) return v.value;
    if (v instanceof StringName) return v.name;
    if (typeof v === "number" || typeof v === "bigint" || typeof v === "string") return v;
    return 0;
  };
  const ka = key(a);
  const kb = key(b);
  if (typeof ka === "string" || typeof kb === "string") {
    const sa = String(ka);
    const sb = String(kb);
    return sa < sb ? -1 : sa > sb ? 1 : 0;
  }
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The type a value is written as, given the declared type name. */
function effective_type(value: unknown, type_name: string | undefined): VariantType {
  const actual = typeof_variant(value);
  if (type_name === undefined) return actual;
  const declared = type_from_name(type_name);
  if (declared === VariantType.TYPE_FLOAT && actual === VariantType.TYPE_INT) return declared;
  if ((declared === VariantType.TYPE_STRING_NAME || declared === VariantType.TYPE_NODE_PATH) && actual === VariantType.TYPE_STRING) {
    return declared;
  }
  const packed_from_list =
    declared >= VariantType.TYPE_PACKED_BYTE_ARRAY &&
    declared <= VariantType.TYPE_PACKED_VECTOR4_ARRAY &&
    (actual === VariantType.TYPE_ARRAY || (actual >= VariantType.TYPE_PACKED_BYTE_ARRAY && actual < VariantType.TYPE_MAX));
  return packed_from_list ? declared : actual;
}

function write(value: unknown, type: VariantType, depth: number): string {
  if (depth > MAX_DEPTH) return "null";
  switch (type) {
    case VariantType.TYPE_NIL:
      return "null";
    case VariantType.TYPE_BOOL:
      return value ? "true" : "false";
    case VariantType.TYPE_INT:
      return value instanceof Float ? String(Math.trunc(value.value)) : String(value);
    case VariantType.TYPE_FLOAT:
      return write_float(Number(value instanceof Float ? value.value : value));
    case VariantType.TYPE_STRING:
      return quote(String(value));
    case VariantType.TYPE_VECTOR2: {
      const v = value as Vector2;
      return reals("Vector2", [v.x, v.y]);
    }
    case VariantType.TYPE_VECTOR2I: {
      const v = value as Vector2i;
      return ints("Vector2i", [v.x, v.y]);
    }
    case VariantType.TYPE_RECT2: {
      const r = value as Rect2;
      return reals("Rect2", [r.position.x, r.position.y, r.size.x, r.size.y]);
    }
    case VariantType.TYPE_RECT2I: {
      const r = value as Rect2i;
      return ints("Rect2i", [r.position.x, r.position.y, r.size.x, r.size.y]);
    }
    case VariantType.TYPE_VECTOR3: {
      const v = value as Vector3;
      return reals("Vector3", [v.x, v.y, v.z]);
    }
    case VariantType.TYPE_VECTOR3I: {
      const v = value as Vector3i;
      return ints("Vector3i", [v.x, v.y, v.z]);
    }
    case VariantType.TYPE_TRANSFORM2D: {
      const t = value as Transform2D;
      return reals("Transform2D", [t.x.x, t.x.y, t.y.x, t.y.y, t.origin.x, t.origin.y]);
    }
    case VariantType.TYPE_VECTOR4: {
      const v = value as Vector4;
      return reals("Vector4", [v.x, v.y, v.z, v.w]);
    }
    case VariantType.TYPE_VECTOR4I: {
      const v = value as Vector4i;
      return ints("Vector4i", [v.x, v.y, v.z, v.w]);
    }
    case VariantType.TYPE_PLANE: {
      const p = value as Plane;
      return reals("Plane", [p.normal.x, p.normal.y, p.normal.z, p.d]);
    }
    case VariantType.TYPE_QUATERNION: {
      const q = value as Quaternion;
      return reals("Quaternion", [q.x, q.y, q.z, q.w]);
    }
    case VariantType.TYPE_AABB: {
      const a = value as AABB;
      return reals("AABB", [a.position.x, a.position.y, a.position.z, a.size.x, a.size.y, a.size.z]);
    }
    case VariantType.TYPE_BASIS:
      return reals("Basis", basis_values(value as Basis));
    case VariantType.TYPE_TRANSFORM3D: {
      const t = value as Transform3D;
      return reals("Transform3D", [...basis_values(t.basis), t.origin.x, t.origin.y, t.origin.z]);
    }
    case VariantType.TYPE_PROJECTION: {
      const p = value as Projection;
      return reals(
        "Projection",
        [p.x, p.y, p.z, p.w].flatMap((c) => [c.x, c.y, c.z, c.w]),
      );
    }
    case VariantType.TYPE_COLOR: {
      const c = value as Color;
      return reals("Color", [c.r, c.g, c.b, c.a]);
    }
    case VariantType.TYPE_STRING_NAME:
      return `&${quote(value instanceof StringName ? value.name : String(value))}`;
    case VariantType.TYPE_NODE_PATH:
      return `NodePath(${quote(value instanceof NodePath ? value.to_string() : String(value))})`;
    case VariantType.TYPE_RID: {
      const id = (value as RID).id;
      return id === 0n ? "RID()" : `RID(${id})`;
    }
    case VariantType.TYPE_OBJECT:
      return write_object(value as object, depth);
    case VariantType.TYPE_CALLABLE:
      return "Callable()";
    case VariantType.TYPE_SIGNAL:
      return "Signal()";
    case VariantType.TYPE_DICTIONARY:
      return write_dictionary(value as object, depth);
    case VariantType.TYPE_ARRAY:
      return `[${(value as unknown[]).map((v) => write(v, typeof_variant(v), depth + 1)).join(", ")}]`;
    case VariantType.TYPE_PACKED_BYTE_ARRAY:
    case VariantType.TYPE_PACKED_INT32_ARRAY:
    case VariantType.TYPE_PACKED_INT64_ARRAY:
      return packed(type_string(type), list(value).map((v) => String(v instanceof Float ? Math.trunc(v.value) : v)));
    case VariantType.TYPE_PACKED_FLOAT32_ARRAY:
    case VariantType.TYPE_PACKED_FLOAT64_ARRAY:
      return packed(type_string(type), list(value).map((v) => rtos_fix(Number(v instanceof Float ? v.value : v))));
    case VariantType.TYPE_PACKED_STRING_ARRAY:
      return packed(type_string(type), list(value).map((v) => quote(String(v))));
    case VariantType.TYPE_PACKED_VECTOR2_ARRAY:
    case VariantType.TYPE_PACKED_VECTOR3_ARRAY:
    case VariantType.TYPE_PACKED_VECTOR4_ARRAY:
    case VariantType.TYPE_PACKED_COLOR_ARRAY:
      return packed(type_string(type), list(value).flatMap(components).map(rtos_fix));
    default:
      return "null";
  }
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : ArrayBuffer.isView(value) ? [...(value as unknown as Iterable<unknown>)] : [];
}

/** Packed vector and color arrays are written as one flat list of components. */
function components(item: unknown): number[] {
  if (item instanceof ColorClass) return [item.r, item.g, item.b, item.a];
  if (item instanceof Vector4) return [item.x, item.y, item.z, item.w];
  if (item instanceof Vector3) return [item.x, item.y, item.z];
  if (item instanceof Vector2) return [item.x, item.y];
  return [];
}

function write_dictionary(value: object, depth: number): string {
  const entries: [unknown, unknown][] =
    value instanceof Map
      ? [...value.entries()]
      : is_plain_object(value)
        ? Object.keys(value).map((k) => [k, value[k]])
        : [];
  if (entries.length === 0) return "{}";
  entries.sort((a, b) => compare_keys(a[0], b[0]));
  const parts = entries.map(
    ([k, v]) => `${write(k, typeof_variant(k), depth + 1)}: ${write(v, typeof_variant(v), depth + 1)}`,
  );
  return `{ ${parts.join(", ")} }`;
}

/** `Object(Class,"property":value,...)` when the object codec can describe it. */
function write_object(obj: object, depth: number): string {
  const codec = get_object_codec();
  let info: ReturnType<NonNullable<typeof codec>["describe"]> = null;
  try {
    info = codec ? codec.describe(obj) : null;
  } catch {
    info = null;
  }
  if (!info) {
    const name = (Object.getPrototypeOf(obj) as { constructor?: { name?: string } } | null)?.constructor?.name;
    return `Object(${name ?? "Object"})`;
  }
  const props = info.properties.map(([k, v]) => `${quote(k)}:${write(v, typeof_variant(v), depth + 1)}`);
  return `Object(${[info.class_name, ...props].join(",")})`;
}

export function variant_to_constructor_string(value: unknown, type_name?: string): string {
  // The doctool puts each default on one line.
  return write(value, effective_type(value, type_name), 0).replace(/\n/g, " ");
}
