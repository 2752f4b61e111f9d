import { describe, expect, it } from "vitest";
import {
  WS_PARSE_BINARY,
  WS_PARSE_ERROR,
  WS_PARSE_NEED_MORE,
  WS_PARSE_TEXT,
  WsFrameParser,
} from "../../../src/modules/websocket/ws_frame_parser.js";
import { ascii, concat, hex, parse_all, parse_chunked, raw_frame } from "./ws_test_helpers.js";

const MASK = [0x37, 0xfa, 0x21, 0x3d] as const;
const hello = ascii("Hello");

describe("RFC 6455 §5.7 examples", () => {
  it("single-frame unmasked text (server to client)", () => {
    expect(parse_all(hex("81 05 48 65 6c 6c 6f"), "client")).toEqual([{ kind: "text", payload: hello }]);
  });

  it("single-frame masked text (client to server)", () => {
    expect(parse_all(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"), "server")).toEqual([{ kind: "text", payload: hello }]);
  });

  it("fragmented unmasked text", () => {
    expect(parse_all(hex("01 03 48 65 6c  80 02 6c 6f"), "client")).toEqual([{ kind: "text", payload: hello }]);
  });

  it("unmasked Ping and masked Pong", () => {
    expect(parse_all(hex("89 05 48 65 6c 6c 6f"), "client")).toEqual([{ kind: "ping", payload: hello }]);
    expect(parse_all(hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"), "server")).toEqual([{ kind: "pong", payload: hello }]);
  });

  it("256-byte binary in one unmasked frame (16-bit length)", () => {
    const payload = Uint8Array.from({ length: 256 }, (_, i) => i);
    const bytes = concat(hex("82 7e 01 00"), payload);
    expect(parse_all(bytes, "client")).toEqual([{ kind: "binary", payload }]);
  });

  it("64 KiB binary in one unmasked frame (64-bit length)", () => {
    const payload = Uint8Array.from({ length: 65536 }, (_, i) => (i * 7) & 0xff);
    const bytes = concat(hex("82 7f 00 00 00 00 00 01 00 00"), payload);
    expect(parse_all(bytes, "client")).toEqual([{ kind: "binary", payload }]);
  });
});

describe("length classes", () => {
  for (const n of [0, 1, 125, 126, 127, 65535, 65536, 16 * 1024 * 1024]) {
    it(`${n} bytes, masked and unmasked, whole and in chunks`, () => {
      const payload = new Uint8Array(n);
      for (let i = 0; i < n; i += 97) payload[i] = i & 0xff;
      const unmasked = raw_frame({ opcode: 2, payload });
      const masked = raw_frame({ opcode: 2, payload, mask: MASK });
      expect(unmasked.length).toBe(n + (n < 126 ? 2 : n < 65536 ? 4 : 10));
      for (const [bytes, role] of [
        [unmasked, "client"],
        [masked, "server"],
      ] as const) {
        const sizes = n > 1 << 20 ? [65536, 1000, 3] : [1, 2, 3, 5, 7, 4096];
        for (const chunks of [[bytes.length], sizes]) {
          const { events } = parse_chunked(bytes, { role }, chunks);
          expect(events).toHaveLength(1);
          const ev = events[0]!;
          expect(ev.kind).toBe("binary");
          if (ev.kind === "binary") expect(Buffer.from(ev.payload).equals(Buffer.from(payload))).toBe(true);
        }
      }
    });
  }

  it("accepts non-minimal length encodings (the minimal-length rule binds senders, §5.2)", () => {
    const bytes = raw_frame({ opcode: 1, payload: hello, length_override: Uint8Array.of(126, 0, 5) });
    expect(parse_all(bytes, "client")).toEqual([{ kind: "text", payload: hello }]);
  });
});

describe("zero-copy and memory", () => {
  it("returns a view of the pushed chunk, unmasked in place, for a single-frame message in one chunk", () => {
    const chunk = raw_frame({ opcode: 2, payload: hello, mask: MASK });
    const parser = new WsFrameParser({ role: "server", max_message_size: 100 });
    parser.push(chunk);
    expect(parser.next()).toBe(WS_PARSE_BINARY);
    expect(parser.payload.buffer).toBe(chunk.buffer);
    expect(parser.payload.byteOffset).toBe(6);
    expect(Array.from(chunk.subarray(6))).toEqual(Array.from(hello));
  });

  it("concatenates a message spread over chunks into one new buffer", () => {
    const payload = Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff);
    const bytes = raw_frame({ opcode: 2, payload });
    const parser = new WsFrameParser({ role: "client", max_message_size: 2000 });
    parser.push(bytes.subarray(0, 600));
    expect(parser.next()).toBe(WS_PARSE_NEED_MORE);
    expect(parser.buffered_bytes).toBe(596);
    parser.push(bytes.subarray(600));
    expect(parser.next()).toBe(WS_PARSE_BINARY);
    expect(parser.payload.buffer).not.toBe(bytes.buffer);
    expect(Array.from(parser.payload)).toEqual(Array.from(payload));
    expect(parser.buffered_bytes).toBe(0);
  });

  it("counts unparsed bytes and keeps them for later when the peer stops pulling", () => {
    const one = raw_frame({ opcode: 2, payload: hello });
    const parser = new WsFrameParser({ role: "client", max_message_size: 100 });
    parser.push(concat(one, one, one));
    expect(parser.buffered_bytes).toBe(21);
    expect(parser.next()).toBe(WS_PARSE_BINARY);
    expect(parser.buffered_bytes).toBe(14);
    expect(parser.next()).toBe(WS_PARSE_BINARY);
    expect(parser.next()).toBe(WS_PARSE_BINARY);
    expect(parser.next()).toBe(WS_PARSE_NEED_MORE);
    expect(parser.buffered_bytes).toBe(0);
  });

  it("does not pin large chunks for tiny fragments", () => {
    const parser = new WsFrameParser({ role: "client", max_message_size: 1 << 20 });
    const first = raw_frame({ opcode: 2, fin: false, payload: Uint8Array.of(1) });
    const padding = raw_frame({ opcode: 9, payload: new Uint8Array(100) });
    const big = new Uint8Array(first.length + padding.length * 580);
    big.set(first);
    for (let at = first.length; at < big.length; at += padding.length) big.set(padding, at);
    parser.push(big);
    while (parser.next() !== WS_PARSE_NEED_MORE);
    // The 1-byte piece was copied out of the 60 KB chunk rather than kept as a view of it.
    const pieces = (parser as unknown as { pieces: Uint8Array[] }).pieces;
    expect(pieces).toHaveLength(1);
    expect(pieces[0]!.buffer).not.toBe(big.buffer);
    expect(parser.buffered_bytes).toBe(1);
    parser.push(raw_frame({ opcode: 0, payload: Uint8Array.of(2) }));
    expect(parser.next()).toBe(WS_PARSE_BINARY);
    expect(Array.from(parser.payload)).toEqual([1, 2]);
  });
});

describe("fragmentation and interleaving", () => {
  it("reassembles many fragments with control frames in between", () => {
    const bytes = concat(
      raw_frame({ opcode: 2, fin: false, payload: ascii("ab") }),
      raw_frame({ opcode: 9, payload: ascii("p1") }),
      raw_frame({ opcode: 0, fin: false, payload: new Uint8Array(0) }),
      raw_frame({ opcode: 10, payload: ascii("p2") }),
      raw_frame({ opcode: 0, fin: false, payload: ascii("cd") }),
      raw_frame({ opcode: 0, fin: true, payload: ascii("e") }),
    );
    for (const sizes of [[bytes.length], [1], [3, 1]]) {
      expect(parse_chunked(bytes, { role: "client" }, sizes).events).toEqual([
        { kind: "ping", payload: ascii("p1") },
        { kind: "pong", payload: ascii("p2") },
        { kind: "binary", payload: ascii("abcde") },
      ]);
    }
  });

  it("delivers empty messages, text and binary", () => {
    const bytes = concat(raw_frame({ opcode: 1 }), raw_frame({ opcode: 2, mask: MASK }).subarray(0, 0), raw_frame({ opcode: 2 }));
    expect(parse_all(bytes, "client")).toEqual([
      { kind: "text", payload: new Uint8Array(0) },
      { kind: "binary", payload: new Uint8Array(0) },
    ]);
    expect(parse_all(concat(raw_frame({ opcode: 1, fin: false }), raw_frame({ opcode: 0 })), "client")).toEqual([
      { kind: "text", payload: new Uint8Array(0) },
    ]);
  });

  it("handles a control frame whose payload straddles chunks", () => {
    const bytes = raw_frame({ opcode: 9, payload: ascii("x".repeat(125)), mask: MASK });
    const { events } = parse_chunked(bytes, { role: "server" }, [1, 4, 60, 2]);
    expect(events).toEqual([{ kind: "ping", payload: ascii("x".repeat(125)) }]);
  });
});

describe("UTF-8", () => {
  const snowman = ascii("☃"); // e2 98 83
  const emoji = ascii("😀"); // f0 9f 98 80

  it("validates a code point split across frames", () => {
    for (let split = 1; split < 4; split++) {
      const bytes = concat(
        raw_frame({ opcode: 1, fin: false, payload: emoji.subarray(0, split) }),
        raw_frame({ opcode: 0, fin: true, payload: emoji.subarray(split) }),
      );
      expect(parse_all(bytes, "client")).toEqual([{ kind: "text", payload: emoji }]);
    }
  });

  it("validates a code point split across chunks of one frame", () => {
    const payload = concat(ascii("a".repeat(40)), snowman, emoji, ascii("z"));
    const bytes = raw_frame({ opcode: 1, payload, mask: MASK });
    for (let cut = 1; cut < bytes.length; cut++) {
      const { events } = parse_chunked(bytes, { role: "server" }, [cut, bytes.length]);
      expect(events).toEqual([{ kind: "text", payload }]);
    }
  });

  const invalid: Record<string, string> = {
    "lone continuation": "80",
    "overlong 2-byte": "c0 af",
    "overlong 3-byte": "e0 80 af",
    "overlong 4-byte": "f0 80 80 af",
    surrogate: "ed a0 80",
    "above U+10FFFF": "f4 90 80 80",
    "invalid lead F5": "f5 80 80 80",
    "truncated at end": "e2 98",
  };
  for (const [name, h] of Object.entries(invalid)) {
    it(`fails 1007 on ${name}, whole and split`, () => {
      const payload = concat(ascii("ok"), hex(h));
      const whole = parse_all(raw_frame({ opcode: 1, payload }), "client");
      expect(whole).toEqual([{ kind: "error", code: 1007, reason: expect.stringContaining("UTF-8") }]);
      const frags = concat(
        raw_frame({ opcode: 1, fin: false, payload: payload.subarray(0, 3) }),
        raw_frame({ opcode: 0, fin: true, payload: payload.subarray(3) }),
      );
      const events = parse_chunked(frags, { role: "client" }, [1]).events;
      expect(events.at(-1)).toMatchObject({ kind: "error", code: 1007 });
    });
  }

  it("fails fast: an invalid fragment is reported before the message ends", () => {
    const parser = new WsFrameParser({ role: "client", max_message_size: 1000 });
    parser.push(raw_frame({ opcode: 1, fin: false, payload: hex("ff") }));
    expect(parser.next()).toBe(WS_PARSE_ERROR);
    expect(parser.error_code).toBe(1007);
  });

  it("does not validate binary messages", () => {
    expect(parse_all(raw_frame({ opcode: 2, payload: hex("ff fe") }), "client")).toEqual([
      { kind: "binary", payload: hex("ff fe") },
    ]);
  });
});

describe("Close frames", () => {
  const close = (payload: Uint8Array) => parse_all(raw_frame({ opcode: 8, payload, mask: MASK }), "server");

  it("reports code and reason", () => {
    expect(close(concat(hex("03 e8"), ascii("bye ☃")))).toEqual([{ kind: "close", code: 1000, reason: "bye ☃" }]);
  });

  it("reports 1005 for an empty Close", () => {
    expect(close(new Uint8Array(0))).toEqual([{ kind: "close", code: 1005, reason: "" }]);
  });

  it("rejects a 1-byte payload with 1002", () => {
    expect(close(hex("03"))).toEqual([{ kind: "error", code: 1002, reason: expect.stringContaining("1-byte") }]);
  });

  for (const code of [1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999]) {
    it(`accepts code ${code}`, () => {
      expect(close(Uint8Array.of(code >> 8, code & 0xff))).toEqual([{ kind: "close", code, reason: "" }]);
    });
  }
  for (const code of [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535]) {
    it(`rejects code ${code} with 1002`, () => {
      expect(close(Uint8Array.of(code >> 8, code & 0xff))).toEqual([
        { kind: "error", code: 1002, reason: expect.stringContaining(String(code)) },
      ]);
    });
  }

  it("rejects an invalid UTF-8 reason with 1007", () => {
    expect(close(hex("03 e8 ce ba e1 bd b9 cf 83 ce bc ce b5 ed a0 80 65 64 69 74 65 64"))).toMatchObject([
      { kind: "error", code: 1007 },
    ]);
  });

  it("stops after Close: later frames are ignored, buffers released", () => {
    const bytes = concat(raw_frame({ opcode: 8, payload: hex("03 e8") }), raw_frame({ opcode: 1, payload: hello }));
    const { events, parser } = parse_chunked(bytes, { role: "client" });
    expect(events).toEqual([{ kind: "close", code: 1000, reason: "" }]);
    expect(parser.stopped).toBe(true);
    parser.push(raw_frame({ opcode: 1, payload: hello }));
    expect(parser.next()).toBe(WS_PARSE_NEED_MORE);
    expect(parser.buffered_bytes).toBe(0);
  });

  it("may arrive in the middle of a fragmented message", () => {
    const bytes = concat(raw_frame({ opcode: 1, fin: false, payload: hello }), raw_frame({ opcode: 8, payload: hex("03 e9") }));
    expect(parse_all(bytes, "client")).toEqual([{ kind: "close", code: 1001, reason: "" }]);
  });
});

describe("protocol violations", () => {
  const cases: [string, Uint8Array, "client" | "server", number][] = [
    ["RSV1", raw_frame({ opcode: 1, rsv: 4, payload: hello }), "client", 1002],
    ["RSV2", raw_frame({ opcode: 1, rsv: 2, payload: hello }), "client", 1002],
    ["RSV3", raw_frame({ opcode: 1, rsv: 1, payload: hello }), "client", 1002],
    ["RSV on a control frame", raw_frame({ opcode: 9, rsv: 7 }), "client", 1002],
    ["data opcode 3", raw_frame({ opcode: 3 }), "client", 1002],
    ["data opcode 7", raw_frame({ opcode: 7 }), "client", 1002],
    ["control opcode 0xB", raw_frame({ opcode: 0xb }), "client", 1002],
    ["control opcode 0xF", raw_frame({ opcode: 0xf }), "client", 1002],
    ["fragmented Ping", raw_frame({ opcode: 9, fin: false }), "client", 1002],
    ["fragmented Close", raw_frame({ opcode: 8, fin: false }), "client", 1002],
    ["Ping of 126 bytes", raw_frame({ opcode: 9, payload: new Uint8Array(126) }), "client", 1002],
    ["Pong with 16-bit length 5", raw_frame({ opcode: 10, payload: hello, length_override: Uint8Array.of(126, 0, 5) }), "client", 1002],
    ["continuation with nothing in progress", raw_frame({ opcode: 0, payload: hello }), "client", 1002],
    [
      "new data frame while fragmented",
      concat(raw_frame({ opcode: 1, fin: false, payload: hello }), raw_frame({ opcode: 2, payload: hello })),
      "client",
      1002,
    ],
    [
      "64-bit length with the top bit set",
      concat(hex("82 ff 80 00 00 00 00 00 00 01"), Uint8Array.from(MASK)),
      "server",
      1002,
    ],
    ["unmasked frame to a server", raw_frame({ opcode: 1, payload: hello }), "server", 1002],
    ["masked frame to a client", raw_frame({ opcode: 1, payload: hello, mask: MASK }), "client", 1002],
    ["unmasked control frame to a server", raw_frame({ opcode: 9 }), "server", 1002],
  ];
  for (const [name, bytes, role, code] of cases) {
    it(`${name} → ${code}`, () => {
      for (const sizes of [[bytes.length], [1]]) {
        const { events, parser } = parse_chunked(bytes, { role }, sizes);
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ kind: "error", code });
        expect(parser.stopped).toBe(true);
        expect(parser.buffered_bytes).toBe(0);
      }
    });
  }

  it("reports the error once, after the messages before it", () => {
    const bytes = concat(raw_frame({ opcode: 1, payload: hello }), raw_frame({ opcode: 3 }), raw_frame({ opcode: 1, payload: hello }));
    const parser = new WsFrameParser({ role: "client", max_message_size: 100 });
    parser.push(bytes);
    expect(parser.next()).toBe(WS_PARSE_TEXT);
    expect(parser.next()).toBe(WS_PARSE_ERROR);
    expect(parser.error_reason).toMatch(/opcode/);
    expect(parser.next()).toBe(WS_PARSE_NEED_MORE);
    expect(parser.next()).toBe(WS_PARSE_NEED_MORE);
  });

  it("fails on the first two header bytes without waiting for the rest", () => {
    const parser = new WsFrameParser({ role: "server", max_message_size: 100 });
    parser.push(hex("82 7f")); // unmasked, the 8 length bytes have not arrived
    expect(parser.next()).toBe(WS_PARSE_ERROR);
    expect(parser.error_code).toBe(1002);
  });
});

describe("max_message_size → 1009", () => {
  it("accepts a message of exactly the limit", () => {
    expect(parse_all(raw_frame({ opcode: 2, payload: new Uint8Array(100) }), "client", 100)).toHaveLength(1);
  });

  it("rejects a single frame over the limit at its header, before any payload", () => {
    const parser = new WsFrameParser({ role: "client", max_message_size: 100 });
    parser.push(hex("82 7e 00 65")); // 101 bytes announced, none sent
    expect(parser.next()).toBe(WS_PARSE_ERROR);
    expect(parser.error_code).toBe(1009);
    expect(parser.error_reason).toContain("100");
  });

  it("rejects a huge 64-bit length", () => {
    const parser = new WsFrameParser({ role: "client", max_message_size: 1 << 20 });
    parser.push(hex("82 7f 7f ff ff ff ff ff ff ff"));
    expect(parser.next()).toBe(WS_PARSE_ERROR);
    expect(parser.error_code).toBe(1009);
  });

  it("counts the total of all fragments", () => {
    const bytes = concat(
      raw_frame({ opcode: 2, fin: false, payload: new Uint8Array(60) }),
      raw_frame({ opcode: 0, fin: false, payload: new Uint8Array(40) }),
      raw_frame({ opcode: 0, fin: true, payload: new Uint8Array(1) }),
    );
    expect(parse_all(bytes, "client", 100)).toEqual([{ kind: "error", code: 1009, reason: expect.any(String) }]);
    expect(parse_all(bytes, "client", 101)).toHaveLength(1);
  });

  it("does not apply to control frames", () => {
    expect(parse_all(raw_frame({ opcode: 9, payload: new Uint8Array(125) }), "client", 0)).toHaveLength(1);
  });

  it("with a limit of 0 only empty messages pass", () => {
    expect(parse_all(raw_frame({ opcode: 2 }), "client", 0)).toEqual([{ kind: "binary", payload: new Uint8Array(0) }]);
    expect(parse_all(raw_frame({ opcode: 2, payload: Uint8Array.of(1) }), "client", 0)).toMatchObject([{ code: 1009 }]);
  });
});
