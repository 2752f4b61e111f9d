/**
 * StreamPeer: the engine's abstract byte stream (TCP, TLS, an in-memory
 * buffer) with its typed helpers (put_u32, get_utf8_string, put_var, ...).
 *
 * Subclasses implement the protected hooks below; the public API (argument
 * checks, endianness, string and Variant encodings, the engine's return
 * shapes) lives here once.
 *
 * "Blocking" calls. The engine's put_data/get_data block until every byte is
 * sent/received. Node cannot block, so each stream decides what its
 * non-partial calls mean and documents it; the contract is only that they
 * never return a short success:
 * - put_data either takes every byte (StreamPeerTCP queues them for sending
 *   and returns OK) or fails;
 * - get_data either returns exactly the requested bytes or fails.
 *   StreamPeerTCP fails with ERR_BUSY and consumes nothing when fewer bytes
 *   have arrived (check get_available_bytes() first, or use get_partial_data);
 *   StreamPeerBuffer behaves exactly as the engine's.
 * Length-prefixed reads (get_string(-1), get_utf8_string(-1), get_var) are
 * atomic on streams that can peek (TCP): either the whole value is there and
 * is consumed, or nothing is consumed and the read can be retried after the
 * next poll. A typed getter whose read fails returns 0, as the engine's.
 */
import { ERR_INVALID_PARAMETER, ERR_OUT_OF_MEMORY, GodotError, OK } from "../error/error_list.js";
import { ERR_PRINT } from "../error/error_macros.js";
import type { ClassBinder } from "../object/class_binder.js";
import { RefCounted } from "../object/ref_counted.js";
import { to_int64 } from "../variant/int64.js";
import { float_to_half_bits, half_bits_to_float } from "./half_float.js";
import { describe_argument, float_argument, int_argument, is_byte_array } from "./io_arguments.js";
import { decode_variant, encode_variant } from "./marshalls.js";
import type { StreamPeerApi, StreamPeerStatics } from "../../gen/stream_peer.gen.js";

export interface PutResult {
  error: GodotError;
  /** Bytes accepted (all of them on OK for a non-partial put). */
  sent: number;
}

export interface GetResult {
  error: GodotError;
  /** The bytes read: exactly the requested length on OK for a non-partial get; what was consumed otherwise. */
  data: Uint8Array;
}

const EMPTY = new Uint8Array(0);
/** The engine's `int` byte counts are 32-bit. */
const MAX_BYTES = 0x7fffffff;
const utf8_encoder = new TextEncoder();
const utf8_strict = new TextDecoder("utf-8", { fatal: true });
const utf8_lenient = new TextDecoder("utf-8");

/** A safe-integer bigint as a number, larger ones stay bigint (the Variant layer's rule for 64-bit ints). */
function int64_result(value: bigint): number | bigint {
  const n = Number(value);
  return Number.isSafeInteger(n) ? n : value;
}

export abstract class StreamPeer extends RefCounted implements StreamPeerApi {
  #big_endian = false;
  /** Scratch for the typed helpers; hooks never keep the arrays they are given. */
  #scratch: DataView | null = null;

  declare big_endian: boolean;

  static override _bind_methods(b: ClassBinder): void {
    b.method("put_data(data: PackedByteArray) -> Error");
    b.method("put_partial_data(data: PackedByteArray) -> Array");
    b.method("get_data(bytes: int) -> Array");
    b.method("get_partial_data(bytes: int) -> Array");
    b.method("get_available_bytes() const -> int");
    b.method("put_8(value: int)");
    b.method("put_u8(value: int)");
    b.method("put_16(value: int)");
    b.method("put_u16(value: int)");
    b.method("put_32(value: int)");
    b.method("put_u32(value: int)");
    b.method("put_64(value: int)");
    b.method("put_u64(value: int)");
    b.method("put_half(value: float)");
    b.method("put_float(value: float)");
    b.method("put_double(value: float)");
    b.method("put_string(value: String)");
    b.method("put_utf8_string(value: String)");
    b.method("put_var(value: Variant, full_objects: bool = false)");
    b.method("get_8() -> int");
    b.method("get_u8() -> int");
    b.method("get_16() -> int");
    b.method("get_u16() -> int");
    b.method("get_32() -> int");
    b.method("get_u32() -> int");
    b.method("get_64() -> int");
    b.method("get_u64() -> int");
    b.method("get_half() -> float");
    b.method("get_float() -> float");
    b.method("get_double() -> float");
    b.method("get_string(bytes: int = -1) -> String");
    b.method("get_utf8_string(bytes: int = -1) -> String");
    b.method("get_var(allow_objects: bool = false) -> Variant");
    b.property("big_endian: bool", "set_big_endian", "is_big_endian_enabled");
  }

  // ---- hooks for implementations --------------------------------------------

  /**
   * Sends `data`. `partial` false: put_data (all bytes or an error); true:
   * put_partial_data (as many as fit now, maybe 0). Must not keep `data`
   * after returning (copy it if it is queued).
   */
  protected abstract _put_bytes(data: Uint8Array, partial: boolean): PutResult;

  /**
   * Reads up to `length` bytes (length >= 1). `partial` false: get_data
   * (exactly `length` bytes on OK); true: get_partial_data (what is there).
   */
  protected abstract _get_bytes(length: number, partial: boolean): GetResult;

  /** get_available_bytes(). */
  protected abstract _get_available_bytes(): number;

  /**
   * The next `length` bytes without consuming them: null when fewer are
   * available, undefined when this stream cannot peek (length-prefixed reads
   * then read the prefix and the payload one after the other, as the engine).
   */
  protected _peek_bytes(_length: number): Uint8Array | null | undefined {
    return undefined;
  }

  /**
   * Non-API fast path for packet layers (PacketPeerStream): copies up to
   * `length` available bytes into `target` at `offset`, like get_partial_data
   * without the intermediate array. Returns the error and the count.
   */
  _read_partial_into(target: Uint8Array, offset: number, length: number): { error: GodotError; received: number } {
    if (length <= 0) return { error: OK, received: 0 };
    const r = this._get_bytes(length, true);
    if (r.error !== OK) return { error: r.error, received: 0 };
    target.set(r.data, offset);
    return { error: OK, received: r.data.length };
  }

  // ---- raw data ----------------------------------------------------------------

  /** Sends every byte of `data` (see the class comment for what "blocking" means per stream). */
  put_data(data: Uint8Array): GodotError {
    if (!is_byte_array(data)) {
      ERR_PRINT(`${this.get_class()}.put_data: expected a PackedByteArray (Uint8Array), got ${describe_argument(data)}.`);
      return ERR_INVALID_PARAMETER;
    }
    if (data.length === 0) return OK;
    return this._put_bytes(data, false).error;
  }

  /** Sends what can be sent now: `[Error, sent]` (sent is 0 on error). */
  put_partial_data(data: Uint8Array): [GodotError, number] {
    if (!is_byte_array(data)) {
      ERR_PRINT(`${this.get_class()}.put_partial_data: expected a PackedByteArray (Uint8Array), got ${describe_argument(data)}.`);
      return [ERR_INVALID_PARAMETER, 0];
    }
    if (data.length === 0) return [OK, 0];
    const r = this._put_bytes(data, true);
    return [r.error, r.error === OK ? r.sent : 0];
  }

  /** `[Error, bytes]`: exactly `bytes` bytes on OK; on error the array still has the requested size, as the engine's. */
  get_data(bytes: number): [GodotError, Uint8Array] {
    const n = this.#byte_count(bytes, "get_data");
    if (n === null) return [ERR_OUT_OF_MEMORY, new Uint8Array(0)];
    if (n === 0) return [OK, new Uint8Array(0)];
    const r = this._get_bytes(n, false);
    if (r.error === OK) return [OK, r.data];
    try {
      const padded = new Uint8Array(n);
      padded.set(r.data.subarray(0, n));
      return [r.error, padded];
    } catch {
      // The engine would fail to size the array too; the error code is what matters.
      return [r.error, r.data];
    }
  }

  /** `[Error, bytes]`: up to `bytes` bytes, whatever is available now; empty on error. */
  get_partial_data(bytes: number): [GodotError, Uint8Array] {
    const n = this.#byte_count(bytes, "get_partial_data");
    if (n === null) return [ERR_OUT_OF_MEMORY, new Uint8Array(0)];
    if (n === 0) return [OK, new Uint8Array(0)];
    const r = this._get_bytes(n, true);
    return r.error === OK ? [OK, r.data] : [r.error, new Uint8Array(0)];
  }

  get_available_bytes(): number {
    return this._get_available_bytes();
  }

  /** A byte count argument; null (with the line) when unusable. The engine answers ERR_OUT_OF_MEMORY when it can't size the array. */
  #byte_count(bytes: unknown, method: string): number | null {
    const n = int_argument(bytes);
    if (n === null) {
      ERR_PRINT(`${this.get_class()}.${method}: 'bytes' must be an int, got ${describe_argument(bytes)}.`);
      return null;
    }
    if (n < 0 || n > MAX_BYTES) {
      ERR_PRINT(`${this.get_class()}.${method}: can't read ${n} bytes (the count must be between 0 and ${MAX_BYTES}).`);
      return null;
    }
    return n;
  }

  // ---- endianness -------------------------------------------------------------

  set_big_endian(enable: boolean): void {
    this.#big_endian = Boolean(enable);
  }

  is_big_endian_enabled(): boolean {
    return this.#big_endian;
  }

  // ---- typed puts --------------------------------------------------------------

  #view(): DataView {
    return (this.#scratch ??= new DataView(new ArrayBuffer(8)));
  }

  #put_scratch(size: number): void {
    const view = this.#view();
    this._put_bytes(new Uint8Array(view.buffer, 0, size), false);
  }

  #int_value(value: unknown, method: string): number | null {
    const n = int_argument(value);
    if (n === null) ERR_PRINT(`${this.get_class()}.${method}: expected an int, got ${describe_argument(value)}.`);
    return n;
  }

  #float_value(value: unknown, method: string): number | null {
    const n = float_argument(value);
    if (n === null) ERR_PRINT(`${this.get_class()}.${method}: expected a float, got ${describe_argument(value)}.`);
    return n;
  }

  put_8(value: number): void {
    const n = this.#int_value(value, "put_8");
    if (n === null) return;
    this.#view().setInt8(0, (n << 24) >> 24);
    this.#put_scratch(1);
  }

  put_u8(value: number): void {
    const n = this.#int_value(value, "put_u8");
    if (n === null) return;
    this.#view().setUint8(0, n & 0xff);
    this.#put_scratch(1);
  }

  put_16(value: number): void {
    const n = this.#int_value(value, "put_16");
    if (n === null) return;
    this.#view().setInt16(0, (n << 16) >> 16, !this.#big_endian);
    this.#put_scratch(2);
  }

  put_u16(value: number): void {
    const n = this.#int_value(value, "put_u16");
    if (n === null) return;
    this.#view().setUint16(0, n & 0xffff, !this.#big_endian);
    this.#put_scratch(2);
  }

  put_32(value: number): void {
    const n = this.#int_value(value, "put_32");
    if (n === null) return;
    this.#view().setInt32(0, n | 0, !this.#big_endian);
    this.#put_scratch(4);
  }

  put_u32(value: number): void {
    const n = this.#int_value(value, "put_u32");
    if (n === null) return;
    this.#view().setUint32(0, n >>> 0, !this.#big_endian);
    this.#put_scratch(4);
  }

  /** 64-bit values may be given as a number or a bigint; they wrap as the engine's int64. */
  put_64(value: number | bigint): void {
    if (typeof value !== "bigint" && this.#int_value(value, "put_64") === null) return;
    this.#view().setBigInt64(0, to_int64(value), !this.#big_endian);
    this.#put_scratch(8);
  }

  put_u64(value: number | bigint): void {
    if (typeof value !== "bigint" && this.#int_value(value, "put_u64") === null) return;
    this.#view().setBigUint64(0, BigInt.asUintN(64, to_int64(value)), !this.#big_endian);
    this.#put_scratch(8);
  }

  /** IEEE binary16, converted as the engine does (see half_float.ts). */
  put_half(value: number): void {
    const n = this.#float_value(value, "put_half");
    if (n === null) return;
    this.#view().setUint16(0, float_to_half_bits(n), !this.#big_endian);
    this.#put_scratch(2);
  }

  put_float(value: number): void {
    const n = this.#float_value(value, "put_float");
    if (n === null) return;
    this.#view().setFloat32(0, n, !this.#big_endian);
    this.#put_scratch(4);
  }

  put_double(value: number): void {
    const n = this.#float_value(value, "put_double");
    if (n === null) return;
    this.#view().setFloat64(0, n, !this.#big_endian);
    this.#put_scratch(8);
  }

  /**
   * ASCII with a u32 byte-length prefix. As the engine, a character outside
   * ASCII becomes a space and is reported (one line per call here).
   */
  put_string(value: string): void {
    if (typeof value !== "string") {
      ERR_PRINT(`${this.get_class()}.put_string: expected a String, got ${describe_argument(value)}.`);
      return;
    }
    const codes: number[] = [];
    let first_bad = -1;
    for (const ch of value) {
      const cp = ch.codePointAt(0) as number;
      if (cp > 0x7f) {
        if (first_bad < 0) first_bad = cp;
        codes.push(0x20);
      } else {
        codes.push(cp);
      }
    }
    if (first_bad >= 0) {
      ERR_PRINT(
        `${this.get_class()}.put_string: U+${first_bad.toString(16).toUpperCase().padStart(4, "0")} can't be represented as ASCII; non-ASCII characters were sent as spaces (use put_utf8_string).`,
      );
    }
    this.#put_with_length(Uint8Array.from(codes));
  }

  /** UTF-8 with a u32 byte-length prefix. */
  put_utf8_string(value: string): void {
    if (typeof value !== "string") {
      ERR_PRINT(`${this.get_class()}.put_utf8_string: expected a String, got ${describe_argument(value)}.`);
      return;
    }
    this.#put_with_length(utf8_encoder.encode(value));
  }

  /** A 32-bit length (endianness per big_endian) then the Variant's binary encoding, sent as one write. */
  put_var(value: unknown, full_objects = false): void {
    const encoded = encode_variant(value, Boolean(full_objects));
    if (encoded.error !== OK) {
      ERR_PRINT(`${this.get_class()}.put_var: ${encoded.message}`);
      return;
    }
    this.#put_with_length(encoded.bytes);
  }

  #put_with_length(payload: Uint8Array): void {
    const out = new Uint8Array(4 + payload.length);
    new DataView(out.buffer).setUint32(0, payload.length, !this.#big_endian);
    out.set(payload, 4);
    this._put_bytes(out, false);
  }

  // ---- typed gets ----------------------------------------------------------------

  /** Reads exactly n bytes into the scratch view; null when the read failed (the getter then returns 0). */
  #read_scratch(n: number): DataView | null {
    const r = this._get_bytes(n, false);
    if (r.error !== OK || r.data.length < n) return null;
    const view = this.#view();
    new Uint8Array(view.buffer, 0, n).set(r.data.subarray(0, n));
    return view;
  }

  get_8(): number {
    return this.#read_scratch(1)?.getInt8(0) ?? 0;
  }

  get_u8(): number {
    return this.#read_scratch(1)?.getUint8(0) ?? 0;
  }

  get_16(): number {
    return this.#read_scratch(2)?.getInt16(0, !this.#big_endian) ?? 0;
  }

  get_u16(): number {
    return this.#read_scratch(2)?.getUint16(0, !this.#big_endian) ?? 0;
  }

  get_32(): number {
    return this.#read_scratch(4)?.getInt32(0, !this.#big_endian) ?? 0;
  }

  get_u32(): number {
    return this.#read_scratch(4)?.getUint32(0, !this.#big_endian) ?? 0;
  }

  /** A number when it fits in a safe integer, a bigint otherwise. */
  get_64(): number | bigint {
    const view = this.#read_scratch(8);
    return view ? int64_result(view.getBigInt64(0, !this.#big_endian)) : 0;
  }

  /** A number when it fits in a safe integer, a bigint otherwise. */
  get_u64(): number | bigint {
    const view = this.#read_scratch(8);
    return view ? int64_result(view.getBigUint64(0, !this.#big_endian)) : 0;
  }

  get_half(): number {
    const view = this.#read_scratch(2);
    return view ? half_bits_to_float(view.getUint16(0, !this.#big_endian)) : 0;
  }

  get_float(): number {
    return this.#read_scratch(4)?.getFloat32(0, !this.#big_endian) ?? 0;
  }

  get_double(): number {
    return this.#read_scratch(8)?.getFloat64(0, !this.#big_endian) ?? 0;
  }

  /** Latin-1 text up to the first NUL; `bytes` < 0 reads a 32-bit length first. "" on error. */
  get_string(bytes = -1): string {
    const data = this.#read_text_bytes(bytes, "get_string");
    if (data === null) return "";
    let out = "";
    for (let i = 0; i < data.length; i++) {
      const b = data[i] as number;
      if (b === 0) break;
      out += String.fromCharCode(b);
    }
    return out;
  }

  /** UTF-8 text (a leading BOM skipped, cut at the first NUL); `bytes` < 0 reads a 32-bit length first. "" on error. */
  get_utf8_string(bytes = -1): string {
    const data = this.#read_text_bytes(bytes, "get_utf8_string");
    if (data === null) return "";
    let end = data.indexOf(0);
    if (end < 0) end = data.length;
    const text = data.subarray(0, end);
    try {
      return utf8_strict.decode(text);
    } catch {
      ERR_PRINT(`${this.get_class()}.get_utf8_string: the bytes are not valid UTF-8; invalid sequences were replaced with U+FFFD.`);
      return utf8_lenient.decode(text);
    }
  }

  /** Reads a 32-bit length and that many bytes, then decodes a Variant; null on any error. */
  get_var(allow_objects = false): unknown {
    const data = this.#read_length_prefixed("get_var");
    if (data === null) return null;
    const decoded = decode_variant(data, Boolean(allow_objects));
    if (decoded.error !== OK) {
      ERR_PRINT(`${this.get_class()}.get_var: error when trying to decode the Variant: ${decoded.message}`);
      return null;
    }
    return decoded.value;
  }

  #read_text_bytes(bytes: unknown, method: string): Uint8Array | null {
    const n = int_argument(bytes);
    if (n === null) {
      ERR_PRINT(`${this.get_class()}.${method}: 'bytes' must be an int, got ${describe_argument(bytes)}.`);
      return null;
    }
    if (n < 0) return this.#read_length_prefixed(method);
    if (n > MAX_BYTES) {
      ERR_PRINT(`${this.get_class()}.${method}: can't read ${n} bytes.`);
      return null;
    }
    if (n === 0) return EMPTY;
    const r = this._get_bytes(n, false);
    return r.error === OK ? r.data : null;
  }

  /** A signed 32-bit length, then that many bytes: atomically when the stream can peek. */
  #read_length_prefixed(method: string): Uint8Array | null {
    const head = this._peek_bytes(4);
    if (head === undefined) {
      // Sequential, as the engine: the prefix is consumed even if the payload then fails.
      const view = this.#read_scratch(4);
      if (view === null) return null;
      const length = view.getInt32(0, !this.#big_endian);
      if (length < 0) {
        ERR_PRINT(`${this.get_class()}.${method}: the stream holds a negative length (${length}).`);
        return null;
      }
      if (length === 0) return EMPTY;
      const r = this._get_bytes(length, false);
      return r.error === OK ? r.data : null;
    }
    const available = this._get_available_bytes();
    if (head === null) {
      ERR_PRINT(
        `${this.get_class()}.${method}: only ${available} byte(s) available, the length prefix needs 4; nothing was read (gdnet can't block: retry after the next poll).`,
      );
      return null;
    }
    const length = new DataView(head.buffer, head.byteOffset, 4).getInt32(0, !this.#big_endian);
    if (length < 0) {
      this._get_bytes(4, false);
      ERR_PRINT(`${this.get_class()}.${method}: the stream holds a negative length (${length}).`);
      return null;
    }
    if (available < 4 + length) {
      ERR_PRINT(
        `${this.get_class()}.${method}: ${4 + length} bytes needed, ${available} available; nothing was read (gdnet can't block: retry after the next poll).`,
      );
      return null;
    }
    const r = this._get_bytes(4 + length, false);
    return r.error === OK ? r.data.subarray(4) : null;
  }
}

StreamPeer satisfies StreamPeerStatics;
