/**
 * StreamPeerBuffer: a StreamPeer over an in-memory byte array with a cursor,
 * behaving as the engine's: writes overwrite at the cursor and grow the
 * array; get_partial_data at the end answers ERR_FILE_EOF; get_data past the
 * end consumes what is left and answers ERR_INVALID_PARAMETER.
 * The array grows by doubling internally, so many small puts stay linear.
 * One deliberate difference: resize() to below the cursor moves the cursor
 * to the new end (the engine leaves it past the end, which makes
 * get_available_bytes() negative).
 */
import { ERR_FILE_EOF, ERR_INVALID_PARAMETER, type GodotError, OK } from "../error/error_list.js";
import { ERR_PRINT } from "../error/error_macros.js";
import type { ClassBinder } from "../object/class_binder.js";
import { describe_argument, int_argument, is_byte_array } from "./io_arguments.js";
import { type GetResult, type PutResult, StreamPeer } from "./stream_peer.js";
import type { StreamPeerBufferApi, StreamPeerBufferStatics } from "../../gen/stream_peer_buffer.gen.js";

const EMPTY = new Uint8Array(0);
const MAX_SIZE = 0x7fffffff;

export class StreamPeerBuffer extends StreamPeer implements StreamPeerBufferApi {
  /** Storage; only the first #size bytes are the data. */
  #buffer: Uint8Array = EMPTY;
  #size = 0;
  #pointer = 0;

  declare data_array: Uint8Array;

  static override _bind_methods(b: ClassBinder): void {
    b.method("seek(position: int)");
    b.method("get_size() const -> int");
    b.method("get_position() const -> int");
    b.method("resize(size: int)");
    b.method("clear()");
    b.method("duplicate() const -> StreamPeerBuffer");
    b.property("data_array: PackedByteArray", "set_data_array", "get_data_array");
  }

  // ---- StreamPeer hooks ------------------------------------------------------------

  protected override _put_bytes(data: Uint8Array, _partial: boolean): PutResult {
    const end = this.#pointer + data.length;
    if (end > MAX_SIZE) {
      ERR_PRINT(`StreamPeerBuffer: can't grow the buffer beyond ${MAX_SIZE} bytes.`);
      return { error: ERR_INVALID_PARAMETER, sent: 0 };
    }
    if (end > this.#size) this.#set_size(end);
    this.#buffer.set(data, this.#pointer);
    this.#pointer = end;
    return { error: OK, sent: data.length };
  }

  protected override _get_bytes(length: number, partial: boolean): GetResult {
    if (this.#pointer >= this.#size) {
      // The engine's get_data reports a short read as ERR_INVALID_PARAMETER, its partial read as EOF.
      return { error: partial ? ERR_FILE_EOF : ERR_INVALID_PARAMETER, data: EMPTY };
    }
    const n = Math.min(length, this.#size - this.#pointer);
    const data = this.#buffer.slice(this.#pointer, this.#pointer + n);
    this.#pointer += n;
    if (!partial && n < length) return { error: ERR_INVALID_PARAMETER, data };
    return { error: OK, data };
  }

  protected override _get_available_bytes(): number {
    return this.#size - this.#pointer;
  }

  override _read_partial_into(target: Uint8Array, offset: number, length: number): { error: GodotError; received: number } {
    if (length <= 0) return { error: OK, received: 0 };
    if (this.#pointer >= this.#size) return { error: ERR_FILE_EOF, received: 0 };
    const n = Math.min(length, this.#size - this.#pointer);
    target.set(this.#buffer.subarray(this.#pointer, this.#pointer + n), offset);
    this.#pointer += n;
    return { error: OK, received: n };
  }

  // ---- storage -----------------------------------------------------------------------

  /** Sets the logical size, growing the storage by doubling; new bytes are zero. */
  #set_size(size: number): void {
    if (size > this.#buffer.length) {
      const grown = new Uint8Array(Math.min(MAX_SIZE, Math.max(size, this.#buffer.length * 2, 64)));
      grown.set(this.#buffer.subarray(0, this.#size));
      this.#buffer = grown;
    } else if (size < this.#size) {
      this.#buffer.fill(0, size, this.#size);
    }
    this.#size = size;
    if (this.#pointer > size) this.#pointer = size;
  }

  // ---- API ---------------------------------------------------------------------------

  /** Moves the cursor; a position outside 0..get_size() is reported and ignored. */
  seek(position: number): void {
    const p = int_argument(position);
    if (p === null || p < 0 || p > this.#size) {
      ERR_PRINT(`StreamPeerBuffer.seek: position ${describe_argument(position)} is outside 0..${this.#size}.`);
      return;
    }
    this.#pointer = p;
  }

  get_size(): number {
    return this.#size;
  }

  get_position(): number {
    return this.#pointer;
  }

  /** Changes the size; new bytes are zero. A negative size is reported and ignored. */
  resize(size: number): void {
    const n = int_argument(size);
    if (n === null || n < 0 || n > MAX_SIZE) {
      ERR_PRINT(`StreamPeerBuffer.resize: invalid size ${describe_argument(size)}.`);
      return;
    }
    this.#set_size(n);
  }

  /** Replaces the data (copied) and moves the cursor to 0. */
  set_data_array(data: Uint8Array): void {
    if (!is_byte_array(data)) {
      ERR_PRINT(`StreamPeerBuffer.set_data_array: expected a PackedByteArray (Uint8Array), got ${describe_argument(data)}.`);
      return;
    }
    this.#buffer = data.slice();
    this.#size = data.length;
    this.#pointer = 0;
  }

  /** A copy of the data (the whole array, independent of the cursor). */
  get_data_array(): Uint8Array {
    return this.#buffer.slice(0, this.#size);
  }

  clear(): void {
    this.#buffer = EMPTY;
    this.#size = 0;
    this.#pointer = 0;
  }

  /** A new buffer with a copy of the data and its cursor at 0. */
  duplicate(): StreamPeerBuffer {
    const copy = new StreamPeerBuffer();
    copy.#buffer = this.#buffer.slice(0, this.#size);
    copy.#size = this.#size;
    return copy;
  }
}

StreamPeerBuffer satisfies StreamPeerBufferStatics;
