import * as net from "node:net";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { NetSocketStream } from "../../../src/core/io/net_socket_stream.js";
import { Cleanup, expect_no_tcp_handles, pattern, same_bytes, wait_until } from "./io_test_helpers.js";

const cleanup = new Cleanup();
afterEach(() => cleanup.run());
afterAll(() => expect_no_tcp_handles());

/** A raw client socket and the server side wrapped in a NetSocketStream. */
async function socket_pair(options: ConstructorParameters<typeof NetSocketStream>[1] = {}): Promise<{ client: net.Socket; stream: NetSocketStream }> {
  const server = net.createServer({ pauseOnConnect: true, allowHalfOpen: true });
  cleanup.add(server, (s) => s.close());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const accepted = new Promise<net.Socket>((resolve) => server.once("connection", resolve));
  const client = cleanup.add(net.connect((server.address() as net.AddressInfo).port, "127.0.0.1"), (s) => s.destroy());
  client.on("error", () => {});
  const socket = await accepted;
  const stream = new NetSocketStream(socket, { connected: true, ...options });
  cleanup.add(stream, (s) => s.destroy());
  return { client, stream };
}

describe("NetSocketStream reading", () => {
  it("queues chunks and reads them with read, read_into, peek and skip", async () => {
    const { client, stream } = await socket_pair();
    client.write(Buffer.from("hello"));
    await wait_until(() => stream.available === 5, "hello");
    client.write(Buffer.from(" world"));
    await wait_until(() => stream.available === 11, "world");
    expect(stream.peek(12)).toBe(null);
    expect(stream.peek(7)?.toString()).toBe("hello w");
    expect(stream.available).toBe(11);
    expect(stream.read(2).toString()).toBe("he");
    expect(stream.skip(1)).toBe(1);
    const target = new Uint8Array(6);
    expect(stream.read_into(target, 1, 4)).toBe(4);
    expect(Buffer.from(target).toString("latin1")).toBe("\0lo w\0");
    expect(stream.read(100).toString()).toBe("orld");
    expect(stream.read(1).length).toBe(0);
    expect(stream.available).toBe(0);
  });

  it("reads within one chunk without copying", async () => {
    const { client, stream } = await socket_pair();
    client.write(Buffer.from("abcdef"));
    await wait_until(() => stream.available === 6, "the chunk");
    const peeked = stream.peek(6) as Buffer;
    const first = stream.read(3);
    const second = stream.read(3);
    expect(first.buffer).toBe(peeked.buffer);
    expect(second.buffer).toBe(peeked.buffer);
    expect(second.toString()).toBe("def");
  });

  it("take_chunks hands over every queued byte once, the first chunk trimmed", async () => {
    const { client, stream } = await socket_pair();
    client.write(Buffer.from("0123"));
    await wait_until(() => stream.available === 4, "first");
    client.write(Buffer.from("4567"));
    await wait_until(() => stream.available === 8, "second");
    stream.skip(1);
    const chunks = stream.take_chunks();
    expect(Buffer.concat(chunks).toString()).toBe("1234567");
    expect(stream.available).toBe(0);
    expect(stream.take_chunks()).toEqual([]);
  });

  it("pauses the socket above the high-water mark and resumes below the low one", async () => {
    const { client, stream } = await socket_pair({ high_water: 64 * 1024, low_water: 16 * 1024 });
    const data = pattern(4 * 1024 * 1024, 21);
    client.write(data);
    await wait_until(() => stream.paused && client.writableLength > 0, "the reader to pause and the writer to back up");
    expect(stream.available).toBeGreaterThan(64 * 1024);
    expect(stream.available).toBeLessThanOrEqual(64 * 1024 + 64 * 1024);
    const got = new Uint8Array(data.length);
    let n = 0;
    let max = 0;
    await wait_until(() => {
      while (stream.available > 0) {
        max = Math.max(max, stream.available);
        n += stream.read_into(got, n, 10_000);
      }
      return n === data.length;
    }, "all data");
    expect(max).toBeLessThanOrEqual(128 * 1024);
    expect(same_bytes(got, data)).toBe(true);
    expect(stream.paused).toBe(false);
  });

  it("records FIN, close and errors as flags only", async () => {
    const { client, stream } = await socket_pair();
    client.end("x");
    await wait_until(() => stream.ended, "the FIN");
    expect(stream.read(1).toString()).toBe("x");
    expect(stream.closed).toBe(false);
    expect(stream.error).toBe(null);
    stream.end();
    await wait_until(() => stream.closed, "the close");
    const other = await socket_pair();
    other.client.resetAndDestroy();
    await wait_until(() => other.stream.error !== null, "the reset");
    expect((other.stream.error as NodeJS.ErrnoException).code).toBe("ECONNRESET");
    expect(other.stream.writable).toBe(false);
  });
});

describe("NetSocketStream writing and closing", () => {
  it("writes made in one job leave corked together, in order", async () => {
    const { client, stream } = await socket_pair();
    const received: Buffer[] = [];
    client.on("data", (d: Buffer) => received.push(d));
    expect(stream.write(Buffer.from("a"))).toBe(true);
    expect(stream.socket.writableCorked).toBe(1);
    expect(stream.write_chunks([Buffer.from("b"), new Uint8Array(0), Buffer.from("c")])).toBe(true);
    expect(stream.socket.writableCorked).toBe(1);
    await wait_until(() => Buffer.concat(received).toString() === "abc", "abc");
    expect(stream.socket.writableCorked).toBe(0);
  });

  it("reports outbound bytes and the room left under the limit", async () => {
    const { client, stream } = await socket_pair({ outbound_limit: 1024 });
    client.pause();
    expect(stream.outbound_room).toBe(1024);
    stream.write(new Uint8Array(8 * 1024 * 1024));
    expect(stream.outbound).toBeGreaterThan(1024);
    expect(stream.outbound_room).toBe(0);
  });

  it("close_gracefully delivers what was queued, then a FIN, then frees the socket", async () => {
    const { client, stream } = await socket_pair();
    const received: Buffer[] = [];
    let ended = false;
    client.on("data", (d: Buffer) => received.push(d));
    client.on("end", () => {
      ended = true;
      client.end();
    });
    const data = pattern(1024 * 1024, 4);
    stream.write(data);
    stream.close_gracefully();
    expect(stream.write(Uint8Array.of(1))).toBe(false);
    await wait_until(() => ended && stream.closed, "the FIN and the close");
    expect(same_bytes(Buffer.concat(received), data)).toBe(true);
  });

  it("release_reader puts the unread bytes back into the socket, in order", async () => {
    const { client, stream } = await socket_pair();
    client.write("ab");
    await wait_until(() => stream.available === 2, "ab");
    client.write("cd");
    await wait_until(() => stream.available === 4, "cd");
    stream.read(1);
    stream.release_reader();
    expect(stream.available).toBe(0);
    client.write("ef");
    const got: Buffer[] = [];
    stream.socket.on("data", (d: Buffer) => got.push(d));
    stream.socket.resume();
    await wait_until(() => Buffer.concat(got).toString() === "bcdef", "the bytes through the socket");
    expect(stream.available).toBe(0);
    client.resetAndDestroy();
    await wait_until(() => stream.error !== null && stream.closed, "the reset and close are still recorded");
  });
});
