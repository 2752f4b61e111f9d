/** Objects: as ids, in full through an ObjectCodec, and the permission check. */
import { describe, expect, it } from "vitest";
import { GodotError } from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import {
  type ObjectCodec,
  bytes_to_var,
  bytes_to_var_with_objects,
  decode_variant,
  encode_variant,
  get_object_codec,
  set_object_codec,
  var_to_bytes,
  var_to_bytes_with_objects,
} from "../../../src/core/io/marshalls.js";
import { EncodedObjectAsID } from "../../../src/core/variant/encoded_object_as_id.js";
import { Vector2 } from "../../../src/core/variant/vector2.js";
import { hex, to_hex, use_object_codec } from "./marshalls_test_helpers.js";

const { OK, ERR_UNAUTHORIZED, ERR_UNAVAILABLE, ERR_INVALID_PARAMETER } = GodotError;

class Thing {
  a: unknown = 0;
  pos = new Vector2();
}

/** A minimal codec: Thing is the only class, ids count from 100. */
function make_codec(): ObjectCodec & { ids: Map<object, bigint> } {
  const ids = new Map<object, bigint>();
  return {
    ids,
    describe(obj) {
      if (!(obj instanceof Thing)) return null;
      return {
        class_name: "Thing",
        properties: [
          ["a", obj.a],
          ["pos", obj.pos],
        ],
      };
    },
    instantiate(class_name, properties) {
      if (class_name !== "Thing") return null;
      const t = new Thing();
      for (const [k, v] of properties) (t as unknown as Record<string, unknown>)[k] = v;
      return t;
    },
    instance_id(obj) {
      if (!(obj instanceof Thing)) return null;
      let id = ids.get(obj);
      if (id === undefined) {
        id = BigInt(100 + ids.size);
        ids.set(obj, id);
      }
      return id;
    },
  };
}

describe("without an object codec", () => {
  use_object_codec(() => null);

  it("an object goes out as id 0 (which decodes as null)", () => {
    expect(to_hex(var_to_bytes(new Thing()))).toBe("18 00 01 00 00 00 00 00 00 00 00 00");
    expect(bytes_to_var(var_to_bytes(new Thing()))).toBe(null);
  });
  it("full objects are unavailable both ways", () => {
    expect(encode_variant(new Thing(), true).error).toBe(ERR_UNAVAILABLE);
    const bytes = hex("18 00 00 00 05 00 00 00 54 68 69 6E 67 00 00 00 00 00 00 00");
    expect(decode_variant(bytes, true).error).toBe(ERR_UNAVAILABLE);
  });
  it("set_object_codec returns the previous codec", () => {
    const c = make_codec();
    expect(set_object_codec(c)).toBe(null);
    expect(get_object_codec()).toBe(c);
    expect(set_object_codec(null)).toBe(c);
  });
});

describe("with an object codec", () => {
  let codec: ReturnType<typeof make_codec>;
  use_object_codec(() => (codec = make_codec()));

  it("var_to_bytes sends the instance id", () => {
    const t = new Thing();
    expect(to_hex(var_to_bytes(t))).toBe("18 00 01 00 64 00 00 00 00 00 00 00");
    const back = bytes_to_var(var_to_bytes(t));
    expect(back).toBeInstanceOf(EncodedObjectAsID);
    expect((back as EncodedObjectAsID).get_object_id()).toBe(100n);
  });
  it("an EncodedObjectAsID goes back out with the same bytes (relay)", () => {
    const bytes = hex("18 00 01 00 EF CD AB 89 67 45 23 81");
    const r = decode_variant(bytes);
    expect(r.error).toBe(OK);
    expect((r.value as EncodedObjectAsID).object_id).toBe(BigInt.asIntN(64, 0x8123456789abcdefn));
    expect(to_hex(var_to_bytes(r.value))).toBe(to_hex(bytes));
  });
  it("var_to_bytes_with_objects writes class name, property count, then name/value pairs", () => {
    const t = new Thing();
    t.a = 1;
    t.pos = new Vector2(1, 2);
    expect(to_hex(var_to_bytes_with_objects(t))).toBe(
      [
        "18 00 00 00",
        "05 00 00 00 54 68 69 6E 67 00 00 00",
        "02 00 00 00",
        "01 00 00 00 61 00 00 00",
        "02 00 00 00 01 00 00 00",
        "03 00 00 00 70 6F 73 00",
        "05 00 00 00 00 00 80 3F 00 00 00 40",
      ].join(" "),
    );
  });
  it("full objects come back through instantiate(), nested values included", () => {
    const inner = new Thing();
    inner.a = "x";
    const outer = new Thing();
    outer.a = [inner];
    const back = bytes_to_var_with_objects(var_to_bytes_with_objects(outer)) as Thing;
    expect(back).toBeInstanceOf(Thing);
    expect(back).not.toBe(outer);
    const list = back.a as Thing[];
    expect(list[0]).toBeInstanceOf(Thing);
    expect(list[0]?.a).toBe("x");
  });
  it("bytes_to_var refuses a full object (ERR_UNAUTHORIZED) and prints one line", () => {
    const bytes = var_to_bytes_with_objects(new Thing());
    expect(decode_variant(bytes).error).toBe(ERR_UNAUTHORIZED);
    const out = capture_output();
    try {
      expect(bytes_to_var(bytes)).toBe(null);
      expect(out.lines()).toHaveLength(1);
    } finally {
      out.restore();
    }
  });
  it("ERR_UNAUTHORIZED comes before the class name is even read", () => {
    expect(decode_variant(hex("18 00 00 00")).error).toBe(ERR_UNAUTHORIZED);
  });
  it("an empty class name is a null object", () => {
    const r = decode_variant(hex("18 00 00 00 00 00 00 00"), true);
    expect(r.error).toBe(OK);
    expect(r.value).toBe(null);
  });
  it("an unknown class is ERR_UNAVAILABLE", () => {
    const bytes = hex("18 00 00 00 04 00 00 00 4E 6F 70 65 00 00 00 00");
    expect(decode_variant(bytes, true).error).toBe(ERR_UNAVAILABLE);
  });
  it("a codec that throws does not throw through the marshaller", () => {
    set_object_codec({
      describe() {
        throw new Error("describe");
      },
      instantiate() {
        throw new Error("instantiate");
      },
      instance_id() {
        throw new Error("id");
      },
    });
    expect(encode_variant(new Thing()).error).toBe(ERR_INVALID_PARAMETER);
    expect(encode_variant(new Thing(), true).error).toBe(ERR_INVALID_PARAMETER);
    const bytes = hex("18 00 00 00 05 00 00 00 54 68 69 6E 67 00 00 00 00 00 00 00");
    expect(decode_variant(bytes, true).error).toBe(ERR_UNAVAILABLE);
  });
  it("an object the codec does not know is refused, not sent as garbage", () => {
    class Stranger {}
    expect(encode_variant(new Stranger()).error).toBe(ERR_INVALID_PARAMETER);
    expect(encode_variant(new Stranger(), true).error).toBe(ERR_INVALID_PARAMETER);
  });
  it("a codec that encodes while encoding (re-entrant) does not corrupt the outer buffer", () => {
    const inner_codec = make_codec();
    set_object_codec({
      ...inner_codec,
      describe(obj) {
        encode_variant(["reentrant", 12345, "x".repeat(300)]);
        return inner_codec.describe(obj);
      },
    });
    const t = new Thing();
    t.a = "abc";
    const bytes = encode_variant(["before", t, "after"], true).bytes;
    set_object_codec(inner_codec);
    const back = decode_variant(bytes, true).value as unknown[];
    expect(back[0]).toBe("before");
    expect((back[1] as Thing).a).toBe("abc");
    expect(back[2]).toBe("after");
  });
});
