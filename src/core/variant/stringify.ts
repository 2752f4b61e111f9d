/**
 * str() for Variants, as Godot 4 prints them: `print([1, "a"])` shows
 * `[1, "a"]`, `print({"a": 1})` shows `{ "a": 1 }`, a PackedByteArray shows
 * `[104, 105]`, an Object shows `<Class#id>`, null shows `<null>`.
 */

function format_number(value: number): string {
  if (Number.isNaN(value)) return "nan";
  if (value === Infinity) return "inf";
  if (value === -Infinity) return "-inf";
  return String(value);
}

/** str() inside a container: strings are quoted there. */
function nested(value: unknown, seen: Set<unknown>): string {
  if (typeof value === "string") return JSON.stringify(value);
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
    const items: string[] = [];
    for (const item of obj as unknown as Iterable<number | bigint>) items.push(stringify_inner(item, seen));
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
      return `{ ${keys.map((k) => `${JSON.stringify(k)}: ${nested(rec[k], seen)}`).join(", ")} }`;
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
