/**
 * The Variant binary format of Godot 4 (var_to_bytes, PacketPeer.put_var,
 * StreamPeer.put_var and the multiplayer RPC payloads): encode_variant /
 * decode_variant and the @GlobalScope helpers built on them.
 *
 * encode_variant and decode_variant print nothing: they return the error
 * code and a one-line `message`, so a caller that handles untrusted input
 * decides what to log. var_to_bytes and friends print that one line.
 */
import { GodotError } from "../error/error_list.js";
import { ERR_PRINT } from "../error/error_macros.js";
import { type DecodeOptions, Decoder } from "./marshalls_decode.js";
import { Encoder } from "./marshalls_encode.js";
import { GODOT4_FORMAT, type VariantFormat } from "./marshalls_format.js";
import { ByteWriter } from "./marshalls_writer.js";

export { type DecodeOptions } from "./marshalls_decode.js";
export { GODOT4_FORMAT, type VariantFormat } from "./marshalls_format.js";
export { type ObjectCodec, get_object_codec, set_object_codec } from "./marshalls_object_codec.js";

const { OK, ERR_BUG, ERR_INVALID_PARAMETER } = GodotError;

export interface EncodeResult {
  error: GodotError;
  /** The encoded Variant; empty when error is not OK. */
  bytes: Uint8Array;
  /** Why it failed ("" when OK). */
  message: string;
}

export interface DecodeResult {
  error: GodotError;
  /** The decoded value; null when error is not OK. */
  value: unknown;
  /** Bytes consumed (0 on error). */
  length: number;
  /** Why it failed ("" when OK). */
  message: string;
}

const EMPTY = new Uint8Array(0);

/** One writer reused across calls (growing as needed); a nested call made from an object codec gets its own. */
let spare_writer: ByteWriter | null = new ByteWriter(1024);
/** Beyond this, a grown writer is dropped after use instead of being kept around. */
const SPARE_WRITER_MAX = 1 << 20;

export function encode_variant(value: unknown, full_objects = false): EncodeResult {
  return encode_variant_in(GODOT4_FORMAT, value, full_objects);
}

export function decode_variant(bytes: Uint8Array, allow_objects = false, options?: DecodeOptions): DecodeResult {
  return decode_variant_in(GODOT4_FORMAT, bytes, allow_objects, options);
}

/** encode_variant in a given dialect of the format (gdnet/godot3 passes Godot 3's). */
export function encode_variant_in(format: VariantFormat, value: unknown, full_objects: boolean): EncodeResult {
  const writer = spare_writer ?? new ByteWriter(256);
  spare_writer = null;
  writer.pos = 0;
  try {
    const encoder = new Encoder(writer, full_objects, format);
    const error = encoder.write(value, 0);
    if (error !== OK) return { error, bytes: EMPTY, message: encoder.message };
    return { error: OK, bytes: writer.result(), message: "" };
  } catch (e) {
    // Values that fight back (throwing getters, Proxies) must not escape as exceptions.
    return { error: ERR_INVALID_PARAMETER, bytes: EMPTY, message: `Can't encode the value: ${String(e)}` };
  } finally {
    if (writer.buffer.length <= SPARE_WRITER_MAX) spare_writer = writer;
  }
}

/** decode_variant in a given dialect of the format. */
export function decode_variant_in(
  format: VariantFormat,
  bytes: Uint8Array,
  allow_objects: boolean,
  options?: DecodeOptions,
): DecodeResult {
  if (!(bytes instanceof Uint8Array)) {
    return { error: ERR_INVALID_PARAMETER, value: null, length: 0, message: "decode_variant expects a Uint8Array." };
  }
  try {
    const decoder = new Decoder(bytes, allow_objects, options, format);
    const value = decoder.read(0);
    if (decoder.error !== OK) return { error: decoder.error, value: null, length: 0, message: decoder.message };
    return { error: OK, value, length: decoder.pos, message: "" };
  } catch (e) {
    // Not reachable by any input we know of; reported as a gdnet bug rather than thrown.
    return { error: ERR_BUG, value: null, length: 0, message: `Decoder failure: ${String(e)}` };
  }
}

/**
 * A Variant binary format: what PacketPeer.put_var/get_var speak. Godot 4's
 * is the default; gdnet/godot3's classes use the Godot 3 format.
 */
export interface VariantCodec {
  encode(value: unknown, full_objects: boolean): EncodeResult;
  decode(bytes: Uint8Array, allow_objects: boolean): DecodeResult;
}

export const GODOT4_VARIANT_CODEC: VariantCodec = {
  encode: (value, full_objects) => encode_variant(value, full_objects),
  decode: (bytes, allow_objects) => decode_variant(bytes, allow_objects),
};

/** The bytes, or empty after one error line naming `caller` (var_to_bytes and Godot 3's var2bytes). */
export function encode_or_print(codec: VariantCodec, value: unknown, full_objects: boolean, caller: string): Uint8Array {
  const result = codec.encode(value, full_objects);
  if (result.error !== OK) ERR_PRINT(`${caller}: ${result.message}`);
  return result.bytes;
}

/** The value, or null after one error line naming `caller` (bytes_to_var and Godot 3's bytes2var). */
export function decode_or_print(codec: VariantCodec, bytes: Uint8Array, allow_objects: boolean, caller: string): unknown {
  const result = codec.decode(bytes, allow_objects);
  if (result.error !== OK) ERR_PRINT(`${caller}: ${result.message}`);
  return result.value;
}

function encode_or_empty(value: unknown, full_objects: boolean, name: string): Uint8Array {
  return encode_or_print(GODOT4_VARIANT_CODEC, value, full_objects, name);
}

function decode_or_null(bytes: Uint8Array, allow_objects: boolean, name: string): unknown {
  return decode_or_print(GODOT4_VARIANT_CODEC, bytes, allow_objects, name);
}

/** The value as bytes, objects as their instance ids; empty (and one error line) if it can't be encoded. */
export function var_to_bytes(value: unknown): Uint8Array {
  return encode_or_empty(value, false, "var_to_bytes");
}

/** The value as bytes with objects in full (class name + properties). */
export function var_to_bytes_with_objects(value: unknown): Uint8Array {
  return encode_or_empty(value, true, "var_to_bytes_with_objects");
}

/** The value in the bytes; null (and one error line) if they don't hold a valid Variant or hold a full object. */
export function bytes_to_var(bytes: Uint8Array): unknown {
  return decode_or_null(bytes, false, "bytes_to_var");
}

/** Like bytes_to_var, but full objects are created (through the object codec). */
export function bytes_to_var_with_objects(bytes: Uint8Array): unknown {
  return decode_or_null(bytes, true, "bytes_to_var_with_objects");
}
