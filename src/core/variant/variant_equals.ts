/**
 * `==` between Variants, deep for containers as Godot 4 compares them:
 * Arrays element by element, Dictionaries by content regardless of order,
 * value types by their equals(). Numbers compare as numbers (1 == 1.0 and
 * 1 == 1n are equal); NaN is unequal to itself, as in the engine.
 */
import { StringName } from "./string_name.js";
import { Float } from "./variant_float.js";

const MAX_DEPTH = 1024;

function as_number(value: unknown): number | bigint | undefined {
  if (typeof value === "number" || typeof value === "bigint") return value;
  if (value instanceof Float) return value.value;
  return undefined;
}

function equals_inner(a: unknown, b: unknown, depth: number): boolean {
  if (a === b) return true;
  if (depth > MAX_DEPTH) return false;
  const na = as_number(a);
  const nb = as_number(b);
  if (na !== undefined || nb !== undefined) {
    // 1n == 1 is true in JS; == also handles Float's valueOf.
    // eslint-disable-next-line eqeqeq
    return na !== undefined && nb !== undefined && na == nb;
  }
  // String == StringName holds in Godot 4.
  if (typeof a === "string" && b instanceof StringName) return a === b.name;
  if (typeof b === "string" && a instanceof StringName) return b === a.name;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a !== "object" || typeof b !== "object") return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!equals_inner(a[i], b[i], depth + 1)) return false;
    return true;
  }
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return false;
    const xa = a as unknown as ArrayLike<number | bigint>;
    const xb = b as unknown as ArrayLike<number | bigint>;
    if (xa.length !== xb.length) return false;
    for (let i = 0; i < xa.length; i++) if (xa[i] !== xb[i]) return false;
    return true;
  }
  const ma = as_map(a);
  const mb = as_map(b);
  if (ma || mb) {
    if (!ma || !mb || ma.size !== mb.size) return false;
    for (const [key, value] of ma) {
      if (mb.has(key)) {
        if (!equals_inner(value, mb.get(key), depth + 1)) return false;
        continue;
      }
      // Object keys: look for an equal key by value.
      let found = false;
      for (const [other_key, other_value] of mb) {
        if (equals_inner(key, other_key, depth + 1) && equals_inner(value, other_value, depth + 1)) {
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    return true;
  }
  // Value classes compare themselves, but only against their own kind.
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const eq = (a as { equals?: unknown }).equals;
  if (typeof eq === "function") return Boolean(eq.call(a, b));
  return false;
}

/** Maps, and plain objects seen as String-keyed Dictionaries. */
function as_map(value: object): Map<unknown, unknown> | undefined {
  if (value instanceof Map) return value;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) {
    return new Map(Object.keys(value).map((k) => [k, (value as Record<string, unknown>)[k]]));
  }
  return undefined;
}

export function variant_equals(a: unknown, b: unknown): boolean {
  return equals_inner(a, b, 0);
}
