/**
 * RFC 6455 §5.3 masking with WebAssembly SIMD: 16 bytes per XOR instead of
 * the 4 of the JavaScript word loop (ws_mask.ts), for large ranges.
 *
 * WebAssembly code can only touch its own memory, so a range is processed in
 * slices: copied in (a memcpy), XORed in place, copied out. For 64 KiB that is
 * ~3x cheaper than the JavaScript loop on this project's machines (see
 * bench/frame_codec_bench.ts). Where WebAssembly or its SIMD proposal is
 * missing, `simd_mask` is null and callers keep the JavaScript path.
 *
 * The module is small enough to spell out byte by byte (below, one line per
 * instruction). It exports its memory and one function:
 *
 *   mask(ptr: i32, len: i32, key: i32): XORs the 16-byte blocks of
 *   mem[ptr, ptr + (len & ~15)) with the key repeated (i32x4.splat); the
 *   caller handles the last len & 15 bytes.
 */

/** Bytes processed per slice: one WebAssembly page (the memory has exactly one). */
export const SIMD_SLICE = 65536;

// prettier-ignore
const MODULE = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // "\0asm", version 1
  0x01, 0x07, 0x01, 0x60, 0x03, 0x7f, 0x7f, 0x7f, 0x00, // type section: (i32, i32, i32) -> ()
  0x03, 0x02, 0x01, 0x00, // function section: one function of type 0
  0x05, 0x04, 0x01, 0x01, 0x01, 0x01, // memory section: min 1 page, max 1 page
  0x07, 0x0e, 0x02, // export section, 2 exports
  0x04, 0x6d, 0x61, 0x73, 0x6b, 0x00, 0x00, // "mask" → function 0
  0x03, 0x6d, 0x65, 0x6d, 0x02, 0x00, // "mem" → memory 0
  0x0a, 0x3e, 0x01, 0x3c, // code section, 1 body of 60 bytes
  0x02, 0x01, 0x7b, 0x01, 0x7f, // locals: $m v128 (3), $end i32 (4)
  0x20, 0x02, 0xfd, 0x11, 0x21, 0x03, // $m = i32x4.splat(key)
  0x20, 0x00, 0x20, 0x01, 0x41, 0x70, 0x71, 0x6a, 0x21, 0x04, // $end = ptr + (len & -16)
  0x02, 0x40, // block
  0x03, 0x40, // loop
  0x20, 0x00, 0x20, 0x04, 0x4f, 0x0d, 0x01, // if ptr >= $end: break out of the block
  0x20, 0x00, // address of the store
  0x20, 0x00, 0xfd, 0x00, 0x00, 0x00, // v128.load ptr
  0x20, 0x03, 0xfd, 0x51, // v128.xor with $m
  0xfd, 0x0b, 0x00, 0x00, // v128.store
  0x20, 0x00, 0x41, 0x10, 0x6a, 0x21, 0x00, // ptr += 16
  0x0c, 0x00, // continue the loop
  0x0b, // end loop
  0x0b, // end block
  0x0b, // end function
]);

interface SimdMask {
  readonly mem: Uint8Array;
  readonly mask: (ptr: number, len: number, key: number) => void;
}

function instantiate(): SimdMask | null {
  const wasm = (globalThis as { WebAssembly?: typeof WebAssembly }).WebAssembly;
  if (wasm === undefined) return null;
  try {
    // Synchronous compilation: browsers allow it on the main thread for modules this small.
    const instance = new wasm.Instance(new wasm.Module(MODULE));
    const exports = instance.exports as { mem: WebAssembly.Memory; mask: (p: number, l: number, k: number) => void };
    return { mem: new Uint8Array(exports.mem.buffer), mask: exports.mask };
  } catch {
    return null; // no SIMD support (validation fails) or WebAssembly disabled
  }
}

/** The SIMD masker, or null where the platform cannot run it. */
export const simd_mask: SimdMask | null = instantiate();
