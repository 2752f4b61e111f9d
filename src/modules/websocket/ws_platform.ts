/**
 * The one place the websocket core reaches for Node built-ins.
 *
 * It does so through `process.getBuiltinModule` (Node >= 20.16) instead of a
 * static `import "node:..."`, so the protocol files still load unchanged in a
 * browser bundle (or on an older Node): every capability below has a portable
 * fallback, only slower.
 */

interface NodeCryptoLike {
  randomFillSync(buffer: Uint8Array): Uint8Array;
}
interface NodeBufferModuleLike {
  isUtf8?(input: Uint8Array): boolean;
}
interface BufferCtorLike {
  allocUnsafeSlow(size: number): Uint8Array;
}

function load_builtin<T>(id: string): T | undefined {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  if (typeof proc?.getBuiltinModule !== "function") return undefined;
  try {
    return proc.getBuiltinModule(id) as T | undefined;
  } catch {
    return undefined;
  }
}

const node_crypto = load_builtin<NodeCryptoLike>("node:crypto");
const node_buffer_module = load_builtin<NodeBufferModuleLike>("node:buffer");
const buffer_ctor = (globalThis as { Buffer?: BufferCtorLike }).Buffer;

/**
 * Node's SIMD UTF-8 check (`buffer.isUtf8`, simdutf): ~10-30 GB/s, ~70 ns per
 * call. Undefined where unavailable; callers fall back to the JS validator.
 */
export const native_is_utf8: ((input: Uint8Array) => boolean) | undefined =
  typeof node_buffer_module?.isUtf8 === "function" ? node_buffer_module.isUtf8 : undefined;

/** WebCrypto's getRandomValues refuses more than 65536 bytes per call. */
const WEB_RANDOM_MAX = 65536;

/** Fills `target` with cryptographically strong random bytes. */
export const fill_random: (target: Uint8Array) => void =
  node_crypto !== undefined
    ? (target) => {
        node_crypto.randomFillSync(target);
      }
    : (target) => {
        for (let off = 0; off < target.length; off += WEB_RANDOM_MAX) {
          globalThis.crypto.getRandomValues(target.subarray(off, Math.min(target.length, off + WEB_RANDOM_MAX)));
        }
      };

/** Below this size zero-filled memory is as cheap as anything else. */
const SMALL_ALLOC = 1024;

/**
 * Storage for bytes the caller overwrites completely: a plain Uint8Array (not
 * a Buffer, whose `slice` does not copy — payloads handed to users must behave
 * like any Uint8Array), uninitialised when large (Buffer.allocUnsafeSlow skips
 * the zero fill and gives the memory its own ArrayBuffer).
 */
export const alloc_bytes: (size: number) => Uint8Array =
  buffer_ctor !== undefined
    ? (size) => (size < SMALL_ALLOC ? new Uint8Array(size) : new Uint8Array(buffer_ctor.allocUnsafeSlow(size).buffer, 0, size))
    : (size) => new Uint8Array(size);

/**
 * Like alloc_bytes, but the view starts at an address congruent to `align`
 * mod 4, so a receiver can make it line up with the socket bytes it copies
 * from (mask_copy's one-pass word loop needs equal alignment on both sides).
 */
export function alloc_bytes_aligned(size: number, align: number): Uint8Array {
  const offset = align & 3;
  if (offset === 0 || size < SMALL_ALLOC) return alloc_bytes(size);
  const backing = buffer_ctor !== undefined ? buffer_ctor.allocUnsafeSlow(size + offset).buffer : new ArrayBuffer(size + offset);
  return new Uint8Array(backing, offset, size);
}
