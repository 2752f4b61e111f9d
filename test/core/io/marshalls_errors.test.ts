/** Bad input: error codes, no throws, no hangs, no giant allocations, no prototype pollution. */
import { describe, expect, it } from "vitest";
import { GodotError } from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import {
  bytes_to_var,
  decode_variant,
  encode_variant,
  var_to_bytes,
} from "../../../src/core/io/marshalls.js";
import { Dictionary } from "../../../src/core/variant/dictionary.js";
import { PackedStringArray, PackedVector2Array } from "../../../src/core/variant/packed_arrays.js";
import { TypedArray } from "../../../src/core/variant/typed_array.js";
import { TYPE_INT } from "../../../src/core/variant/variant_type.js";
import { Vector3 } from "../../../src/core/variant/vector3.js";
import { hex } from "./marshalls_test_helpers.js";

const { OK, ERR_INVALID_DATA, ERR_FILE_EOF, ERR_OUT_OF_MEMORY, ERR_INVALID_PARAMETER } = GodotError;

function error_of(text: string | Uint8Array, allow_objects = false): GodotError {
  const r = decode_variant(typeof text === "string" ? hex(text) : text, allow_objects);
  if (r.error !== OK) {
    expect(r.value).toBe(null);
    expect(r.length).toBe(0);
    expect(r.message).not.toBe("");
  }
  return r.error;
}

describe("truncated input", () => {
  it("no header, or part of one", () => {
    expect(error_of("")).toBe(ERR_INVALID_DATA);
    expect(error_of("02 00 00")).toBe(ERR_INVALID_DATA);
  });
  it("fixed-size payloads cut short are ERR_INVALID_DATA", () => {
    expect(error_of("01 00 00 00 01 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("02 00 00 00 01 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("02 00 01 00 01 00 00 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("03 00 01 00 00 00 00 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("05 00 00 00 00 00 80 3F")).toBe(ERR_INVALID_DATA);
    expect(error_of("05 00 01 00 00 00 00 00 00 00 F0 3F 00 00 80 3F")).toBe(ERR_INVALID_DATA);
    expect(error_of("13 00 00 00 00 00 80 3F")).toBe(ERR_INVALID_DATA);
    expect(error_of("17 00 00 00 05 00 00 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("18 00 01 00 05 00 00 00")).toBe(ERR_INVALID_DATA);
  });
  it("a string payload past the end is ERR_FILE_EOF (the length word missing is ERR_INVALID_DATA)", () => {
    expect(error_of("04 00 00 00 05 00 00 00 61 62")).toBe(ERR_FILE_EOF);
    expect(error_of("04 00 00 00 02 00 00 00 68 69")).toBe(ERR_FILE_EOF); // padding missing
    expect(error_of("04 00 00 00 00 00 00 80")).toBe(ERR_FILE_EOF); // negative length
    expect(error_of("04 00 00 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("15 00 00 00 FF FF FF 7F")).toBe(ERR_FILE_EOF);
    expect(error_of("1A 00 00 00 01 00 00 00 61 00 00 00 07 00 00 00")).toBe(ERR_INVALID_DATA); // signal id cut
  });
  it("a container missing elements fails", () => {
    expect(error_of("1C 00 00 00 02 00 00 00 02 00 00 00 01 00 00 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("1B 00 00 00 01 00 00 00 02 00 00 00 01 00 00 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("1C 00 00 00")).toBe(ERR_INVALID_DATA);
  });
  it("a PackedByteArray at the very end may lack its padding, nothing else may", () => {
    const r = decode_variant(hex("1D 00 00 00 03 00 00 00 01 02 03"));
    expect(r.error).toBe(OK);
    expect(r.value).toEqual(new Uint8Array([1, 2, 3]));
    expect(r.length).toBe(11);
    expect(error_of("1D 00 00 00 04 00 00 00 01 02 03")).toBe(ERR_INVALID_DATA);
  });
});

describe("invalid data", () => {
  it("type ids at or above TYPE_MAX", () => {
    expect(error_of("27 00 00 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("FF 00 00 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("1C 00 00 00 01 00 00 00 30 00 00 00")).toBe(ERR_INVALID_DATA);
  });
  it("type id 38 is valid (PackedVector4Array)", () => {
    expect(error_of("26 00 00 00 00 00 00 00")).toBe(OK);
  });
  it("invalid UTF-8: stray byte, overlong NUL, encoded surrogate, truncated sequence, > U+10FFFF", () => {
    expect(error_of("04 00 00 00 01 00 00 00 FF 00 00 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("04 00 00 00 02 00 00 00 C0 80 00 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("04 00 00 00 03 00 00 00 ED A0 80 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("04 00 00 00 02 00 00 00 E2 82 00 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("04 00 00 00 04 00 00 00 F4 90 80 80")).toBe(ERR_INVALID_DATA);
    expect(error_of("22 00 00 00 01 00 00 00 02 00 00 00 FF 00 00 00")).toBe(ERR_INVALID_DATA);
  });
  it("NodePath in the old format is refused", () => {
    expect(error_of("16 00 00 00 01 00 00 00 61 00 00 00")).toBe(ERR_INVALID_DATA);
  });
  it("typed array element of the wrong type", () => {
    // Array[int] holding a String.
    expect(error_of("1C 00 01 00 02 00 00 00 01 00 00 00 04 00 00 00 01 00 00 00 61 00 00 00")).toBe(ERR_INVALID_DATA);
    // Element type id out of range.
    expect(error_of("1C 00 01 00 63 00 00 00 00 00 00 00")).toBe(ERR_INVALID_DATA);
    // Typed Dictionary[String, int] with an int key.
    expect(
      error_of("1B 00 05 00 04 00 00 00 02 00 00 00 01 00 00 00 02 00 00 00 01 00 00 00 02 00 00 00 01 00 00 00"),
    ).toBe(ERR_INVALID_DATA);
  });
});

describe("oversized counts: refused before allocating, quickly", () => {
  const huge = (type: string, count: string) => `${type} 00 00 00 ${count}`;
  it("packed arrays whose count does not fit the bytes left", () => {
    expect(error_of(huge("1D", "00 00 00 80"))).toBe(ERR_INVALID_DATA); // 2^31: negative as int32
    expect(error_of(huge("1D", "FF FF FF 7F"))).toBe(ERR_INVALID_DATA);
    expect(error_of(huge("1E", "FF FF FF 7F"))).toBe(ERR_INVALID_DATA);
    expect(error_of(huge("1F", "00 00 00 20"))).toBe(ERR_INVALID_DATA); // 2^29 * 8 = 2^32
    expect(error_of(huge("20", "01 00 00 40"))).toBe(ERR_INVALID_DATA);
    expect(error_of(huge("21", "FF FF FF 7F"))).toBe(ERR_INVALID_DATA);
    expect(error_of(huge("22", "FF FF FF 7F"))).toBe(ERR_INVALID_DATA);
    expect(error_of(huge("22", "FF FF FF FF"))).toBe(ERR_INVALID_DATA);
    expect(error_of(huge("23", "FF FF FF 0F"))).toBe(ERR_INVALID_DATA);
    expect(error_of(huge("24", "FF FF FF 0F"))).toBe(ERR_INVALID_DATA);
    expect(error_of(huge("25", "FF FF FF 0F"))).toBe(ERR_INVALID_DATA);
    expect(error_of(huge("26", "FF FF FF 0F"))).toBe(ERR_INVALID_DATA);
  });
  it("an element count one more than the data holds", () => {
    // 2 int32 elements of data, count 3.
    expect(error_of("1E 00 00 00 03 00 00 00 01 00 00 00 02 00 00 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("1E 00 00 00 02 00 00 00 01 00 00 00 02 00 00 00")).toBe(OK);
  });
  it("arrays, dictionaries, node paths and objects with 2^31 - 1 elements in a few bytes", () => {
    const start = performance.now();
    expect(error_of(huge("1C", "FF FF FF 7F"))).toBe(ERR_INVALID_DATA);
    expect(error_of(huge("1B", "FF FF FF 7F"))).toBe(ERR_INVALID_DATA);
    expect(error_of("16 00 00 00 FF FF FF FF FF FF FF FF 00 00 00 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("18 00 00 00 01 00 00 00 41 00 00 00 FF FF FF FF", true)).not.toBe(OK);
    expect(performance.now() - start).toBeLessThan(1000);
  });
  it("a long run of real NILs under a huge count ends at the data's end", () => {
    const bytes = new Uint8Array(8 + 4 * 100_000);
    bytes.set(hex("1C 00 00 00 FF FF FF 7F"));
    expect(error_of(bytes)).toBe(ERR_INVALID_DATA);
  });
});

describe("nesting depth (engine limit 1024)", () => {
  function nested_arrays(n: number): Uint8Array {
    const out = new Uint8Array(8 * n);
    for (let i = 0; i < n; i++) out.set(hex(i < n - 1 ? "1C 00 00 00 01 00 00 00" : "1C 00 00 00 00 00 00 00"), 8 * i);
    return out;
  }
  it("1025 nested arrays decode (innermost at depth 1024), 1026 do not", () => {
    expect(error_of(nested_arrays(1025))).toBe(OK);
    expect(error_of(nested_arrays(1026))).toBe(ERR_OUT_OF_MEMORY);
  });
  it("deep dictionaries too", () => {
    const level = "1B 00 00 00 01 00 00 00 00 00 00 00";
    const out = new Uint8Array(12 * 2000 + 4);
    for (let i = 0; i < 2000; i++) out.set(hex(level), 12 * i);
    expect(error_of(out)).toBe(ERR_OUT_OF_MEMORY);
  });
  it("the encoder refuses the same depth and cycles", () => {
    let deep: unknown[] = [];
    for (let i = 0; i < 1025; i++) deep = [deep];
    expect(encode_variant(deep).error).toBe(ERR_OUT_OF_MEMORY);
    const cycle: unknown[] = [];
    cycle.push(cycle);
    const r = encode_variant(cycle);
    expect(r.error).toBe(ERR_OUT_OF_MEMORY);
    expect(r.bytes.length).toBe(0);
    const d = new Dictionary<string, unknown>();
    d.set("self", d);
    expect(encode_variant(d).error).toBe(ERR_OUT_OF_MEMORY);
  });
  it("1024 levels still encode", () => {
    let deep: unknown[] = [];
    for (let i = 0; i < 1024; i++) deep = [deep];
    expect(encode_variant(deep).error).toBe(OK);
  });
});

describe("__proto__ and other special keys are plain data", () => {
  it("decoding a '__proto__' key does not touch any prototype", () => {
    // { "__proto__": { "polluted": true }, "constructor": 1 }
    const enc_str = (s: string) => {
      const b = new TextEncoder().encode(s);
      const pad = (4 - (b.length % 4)) % 4;
      return `04 00 00 00 ${b.length.toString(16).padStart(2, "0")} 00 00 00 ${[...b].map((x) => x.toString(16).padStart(2, "0")).join(" ")} ${"00 ".repeat(pad)}`;
    };
    const bytes = hex(
      `1B 00 00 00 02 00 00 00 ${enc_str("__proto__")} 1B 00 00 00 01 00 00 00 ${enc_str("polluted")} 01 00 00 00 01 00 00 00 ${enc_str("constructor")} 02 00 00 00 01 00 00 00`,
    );
    const r = decode_variant(bytes);
    expect(r.error).toBe(OK);
    const d = r.value as Dictionary<string, unknown>;
    expect(d).toBeInstanceOf(Dictionary);
    expect([...d.keys()]).toEqual(["__proto__", "constructor"]);
    expect((d.get("__proto__") as Dictionary).get("polluted")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(d)).toBe(Dictionary.prototype);
    const obj = d.to_object();
    expect(Object.getPrototypeOf(obj)).toBe(null);
    expect(Object.keys(obj)).toEqual(["__proto__", "constructor"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it("a plain object with an own '__proto__' key encodes it as a key", () => {
    const obj = JSON.parse('{"__proto__": {"x": 1}}') as Record<string, unknown>;
    const back = decode_variant(encode_variant(obj).bytes).value as Dictionary;
    expect([...back.keys()]).toEqual(["__proto__"]);
    expect((back.get("__proto__") as Dictionary).get("x")).toBe(1);
  });
  it("a plain object with a 'constructor' key is still a Dictionary", () => {
    const obj = { constructor: Vector3, x: 1 };
    const r = encode_variant(obj);
    expect(r.bytes[0]).toBe(0x1b);
  });
});

describe("encoding errors", () => {
  it("values with no Variant type", () => {
    expect(encode_variant(Symbol("s")).error).toBe(ERR_INVALID_PARAMETER);
    expect(encode_variant(new Int16Array(2)).error).toBe(ERR_INVALID_PARAMETER);
    expect(encode_variant(new ArrayBuffer(4)).error).toBe(ERR_INVALID_PARAMETER);
    expect(encode_variant([1, Symbol("s")]).error).toBe(ERR_INVALID_PARAMETER);
  });
  it("bigints beyond int64", () => {
    expect(encode_variant(2n ** 63n).error).toBe(ERR_INVALID_PARAMETER);
    expect(encode_variant(-(2n ** 63n) - 1n).error).toBe(ERR_INVALID_PARAMETER);
  });
  it("wrong element types in typed and packed containers", () => {
    expect(encode_variant(new TypedArray(TYPE_INT, ["x"])).error).toBe(ERR_INVALID_PARAMETER);
    expect(encode_variant(new TypedArray(TYPE_INT, [1.5])).error).toBe(ERR_INVALID_PARAMETER);
    expect(encode_variant(new PackedStringArray(["a", 1 as unknown as string])).error).toBe(ERR_INVALID_PARAMETER);
    expect(encode_variant(new PackedVector2Array([new Vector3() as never])).error).toBe(ERR_INVALID_PARAMETER);
  });
  it("a throwing getter does not escape", () => {
    const evil = new Proxy(
      {},
      {
        getPrototypeOf() {
          throw new Error("no");
        },
      },
    );
    expect(encode_variant(evil).error).toBe(ERR_INVALID_PARAMETER);
  });
  it("decode_variant of something that is not bytes", () => {
    expect(decode_variant("abc" as unknown as Uint8Array).error).toBe(ERR_INVALID_PARAMETER);
    expect(decode_variant(null as unknown as Uint8Array).error).toBe(ERR_INVALID_PARAMETER);
  });
});

describe("var_to_bytes / bytes_to_var print exactly one error line", () => {
  it("bytes_to_var on garbage: null and one line", () => {
    const out = capture_output();
    try {
      expect(bytes_to_var(hex("04 00 00 00 09 00 00 00"))).toBe(null);
      expect(out.lines()).toHaveLength(1);
      expect(out.lines("error")[0]).toMatch(/^ERROR: bytes_to_var: /);
    } finally {
      out.restore();
    }
  });
  it("var_to_bytes of an unencodable value: empty and one line", () => {
    const out = capture_output();
    try {
      const bytes = var_to_bytes([Symbol("x")]);
      expect(bytes).toBeInstanceOf(Uint8Array);
      expect(bytes.length).toBe(0);
      expect(out.lines()).toHaveLength(1);
    } finally {
      out.restore();
    }
  });
  it("success prints nothing", () => {
    const out = capture_output();
    try {
      expect(bytes_to_var(var_to_bytes({ a: [1, 2] }))).toBeInstanceOf(Dictionary);
      expect(out.records).toHaveLength(0);
    } finally {
      out.restore();
    }
  });
});
