/**
 * Warm buffers for copies of large outbound payloads. A server's send() copies
 * a large payload (Godot's PackedByteArray is a value, so later changes by the
 * caller must not reach the wire); copying into a fresh buffer costs far more
 * than the copy itself (new memory is mapped and zeroed by the system), so
 * the copies go into recycled buffers, returned once the kernel has taken the
 * bytes. Sizes are rounded up to powers of two; the pool keeps at most
 * `max_bytes` of idle buffers and lets the rest go to the GC.
 */

const MIN_CLASS = 32 * 1024;

function size_class(length: number): number {
  let size = MIN_CLASS;
  while (size < length) size *= 2;
  return size;
}

export class WsBufferPool {
  #idle = new Map<number, ArrayBuffer[]>();
  #idle_bytes = 0;

  constructor(readonly max_bytes: number) {}

  /** A buffer of exactly `length` bytes (a view of a recycled or new backing buffer). */
  take(length: number): Uint8Array {
    const size = size_class(length);
    const backing = this.#idle.get(size)?.pop();
    if (backing) {
      this.#idle_bytes -= size;
      return new Uint8Array(backing, 0, length);
    }
    return new Uint8Array(new ArrayBuffer(size), 0, length);
  }

  /** Returns a buffer from take() once nothing reads it any more. */
  give(view: Uint8Array): void {
    const backing = view.buffer as ArrayBuffer;
    const size = backing.byteLength;
    if (size < MIN_CLASS || (size & (size - 1)) !== 0 || this.#idle_bytes + size > this.max_bytes) return;
    let list = this.#idle.get(size);
    if (!list) this.#idle.set(size, (list = []));
    list.push(backing);
    this.#idle_bytes += size;
  }

  get idle_bytes(): number {
    return this.#idle_bytes;
  }
}

/** Process-wide: 32 MiB of idle copies at most. */
export const outbound_copy_pool = new WsBufferPool(32 * 1024 * 1024);
