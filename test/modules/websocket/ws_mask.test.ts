import { describe, expect, it } from "vitest";
import { mask_copy, mask_in_place } from "../../../src/modules/websocket/ws_mask.js";
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
    mask_copy(ascii("Hello"), out, 2, 0x37fa213d);
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

  it("mask_copy matches the reference and leaves the source alone", () => {
    for (const len of [0, 1, 3, 4, 5, 255, 256, 300, 5000]) {
      for (const dst_off of [0, 1, 2, 3]) {
        const src = Uint8Array.from({ length: len }, (_, i) => (i * 7) & 0xff);
        const copy = Uint8Array.from(src);
        const dst = new Uint8Array(len + 8);
        mask_copy(src, dst, dst_off, 0xa1b2c3d4);
        expect(src).toEqual(copy);
        expect(dst.subarray(dst_off, dst_off + len)).toEqual(reference(src, 0xa1b2c3d4, 0));
      }
    }
  });
});
