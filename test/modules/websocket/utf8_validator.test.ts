import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { isUtf8 } from "node:buffer";
import { Utf8StreamValidator, is_valid_utf8, is_valid_utf8_js } from "../../../src/modules/websocket/utf8_validator.js";
import { ascii, hex } from "./ws_test_helpers.js";

const valid = [
  "",
  "hello",
  "κόσμε",
  "☃",
  "😀",
  "\u0080",
  "\u07ff",
  "\u0800",
  "\ud7ff",
  "\ue000",
  "\uffff",
  "\u{10000}",
  "\u{10ffff}",
];
const invalid_hex = [
  "80",
  "bf",
  "c0 80",
  "c1 bf",
  "c2",
  "e0 80 80",
  "e0 9f bf",
  "ed a0 80",
  "ed bf bf",
  "f0 80 80 80",
  "f0 8f bf bf",
  "f4 90 80 80",
  "f5 80 80 80",
  "f8 88 80 80 80",
  "fe",
  "ff",
  "e2 98",
  "f0 9f 98",
  "e2 28 a1",
  "c2 41",
];

function stream_valid(bytes: Uint8Array, cuts: number[]): boolean {
  const v = new Utf8StreamValidator();
  let at = 0;
  for (const cut of [...cuts.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length]) {
    if (!v.push(bytes, at, cut)) return false;
    at = cut;
  }
  return v.is_complete();
}

describe("utf8_validator", () => {
  it("accepts valid text, boundaries included", () => {
    for (const s of valid) {
      const b = ascii(s);
      expect(is_valid_utf8(b)).toBe(true);
      expect(is_valid_utf8_js(b)).toBe(true);
      for (let cut = 0; cut <= b.length; cut++) expect(stream_valid(b, [cut])).toBe(true);
    }
  });

  it("rejects overlongs, surrogates, > U+10FFFF, stray and truncated sequences", () => {
    for (const h of invalid_hex) {
      for (const b of [hex(h), new Uint8Array([...ascii("abc".repeat(20)), ...hex(h)])]) {
        expect(is_valid_utf8(b), h).toBe(false);
        expect(is_valid_utf8_js(b), h).toBe(false);
        for (let cut = 0; cut <= b.length; cut++) expect(stream_valid(b, [cut]), `${h} cut ${cut}`).toBe(false);
        expect(stream_valid(b, Array.from({ length: b.length }, (_, i) => i))).toBe(false);
      }
    }
  });

  it("stays failed after a failure until reset", () => {
    const v = new Utf8StreamValidator();
    expect(v.push(hex("ff"))).toBe(false);
    expect(v.push(ascii("a"))).toBe(false);
    v.reset();
    expect(v.push(ascii("a"))).toBe(true);
    expect(v.is_complete()).toBe(true);
  });

  it("agrees with Node's isUtf8 on random bytes split anywhere (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 80 }),
          fc.string({ unit: "binary", maxLength: 40 }).map((s) => ascii(s)),
          fc.array(fc.constantFrom(...["61", "c2 a9", "e2 98 83", "f0 9f 98 80", "ed 9f bf", "f4 8f bf bf", "80", "e0 a0", "f4 90"].map(hex)), { maxLength: 20 }).map((parts) => new Uint8Array(parts.flatMap((p) => [...p]))),
        ),
        fc.array(fc.nat(100), { maxLength: 6 }),
        (bytes, cuts) => {
          const expected = isUtf8(bytes);
          expect(is_valid_utf8_js(bytes)).toBe(expected);
          expect(stream_valid(bytes, cuts)).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
