/**
 * Properties of the Godot 3 format over generated Variants (the 4.x
 * arbitraries, kept to what Godot 3 can hold), and a cross-check against
 * the Godot 4 encoder: same bytes where the layouts are shared, the right
 * pair of ids where only the id differs.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GodotError } from "../../../../src/core/error/error_list.js";
import { encode_variant as encode4 } from "../../../../src/core/io/marshalls.js";
import { Dictionary } from "../../../../src/core/variant/dictionary.js";
import { RID } from "../../../../src/core/variant/rid.js";
import { typeof_variant } from "../../../../src/core/variant/typeof_variant.js";
import { variant_equals } from "../../../../src/core/variant/variant_equals.js";
import { VariantType } from "../../../../src/core/variant/variant_type.js";
import { decode_variant, encode_variant } from "../../../../src/godot3/core/io/marshalls.js";
import { leaf, nested, variant } from "../../../core/io/marshalls_arbitraries.js";
import { to_hex } from "./marshalls_test_helpers.js";

const { OK, ERR_INVALID_PARAMETER } = GodotError;
const T = VariantType;

/** Written from the reference's table (§6.2), apart from the code: gdnet type → [Godot 3 id, Godot 4 id]. */
const IDS = new Map<VariantType, [number, number]>([
  [T.TYPE_NIL, [0, 0]],
  [T.TYPE_BOOL, [1, 1]],
  [T.TYPE_INT, [2, 2]],
  [T.TYPE_FLOAT, [3, 3]],
  [T.TYPE_STRING, [4, 4]],
  [T.TYPE_STRING_NAME, [4, 21]], // sent as a String
  [T.TYPE_VECTOR2, [5, 5]],
  [T.TYPE_RECT2, [6, 7]],
  [T.TYPE_VECTOR3, [7, 9]],
  [T.TYPE_TRANSFORM2D, [8, 11]],
  [T.TYPE_PLANE, [9, 14]],
  [T.TYPE_QUATERNION, [10, 15]],
  [T.TYPE_AABB, [11, 16]],
  [T.TYPE_BASIS, [12, 17]],
  [T.TYPE_TRANSFORM3D, [13, 18]],
  [T.TYPE_COLOR, [14, 20]],
  [T.TYPE_NODE_PATH, [15, 22]],
  [T.TYPE_RID, [16, 23]],
  [T.TYPE_OBJECT, [17, 24]],
  [T.TYPE_DICTIONARY, [18, 27]],
  [T.TYPE_ARRAY, [19, 28]],
  [T.TYPE_PACKED_BYTE_ARRAY, [20, 29]],
  [T.TYPE_PACKED_INT32_ARRAY, [21, 30]],
  [T.TYPE_PACKED_FLOAT32_ARRAY, [22, 32]],
  [T.TYPE_PACKED_STRING_ARRAY, [23, 34]],
  [T.TYPE_PACKED_VECTOR2_ARRAY, [24, 35]],
  [T.TYPE_PACKED_VECTOR3_ARRAY, [25, 36]],
  [T.TYPE_PACKED_COLOR_ARRAY, [26, 37]],
]);

/** Whether Godot 3 has a type for the value and everything in it (the test's own walk, not the encoder's). */
function godot3_can_hold(value: unknown): boolean {
  if (!IDS.has(typeof_variant(value))) return false;
  if (Array.isArray(value)) return value.every(godot3_can_hold);
  if (value instanceof Map) return [...value].every(([k, v]) => godot3_can_hold(k) && godot3_can_hold(v));
  return true;
}

/** A RID loses its id in Godot 3, so only the invalid RID survives a round trip. */
const round_trippable = (v: unknown) => godot3_can_hold(v) && !(v instanceof RID && v.id !== 0n);
const leaf3 = leaf.filter(round_trippable);
const variant3 = nested(leaf3);

describe("properties", () => {
  it("encode → decode → encode is byte-identical and value-equal", () => {
    fc.assert(
      fc.property(variant3, (value) => {
        const first = encode_variant(value);
        expect(first.error, first.message).toBe(OK);
        const back = decode_variant(first.bytes, false, { wrap_floats: true });
        expect(back.error, back.message).toBe(OK);
        expect(back.length).toBe(first.bytes.length);
        expect(variant_equals(back.value, value)).toBe(true);
        expect(to_hex(encode_variant(back.value).bytes)).toBe(to_hex(first.bytes));
      }),
      { numRuns: 400 },
    );
  });
  it("any Variant either encodes or is refused with ERR_INVALID_PARAMETER, exactly when Godot 3 can't hold it", () => {
    fc.assert(
      fc.property(variant, (value) => {
        const r = encode_variant(value);
        expect(r.error).toBe(godot3_can_hold(value) ? OK : ERR_INVALID_PARAMETER);
      }),
      { numRuns: 400 },
    );
  });
  it("every header of a value is a Godot 3 id: the decoded type matches header byte 0", () => {
    fc.assert(
      fc.property(leaf3, (value) => {
        const bytes = encode_variant(value).bytes;
        const expected = IDS.get(typeof_variant(value));
        expect(bytes[0]).toBe(expected?.[0]);
        expect(bytes[0]).toBeLessThan(27);
      }),
      { numRuns: 300 },
    );
  });
});

describe("cross-check with the Godot 4 encoder", () => {
  it("scalars, strings and Vector2 are byte-identical in both formats", () => {
    const shared = new Set([T.TYPE_NIL, T.TYPE_BOOL, T.TYPE_INT, T.TYPE_FLOAT, T.TYPE_STRING, T.TYPE_VECTOR2]);
    fc.assert(
      fc.property(
        leaf3.filter((v) => shared.has(typeof_variant(v))),
        (value) => {
          expect(to_hex(encode_variant(value).bytes)).toBe(to_hex(encode4(value).bytes));
        },
      ),
      { numRuns: 300 },
    );
  });
  it("other leaves (pool arrays included) differ only in the id byte, each format with its own id", () => {
    // Not containers (4.x adds type info to typed ones) and not RID (its payload is 4.x only).
    const simple = leaf3.filter((v) => typeof_variant(v) !== T.TYPE_ARRAY && !(v instanceof RID));
    fc.assert(
      fc.property(simple, (value) => {
        const b3 = encode_variant(value).bytes;
        const b4 = encode4(value).bytes;
        const [id3, id4] = IDS.get(typeof_variant(value)) ?? [-1, -1];
        expect([b3[0], b4[0]]).toEqual([id3, id4]);
        expect(to_hex(b3.subarray(1))).toBe(to_hex(b4.subarray(1)));
      }),
      { numRuns: 400 },
    );
  });
  it("RID: 3.x sends the header alone, 4.x adds the 64-bit id", () => {
    expect(to_hex(encode_variant(new RID(5n)).bytes)).toBe("10 00 00 00");
    expect(to_hex(encode4(new RID(5n)).bytes)).toBe("17 00 00 00 05 00 00 00 00 00 00 00");
  });
  it("containers: every nested header carries its own format's id", () => {
    const value = new Dictionary<unknown, unknown>([["k", [new RID(), 1.5]]]);
    // 3.x: DICTIONARY 18, "k", ARRAY 19 of RID 16 and REAL 3.
    expect(to_hex(encode_variant(value).bytes)).toBe(
      "12 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 6B 00 00 00 13 00 00 00 02 00 00 00 10 00 00 00 03 00 00 00 00 00 C0 3F",
    );
    // 4.x: DICTIONARY 27, ARRAY 28, RID 23 with its 8-byte id.
    expect(to_hex(encode4(value).bytes)).toBe(
      "1B 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 6B 00 00 00 1C 00 00 00 02 00 00 00 17 00 00 00 00 00 00 00 00 00 00 00 03 00 00 00 00 00 C0 3F",
    );
  });
});
