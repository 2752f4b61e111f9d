/**
 * str() for Variants, as Godot 4.3 prints them: `print([1, "a"])` shows
 * `[1, "a"]`, `print({"a": 1})` shows `{ "a": 1 }`, a PackedByteArray shows
 * `[104, 105]`, a float shows `1.5` / `1.0` (float(1)) / `0.333333`,
 * Vector2(1, 2) shows `(1, 2)`, an Object shows `<Class#id>`, null shows `<null>`.
 * Inside containers strings are quoted and escaped, StringNames print as
 * `&"name"` and NodePaths as `^"path"`.
 */
import { NodePath } from "./node_path.js";
import { num_real } from "./number_format.js";
import { StringName } from "./string_name.js";
import { is_int_number } from "./typeof_variant.js";

/** An int prints as digits; any other number is a float and prints as the engine prints floats. */
function format_number(value: number): string {
  return is_int_number(value) ? String(value) : num_real(value, true);
}

/** String::c_escape: backslash escapes for the C control characters and quotes. */
export function c_escape(text: string): string {
  let out = "";
  for (const ch of text) {
    switch (ch) {
      case "\\":
        out += "\\\\";
        break;
      case "\x07":
        out += "\\a";
        break;
      case "\b":
        out += "\\b";
        break;
      case "\f":
        out += "\\f";
        break;
      case "\n":
        out += "\\n";
        break;
      case "\r":
        out += "\\r";
        break;
      case "\t":
        out += "\\t";
        break;
      case "\v":
        out += "\\v";
        break;
      case "'":
        out += "\\'";
        break;
      case '"':
        out += '\\"';
        break;
      default:
        out += ch;
    }
  }
  return out;
}

/** str() inside a container (stringify_variant_clean): strings quoted, names and paths marked. */
function nested(value: unknown, seen: Set<unknown>): string {
  if (typeof value === "string") return `"${c_escape(value)}"`;
  if (value instanceof StringName) return `&"${c_escape(value.name)}"`;
  if (value instanceof NodePath) return `^"${c_escape(value.to_string())}"`;
  return stringify_inner(value, seen);
}

function stringify_inner(value: unknown, seen: Set<unknown>): string {
  switch (typeof value) {
    case "string":
      return value;
    case "number":
      return format_number(value);
    case "bigint":
      return value.toString();
    case "boolean":
      return value ? "true" : "false";
    case "undefined":
      return "<null>";
    case "function":
      return value.name ? `${value.name}` : "<Callable>";
    case "symbol":
      return value.toString();
    default:
      break;
  }
  if (value === null) return "<null>";
  const obj = value as object;
  if (seen.has(obj)) return Array.isArray(obj) ? "[...]" : "{...}";
  // Godot objects and value types describe themselves.
  const to_string = (obj as { to_string?: unknown }).to_string;
  if (typeof to_string === "function") return String(to_string.call(obj));
  if (ArrayBuffer.isView(obj) && !(obj instanceof DataView)) {
    // Packed float arrays hold floats: their elements print as floats ("1.0").
    const floats = obj instanceof Float32Array || obj instanceof Float64Array;
    const items: string[] = [];
    for (const item of obj as unknown as Iterable<number | bigint>) {
      items.push(floats ? num_real(item as number, true) : stringify_inner(item, seen));
    }
    return `[${items.join(", ")}]`;
  }
  seen.add(obj);
  try {
    if (Array.isArray(obj)) {
      return `[${obj.map((item) => nested(item, seen)).join(", ")}]`;
    }
    if (obj instanceof Map) {
      if (obj.size === 0) return "{  }";
      const parts: string[] = [];
      for (const [k, v] of obj) parts.push(`${nested(k, seen)}: ${nested(v, seen)}`);
      return `{ ${parts.join(", ")} }`;
    }
    if (Object.getPrototypeOf(obj) === Object.prototype || Object.getPrototypeOf(obj) === null) {
      const keys = Object.keys(obj);
      if (keys.length === 0) return "{  }";
      const rec = obj as Record<string, unknown>;
      return `{ ${keys.map((k) => `${nested(k, seen)}: ${nested(rec[k], seen)}`).join(", ")} }`;
    }
    return String(obj);
  } finally {
    seen.delete(obj);
  }
}

/** The engine's str(value) for one value. */
export function stringify(value: unknown): string {
  return stringify_inner(value, new Set());
}

/** The engine's str(...values): each value converted and joined without separators. */
export function str(...values: unknown[]): string {
  let out = "";
  for (const value of values) out += stringify(value);
  return out;
}
