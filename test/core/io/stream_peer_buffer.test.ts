import { beforeAll, describe, expect, it } from "vitest";
import {
  ERR_FILE_EOF,
  ERR_INVALID_PARAMETER,
  ERR_OUT_OF_MEMORY,
  OK,
} from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import { StreamPeerBuffer } from "../../../src/core/io/stream_peer_buffer.js";
import { bytes, hex, register_all } from "./io_test_helpers.js";

beforeAll(register_all);

function written(fill: (b: StreamPeerBuffer) => void, big_endian = false): string {
  const b = new StreamPeerBuffer();
  b.big_endian = big_endian;
  fill(b);
  return hex(b.data_array);
}

function reader(data: string, big_endian = false): StreamPeerBuffer {
  const b = new StreamPeerBuffer();
  b.data_array = bytes(data);
  b.big_endian = big_endian;
  return b;
}

describe("StreamPeerBuffer integer widths", () => {
  const cases: [string, (b: StreamPeerBuffer, v: number | bigint) => void, (b: StreamPeerBuffer) => number | bigint, number | bigint, string, string][] = [
    ["put_8", (b, v) => b.put_8(v as number), (b) => b.get_8(), -2, "fe", "fe"],
    ["put_u8", (b, v) => b.put_u8(v as number), (b) => b.get_u8(), 200, "c8", "c8"],
    ["put_16", (b, v) => b.put_16(v as number), (b) => b.get_16(), -2, "feff", "fffe"],
    ["put_u16", (b, v) => b.put_u16(v as number), (b) => b.get_u16(), 0x1234, "3412", "1234"],
    ["put_32", (b, v) => b.put_32(v as number), (b) => b.get_32(), -123456789, "eb32a4f8", "f8a432eb"],
    ["put_u32", (b, v) => b.put_u32(v as number), (b) => b.get_u32(), 0xdeadbeef, "efbeadde", "deadbeef"],
    ["put_64", (b, v) => b.put_64(v), (b) => b.get_64(), -2, "feffffffffffffff", "fffffffffffffffe"],
    ["put_u64", (b, v) => b.put_u64(v), (b) => b.get_u64(), 0x0102030405060708n, "0807060504030201", "0102030405060708"],
  ];

  for (const [name, put, get, value, le, be] of cases) {
    it(`${name} writes ${String(value)} little- and big-endian and reads it back`, () => {
      expect(written((b) => put(b, value))).toBe(le);
      expect(written((b) => put(b, value), true)).toBe(be);
      const expected = typeof value === "bigint" && Number.isSafeInteger(Number(value)) ? Number(value) : value;
      expect(get(reader(le))).toBe(expected);
      expect(get(reader(be, true))).toBe(expected);
    });
  }

  it("signed and unsigned getters read the same bytes differently", () => {
    expect(reader("ff").get_8()).toBe(-1);
    expect(reader("ff").get_u8()).toBe(255);
    expect(reader("ffff").get_16()).toBe(-1);
    expect(reader("ffff").get_u16()).toBe(65535);
    expect(reader("ffffffff").get_32()).toBe(-1);
    expect(reader("ffffffff").get_u32()).toBe(4294967295);
    expect(reader("ffffffffffffffff").get_64()).toBe(-1);
    expect(reader("ffffffffffffffff").get_u64()).toBe(18446744073709551615n);
  });

  it("wraps out-of-range values as C++ integer conversions do", () => {
    expect(written((b) => b.put_u8(256 + 7))).toBe("07");
    expect(written((b) => b.put_8(-129))).toBe("7f");
    expect(written((b) => b.put_16(0x18000))).toBe("0080");
    expect(written((b) => b.put_u32(-1))).toBe("ffffffff");
    expect(written((b) => b.put_32(2 ** 32 + 5))).toBe("05000000");
    expect(written((b) => b.put_u64(-1))).toBe("ffffffffffffffff");
    expect(written((b) => b.put_64(2n ** 64n + 3n))).toBe("0300000000000000");
    expect(written((b) => b.put_u8(3.9))).toBe("03");
  });

  it("64-bit values beyond 2^53 come back as bigint, smaller ones as number", () => {
    const b = new StreamPeerBuffer();
    b.put_64(2n ** 62n);
    b.put_64(-(2n ** 63n));
    b.put_u64(2n ** 63n);
    b.put_64(2 ** 53 - 1);
    b.seek(0);
    expect(b.get_64()).toBe(2n ** 62n);
    expect(b.get_64()).toBe(-(2n ** 63n));
    expect(b.get_u64()).toBe(2n ** 63n);
    expect(b.get_64()).toBe(2 ** 53 - 1);
  });
});

describe("StreamPeerBuffer floats", () => {
  it("put_float is 4 bytes, put_double 8, in both byte orders", () => {
    expect(written((b) => b.put_float(1.5))).toBe("0000c03f");
    expect(written((b) => b.put_float(1.5), true)).toBe("3fc00000");
    expect(written((b) => b.put_double(0.1))).toBe("9a9999999999b93f");
    expect(written((b) => b.put_double(0.1), true)).toBe("3fb999999999999a");
    expect(reader("0000c03f").get_float()).toBe(1.5);
    expect(reader("3fc00000", true).get_float()).toBe(1.5);
    expect(reader("9a9999999999b93f").get_double()).toBe(0.1);
    expect(reader("3fb999999999999a", true).get_double()).toBe(0.1);
    // put_float stores single precision.
    const b = new StreamPeerBuffer();
    b.put_float(0.1);
    b.seek(0);
    expect(b.get_float()).toBe(Math.fround(0.1));
  });

  it("put_half/get_half use IEEE binary16 converted as the engine does", () => {
    const half = (v: number): string => written((b) => b.put_half(v));
    expect(half(1)).toBe("003c");
    expect(written((b) => b.put_half(1), true)).toBe("3c00");
    expect(half(-2)).toBe("00c0");
    expect(half(65504)).toBe("ff7b");
    expect(half(65536)).toBe("007c"); // overflow → +inf
    expect(half(-Infinity)).toBe("00fc");
    expect(half(NaN)).toBe("ff7f");
    expect(half(1e-5)).toBe("0000"); // below the smallest normal half: flushed to zero
    expect(half(2 ** -14)).toBe("0004"); // the smallest normal half
    expect(half(1 + 3 * 2 ** -12)).toBe("003c"); // truncated, not rounded to 0x3c01
    expect(reader("003c").get_half()).toBe(1);
    expect(reader("3c00", true).get_half()).toBe(1);
    expect(reader("ff7b").get_half()).toBe(65504);
    expect(reader("0100").get_half()).toBe(2 ** -24); // subnormals decode exactly
    expect(reader("007c").get_half()).toBe(Infinity);
    expect(reader("00fc").get_half()).toBe(-Infinity);
    expect(Number.isNaN(reader("ff7f").get_half())).toBe(true);
    expect(Object.is(reader("0080").get_half(), -0)).toBe(true);
  });
});

describe("StreamPeerBuffer strings", () => {
  it("put_string writes a u32 length and ASCII; get_string reads it back", () => {
    expect(written((b) => b.put_string("hello"))).toBe("05000000" + "68656c6c6f");
    expect(written((b) => b.put_string("hi"), true)).toBe("00000002" + "6869");
    expect(reader("05000000 68656c6c6f").get_string()).toBe("hello");
    expect(reader("00000002 6869", true).get_string()).toBe("hi");
    expect(reader("68656c6c6f").get_string(3)).toBe("hel");
    expect(written((b) => b.put_string(""))).toBe("00000000");
  });

  it("put_string sends non-ASCII characters as spaces, with one error line", () => {
    const cap = capture_output();
    try {
      expect(written((b) => b.put_string("h\u00e9llo\u{1F600}"))).toBe("06000000" + "68206c6c6f20");
      expect(cap.lines("error")).toHaveLength(1);
      expect(cap.lines("error")[0]).toMatch(/U\+00E9.*ASCII/);
    } finally {
      cap.restore();
    }
  });

  it("get_string reads Latin-1 up to the first NUL", () => {
    expect(reader("61 62 00 63 64").get_string(5)).toBe("ab");
    expect(reader("e9 e8").get_string(2)).toBe("\u00e9\u00e8");
  });

  it("put_utf8_string/get_utf8_string round-trip any text", () => {
    const text = "h\u00e9llo \u2713 \u{1F600}";
    const b = new StreamPeerBuffer();
    b.put_utf8_string(text);
    const length = Buffer.byteLength(text, "utf8");
    expect(hex(b.data_array.subarray(0, 4))).toBe(hex(Uint8Array.of(length, 0, 0, 0)));
    b.seek(0);
    expect(b.get_utf8_string()).toBe(text);
    b.big_endian = true;
    b.clear();
    b.put_utf8_string("\u00e9");
    expect(hex(b.data_array)).toBe("00000002c3a9");
    b.seek(0);
    expect(b.get_utf8_string()).toBe("\u00e9");
  });

  it("get_utf8_string skips a BOM, stops at NUL, and replaces invalid UTF-8 with one error line", () => {
    expect(reader("efbbbf 6869").get_utf8_string(5)).toBe("hi");
    expect(reader("6869 00 6a").get_utf8_string(4)).toBe("hi");
    const cap = capture_output();
    try {
      expect(reader("61 ff 62").get_utf8_string(3)).toBe("a\ufffdb");
      expect(cap.lines("error")).toHaveLength(1);
    } finally {
      cap.restore();
    }
  });

  it("a string read past the end returns \"\"", () => {
    expect(reader("0a000000 6869").get_string()).toBe("");
    expect(reader("6869").get_utf8_string(5)).toBe("");
  });
});

describe("StreamPeerBuffer Variants", () => {
  it("put_var writes a 32-bit length and the Variant encoding; get_var decodes it", () => {
    const b = new StreamPeerBuffer();
    b.put_var([1, "a"]);
    expect(hex(b.data_array)).toBe("1c000000" + "1c00000002000000" + "0200000001000000" + "040000000100000061000000");
    b.seek(0);
    expect(b.get_var()).toEqual([1, "a"]);
    const be = new StreamPeerBuffer();
    be.big_endian = true;
    be.put_var(1.5);
    expect(hex(be.data_array)).toBe("00000008" + "030000000000c03f");
    be.seek(0);
    expect(be.get_var()).toBe(1.5);
  });

  it("several values in a row keep their boundaries", () => {
    const b = new StreamPeerBuffer();
    b.put_var("hi");
    b.put_u16(7);
    b.put_var(null);
    b.put_var(2 ** 40);
    b.seek(0);
    expect(b.get_var()).toBe("hi");
    expect(b.get_u16()).toBe(7);
    expect(b.get_var()).toBe(null);
    expect(b.get_var()).toBe(2 ** 40);
    expect(b.get_available_bytes()).toBe(0);
  });

  it("get_var on truncated or invalid data returns null with one error line", () => {
    const cap = capture_output();
    try {
      expect(reader("08000000 02000000").get_var()).toBe(null);
      expect(reader("04000000 ff000000").get_var()).toBe(null);
      expect(cap.lines("error")).toHaveLength(1); // the short read is silent, as the engine's; the bad type is reported
      expect(reader("ffffffff").get_var()).toBe(null);
      expect(cap.lines("error")).toHaveLength(2);
    } finally {
      cap.restore();
    }
  });

  it("put_var of something that is not a Variant writes nothing, with one error line", () => {
    const cap = capture_output();
    try {
      const b = new StreamPeerBuffer();
      b.put_var(Symbol("x"));
      expect(b.get_size()).toBe(0);
      expect(cap.lines("error")).toHaveLength(1);
    } finally {
      cap.restore();
    }
  });
});

describe("StreamPeerBuffer reads at the end", () => {
  it("get_partial_data returns what is left, then ERR_FILE_EOF", () => {
    const b = reader("010203");
    expect(b.get_partial_data(0)).toEqual([OK, new Uint8Array(0)]);
    const [err, data] = b.get_partial_data(10);
    expect(err).toBe(OK);
    expect(hex(data)).toBe("010203");
    expect(b.get_partial_data(1)).toEqual([ERR_FILE_EOF, new Uint8Array(0)]);
  });

  it("get_data past the end consumes the rest and fails with an array of the requested size", () => {
    const b = reader("010203");
    expect(b.get_data(2)).toEqual([OK, Uint8Array.of(1, 2)]);
    const [err, data] = b.get_data(4);
    expect(err).toBe(ERR_INVALID_PARAMETER);
    expect(hex(data)).toBe("03000000");
    expect(b.get_position()).toBe(3);
    expect(b.get_data(1)[0]).toBe(ERR_INVALID_PARAMETER);
    expect(b.get_data(0)).toEqual([OK, new Uint8Array(0)]);
  });

  it("typed getters past the end return 0 (and consume what was there)", () => {
    const b = reader("0102");
    expect(b.get_u32()).toBe(0);
    expect(b.get_position()).toBe(2);
    expect(b.get_8()).toBe(0);
    expect(b.get_double()).toBe(0);
    expect(b.get_64()).toBe(0);
    expect(b.get_half()).toBe(0);
  });
});

describe("StreamPeerBuffer storage", () => {
  it("writes at the cursor, overwriting and growing", () => {
    const b = new StreamPeerBuffer();
    b.put_data(Uint8Array.of(1, 2, 3, 4));
    b.seek(1);
    b.put_data(Uint8Array.of(9));
    expect(hex(b.data_array)).toBe("01090304");
    b.seek(3);
    b.put_data(Uint8Array.of(7, 8));
    expect(hex(b.data_array)).toBe("0109030708");
    expect(b.get_size()).toBe(5);
    expect(b.get_position()).toBe(5);
    expect(b.put_partial_data(Uint8Array.of(5, 6))).toEqual([OK, 2]);
    expect(b.put_data(new Uint8Array(0))).toBe(OK);
    expect(b.get_size()).toBe(7);
  });

  it("grows linearly over many small writes", () => {
    const b = new StreamPeerBuffer();
    for (let i = 0; i < 100_000; i++) b.put_u8(i);
    expect(b.get_size()).toBe(100_000);
    b.seek(99_999);
    expect(b.get_u8()).toBe(99_999 & 0xff);
  });

  it("seek rejects positions outside 0..size with one line each", () => {
    const b = reader("0102");
    const cap = capture_output();
    try {
      b.seek(1);
      b.seek(-1);
      b.seek(3);
      expect(b.get_position()).toBe(1);
      b.seek(2);
      expect(b.get_position()).toBe(2);
      expect(cap.lines("error")).toHaveLength(2);
    } finally {
      cap.restore();
    }
  });

  it("resize pads with zeros, truncates, and keeps the cursor inside", () => {
    const b = reader("010203");
    b.seek(3);
    b.resize(5);
    expect(hex(b.data_array)).toBe("0102030000");
    b.resize(2);
    expect(hex(b.data_array)).toBe("0102");
    expect(b.get_position()).toBe(2);
    expect(b.get_available_bytes()).toBe(0);
    b.resize(4);
    expect(hex(b.data_array)).toBe("01020000"); // bytes cut away do not come back
    const cap = capture_output();
    try {
      b.resize(-1);
      expect(b.get_size()).toBe(4);
      expect(cap.lines("error")).toHaveLength(1);
    } finally {
      cap.restore();
    }
  });

  it("data_array is a copy both ways, and setting it rewinds", () => {
    const source = Uint8Array.of(1, 2, 3);
    const b = new StreamPeerBuffer();
    b.put_u8(9);
    b.data_array = source;
    expect(b.get_position()).toBe(0);
    source[0] = 99;
    expect(b.get_u8()).toBe(1);
    const out = b.data_array;
    out[1] = 99;
    expect(b.get_u8()).toBe(2);
    expect(b.get_available_bytes()).toBe(1);
  });

  it("clear empties; duplicate copies the data with its own cursor", () => {
    const b = reader("0102");
    b.seek(1);
    const d = b.duplicate();
    expect(d).toBeInstanceOf(StreamPeerBuffer);
    expect(d.get_position()).toBe(0);
    expect(hex(d.data_array)).toBe("0102");
    d.put_u8(7);
    expect(hex(b.data_array)).toBe("0102");
    b.clear();
    expect(b.get_size()).toBe(0);
    expect(b.get_position()).toBe(0);
    expect(hex(d.data_array)).toBe("0702");
  });
});

describe("StreamPeerBuffer bad arguments", () => {
  it("answer with a code or nothing, one error line each, never a throw", () => {
    const b = new StreamPeerBuffer();
    const cap = capture_output();
    try {
      expect(b.put_data("abc" as unknown as Uint8Array)).toBe(ERR_INVALID_PARAMETER);
      expect(b.put_partial_data([1, 2] as unknown as Uint8Array)).toEqual([ERR_INVALID_PARAMETER, 0]);
      expect(b.get_data(-1)).toEqual([ERR_OUT_OF_MEMORY, new Uint8Array(0)]);
      expect(b.get_partial_data("x" as unknown as number)).toEqual([ERR_OUT_OF_MEMORY, new Uint8Array(0)]);
      b.put_32("x" as unknown as number);
      b.put_float({} as unknown as number);
      b.put_64(null as unknown as number);
      b.put_string(5 as unknown as string);
      b.put_utf8_string(undefined as unknown as string);
      expect(b.get_string("x" as unknown as number)).toBe("");
      b.data_array = "nope" as unknown as Uint8Array;
      expect(b.get_size()).toBe(0);
      expect(cap.lines("error")).toHaveLength(11);
    } finally {
      cap.restore();
    }
  });
});
