/**
 * The Variant binary format of Godot 3 (3.5/3.6): var2bytes/bytes2var and
 * what gdnet/godot3's PacketPeers speak in put_var/get_var. The encoder and
 * decoder are gdnet's Godot 4 ones, run in the Godot 3 dialect
 * (marshalls_format.ts says what differs and which Godot 4 values are
 * refused). Objects go through the same ObjectCodec as in Godot 4
 * (set_object_codec from gdnet).
 *
 * encode_variant and decode_variant print nothing; var2bytes and bytes2var
 * print one error line on failure and return an empty array / null. (3.x's
 * bytes2var raised a script error and returned a message String; null is
 * what a caller can test for.)
 */
import {
  type DecodeOptions,
  type DecodeResult,
  type EncodeResult,
  type VariantCodec,
  decode_or_print,
  decode_variant_in,
  encode_or_print,
  encode_variant_in,
} from "../../../core/io/marshalls.js";
import { GODOT3_FORMAT } from "./marshalls_format.js";

export type { DecodeOptions, DecodeResult, EncodeResult, VariantCodec } from "../../../core/io/marshalls.js";
export { GODOT3_FORMAT } from "./marshalls_format.js";
export { Godot3VariantType } from "./marshalls_type_ids.js";

/** The value in Godot 3's format; objects as instance ids unless full_objects. */
export function encode_variant(value: unknown, full_objects = false): EncodeResult {
  return encode_variant_in(GODOT3_FORMAT, value, full_objects);
}

/** A value from Godot 3's format; full objects only with allow_objects (else ERR_UNAUTHORIZED). */
export function decode_variant(bytes: Uint8Array, allow_objects = false, options?: DecodeOptions): DecodeResult {
  return decode_variant_in(GODOT3_FORMAT, bytes, allow_objects, options);
}

/** For PacketPeer._variant_codec(): put_var/get_var in Godot 3's format. */
export const GODOT3_VARIANT_CODEC: VariantCodec = {
  encode: (value, full_objects) => encode_variant(value, full_objects),
  decode: (bytes, allow_objects) => decode_variant(bytes, allow_objects),
};

/** GDScript 3's var2bytes(var, full_objects = false): the bytes, or empty and one error line. */
export function var2bytes(value: unknown, full_objects = false): Uint8Array {
  return encode_or_print(GODOT3_VARIANT_CODEC, value, full_objects, "var2bytes");
}

/** GDScript 3's bytes2var(bytes, allow_objects = false): the value, or null and one error line. */
export function bytes2var(bytes: Uint8Array, allow_objects = false): unknown {
  return decode_or_print(GODOT3_VARIANT_CODEC, bytes, allow_objects, "bytes2var");
}
