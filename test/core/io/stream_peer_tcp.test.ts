import * as net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ERR_ALREADY_IN_USE,
  ERR_BUSY,
  ERR_CANT_RESOLVE,
  ERR_CONNECTION_ERROR,
  ERR_FILE_EOF,
  ERR_INVALID_PARAMETER,
  ERR_OUT_OF_MEMORY,
  FAILED,
  OK,
} from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import { DEFAULT_INBOUND_HIGH_WATER } from "../../../src/core/io/net_socket_stream.js";
import { StreamPeerBuffer } from "../../../src/core/io/stream_peer_buffer.js";
import { StreamPeerTCP, tcp_settings } from "../../../src/core/io/stream_peer_tcp.js";
import { TCPServer } from "../../../src/core/io/tcp_server.js";
import { Cleanup, expect_no_tcp_handles, pattern, register_all, same_bytes, tcp_pair, wait_until } from "./io_test_helpers.js";

beforeAll(register_all);

const cleanup = new Cleanup();
afterAll(() => expect_no_tcp_handles());
afterEach(() => {
  cleanup.run();
  tcp_settings.lookup = undefined;
  tcp_settings.connect_timeout_seconds = 30;
});

const { STATUS_NONE, STATUS_CONNECTING, STATUS_CONNECTED, STATUS_ERROR } = StreamPeerTCP;

/** A port nothing listens on (it was free a moment ago). */
async function free_port(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

/** A raw Node client connected to a gdnet server, and the accepted gdnet peer. */
async function raw_client_pair(): Promise<{ raw: net.Socket; peer: StreamPeerTCP }> {
  const server = cleanup.server(new TCPServer());
  expect(server.listen(0, "127.0.0.1")).toBe(OK);
  const raw = cleanup.add(net.connect(server.get_local_port(), "127.0.0.1"), (s) => s.destroy());
  raw.on("error", () => {});
  let peer: StreamPeerTCP | null = null;
  await wait_until(() => (peer ??= server.take_connection()) !== null, "an accepted connection");
  return { raw, peer: cleanup.peer(peer as unknown as StreamPeerTCP) };
}

/** Polls until the status leaves CONNECTING; returns the last poll()'s result. */
async function poll_until_settled(peer: StreamPeerTCP, timeout_ms = 20_000): Promise<number> {
  let result = OK;
  await wait_until(() => {
    result = peer.poll();
    return peer.get_status() !== STATUS_CONNECTING;
  }, "the connection attempt to settle", timeout_ms);
  return result;
}

describe("StreamPeerTCP over loopback", () => {
  it("connects, and both ends know each other's address and port", async () => {
    const { server, client, accepted } = await tcp_pair(cleanup);
    expect(client.get_status()).toBe(STATUS_CONNECTED);
    expect(accepted.get_status()).toBe(STATUS_CONNECTED);
    expect(client.get_connected_host()).toBe("127.0.0.1");
    expect(client.get_connected_port()).toBe(server.get_local_port());
    expect(accepted.get_connected_host()).toBe("127.0.0.1");
    expect(client.get_local_port()).toBeGreaterThan(0);
    expect(accepted.get_connected_port()).toBe(client.get_local_port());
    expect(accepted.get_local_port()).toBe(server.get_local_port());
  });

  it("exchanges raw bytes and typed values both ways", async () => {
    const { client, accepted } = await tcp_pair(cleanup);
    expect(client.put_data(Uint8Array.of(1, 2, 3))).toBe(OK);
    client.put_u32(0xdeadbeef);
    client.big_endian = true;
    client.put_16(-2);
    client.put_utf8_string("h\u00e9");
    client.put_var({ k: [1, 2] });
    accepted.put_double(0.25);
    accepted.put_string("pong");
    await wait_until(() => accepted.get_available_bytes() >= 3 + 4 + 2 + 7 + 4 && client.get_available_bytes() >= 16, "the data");
    expect(accepted.get_data(3)).toEqual([OK, Uint8Array.of(1, 2, 3)]);
    expect(accepted.get_u32()).toBe(0xdeadbeef);
    accepted.big_endian = true;
    expect(accepted.get_16()).toBe(-2);
    expect(accepted.get_utf8_string()).toBe("h\u00e9");
    await wait_until(() => accepted.get_available_bytes() > 0 && accepted.get_var() !== null, "the Variant");
    client.big_endian = false; // the server wrote little-endian
    expect(client.get_double()).toBe(0.25);
    expect(client.get_string()).toBe("pong");
    expect(client.get_available_bytes()).toBe(0);
  });

  it("get_data with too few bytes consumes nothing and says ERR_BUSY (it can't block)", async () => {
    const { client, accepted } = await tcp_pair(cleanup);
    client.put_data(Uint8Array.of(1, 2));
    await wait_until(() => accepted.get_available_bytes() === 2, "two bytes");
    const cap = capture_output();
    try {
      const [err, data] = accepted.get_data(4);
      expect(err).toBe(ERR_BUSY);
      expect(data.length).toBe(4); // the engine's shape: the requested size even on error
      expect(accepted.get_u32()).toBe(0);
      expect(cap.lines("error")).toHaveLength(2);
      expect(cap.lines("error")[0]).toMatch(/4 bytes requested, 2 available/);
    } finally {
      cap.restore();
    }
    expect(accepted.get_available_bytes()).toBe(2);
    expect(accepted.get_partial_data(0)).toEqual([OK, new Uint8Array(0)]);
    client.put_data(Uint8Array.of(3, 4));
    await wait_until(() => accepted.get_available_bytes() === 4, "four bytes");
    expect(accepted.get_u32()).toBe(0x04030201);
    expect(accepted.get_partial_data(10)).toEqual([OK, new Uint8Array(0)]);
  });

  it("length-prefixed reads are atomic: nothing is consumed until the whole value is there", async () => {
    const { client, accepted } = await tcp_pair(cleanup);
    // The wire bytes of put_var("hello"), sent in three parts.
    const encoder = new StreamPeerBuffer();
    encoder.put_var("hello");
    const wire = encoder.data_array;
    expect(wire.length).toBe(20);
    client.put_data(wire.subarray(0, 2));
    await wait_until(() => accepted.get_available_bytes() === 2, "the first part");
    const cap = capture_output();
    try {
      expect(accepted.get_var()).toBe(null);
      expect(accepted.get_available_bytes()).toBe(2);
      client.put_data(wire.subarray(2, 10));
      await wait_until(() => accepted.get_available_bytes() === 10, "the second part");
      expect(accepted.get_var()).toBe(null);
      expect(accepted.get_string()).toBe("");
      expect(accepted.get_available_bytes()).toBe(10);
      expect(cap.lines("error")).toHaveLength(3);
    } finally {
      cap.restore();
    }
    client.put_data(wire.subarray(10));
    await wait_until(() => accepted.get_available_bytes() === 20, "the rest");
    expect(accepted.get_var()).toBe("hello");
    expect(accepted.get_available_bytes()).toBe(0);
  });

  it("moves large amounts both ways at once, byte for byte", async () => {
    const { client, accepted } = await tcp_pair(cleanup);
    const up = pattern(8 * 1024 * 1024, 3);
    const down = pattern(3 * 1024 * 1024, 5);
    for (let i = 0; i < up.length; i += 100_000) expect(client.put_data(up.subarray(i, i + 100_000))).toBe(OK);
    expect(accepted.put_data(down)).toBe(OK);
    const got_up = new Uint8Array(up.length);
    const got_down = new Uint8Array(down.length);
    let n_up = 0;
    let n_down = 0;
    await wait_until(() => {
      client.poll();
      accepted.poll();
      for (;;) {
        const [err, chunk] = accepted.get_partial_data(65536);
        expect(err).toBe(OK);
        if (chunk.length === 0) break;
        got_up.set(chunk, n_up);
        n_up += chunk.length;
      }
      const [err, chunk] = client.get_partial_data(1 << 20);
      expect(err).toBe(OK);
      got_down.set(chunk, n_down);
      n_down += chunk.length;
      return n_up === up.length && n_down === down.length;
    }, "10+ MiB to cross", 25_000);
    expect(same_bytes(got_up, up)).toBe(true);
    expect(same_bytes(got_down, down)).toBe(true);
  });

  it("the peer's FIN turns the status to NONE on poll, once every received byte was read", async () => {
    const { raw, peer } = await raw_client_pair();
    raw.end(Buffer.from("bye"));
    await wait_until(() => peer._get_socket_stream()?.ended === true, "the FIN");
    expect(peer.poll()).toBe(OK);
    expect(peer.get_status()).toBe(STATUS_CONNECTED); // 3 unread bytes still wait
    expect(peer.get_data(3)).toEqual([OK, Uint8Array.from(Buffer.from("bye"))]);
    expect(peer.poll()).toBe(OK);
    expect(peer.get_status()).toBe(STATUS_NONE);
    expect(peer.get_connected_host()).toBe("");
    expect(peer.get_connected_port()).toBe(0);
  });

  it("a blocking read across the peer's FIN returns the rest with ERR_FILE_EOF and disconnects", async () => {
    const { raw, peer } = await raw_client_pair();
    raw.end(Buffer.from("ab"));
    await wait_until(() => peer._get_socket_stream()?.ended === true, "the FIN");
    const [err, data] = peer.get_data(5);
    expect(err).toBe(ERR_FILE_EOF);
    expect(Buffer.from(data.subarray(0, 2)).toString()).toBe("ab");
    expect(peer.get_status()).toBe(STATUS_NONE);
    expect(peer.get_partial_data(1)[0]).toBe(FAILED);
  });

  it("disconnect_from_host sends what is queued, then a FIN the other side sees as NONE", async () => {
    const { client, accepted } = await tcp_pair(cleanup);
    const payload = pattern(2 * 1024 * 1024, 9);
    accepted.put_data(payload);
    accepted.disconnect_from_host();
    expect(accepted.get_status()).toBe(STATUS_NONE);
    const got = new Uint8Array(payload.length);
    let n = 0;
    await wait_until(() => {
      const [, chunk] = client.get_partial_data(1 << 20);
      got.set(chunk, n);
      n += chunk.length;
      client.poll();
      return client.get_status() === STATUS_NONE;
    }, "the data and the FIN");
    expect(n).toBe(payload.length);
    expect(same_bytes(got, payload)).toBe(true);
  });

  it("an abrupt reset by the peer turns the status to ERROR on poll", async () => {
    const { raw, peer } = await raw_client_pair();
    raw.resetAndDestroy();
    let result = OK;
    await wait_until(() => {
      result = peer.poll();
      return peer.get_status() !== STATUS_CONNECTED;
    }, "the reset to be seen");
    expect(peer.get_status()).toBe(STATUS_ERROR);
    expect(result).toBe(FAILED);
    expect(peer.put_data(Uint8Array.of(1))).toBe(FAILED);
  });

  it("a refused connection ends in STATUS_ERROR with ERR_CONNECTION_ERROR", async () => {
    const peer = cleanup.peer(new StreamPeerTCP());
    expect(peer.connect_to_host("127.0.0.1", await free_port())).toBe(OK);
    expect(peer.get_status()).toBe(STATUS_CONNECTING);
    expect(await poll_until_settled(peer)).toBe(ERR_CONNECTION_ERROR);
    expect(peer.get_status()).toBe(STATUS_ERROR);
    expect(peer.poll()).toBe(OK);
    const cap = capture_output();
    try {
      expect(peer.connect_to_host("127.0.0.1", 1)).toBe(ERR_ALREADY_IN_USE);
      expect(cap.lines("error")).toHaveLength(1);
    } finally {
      cap.restore();
    }
    // From ERROR, disconnect_from_host() allows a new attempt.
    peer.disconnect_from_host();
    expect(peer.get_status()).toBe(STATUS_NONE);
    expect(peer.connect_to_host("127.0.0.1", await free_port())).toBe(OK);
  });

  it("an unresolvable host name ends in STATUS_ERROR through poll, with ERR_CANT_RESOLVE", async () => {
    const peer = cleanup.peer(new StreamPeerTCP());
    expect(peer.connect_to_host("no-such-host.invalid", 80)).toBe(OK);
    expect(peer.get_status()).toBe(STATUS_CONNECTING);
    expect(await poll_until_settled(peer)).toBe(ERR_CANT_RESOLVE);
    expect(peer.get_status()).toBe(STATUS_ERROR);
  });

  it("a resolver failure is ERR_CANT_RESOLVE whatever the network (injected resolver)", async () => {
    tcp_settings.lookup = ((hostname: string, _options: unknown, callback: (e: Error) => void) => {
      const error = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND", syscall: "getaddrinfo" });
      setImmediate(() => callback(error));
    }) as unknown as net.LookupFunction;
    const peer = cleanup.peer(new StreamPeerTCP());
    expect(peer.connect_to_host("example.test", 80)).toBe(OK);
    expect(await poll_until_settled(peer)).toBe(ERR_CANT_RESOLVE);
  });

  it("gives up after the connect timeout (ERR_CONNECTION_ERROR), woken by wait_for_io", async () => {
    tcp_settings.lookup = (() => {
      // Never answers: the connection stays pending.
    }) as unknown as net.LookupFunction;
    tcp_settings.connect_timeout_seconds = 0.2;
    const peer = cleanup.peer(new StreamPeerTCP());
    expect(peer.connect_to_host("slow.test", 80)).toBe(OK);
    expect(peer.poll()).toBe(OK);
    expect(peer.get_status()).toBe(STATUS_CONNECTING);
    expect(await poll_until_settled(peer)).toBe(ERR_CONNECTION_ERROR);
    expect(peer.get_status()).toBe(STATUS_ERROR);
  });

  it("resolves host names (localhost) and reports the address it connected to", async () => {
    const server = cleanup.server(new TCPServer());
    expect(server.listen(0)).toBe(OK);
    const peer = cleanup.peer(new StreamPeerTCP());
    expect(peer.connect_to_host("localhost", server.get_local_port())).toBe(OK);
    expect(await poll_until_settled(peer)).toBe(OK);
    expect(peer.get_status()).toBe(STATUS_CONNECTED);
    expect(["127.0.0.1", "::1"]).toContain(peer.get_connected_host());
  });

  it("works over IPv6 (::1)", async (ctx) => {
    const probe = new TCPServer();
    const cap = capture_output();
    const ipv6 = probe.listen(0, "::1") === OK;
    cap.restore();
    probe.stop();
    if (!ipv6) ctx.skip();
    const { client, accepted } = await tcp_pair(cleanup, "::1");
    expect(client.get_connected_host()).toBe("::1");
    expect(accepted.get_connected_host()).toBe("::1");
    client.put_utf8_string("v6");
    await wait_until(() => accepted.get_available_bytes() === 6, "the string");
    expect(accepted.get_utf8_string()).toBe("v6");
  });

  it("put_partial_data takes only what fits under the outbound limit (backpressure)", async () => {
    const { client } = await tcp_pair(cleanup);
    const stream = client._get_socket_stream();
    expect(stream).not.toBe(null);
    let total = 0;
    let refused = false;
    await wait_until(() => {
      for (let i = 0; i < 64; i++) {
        const [err, sent] = client.put_partial_data(new Uint8Array(64 * 1024));
        expect(err).toBe(OK);
        total += sent;
        if (sent < 64 * 1024) {
          refused = true;
          break;
        }
      }
      return refused;
    }, "the outbound limit to be reached");
    expect(stream?.outbound ?? 0).toBeLessThanOrEqual(stream?.outbound_limit ?? 0);
    expect(client.put_partial_data(Uint8Array.of(1))).toEqual([OK, 0]);
    expect(total).toBeGreaterThan(0);
  });
});

describe("StreamPeerTCP bind", () => {
  it("binds the next connection to the given local port", async () => {
    const server = cleanup.server(new TCPServer());
    expect(server.listen(0, "127.0.0.1")).toBe(OK);
    const port = await free_port();
    const peer = cleanup.peer(new StreamPeerTCP());
    expect(peer.bind(port, "127.0.0.1")).toBe(OK);
    expect(peer.get_local_port()).toBe(port);
    const cap = capture_output();
    try {
      expect(peer.bind(0)).toBe(ERR_ALREADY_IN_USE);
      expect(cap.lines("error")).toHaveLength(1);
    } finally {
      cap.restore();
    }
    expect(peer.connect_to_host("127.0.0.1", server.get_local_port())).toBe(OK);
    expect(await poll_until_settled(peer)).toBe(OK);
    let accepted: StreamPeerTCP | null = null;
    await wait_until(() => (accepted ??= server.take_connection()) !== null, "the connection");
    expect((accepted as unknown as StreamPeerTCP).get_connected_port()).toBe(port);
    cleanup.peer(accepted as unknown as StreamPeerTCP);
    expect(peer.get_local_port()).toBe(port);
  });

  it("a local port in use shows up as STATUS_ERROR when connecting", async () => {
    const { client, server } = await tcp_pair(cleanup);
    const peer = cleanup.peer(new StreamPeerTCP());
    expect(peer.bind(client.get_local_port(), "127.0.0.1")).toBe(OK);
    expect(peer.connect_to_host("127.0.0.1", server.get_local_port())).toBe(OK);
    expect(await poll_until_settled(peer)).toBe(ERR_CONNECTION_ERROR);
    expect(peer.get_status()).toBe(STATUS_ERROR);
  });

  it("rejects bad ports and addresses with one line each", () => {
    const peer = new StreamPeerTCP();
    const cap = capture_output();
    try {
      expect(peer.bind(-1)).toBe(ERR_INVALID_PARAMETER);
      expect(peer.bind(65536)).toBe(ERR_INVALID_PARAMETER);
      expect(peer.bind(0, "not-an-ip")).toBe(ERR_INVALID_PARAMETER);
      expect(peer.bind(0, 7 as unknown as string)).toBe(ERR_INVALID_PARAMETER);
      expect(cap.lines("error")).toHaveLength(4);
      expect(peer.bind(0, "::")).toBe(OK);
    } finally {
      cap.restore();
    }
  });
});

describe("StreamPeerTCP misuse", () => {
  it("bad connect_to_host arguments return the engine's codes with one line each, never throwing", async () => {
    const peer = cleanup.peer(new StreamPeerTCP());
    const cap = capture_output();
    try {
      expect(peer.connect_to_host(5 as unknown as string, 80)).toBe(ERR_INVALID_PARAMETER);
      expect(peer.connect_to_host(null as unknown as string, 80)).toBe(ERR_INVALID_PARAMETER);
      expect(peer.connect_to_host("127.0.0.1", 0)).toBe(ERR_INVALID_PARAMETER);
      expect(peer.connect_to_host("127.0.0.1", 65536)).toBe(ERR_INVALID_PARAMETER);
      expect(peer.connect_to_host("127.0.0.1", "80" as unknown as number)).toBe(ERR_INVALID_PARAMETER);
      expect(peer.connect_to_host("", 80)).toBe(ERR_CANT_RESOLVE);
      expect(cap.lines("error")).toHaveLength(6);
      expect(peer.get_status()).toBe(STATUS_NONE);
      expect(peer.connect_to_host("127.0.0.1", await free_port())).toBe(OK);
      expect(peer.connect_to_host("127.0.0.1", 80)).toBe(ERR_ALREADY_IN_USE);
      expect(cap.lines("error")).toHaveLength(7);
    } finally {
      cap.restore();
    }
  });

  it("I/O without a connection fails as the engine's does", () => {
    const peer = new StreamPeerTCP();
    const cap = capture_output();
    try {
      expect(peer.put_data(Uint8Array.of(1))).toBe(FAILED);
      expect(peer.put_partial_data(Uint8Array.of(1))).toEqual([FAILED, 0]);
      expect(peer.get_data(1)[0]).toBe(FAILED);
      expect(peer.get_partial_data(1)).toEqual([FAILED, new Uint8Array(0)]);
      expect(peer.get_var()).toBe(null);
      expect(peer.get_u16()).toBe(0);
      expect(peer.poll()).toBe(OK);
      expect(peer.get_status()).toBe(STATUS_NONE);
      expect(peer.get_connected_host()).toBe("");
      expect(peer.get_local_port()).toBe(0);
      expect(cap.lines("error")).toHaveLength(0);
      expect(peer.get_available_bytes()).toBe(-1);
      peer.set_no_delay(true);
      expect(cap.lines("error")).toHaveLength(2);
      expect(peer.get_data(-3)[0]).toBe(ERR_OUT_OF_MEMORY);
      expect(cap.lines("error")).toHaveLength(3);
    } finally {
      cap.restore();
    }
  });
});

describe("StreamPeerTCP hand-over (_take_socket)", () => {
  it("gives the raw socket with the unread bytes put back in front, and keeps reporting the status", async () => {
    const { raw, peer } = await raw_client_pair();
    raw.write("early");
    await wait_until(() => peer.get_available_bytes() === 5, "early bytes");
    const closed: string[] = [];
    const socket = peer._take_socket(() => closed.push("closer"));
    expect(socket).not.toBe(null);
    expect(peer._take_socket()).toBe(null);
    expect(peer._get_socket_stream()).toBe(null);
    const received: Buffer[] = [];
    socket?.on("data", (d: Buffer) => received.push(d));
    socket?.resume(); // handed over paused; a TLSSocket wrapper reads it by itself
    raw.write("late");
    await wait_until(() => Buffer.concat(received).toString() === "earlylate", "all bytes through the new owner");
    expect(peer.poll()).toBe(OK);
    expect(peer.get_status()).toBe(STATUS_CONNECTED);
    expect(peer.get_available_bytes()).toBe(0);
    const cap = capture_output();
    try {
      expect(peer.put_data(Uint8Array.of(1))).toBe(FAILED);
      expect(cap.lines("error")).toHaveLength(1);
    } finally {
      cap.restore();
    }
    socket?.destroy();
    await wait_until(() => {
      peer.poll();
      return peer.get_status() === STATUS_NONE;
    }, "the closed socket to be reported");
    expect(closed).toEqual([]); // already closed: the closer is not needed
  });

  it("disconnect_from_host calls the closer of the new owner", async () => {
    const { peer } = await raw_client_pair();
    const calls: number[] = [];
    const socket = peer._take_socket(() => calls.push(1));
    peer.disconnect_from_host();
    expect(calls).toEqual([1]);
    expect(peer.get_status()).toBe(STATUS_NONE);
    socket?.destroy();
  });
});

describe("StreamPeerTCP inbound bound", () => {
  it("a peer that stops reading holds a bounded queue while the writer sees backpressure", async () => {
    const { client, accepted } = await tcp_pair(cleanup);
    const inbound = accepted._get_socket_stream();
    const outbound = client._get_socket_stream();
    if (inbound === null || outbound === null) throw new Error("no streams");
    const total = 32 * 1024 * 1024;
    const block = pattern(1024 * 1024, 11);
    for (let i = 0; i < total / block.length; i++) expect(client.put_data(block)).toBe(OK);
    // The server does not read: its queue stops at the high-water mark and the kernel buffers fill.
    await wait_until(() => inbound.paused && outbound.outbound > 4 * 1024 * 1024, "backpressure to reach the writer");
    const bound = DEFAULT_INBOUND_HIGH_WATER + 64 * 1024;
    expect(inbound.available).toBeLessThanOrEqual(bound);
    expect(outbound.outbound).toBeGreaterThan(4 * 1024 * 1024);
    // Reading resumes the flow; everything arrives intact and the queue never exceeds the bound.
    let received = 0;
    let max_queue = 0;
    let intact = true;
    await wait_until(() => {
      max_queue = Math.max(max_queue, inbound.available);
      for (;;) {
        const [, chunk] = accepted.get_partial_data(256 * 1024);
        if (chunk.length === 0) break;
        const offset = received % block.length;
        if (offset + chunk.length <= block.length && !same_bytes(chunk, block.subarray(offset, offset + chunk.length))) intact = false;
        received += chunk.length;
      }
      return received === total;
    }, "32 MiB to drain", 25_000);
    expect(intact).toBe(true);
    expect(max_queue).toBeLessThanOrEqual(bound);
  });
});
