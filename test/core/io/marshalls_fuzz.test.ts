/**
 * decode_variant on hostile input: random bytes, structure-aware random
 * words, and mutated valid encodings. It must never throw, must return one
 * of the documented error codes, must end, and whatever it builds must stay
 * proportional to the input.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GodotError } from "../../../src/core/error/error_list.js";
import { decode_variant, encode_variant } from "../../../src/core/io/marshalls.js";
import { variant } from "./marshalls_arbitraries.js";
import { approx_size } from "./marshalls_test_helpers.js";

const { OK, ERR_INVALID_DATA, ERR_FILE_EOF, ERR_OUT_OF_MEMORY, ERR_UNAUTHORIZED, ERR_UNAVAILABLE } = GodotError;
const EXPECTED = new Set([OK, ERR_INVALID_DATA, ERR_FILE_EOF, ERR_OUT_OF_MEMORY, ERR_UNAUTHORIZED, ERR_UNAVAILABLE]);

/** The checks every decode of untrusted bytes must pass. */
function check(bytes: Uint8Array): void {
  for (const allow_objects of [false, true]) {
    let result: ReturnType<typeof decode_variant> | undefined;
    const start = performance.now();
    expect(() => {
      result = decode_variant(bytes, allow_objects);
    }).not.toThrow();
    expect(performance.now() - start).toBeLessThan(2000);
    const r = result as ReturnType<typeof decode_variant>;
    expect(EXPECTED.has(r.error)).toBe(true);
    if (r.error === OK) {
      expect(r.length).toBeGreaterThanOrEqual(4);
      expect(r.length).toBeLessThanOrEqual(bytes.length);
      // A decoded Callable (4 input bytes) is the largest object per byte, about 100 bytes.
      expect(approx_size(r.value)).toBeLessThanOrEqual(32 * r.length + 64);
    } else {
      expect(r.value).toBe(null);
    }
  }
}

/** Little-endian words biased towards headers, small counts and extreme counts. */
const word = fc.oneof(
  fc.integer({ min: 0, max: 38 }),
  fc.integer({ min: 0, max: 38 }).map((t) => t | 0x10000),
  fc.integer({ min: 0, max: 38 }).map((t) => t | 0x20000 | 0x50000),
  fc.integer({ min: 0, max: 8 }),
  fc.constantFrom(0x7fffffff, 0x80000000, 0xffffffff, 0x80000001, 0x40000000, 0x20000000),
  fc.integer({ min: 0, max: 0xffffffff }),
);
const words = fc.array(word, { maxLength: 64 }).map((list) => {
  const out = new Uint8Array(list.length * 4);
  const view = new DataView(out.buffer);
  list.forEach((w, i) => view.setUint32(i * 4, w >>> 0, true));
  return out;
});

/** Valid encodings, then damaged: bytes flipped, cut, inserted, or a word replaced by a huge count. */
const mutated = fc
  .tuple(
    variant,
    fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant("flip" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
        fc.record({ kind: fc.constant("cut" as const), at: fc.nat(), value: fc.constant(0) }),
        fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
        fc.record({
          kind: fc.constant("word" as const),
          at: fc.nat(),
          value: fc.constantFrom(0x7fffffff, 0xffffffff, 0x80000000, 1024, 38, 39),
        }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([value, edits]) => {
    let bytes = Array.from(encode_variant(value).bytes);
    for (const edit of edits) {
      const at = bytes.length === 0 ? 0 : edit.at % bytes.length;
      if (edit.kind === "flip") bytes[at] = edit.value;
      else if (edit.kind === "cut") bytes = bytes.slice(0, at);
      else if (edit.kind === "insert") bytes.splice(at, 0, edit.value);
      else {
        const w = at - (at % 4);
        const v = edit.value >>> 0;
        for (let i = 0; i < 4 && w + i < bytes.length; i++) bytes[w + i] = (v >>> (8 * i)) & 0xff;
      }
    }
    return new Uint8Array(bytes);
  });

describe("decode_variant fuzz", () => {
  it("random bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), check), { numRuns: 1000 });
  });
  it("random words shaped like headers and counts", () => {
    fc.assert(fc.property(words, check), { numRuns: 1500 });
  });
  it("mutated valid encodings", () => {
    fc.assert(fc.property(mutated, check), { numRuns: 1000 });
  });
  it("every strict prefix of a valid encoding fails, or decodes less", () => {
    fc.assert(
      fc.property(variant, (value) => {
        const bytes = encode_variant(value).bytes;
        for (let n = 0; n < bytes.length; n++) {
          const r = decode_variant(bytes.subarray(0, n));
          if (r.error === OK) {
            // Only a PackedByteArray whose padding was cut decodes from a prefix.
            expect(r.length).toBeLessThanOrEqual(n);
          } else {
            expect([ERR_INVALID_DATA, ERR_FILE_EOF]).toContain(r.error);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
  it("the word shapes hit every type id, so the fuzz is not all header errors", () => {
    const seen = new Set<number>();
    fc.assert(
      fc.property(words, (bytes) => {
        const r = decode_variant(bytes);
        if (r.error === OK && bytes.length >= 4) seen.add(bytes[0] as number);
      }),
      { numRuns: 3000, seed: 42 },
    );
    expect(seen.size).toBeGreaterThan(25);
  });
});
