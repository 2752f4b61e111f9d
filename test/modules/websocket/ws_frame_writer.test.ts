import { describe, expect, it } from "vitest";
import { ERR_INVALID_PARAMETER, OK } from "../../../src/core/error/error_list.js";
import {
  WsFrameWriter,
  encode_frame,
  frame_header_size,
} from "../../../src/modules/websocket/ws_frame_writer.js";
import { ascii, concat, hex, parse_all } from "./ws_test_helpers.js";

const KEY = 0x37fa213d;
const fixed_key = () => KEY;

describe("encode_frame", () => {
  it("produces the RFC 6455 §5.7 example frames", () => {
    expect(encode_frame(1, ascii("Hello"))).toEqual(hex("81 05 48 65 6c 6c 6f"));
    expect(encode_frame(1, ascii("Hello"), true, KEY)).toEqual(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
    expect(encode_frame(1, ascii("Hel"), false)).toEqual(hex("01 03 48 65 6c"));
    expect(encode_frame(0, ascii("lo"), true)).toEqual(hex("80 02 6c 6f"));
    expect(encode_frame(9, ascii("Hello"))).toEqual(hex("89 05 48 65 6c 6c 6f"));
    expect(encode_frame(10, ascii("Hello"), true, KEY)).toEqual(hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"));
    const b256 = encode_frame(2, new Uint8Array(256));
    expect(b256.subarray(0, 4)).toEqual(hex("82 7e 01 00"));
    expect(b256.length).toBe(260);
    const b64k = encode_frame(2, new Uint8Array(65536));
    expect(b64k.subarray(0, 10)).toEqual(hex("82 7f 00 00 00 00 00 01 00 00"));
    expect(b64k.length).toBe(65546);
  });

  it("uses the shortest length form at each boundary", () => {
    for (const [n, size] of [
      [0, 2],
      [125, 2],
      [126, 4],
      [65535, 4],
      [65536, 10],
      [16 * 1024 * 1024, 10],
    ] as const) {
      expect(frame_header_size(n, false)).toBe(size);
      expect(frame_header_size(n, true)).toBe(size + 4);
      const f = encode_frame(2, new Uint8Array(n));
      expect(f.length).toBe(n + size);
      const events = parse_all(f, "client");
      expect(events).toHaveLength(1);
      const ev = events[0]!;
      expect(ev.kind === "binary" && ev.payload.length === n && ev.payload.every((b) => b === 0)).toBe(true);
    }
    const big = encode_frame(2, new Uint8Array(16 * 1024 * 1024));
    expect(big.subarray(0, 10)).toEqual(hex("82 7f 00 00 00 00 01 00 00 00"));
  });
});

describe("WsFrameWriter", () => {
  it("coalesces small frames of a batch into one buffer", () => {
    const w = new WsFrameWriter({ role: "server" });
    for (let i = 0; i < 10; i++) w.add_message(new Uint8Array(64).fill(i), false);
    expect(w.pending_frames).toBe(10);
    expect(w.pending_bytes).toBe(660);
    const out = w.take();
    expect(out).toHaveLength(1);
    expect(out[0]!.length).toBe(660);
    expect(w.pending_bytes).toBe(0);
    const events = parse_all(out[0]!, "client");
    expect(events.map((e) => (e.kind === "binary" ? e.payload[0] : -1))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(w.take()).toEqual([]);
  });

  it("references a large unmasked payload instead of copying it", () => {
    const w = new WsFrameWriter({ role: "server" });
    const big = new Uint8Array(100_000).fill(7);
    w.add_message(ascii("a"), true);
    w.add_message(big, false);
    w.add_message(ascii("b"), true);
    const out = w.take();
    expect(out).toHaveLength(3);
    expect(out[1]).toBe(big);
    expect(parse_all(concat(...out), "client")).toEqual([
      { kind: "text", payload: ascii("a") },
      { kind: "binary", payload: big },
      { kind: "text", payload: ascii("b") },
    ]);
  });

  it("masks client frames with a fresh key each, never touching the caller's payload", () => {
    const w = new WsFrameWriter({ role: "client" });
    const payload = new Uint8Array(40_000).fill(0x55);
    w.add_message(payload, false);
    w.add_message(ascii("xyz"), true);
    const wire = concat(...w.take());
    expect(payload.every((b) => b === 0x55)).toBe(true);
    expect(wire[1]! & 0x80).toBe(0x80);
    const key1 = wire.subarray(4, 8); // 16-bit length form
    const second = wire.subarray(8 + 40_000);
    expect(second[1]! & 0x80).toBe(0x80);
    expect(second.subarray(2, 6)).not.toEqual(key1); // 2^-32 chance of a false failure
    expect(parse_all(wire, "server")).toEqual([
      { kind: "binary", payload },
      { kind: "text", payload: ascii("xyz") },
    ]);
  });

  it("uses an injected key source", () => {
    const w = new WsFrameWriter({ role: "client", mask_key_source: fixed_key });
    w.add_message(ascii("Hello"), true);
    expect(concat(...w.take())).toEqual(hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"));
  });

  it("keeps each writer's frames in order when writers interleave on the shared slab", () => {
    const a = new WsFrameWriter({ role: "server" });
    const b = new WsFrameWriter({ role: "server" });
    for (let i = 0; i < 5000; i++) {
      a.add_message(Uint8Array.of(i & 0xff, 1), false);
      b.add_message(Uint8Array.of(i & 0xff, 2), false);
      if (i % 7 === 0) b.add_message(new Uint8Array(300), false);
    }
    const from_a = parse_all(concat(...a.take()), "client");
    const from_b = parse_all(concat(...b.take()), "client");
    expect(from_a).toHaveLength(5000);
    expect(from_a.every((e, i) => e.kind === "binary" && e.payload[0] === (i & 0xff) && e.payload[1] === 1)).toBe(true);
    expect(from_b).toHaveLength(5000 + Math.ceil(5000 / 7));
  });

  it("never rewrites bytes already handed out", () => {
    const w = new WsFrameWriter({ role: "server" });
    w.add_message(ascii("first"), true);
    const [first] = w.take();
    const snapshot = Uint8Array.from(first!);
    for (let i = 0; i < 3000; i++) w.add_message(new Uint8Array(100).fill(0xee), false);
    w.take();
    expect(Array.from(first!)).toEqual(Array.from(snapshot));
  });

  it("writes control frames and validates them", () => {
    const w = new WsFrameWriter({ role: "server" });
    expect(w.add_ping(ascii("p"))).toBe(OK);
    expect(w.add_pong(ascii("q"))).toBe(OK);
    expect(w.add_close(1000, "bye")).toBe(OK);
    expect(w.add_close()).toBe(OK);
    expect(parse_all(concat(...w.take()), "client")).toEqual([
      { kind: "ping", payload: ascii("p") },
      { kind: "pong", payload: ascii("q") },
      { kind: "close", code: 1000, reason: "bye" },
    ]);
    expect(w.add_ping(new Uint8Array(126))).toBe(ERR_INVALID_PARAMETER);
    expect(w.add_pong(new Uint8Array(126))).toBe(ERR_INVALID_PARAMETER);
    expect(w.add_close(1000, "x".repeat(123))).toBe(OK);
    expect(w.add_close(1000, "x".repeat(124))).toBe(ERR_INVALID_PARAMETER);
    expect(w.add_close(1000, "é".repeat(62))).toBe(ERR_INVALID_PARAMETER); // 124 bytes
    for (const bad of [0, 999, 1004, 1005, 1006, 1015, 2000, 5000, 1000.5]) {
      expect(w.add_close(bad)).toBe(ERR_INVALID_PARAMETER);
    }
    expect(w.add_close(undefined, "reason without code")).toBe(ERR_INVALID_PARAMETER);
    expect(w.pending_frames).toBe(1);
    w.clear();
    expect(w.pending_frames).toBe(0);
    expect(w.take()).toEqual([]);
  });
});
