/** Shared helpers for the marshalls tests: hex literals, and a size estimate for decoded values. */
import { afterEach, beforeEach } from "vitest";
import { GODOT4_VARIANT_CODEC, type ObjectCodec, set_object_codec, type VariantCodec } from "../../../src/core/io/marshalls.js";
import { GodotError } from "../../../src/core/error/error_list.js";

/** "02 00 00 00  01 00 00 00" → bytes (spaces and line breaks are ignored). */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, "");
  if (clean.length % 2 !== 0) throw new Error(`odd hex: ${text}`);
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

/** bytes → "02 00 00 00" (upper case, one space), for readable failures. */
export function to_hex(bytes: Uint8Array): string {
  return [...bytes].map((b) => b.toString(16).toUpperCase().padStart(2, "0")).join(" ");
}

/** encode_variant that must succeed; returns the bytes as hex. (Godot 3's tests pass their codec.) */
export function enc(value: unknown, full_objects = false, codec: VariantCodec = GODOT4_VARIANT_CODEC): string {
  const r = codec.encode(value, full_objects);
  if (r.error !== GodotError.OK) throw new Error(`encode failed: ${r.message}`);
  return to_hex(r.bytes);
}

/** decode_variant of hex that must succeed and consume everything. */
export function dec(text: string, allow_objects = false, codec: VariantCodec = GODOT4_VARIANT_CODEC): unknown {
  const bytes = hex(text);
  const r = codec.decode(bytes, allow_objects);
  if (r.error !== GodotError.OK) throw new Error(`decode failed (${GodotError[r.error]}): ${r.message}`);
  if (r.length !== bytes.length) throw new Error(`consumed ${r.length} of ${bytes.length} bytes`);
  return r.value;
}

/**
 * A rough memory estimate of a decoded value in bytes: 16 per object or
 * container, 8 per slot or number, 2 per string character, the byte length
 * of typed arrays. Used to check output stays proportional to input.
 */
export function approx_size(value: unknown, depth = 0): number {
  if (depth > 2000) return 0;
  if (value === null || value === undefined) return 8;
  switch (typeof value) {
    case "number":
    case "boolean":
    case "bigint":
      return 8;
    case "string":
      return 16 + value.length * 2;
    default:
      break;
  }
  if (ArrayBuffer.isView(value)) return 16 + value.byteLength;
  if (Array.isArray(value)) return 16 + value.reduce((n: number, v) => n + 8 + approx_size(v, depth + 1), 0);
  if (value instanceof Map) {
    let n = 16;
    for (const [k, v] of value) n += approx_size(k, depth + 1) + approx_size(v, depth + 1);
    return n;
  }
  let n = 16;
  for (const v of Object.values(value as object)) n += 8 + approx_size(v, depth + 1);
  return n;
}

/** In the calling describe block, each test runs with the codec `make()` returns (null: none), restored after. */
export function use_object_codec(make: () => ObjectCodec | null): void {
  let previous: ObjectCodec | null = null;
  beforeEach(() => {
    previous = set_object_codec(make());
  });
  afterEach(() => {
    set_object_codec(previous);
  });
}
