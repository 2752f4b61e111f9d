/**
 * Malformed handshakes and frames from a raw TCP socket: each gets the right
 * HTTP error or close code, nothing throws out of poll(), and the server keeps
 * serving a well-behaved client meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import * as fc from "fast-check";
import { capture_output, type OutputCapture } from "../../../src/core/error/error_sink.js";
import "../../../src/index.js";
import { GdEchoServer, until } from "./ws_harness.js";
import { RawClient, close_code_in, frame } from "./raw_client.js";

let server: GdEchoServer;
let cap: OutputCapture;

beforeAll(async () => {
  cap = capture_output(); // hostile input is reported through the sink; keep the test output clean
  server = new GdEchoServer({ buffer_size: 4096, handshake_timeout: 0.5 });
  await server.start();
});

afterAll(async () => {
  await server.stop();
  cap.restore();
});

/** A well-behaved client still gets its echo: one bad connection never disturbs another. */
async function others_still_served(): Promise<void> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}/`);
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => ws.send("still there?"));
      ws.once("message", (data) => (String(data) === "still there?" ? resolve() : reject(new Error(String(data)))));
      ws.once("error", reject);
    });
  } finally {
    ws.terminate();
  }
}

async function http_status_for(request: string): Promise<string> {
  const raw = await RawClient.connect(server.port);
  raw.send(request);
  const data = await raw.wait_for((d) => d.includes("\r\n\r\n"));
  await raw.wait_closed();
  raw.close();
  return data.toString("latin1").split("\r\n")[0] ?? "";
}

const KEY = "dGhlIHNhbXBsZSBub25jZQ==";
const GOOD_HEADERS = `Host: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n`;

describe("malformed handshakes get an HTTP error and the connection is closed", () => {
  it.each([
    ["a two-word request line (crashes the engine)", `GET /\r\n${GOOD_HEADERS}\r\n`, "400"],
    ["a POST", `POST / HTTP/1.1\r\n${GOOD_HEADERS}\r\n`, "405"],
    ["HTTP/1.0", `GET / HTTP/1.0\r\n${GOOD_HEADERS}\r\n`, "400"],
    ["no Sec-WebSocket-Key", `GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n`, "400"],
    ["a key that is not 16 bytes of base64", `GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: abc\r\nSec-WebSocket-Version: 13\r\n\r\n`, "400"],
    ["version 8", `GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 8\r\n\r\n`, "426"],
    ["no Host", `GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`, "400"],
    ["no Upgrade", `GET / HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 13\r\n\r\n`, "400"],
    ["a bare LF line ending", `GET / HTTP/1.1\n${GOOD_HEADERS}\r\n`, "400"],
    ["binary garbage", `\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n`, "400"],
  ])("%s", async (_name, request, status) => {
    const line = await http_status_for(request);
    expect(line.startsWith(`HTTP/1.1 ${status}`)).toBe(true);
    await others_still_served();
  });

  it("a version mismatch is answered with the supported version (RFC 6455 §4.4)", async () => {
    const raw = await RawClient.connect(server.port);
    raw.send(`GET / HTTP/1.1\r\nHost: a\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${KEY}\r\nSec-WebSocket-Version: 7\r\n\r\n`);
    const data = await raw.wait_for((d) => d.includes("\r\n\r\n"));
    raw.close();
    expect(data.toString("latin1")).toMatch(/\r\nSec-WebSocket-Version: 13\r\n/i);
  });

  it("an oversized header block is refused without buffering it all", async () => {
    const raw = await RawClient.connect(server.port);
    raw.send(`GET / HTTP/1.1\r\n${GOOD_HEADERS}X-Filler: ${"a".repeat(20_000)}\r\n\r\n`);
    const data = await raw.wait_for((d) => d.includes("\r\n\r\n"));
    raw.close();
    expect(data.toString("latin1")).toMatch(/^HTTP\/1\.1 (431|400)/);
    await others_still_served();
  });

  it("a handshake that never finishes is dropped at the handshake timeout", async () => {
    const raw = await RawClient.connect(server.port);
    raw.send("GET / HTTP/1.1\r\nHost: a\r\n"); // ...and nothing more
    await raw.wait_closed(10_000);
    expect(raw.closed).toBe(true);
    await others_still_served();
  });

  it("a connection that sends nothing at all is dropped at the handshake timeout", async () => {
    const raw = await RawClient.connect(server.port);
    await raw.wait_closed(10_000);
    expect(raw.closed).toBe(true);
  });
});

describe("protocol violations close with the right code", () => {
  async function close_code_after(...frames: Buffer[]): Promise<number | null> {
    const raw = await RawClient.connect(server.port);
    const head = await raw.handshake();
    expect(head.startsWith("HTTP/1.1 101")).toBe(true);
    for (const f of frames) raw.send(f);
    const data = await raw.wait_for((d) => close_code_in(d) !== null);
    raw.close();
    return close_code_in(data);
  }

  it.each([
    ["an unmasked client frame", () => [frame(0x82, "x", false)], 1002],
    ["RSV1 set (no extension was negotiated)", () => [frame(0xc2, "x")], 1002],
    ["RSV3 set", () => [frame(0x92, "x")], 1002],
    ["a reserved data opcode", () => [frame(0x83, "x")], 1002],
    ["a reserved control opcode", () => [frame(0x8b, "x")], 1002],
    ["a ping over 125 bytes", () => [frame(0x89, "p".repeat(126))], 1002],
    ["a fragmented ping", () => [frame(0x09, "p")], 1002],
    ["a continuation with nothing to continue", () => [frame(0x80, "x")], 1002],
    ["a new message inside a fragmented one", () => [frame(0x01, "a"), frame(0x81, "b")], 1002],
    ["invalid UTF-8 in a text message", () => [frame(0x81, Buffer.from([0x68, 0xc3, 0x28]))], 1007],
    ["an overlong UTF-8 encoding", () => [frame(0x81, Buffer.from([0xc0, 0xaf]))], 1007],
    ["a UTF-16 surrogate in UTF-8", () => [frame(0x81, Buffer.from([0xed, 0xa0, 0x80]))], 1007],
    ["invalid UTF-8 split across fragments", () => [frame(0x01, Buffer.from([0xe2, 0x82])), frame(0x80, Buffer.from([0x28]))], 1007],
    ["a message over inbound_buffer_size", () => [frame(0x82, new Uint8Array(5000))], 1009],
    ["fragments adding up to more than inbound_buffer_size", () => [frame(0x02, new Uint8Array(3000)), frame(0x80, new Uint8Array(3000))], 1009],
    ["a Close with a 1-byte payload", () => [frame(0x88, Buffer.from([3]))], 1002],
    ["a Close with code 1005", () => [frame(0x88, Buffer.from([0x03, 0xed]))], 1002],
    ["a Close with code 999", () => [frame(0x88, Buffer.from([0x03, 0xe7]))], 1002],
    ["a Close with an invalid UTF-8 reason", () => [frame(0x88, Buffer.from([0x03, 0xe8, 0xff]))], 1007],
  ])("%s → %i", async (_name, make, expected) => {
    expect(await close_code_after(...make())).toBe(expected);
    await others_still_served();
  });

  it("valid UTF-8 split inside a code point across fragments is accepted", async () => {
    const raw = await RawClient.connect(server.port);
    await raw.handshake();
    const euro = Buffer.from("€", "utf8"); // e2 82 ac
    raw.send(frame(0x01, euro.subarray(0, 1)));
    raw.send(frame(0x89, "ping in between"));
    raw.send(frame(0x80, euro.subarray(1)));
    const data = await raw.wait_for((d) => d.includes(euro));
    raw.close();
    expect(data.includes(Buffer.from("ping in between"))).toBe(true); // the pong
  });

  it("a peer's Close without a status reports 1005 (RFC 6455 §7.1.5) and is answered", async () => {
    const before = server.closed.length;
    const raw = await RawClient.connect(server.port);
    await raw.handshake();
    raw.send(frame(0x88, ""));
    const data = await raw.wait_for((d) => close_code_in(d) !== null);
    raw.close();
    expect(close_code_in(data)).toBe(1005); // an empty Close echoed
    await until(() => server.closed.length > before, "server closed");
    expect(server.closed.at(-1)?.code).toBe(1005);
  });
});

describe("parser fuzz through a real socket", () => {
  it("random bytes after the handshake never break the server", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 300 }), fc.integer({ min: 1, max: 64 }), async (bytes, chunk) => {
        const raw = await RawClient.connect(server.port);
        await raw.handshake();
        for (let i = 0; i < bytes.length; i += chunk) raw.send(bytes.subarray(i, i + chunk));
        await new Promise((r) => setTimeout(r, 5));
        raw.close();
      }),
      { numRuns: 25 },
    );
    await others_still_served();
  });

  it("valid frames in random chunkings are all echoed in order", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 17 }),
        async (messages, chunk) => {
          const raw = await RawClient.connect(server.port);
          await raw.handshake();
          const wire = Buffer.concat(messages.map((m) => frame(0x81, m)));
          for (let i = 0; i < wire.length; i += chunk) raw.send(wire.subarray(i, i + chunk));
          const expected = Buffer.concat(messages.map((m) => frame(0x81, m, false)));
          const data = await raw.wait_for((d) => d.length >= expected.length);
          raw.close();
          expect(Buffer.compare(data.subarray(0, expected.length), expected)).toBe(0);
        },
      ),
      { numRuns: 20 },
    );
  });
});
