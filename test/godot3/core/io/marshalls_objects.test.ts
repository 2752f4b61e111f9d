/**
 * Objects in the Godot 3 format (OBJECT = 17): as an instance id (flag
 * 1<<16, u64 id) by default, in full (class name, property count, name and
 * value pairs) with full_objects, null as NIL; decoding full objects needs
 * allow_objects. Objects reach the object model through the shared
 * ObjectCodec, as in Godot 4.
 */
import { describe, expect, it } from "vitest";
import { GodotError } from "../../../../src/core/error/error_list.js";
import { capture_output } from "../../../../src/core/error/error_sink.js";
import type { ObjectCodec } from "../../../../src/core/io/marshalls.js";
import { EncodedObjectAsID } from "../../../../src/core/variant/encoded_object_as_id.js";
import { Vector2 } from "../../../../src/core/variant/vector2.js";
import { bytes2var, decode_variant, encode_variant, var2bytes } from "../../../../src/godot3/core/io/marshalls.js";
import { use_object_codec } from "../../../core/io/marshalls_test_helpers.js";
import { dec3, enc3, f32, hex, to_hex } from "./marshalls_test_helpers.js";

const { OK, ERR_UNAUTHORIZED, ERR_UNAVAILABLE, ERR_INVALID_PARAMETER } = GodotError;

/** The one class of the test codec: two stored properties. */
class Sprite {
  label: unknown = "";
  offset = new Vector2();
}

/** Sprite ↔ "Sprite" with properties label and offset; ids 0x2A, 0x2B, ... */
function sprite_codec(): ObjectCodec {
  const ids = new Map<object, bigint>();
  return {
    describe: (obj) =>
      obj instanceof Sprite
        ? {
            class_name: "Sprite",
            properties: [
              ["label", obj.label],
              ["offset", obj.offset],
            ],
          }
        : null,
    instantiate(class_name, properties) {
      if (class_name !== "Sprite") return null;
      const s = new Sprite();
      for (const [k, v] of properties) Reflect.set(s, k, v);
      return s;
    },
    instance_id(obj) {
      if (!(obj instanceof Sprite)) return null;
      if (!ids.has(obj)) ids.set(obj, BigInt(0x2a + ids.size));
      return ids.get(obj) ?? null;
    },
  };
}

// "Sprite" (6 bytes) + 2 padding; "label" (5) + 3; "offset" (6) + 2.
const FULL_SPRITE = [
  "11 00 00 00", // OBJECT, no flag: in full
  "06 00 00 00 53 70 72 69 74 65 00 00", // class name "Sprite"
  "02 00 00 00", // 2 properties
  "05 00 00 00 6C 61 62 65 6C 00 00 00", // "label"
  "04 00 00 00 02 00 00 00 68 69 00 00", // "hi"
  "06 00 00 00 6F 66 66 73 65 74 00 00", // "offset"
  `05 00 00 00 ${f32(1, 2)}`, // Vector2(1, 2)
].join(" ");

describe("with an object codec", () => {
  use_object_codec(() => sprite_codec());

  it("as id: header 11 00 01 00, then the u64 instance id", () => {
    expect(enc3(new Sprite())).toBe("11 00 01 00 2A 00 00 00 00 00 00 00");
    const back = dec3("11 00 01 00 2A 00 00 00 00 00 00 00");
    expect(back).toBeInstanceOf(EncodedObjectAsID);
    expect((back as EncodedObjectAsID).object_id).toBe(0x2an);
  });
  it("an EncodedObjectAsID is relayed with the same bytes (full u64 range)", () => {
    const bytes = "11 00 01 00 08 07 06 05 04 03 02 81";
    const id = dec3(bytes) as EncodedObjectAsID;
    expect(id.object_id).toBe(BigInt.asIntN(64, 0x8102030405060708n));
    expect(enc3(id)).toBe(bytes);
  });
  it("id 0 decodes as null", () => expect(dec3("11 00 01 00 00 00 00 00 00 00 00 00")).toBe(null));
  it("null is NIL in both modes", () => {
    expect(enc3(null, true)).toBe("00 00 00 00");
    expect(to_hex(var2bytes(null, true))).toBe("00 00 00 00");
  });
  it("full object: class name, property count, then name/value pairs", () => {
    const s = new Sprite();
    s.label = "hi";
    s.offset = new Vector2(1, 2);
    expect(enc3(s, true)).toBe(to_hex(hex(FULL_SPRITE)));
    expect(to_hex(var2bytes(s, true))).toBe(to_hex(hex(FULL_SPRITE)));
  });
  it("full object decodes through the codec with allow_objects", () => {
    const back = dec3(FULL_SPRITE, true) as Sprite;
    expect(back).toBeInstanceOf(Sprite);
    expect(back.label).toBe("hi");
    expect(back.offset.equals(new Vector2(1, 2))).toBe(true);
    expect(bytes2var(hex(FULL_SPRITE), true)).toBeInstanceOf(Sprite);
  });
  it("nested full objects keep the 3.x ids inside (Array 19 holding OBJECT 17)", () => {
    const inner = new Sprite();
    const outer = new Sprite();
    outer.label = [inner];
    const bytes = encode_variant(outer, true).bytes;
    const back = decode_variant(bytes, true);
    expect(back.error).toBe(OK);
    const list = (back.value as Sprite).label as unknown[];
    expect(list[0]).toBeInstanceOf(Sprite);
    // label's value: ARRAY header 13, count 1, then OBJECT header 11 without flag.
    expect(to_hex(bytes)).toContain("13 00 00 00 01 00 00 00 11 00 00 00 06 00 00 00 53 70 72 69 74 65");
  });
  it("an empty class name decodes as null (the 3.x null full object)", () =>
    expect(dec3("11 00 00 00 00 00 00 00", true)).toBe(null));
  it("without allow_objects a full object is ERR_UNAUTHORIZED; bytes2var prints one line, returns null", () => {
    expect(decode_variant(hex(FULL_SPRITE)).error).toBe(ERR_UNAUTHORIZED);
    const cap = capture_output();
    try {
      expect(bytes2var(hex(FULL_SPRITE))).toBe(null);
      const lines = cap.lines("error");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain("bytes2var");
      expect(lines[0]).toContain("allow_objects");
    } finally {
      cap.restore();
    }
  });
  it("an unknown class is ERR_UNAVAILABLE", () => {
    const bytes = hex("11 00 00 00 03 00 00 00 46 6F 6F 00 00 00 00 00");
    expect(decode_variant(bytes, true).error).toBe(ERR_UNAVAILABLE);
  });
  it("a JS object that is not a Godot object is refused (ERR_INVALID_PARAMETER)", () => {
    expect(encode_variant(new Date()).error).toBe(ERR_INVALID_PARAMETER);
    expect(encode_variant(new Date(), true).error).toBe(ERR_INVALID_PARAMETER);
  });
});

describe("without an object codec", () => {
  use_object_codec(() => null);
  it("an object goes out as id 0; full objects are ERR_UNAVAILABLE both ways", () => {
    expect(enc3(new Sprite())).toBe("11 00 01 00 00 00 00 00 00 00 00 00");
    expect(encode_variant(new Sprite(), true).error).toBe(ERR_UNAVAILABLE);
    expect(decode_variant(hex(FULL_SPRITE), true).error).toBe(ERR_UNAVAILABLE);
  });
});
