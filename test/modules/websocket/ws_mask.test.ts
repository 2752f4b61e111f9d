import { describe, expect, it } from "vitest";
import { mask_copy, mask_in_place } from "../../../src/modules/websocket/ws_mask.js";
import { SIMD_SLICE, simd_mask } from "../../../src/modules/websocket/ws_mask_simd.js";
import { ascii, hex } from "./ws_test_helpers.js";

function reference(bytes: Uint8Array, key: number, phase: number): Uint8Array {
  const k = [key >>> 24, (key >>> 16) & 0xff, (key >>> 8) & 0xff, key & 0xff];
  return bytes.map((b, i) => b ^ (k[(phase + i) & 3] as number));
}

describe("ws_mask", () => {
  it("masks 'Hello' with the RFC 6455 §5.7 key 37 fa 21 3d", () => {
    const buf = ascii("Hello");
    mask_in_place(buf, 0, 5, 0x37fa213d, 0);
    expect(buf).toEqual(hex("7f 9f 4d 51 58"));
    const out = new Uint8Array(7);
    mask_copy(ascii("Hello"), 0, 5, out, 2, 0x37fa213d, 0);
    expect(out).toEqual(hex("00 00 7f 9f 4d 51 58"));
  });

  it("is its own inverse", () => {
    const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 31) & 0xff);
    const buf = Uint8Array.from(data);
    mask_in_place(buf, 0, buf.length, 0xdeadbeef, 0);
    mask_in_place(buf, 0, buf.length, 0xdeadbeef, 0);
    expect(buf).toEqual(data);
  });

  it("matches the byte-wise reference for every offset, phase and length class", () => {
    const backing = new Uint8Array(4096 + 16);
    for (let i = 0; i < backing.length; i++) backing[i] = (i * 131 + 7) & 0xff;
    for (const view_offset of [0, 1, 2, 3]) {
      const view = backing.subarray(view_offset);
      for (const start of [0, 1, 2, 3, 5]) {
        for (const len of [0, 1, 2, 3, 4, 5, 7, 8, 63, 255, 256, 257, 258, 259, 1000, 4091]) {
          for (const phase of [0, 1, 2, 3]) {
            const before = Uint8Array.from(view);
            mask_in_place(view, start, start + len, 0x01020304 ^ (len * 0x9e3779b1), phase);
            const expected = Uint8Array.from(before);
            expected.set(reference(before.subarray(start, start + len), (0x01020304 ^ (len * 0x9e3779b1)) >>> 0, phase), start);
            if (!Buffer.from(view).equals(Buffer.from(expected))) {
              expect({ view_offset, start, len, phase }).toBe("equal to the byte-wise reference");
            }
          }
        }
      }
    }
  });

  it("mask_copy matches the reference for every relative alignment, range and phase, and leaves the source alone", () => {
    const src_backing = Uint8Array.from({ length: 5000 + 16 }, (_, i) => (i * 7 + 3) & 0xff);
    for (const src_view_offset of [0, 1, 2, 3]) {
      const src = src_backing.subarray(src_view_offset);
      const copy = Uint8Array.from(src);
      for (const src_start of [0, 1, 2, 14]) {
        for (const len of [0, 1, 3, 4, 5, 127, 128, 255, 256, 300, 4099]) {
          for (const dst_off of [0, 1, 2, 3]) {
            for (const phase of [0, 1, 2, 3]) {
              const dst = new Uint8Array(len + 8);
              mask_copy(src, src_start, src_start + len, dst, dst_off, 0xa1b2c3d4, phase);
              const expected = reference(src.subarray(src_start, src_start + len), 0xa1b2c3d4, phase);
              if (!Buffer.from(dst.subarray(dst_off, dst_off + len)).equals(Buffer.from(expected))) {
                expect({ src_view_offset, src_start, len, dst_off, phase }).toBe("equal to the byte-wise reference");
              }
              expect(dst.subarray(0, dst_off).every((b) => b === 0)).toBe(true);
              expect(dst.subarray(dst_off + len).every((b) => b === 0)).toBe(true);
            }
          }
        }
      }
      expect(src).toEqual(copy);
    }
  });

  it("runs the WebAssembly SIMD path on Node, and it agrees with the reference across slices", () => {
    // Node 20 has WebAssembly SIMD: if this fails, large payloads silently take the slower JS loop.
    expect(simd_mask).not.toBeNull();
    const len = 2 * SIMD_SLICE + 1234; // three slices, a tail that is not a multiple of 16
    const backing = Uint8Array.from({ length: len + 16 }, (_, i) => (i * 151 + 11) & 0xff);
    for (const [start, phase] of [[0, 0], [1, 3], [3, 2], [6, 1]] as const) {
      const buf = Uint8Array.from(backing);
      mask_in_place(buf, start, start + len, 0x8899aabb, phase);
      const expected = Uint8Array.from(backing);
      expected.set(reference(backing.subarray(start, start + len), 0x8899aabb, phase), start);
      expect(Buffer.from(buf).equals(Buffer.from(expected))).toBe(true);
      const dst = new Uint8Array(len + 5);
      mask_copy(backing, start, start + len, dst, 5, 0x8899aabb, phase);
      expect(Buffer.from(dst.subarray(5)).equals(Buffer.from(expected.subarray(start, start + len)))).toBe(true);
      expect(dst.subarray(0, 5).every((b) => b === 0)).toBe(true);
    }
  });
});
