import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  HEADER_BLOCK_DONE,
  HEADER_BLOCK_ERROR,
  HEADER_BLOCK_NEED_MORE,
  HttpHeaderBlockReader,
  header_has_token,
  header_list,
  parse_header_block,
} from "../../../src/modules/websocket/http_header_block.js";
import { ascii } from "./ws_test_helpers.js";

const request = "GET /chat HTTP/1.1\r\nHost: example.com\r\nUpgrade: websocket\r\n\r\n";

describe("HttpHeaderBlockReader", () => {
  it("finds the end of the block and returns what follows as leftover", () => {
    const r = new HttpHeaderBlockReader();
    const bytes = ascii(request + "\x81\x05Hello");
    expect(r.push(bytes)).toBe(HEADER_BLOCK_DONE);
    expect(r.text).toBe(request.slice(0, -4));
    expect(Array.from(r.leftover)).toEqual(Array.from(ascii("\x81\x05Hello")));
    expect(r.leftover.buffer).toBe(bytes.buffer); // a view, not a copy
  });

  it("works fed one byte at a time, with the terminator split anywhere", () => {
    const bytes = ascii(request + "XY");
    for (let cut = 1; cut < bytes.length; cut++) {
      const r = new HttpHeaderBlockReader();
      const first = r.push(bytes.subarray(0, cut));
      if (cut < request.length) expect(first).toBe(HEADER_BLOCK_NEED_MORE);
      const second = first === HEADER_BLOCK_DONE ? first : r.push(bytes.subarray(cut));
      expect(second).toBe(HEADER_BLOCK_DONE);
      expect(r.text).toBe(request.slice(0, -4));
      // Bytes past the block that came in the completing push are the leftover; the rest stay with the caller.
      const leftover = first === HEADER_BLOCK_DONE ? "XY".slice(0, cut - request.length) : "XY";
      expect(new TextDecoder().decode(r.leftover)).toBe(leftover);
    }
    const r = new HttpHeaderBlockReader();
    let status = HEADER_BLOCK_NEED_MORE as number;
    for (const b of ascii(request)) status = r.push(Uint8Array.of(b));
    expect(status).toBe(HEADER_BLOCK_DONE);
    expect(r.leftover.length).toBe(0);
  });

  it("enforces the size bound, terminator included (431)", () => {
    const exact = new HttpHeaderBlockReader(request.length);
    expect(exact.push(ascii(request))).toBe(HEADER_BLOCK_DONE);
    const small = new HttpHeaderBlockReader(request.length - 1);
    expect(small.push(ascii(request))).toBe(HEADER_BLOCK_ERROR);
    expect(small.error_status).toBe(431);
    expect(small.error_reason).toContain(String(request.length - 1));
    // Fails before the whole oversized block has arrived, and stays failed.
    const r = new HttpHeaderBlockReader();
    expect(r.push(new Uint8Array(8188).fill(0x61))).toBe(HEADER_BLOCK_NEED_MORE); // + CRLFCRLF would be 8192
    expect(r.push(Uint8Array.of(0x61))).toBe(HEADER_BLOCK_ERROR);
    expect(r.push(ascii("\r\n\r\n"))).toBe(HEADER_BLOCK_ERROR);
    expect(r.buffered_bytes).toBe(0);
    expect(new HttpHeaderBlockReader().max_bytes).toBe(8192);
  });

  it("rejects bare LF and bare CR (400)", () => {
    for (const text of ["GET / HTTP/1.1\nHost: a\n\n", "GET / HTTP/1.1\r\nHost: a\rb\r\n\r\n", "GET /\r\r\n"]) {
      const r = new HttpHeaderBlockReader();
      expect(r.push(ascii(text))).toBe(HEADER_BLOCK_ERROR);
      expect(r.error_status).toBe(400);
    }
  });

  it("never throws and always settles on arbitrary bytes (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 40 }), fc.integer({ min: 0, max: 2000 }), (chunks, max) => {
        const r = new HttpHeaderBlockReader(max);
        let total = 0;
        for (const c of chunks) {
          const status = r.push(c);
          total += c.length;
          expect(r.buffered_bytes).toBeLessThanOrEqual(r.max_bytes);
          if (status === HEADER_BLOCK_DONE) {
            expect(r.text.length + 4).toBeLessThanOrEqual(r.max_bytes);
            expect(r.text.length + 4 + r.leftover.length).toBeLessThanOrEqual(total);
            parse_header_block(r.text);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe("parse_header_block", () => {
  it("splits the start line and fields, lower-casing names and keeping repeats", () => {
    const parsed = parse_header_block("\r\nGET / HTTP/1.1\r\nHost:  a.b \r\nX-A: 1\r\nx-a:2\r\nEmpty:");
    expect(parsed).toEqual({
      ok: true,
      start_line: "GET / HTTP/1.1",
      fields: new Map([
        ["host", ["a.b"]],
        ["x-a", ["1", "2"]],
        ["empty", [""]],
      ]),
    });
  });

  const bad: Record<string, string> = {
    "obs-fold": "GET / HTTP/1.1\r\nX: a\r\n  b",
    "space before colon": "GET / HTTP/1.1\r\nHost : a",
    "no colon": "GET / HTTP/1.1\r\nHost a",
    "empty name": "GET / HTTP/1.1\r\n: a",
    "NUL in value": "GET / HTTP/1.1\r\nX: a\u0000b",
    "DEL in value": "GET / HTTP/1.1\r\nX: a\u007fb",
    "non-token name": "GET / HTTP/1.1\r\nX(y): a",
    empty: "",
  };
  for (const [name, text] of Object.entries(bad)) {
    it(`rejects ${name}`, () => {
      expect(parse_header_block(text).ok).toBe(false);
    });
  }

  it("limits the number of fields", () => {
    const text = "GET / HTTP/1.1" + "\r\nX: 1".repeat(100);
    expect(parse_header_block(text).ok).toBe(true);
    expect(parse_header_block(text + "\r\nX: 1")).toEqual({ ok: false, reason: "More than 100 header fields." });
    expect(parse_header_block(text, 10).ok).toBe(false);
  });

  it("reads comma lists across lines", () => {
    const parsed = parse_header_block("GET / HTTP/1.1\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Protocol: a, b,,c\r\nSec-WebSocket-Protocol: d");
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(header_has_token(parsed.fields, "connection", "upgrade")).toBe(true);
    expect(header_has_token(parsed.fields, "connection", "close")).toBe(false);
    expect(header_list(parsed.fields, "sec-websocket-protocol")).toEqual(["a", "b", "c", "d"]);
    expect(header_list(parsed.fields, "missing")).toEqual([]);
  });

  it("keeps obs-text bytes (latin-1) intact", () => {
    const r = new HttpHeaderBlockReader();
    r.push(Uint8Array.from([...ascii("GET / HTTP/1.1\r\nX: "), 0xe9, 0xff, ...ascii("\r\n\r\n")]));
    const parsed = parse_header_block(r.text);
    expect(parsed.ok && parsed.fields.get("x")).toEqual(["\u00e9\u00ff"]);
  });
});
