/**
 * The Godot 3 decoder on hostile input (random bytes, header-shaped words,
 * damaged valid encodings): it never throws, always returns one of the
 * documented codes, and builds nothing out of proportion to the input.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GodotError } from "../../../../src/core/error/error_list.js";
import { decode_variant, encode_variant } from "../../../../src/godot3/core/io/marshalls.js";
import { leaf, nested } from "../../../core/io/marshalls_arbitraries.js";
import { approx_size } from "../../../core/io/marshalls_test_helpers.js";

const { OK, ERR_INVALID_DATA, ERR_FILE_EOF, ERR_OUT_OF_MEMORY, ERR_UNAUTHORIZED, ERR_UNAVAILABLE } = GodotError;
const CODES = [OK, ERR_INVALID_DATA, ERR_FILE_EOF, ERR_OUT_OF_MEMORY, ERR_UNAUTHORIZED, ERR_UNAVAILABLE];

function decodes_safely(bytes: Uint8Array): void {
  for (const allow_objects of [false, true]) {
    let r: ReturnType<typeof decode_variant> | undefined;
    expect(() => (r = decode_variant(bytes, allow_objects))).not.toThrow();
    const result = r as ReturnType<typeof decode_variant>;
    expect(CODES).toContain(result.error);
    if (result.error !== OK) {
      expect(result.value).toBe(null);
      continue;
    }
    expect(result.length).toBeGreaterThanOrEqual(4);
    expect(result.length).toBeLessThanOrEqual(bytes.length);
    expect(approx_size(result.value)).toBeLessThanOrEqual(32 * result.length + 64);
  }
}

/** Words that look like 3.x headers (with and without the 64-bit flag), small counts, or extremes. */
const words = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 26 }),
      fc.integer({ min: 0, max: 26 }).map((t) => t | 0x10000),
      fc.integer({ min: 0, max: 4 }),
      fc.constantFrom(27, 0x7fffffff, 0x80000000, 0x80000002, 0xffffffff),
      fc.integer({ min: 0, max: 0xffffffff }),
    ),
    { maxLength: 48 },
  )
  .map((list) => {
    const out = new Uint8Array(list.length * 4);
    const view = new DataView(out.buffer);
    list.forEach((w, i) => view.setUint32(i * 4, w >>> 0, true));
    return out;
  });

/** A valid 3.x encoding with a few bytes overwritten and possibly cut short. */
const godot3_bytes = nested(leaf).map((v) => encode_variant(v).bytes).filter((b) => b.length > 0);
const damaged = fc
  .tuple(godot3_bytes, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.nat())
  .map(([bytes, edits, cut]) => {
    const out = bytes.slice();
    for (const [at, value] of edits) out[at % out.length] = value;
    return out.subarray(0, out.length - (cut % 8));
  });

describe("Godot 3 decode_variant fuzz", () => {
  it("random bytes", () => fc.assert(fc.property(fc.uint8Array({ maxLength: 256 }), decodes_safely), { numRuns: 800 }));
  it("header-shaped words", () => fc.assert(fc.property(words, decodes_safely), { numRuns: 1200 }));
  it("damaged valid encodings", () => fc.assert(fc.property(damaged, decodes_safely), { numRuns: 800 }));
  it("the words reach most 3.x types, so the fuzz is not all header errors", () => {
    const seen = new Set<number>();
    fc.assert(
      fc.property(words, (bytes) => {
        if (decode_variant(bytes).error === OK) seen.add(bytes[0] as number);
      }),
      { numRuns: 3000, seed: 7 },
    );
    expect(seen.size).toBeGreaterThan(20);
  });
});
