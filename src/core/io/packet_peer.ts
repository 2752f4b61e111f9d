/**
 * PacketPeer: the engine's abstract packet interface (WebSocketPeer,
 * PacketPeerStream, the multiplayer peers). The public API lives here;
 * implementations provide three protected hooks:
 *
 * - `_get_packet_impl()`: the next packet, or an error (ERR_UNAVAILABLE when
 *   there is none). The returned array is handed to the caller as is, so it
 *   must not be reused by the implementation afterwards. The hook prints
 *   nothing: when the failure deserves a line (a misconfiguration, a packet
 *   that can never be read) it returns the text in `message`, and
 *   get_packet()/get_var() print it, once. "No packet yet" is silent in
 *   get_packet() (check get_available_packet_count() first) and one line in
 *   get_var(), which returns null.
 * - `_put_packet_impl(data)`: sends one non-empty packet. `data` belongs to
 *   the caller: copy it if it is kept past the call.
 * - `_get_available_packet_count()`.
 *
 * get_var/put_var use the Variant binary format (marshalls.ts; a subclass
 * may pick another through `_variant_codec()`) with the engine's
 * encode_buffer_max_size limit.
 */
import { ERR_INVALID_PARAMETER, ERR_OUT_OF_MEMORY, GodotError, OK, error_string } from "../error/error_list.js";
import { ERR_PRINT } from "../error/error_macros.js";
import type { ClassBinder } from "../object/class_binder.js";
import { RefCounted } from "../object/ref_counted.js";
import { describe_argument, int_argument, is_byte_array, next_power_of_2 } from "./io_arguments.js";
import { GODOT4_VARIANT_CODEC, type VariantCodec } from "./marshalls.js";
import type { PacketPeerApi, PacketPeerStatics } from "../../gen/packet_peer.gen.js";

export interface PacketResult {
  error: GodotError;
  /** The packet on OK (any array otherwise; the caller ignores it). */
  packet: Uint8Array;
  /** Why it failed, when that deserves an error line. */
  message?: string;
}

const DEFAULT_ENCODE_BUFFER_MAX_SIZE = 8 * 1024 * 1024;
const ENCODE_BUFFER_MIN = 1024;
const ENCODE_BUFFER_MAX = 256 * 1024 * 1024;

export abstract class PacketPeer extends RefCounted implements PacketPeerApi {
  #last_get_error: GodotError = OK;
  #encode_buffer_max_size = DEFAULT_ENCODE_BUFFER_MAX_SIZE;

  declare encode_buffer_max_size: number;

  static override _bind_methods(b: ClassBinder): void {
    b.method("get_var(allow_objects: bool = false) -> Variant");
    b.method("put_var(var: Variant, full_objects: bool = false) -> Error");
    b.method("get_packet() -> PackedByteArray");
    b.method("put_packet(buffer: PackedByteArray) -> Error");
    b.method("get_packet_error() const -> Error");
    b.method("get_available_packet_count() const -> int");
    b.property("encode_buffer_max_size: int", "set_encode_buffer_max_size", "get_encode_buffer_max_size");
  }

  // ---- hooks -------------------------------------------------------------------

  protected abstract _get_packet_impl(): PacketResult;
  protected abstract _put_packet_impl(data: Uint8Array): GodotError;
  protected abstract _get_available_packet_count(): number;

  /** The Variant format get_var/put_var speak: Godot 4's; gdnet/godot3's classes return the Godot 3 one. */
  protected _variant_codec(): VariantCodec {
    return GODOT4_VARIANT_CODEC;
  }

  // ---- API -----------------------------------------------------------------------

  /** The next packet; empty on error (see get_packet_error()). */
  get_packet(): Uint8Array {
    const r = this._get_packet_impl();
    this.#last_get_error = r.error;
    if (r.error === OK) return r.packet;
    if (r.message) ERR_PRINT(`${this.get_class()}.get_packet: ${r.message}`);
    return new Uint8Array(0);
  }

  /** Sends one packet. An empty buffer sends nothing and returns OK, as the engine. */
  put_packet(buffer: Uint8Array): GodotError {
    if (!is_byte_array(buffer)) {
      ERR_PRINT(`${this.get_class()}.put_packet: expected a PackedByteArray (Uint8Array), got ${describe_argument(buffer)}.`);
      return ERR_INVALID_PARAMETER;
    }
    if (buffer.length === 0) return OK;
    return this._put_packet_impl(buffer);
  }

  /** The error of the last get_packet() (or get_var()) call. */
  get_packet_error(): GodotError {
    return this.#last_get_error;
  }

  get_available_packet_count(): number {
    return this._get_available_packet_count();
  }

  /** The next packet decoded as a Variant; null (and one error line) when there is none or it does not decode. */
  get_var(allow_objects = false): unknown {
    const r = this._get_packet_impl();
    this.#last_get_error = r.error;
    if (r.error !== OK) {
      ERR_PRINT(`${this.get_class()}.get_var: ${r.message ?? `no packet could be read (${error_string(r.error)}).`}`);
      return null;
    }
    const decoded = this._variant_codec().decode(r.packet, Boolean(allow_objects));
    if (decoded.error !== OK) {
      ERR_PRINT(`${this.get_class()}.get_var: error when trying to decode the Variant: ${decoded.message}`);
      return null;
    }
    return decoded.value;
  }

  /** Encodes `var` and sends it as one packet. Larger than encode_buffer_max_size → ERR_OUT_OF_MEMORY. */
  put_var(var_: unknown, full_objects = false): GodotError {
    const encoded = this._variant_codec().encode(var_, Boolean(full_objects));
    if (encoded.error !== OK) {
      ERR_PRINT(`${this.get_class()}.put_var: ${encoded.message}`);
      return encoded.error;
    }
    if (encoded.bytes.length > this.#encode_buffer_max_size) {
      ERR_PRINT(
        `${this.get_class()}.put_var: the encoded value takes ${encoded.bytes.length} bytes, more than encode_buffer_max_size (${this.#encode_buffer_max_size}); raise it with set_encode_buffer_max_size().`,
      );
      return ERR_OUT_OF_MEMORY;
    }
    if (encoded.bytes.length === 0) return OK;
    return this._put_packet_impl(encoded.bytes);
  }

  /** Accepted range 1024 B .. 256 MiB, rounded up to a power of two; other values are reported and ignored. */
  set_encode_buffer_max_size(max_size: number): void {
    const n = int_argument(max_size);
    if (n === null || n < ENCODE_BUFFER_MIN) {
      ERR_PRINT(`${this.get_class()}.set_encode_buffer_max_size: the size must be at least ${ENCODE_BUFFER_MIN} bytes (got ${describe_argument(max_size)}).`);
      return;
    }
    if (n > ENCODE_BUFFER_MAX) {
      ERR_PRINT(`${this.get_class()}.set_encode_buffer_max_size: the size can't exceed 256 MiB (got ${n}).`);
      return;
    }
    this.#encode_buffer_max_size = next_power_of_2(n);
  }

  get_encode_buffer_max_size(): number {
    return this.#encode_buffer_max_size;
  }
}

PacketPeer satisfies PacketPeerStatics;
