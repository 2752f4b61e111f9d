/**
 * Godot 3 format failures: bad and truncated input (the 4.x decoder's
 * codes), ids that only exist in Godot 4, nesting limits, Godot 4 values
 * that have no Godot 3 type, and what var2bytes/bytes2var print.
 */
import { describe, expect, it } from "vitest";
import { GodotError } from "../../../../src/core/error/error_list.js";
import { capture_output } from "../../../../src/core/error/error_sink.js";
import { Callable } from "../../../../src/core/object/callable.js";
import { PackedVector4Array } from "../../../../src/core/variant/packed_arrays.js";
import { Projection } from "../../../../src/core/variant/projection.js";
import { Rect2i } from "../../../../src/core/variant/rect2i.js";
import { Signal } from "../../../../src/core/variant/signal.js";
import { TypedArray } from "../../../../src/core/variant/typed_array.js";
import { TYPE_VECTOR2I } from "../../../../src/core/variant/variant_type.js";
import { Vector2i } from "../../../../src/core/variant/vector2i.js";
import { Vector3i } from "../../../../src/core/variant/vector3i.js";
import { Vector4 } from "../../../../src/core/variant/vector4.js";
import { Vector4i } from "../../../../src/core/variant/vector4i.js";
import { bytes2var, decode_variant, encode_variant, var2bytes } from "../../../../src/godot3/core/io/marshalls.js";
import { hex, to_hex } from "./marshalls_test_helpers.js";

const { OK, ERR_INVALID_DATA, ERR_FILE_EOF, ERR_OUT_OF_MEMORY, ERR_INVALID_PARAMETER } = GodotError;

/** The decode error; a failure must also give null, length 0 and a message. */
function error_of(input: string | Uint8Array, allow_objects = false): GodotError {
  const r = decode_variant(typeof input === "string" ? hex(input) : input, allow_objects);
  if (r.error !== OK) {
    expect(r.value).toBe(null);
    expect(r.length).toBe(0);
    expect(r.message).not.toBe("");
  }
  return r.error;
}

describe("type ids", () => {
  it("27 (VARIANT_MAX in 3.x) and above are ERR_INVALID_DATA", () => {
    for (const id of [27, 28, 29, 38, 0xff]) {
      expect(error_of(`${id.toString(16).padStart(2, "0")} 00 00 00 00 00 00 00`)).toBe(ERR_INVALID_DATA);
    }
  });
  it("26 (POOL_COLOR_ARRAY) is the last valid id", () => expect(error_of("1A 00 00 00 00 00 00 00")).toBe(OK));
  it("an invalid id nested in an Array fails the whole decode", () =>
    expect(error_of("13 00 00 00 01 00 00 00 1C 00 00 00 00 00 00 00")).toBe(ERR_INVALID_DATA));
});

describe("truncated and inconsistent input", () => {
  it("no header, or part of one", () => {
    expect(error_of("")).toBe(ERR_INVALID_DATA);
    expect(error_of("02 00")).toBe(ERR_INVALID_DATA);
  });
  it("fixed-size payloads cut short: ERR_INVALID_DATA", () => {
    expect(error_of("01 00 00 00 01")).toBe(ERR_INVALID_DATA); // BOOL
    expect(error_of("02 00 01 00 01 00 00 00")).toBe(ERR_INVALID_DATA); // 64-bit INT, 4 of 8 bytes
    expect(error_of("03 00 01 00 00 00 00 00")).toBe(ERR_INVALID_DATA); // double REAL
    expect(error_of("07 00 00 00 00 00 80 3F 00 00 80 3F")).toBe(ERR_INVALID_DATA); // VECTOR3, 2 of 3
    expect(error_of("0D 00 00 00 00 00 80 3F")).toBe(ERR_INVALID_DATA); // TRANSFORM
    expect(error_of("0E 00 00 00 00 00 80 3F")).toBe(ERR_INVALID_DATA); // COLOR
    expect(error_of("11 00 01 00 01 00 00 00")).toBe(ERR_INVALID_DATA); // object id, 4 of 8 bytes
  });
  it("a string past the end: ERR_FILE_EOF", () => {
    expect(error_of("04 00 00 00 05 00 00 00 61 62")).toBe(ERR_FILE_EOF);
    expect(error_of("04 00 00 00 02 00 00 00 68 69")).toBe(ERR_FILE_EOF); // padding missing
    expect(error_of("17 00 00 00 01 00 00 00 08 00 00 00 61 62 63 00")).toBe(ERR_FILE_EOF); // pool string
    expect(error_of("0F 00 00 00 01 00 00 80 00 00 00 00 00 00 00 00 09 00 00 00 61 00 00 00")).toBe(ERR_FILE_EOF);
  });
  it("pool arrays whose count exceeds the data: ERR_INVALID_DATA", () => {
    expect(error_of("14 00 00 00 05 00 00 00 01 02 03 04")).toBe(ERR_INVALID_DATA);
    expect(error_of("15 00 00 00 02 00 00 00 01 00 00 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("16 00 00 00 FF FF FF 7F")).toBe(ERR_INVALID_DATA);
    expect(error_of("18 00 00 00 01 00 00 00 00 00 80 3F")).toBe(ERR_INVALID_DATA);
    expect(error_of("1A 00 00 00 00 00 00 80")).toBe(ERR_INVALID_DATA); // negative count
  });
  it("containers missing elements: ERR_INVALID_DATA", () => {
    expect(error_of("13 00 00 00 02 00 00 00 02 00 00 00 01 00 00 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("12 00 00 00 01 00 00 00 02 00 00 00 01 00 00 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("13 00 00 00 FF FF FF 7F")).toBe(ERR_INVALID_DATA);
  });
  it("invalid UTF-8 in a STRING: ERR_INVALID_DATA", () => {
    expect(error_of("04 00 00 00 01 00 00 00 FF 00 00 00")).toBe(ERR_INVALID_DATA);
    expect(error_of("04 00 00 00 02 00 00 00 C0 80 00 00")).toBe(ERR_INVALID_DATA); // overlong NUL
  });
  it("a NodePath in the pre-3.0 format (high bit clear) is refused", () =>
    expect(error_of("0F 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00")).toBe(ERR_INVALID_DATA));
  it("decode_variant of something that is not bytes: ERR_INVALID_PARAMETER", () =>
    expect(decode_variant([1, 2, 3] as unknown as Uint8Array).error).toBe(ERR_INVALID_PARAMETER));
  it("a trailing extra byte is left unconsumed (length says where the Variant ends)", () => {
    const r = decode_variant(hex("02 00 00 00 07 00 00 00 99"));
    expect(r.error).toBe(OK);
    expect(r.length).toBe(8);
  });
});

describe("nesting depth (as Godot 4: 1024)", () => {
  function nested_arrays(n: number): Uint8Array {
    const out = new Uint8Array(8 * n);
    for (let i = 0; i < n; i++) out.set(hex(i < n - 1 ? "13 00 00 00 01 00 00 00" : "13 00 00 00 00 00 00 00"), 8 * i);
    return out;
  }
  it("1025 nested arrays decode, 1026 are ERR_OUT_OF_MEMORY", () => {
    expect(error_of(nested_arrays(1025))).toBe(OK);
    expect(error_of(nested_arrays(1026))).toBe(ERR_OUT_OF_MEMORY);
  });
  it("the encoder refuses deeper values and cycles", () => {
    let deep: unknown[] = [];
    for (let i = 0; i < 1025; i++) deep = [deep];
    expect(encode_variant(deep).error).toBe(ERR_OUT_OF_MEMORY);
    const cycle: unknown[] = [];
    cycle.push(cycle);
    expect(encode_variant(cycle).error).toBe(ERR_OUT_OF_MEMORY);
  });
});

describe("Godot 4 values without a Godot 3 type are refused (ERR_INVALID_PARAMETER)", () => {
  const refused: [string, unknown, string][] = [
    ["Vector2i", new Vector2i(1, 2), "send a Vector2"],
    ["Rect2i", new Rect2i(0, 0, 1, 1), "send a Rect2"],
    ["Vector3i", new Vector3i(1, 2, 3), "send a Vector3"],
    ["Vector4", new Vector4(1, 2, 3, 4), ""],
    ["Vector4i", new Vector4i(1, 2, 3, 4), ""],
    ["Projection", new Projection(), ""],
    ["Callable", new Callable(), ""],
    ["Callable", () => 1, ""],
    ["Signal", new Signal("s", 1n), ""],
    ["PackedInt64Array", BigInt64Array.of(1n), "PoolIntArray is 32-bit: send an Int32Array, or an Array of ints"],
    ["PackedFloat64Array", Float64Array.of(0.1), "PoolRealArray is 32-bit: send a Float32Array, or an Array of floats"],
    ["PackedVector4Array", new PackedVector4Array(), ""],
  ];
  for (const [name, value, hint] of refused) {
    it(`${name}${typeof value === "function" ? " (a JS function)" : ""}`, () => {
      const r = encode_variant(value);
      expect(r.error).toBe(ERR_INVALID_PARAMETER);
      expect(r.bytes.length).toBe(0);
      expect(r.message).toBe(`${name} has no Godot 3 Variant type${hint ? `; ${hint}` : ""}.`);
    });
  }
  it("also when nested in a container or an Array typed with it", () => {
    expect(encode_variant([1, { a: new Vector2i() }]).error).toBe(ERR_INVALID_PARAMETER);
    expect(encode_variant(new TypedArray(TYPE_VECTOR2I, [new Vector2i()])).error).toBe(ERR_INVALID_PARAMETER);
  });
  it("values with no Variant type at all keep the Godot 4 encoder's message", () => {
    const r = encode_variant(Symbol("x"));
    expect(r.error).toBe(ERR_INVALID_PARAMETER);
    expect(r.message).toContain("Can't encode a value of this kind");
  });
});

describe("var2bytes and bytes2var (GDScript 3)", () => {
  it("var2bytes of a refused value: empty and one error line naming it", () => {
    const cap = capture_output();
    try {
      expect(var2bytes(new Vector2i(1, 2)).length).toBe(0);
      const lines = cap.lines("error");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain("var2bytes: Vector2i has no Godot 3 Variant type");
    } finally {
      cap.restore();
    }
  });
  it("bytes2var of garbage: null and one error line", () => {
    const cap = capture_output();
    try {
      expect(bytes2var(hex("1B 00 00 00"))).toBe(null);
      expect(bytes2var(hex("04 00 00 00 09 00 00 00"))).toBe(null);
      const lines = cap.lines("error");
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain("bytes2var: Invalid Variant type id 27");
    } finally {
      cap.restore();
    }
  });
  it("success prints nothing", () => {
    const cap = capture_output();
    try {
      expect(to_hex(var2bytes([1]))).toBe("13 00 00 00 01 00 00 00 02 00 00 00 01 00 00 00");
      expect(bytes2var(hex("13 00 00 00 01 00 00 00 02 00 00 00 01 00 00 00"))).toEqual([1]);
      expect(cap.lines("error")).toHaveLength(0);
      expect(cap.lines("warning")).toHaveLength(0);
    } finally {
      cap.restore();
    }
  });
});
