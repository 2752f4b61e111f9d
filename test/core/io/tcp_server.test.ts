import * as net from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ERR_ALREADY_IN_USE, ERR_INVALID_PARAMETER, OK } from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import { StreamPeerTCP } from "../../../src/core/io/stream_peer_tcp.js";
import { TCPServer } from "../../../src/core/io/tcp_server.js";
import { Cleanup, expect_no_tcp_handles, register_all, wait_until } from "./io_test_helpers.js";

beforeAll(register_all);

const cleanup = new Cleanup();
afterEach(() => cleanup.run());
afterAll(() => expect_no_tcp_handles());

function raw_connect(port: number, host = "127.0.0.1"): net.Socket {
  const socket = cleanup.add(net.connect(port, host), (s) => s.destroy());
  socket.on("error", () => {});
  return socket;
}

describe("TCPServer.listen", () => {
  it("reports the bound port right after listen(0), before any event ran", () => {
    const server = cleanup.server(new TCPServer());
    expect(server.is_listening()).toBe(false);
    expect(server.get_local_port()).toBe(0);
    expect(server.listen(0, "127.0.0.1")).toBe(OK);
    expect(server.is_listening()).toBe(true);
    expect(server.get_local_port()).toBeGreaterThan(0);
    const dual = cleanup.server(new TCPServer());
    expect(dual.listen(0)).toBe(OK);
    expect(dual.is_listening()).toBe(true);
    expect(dual.get_local_port()).toBeGreaterThan(0);
  });

  it("a port already in use gives ERR_ALREADY_IN_USE at once, with one clear line", () => {
    const first = cleanup.server(new TCPServer());
    expect(first.listen(0, "127.0.0.1")).toBe(OK);
    const port = first.get_local_port();
    const second = cleanup.server(new TCPServer());
    const cap = capture_output();
    try {
      expect(second.listen(port, "127.0.0.1")).toBe(ERR_ALREADY_IN_USE);
      expect(second.is_listening()).toBe(false);
      expect(second.get_local_port()).toBe(0);
      expect(cap.lines("error")).toHaveLength(1);
      expect(cap.lines("error")[0]).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}.*in use`));
      // The same for the wildcard address.
      const any = cleanup.server(new TCPServer());
      expect(any.listen(0)).toBe(OK);
      expect(second.listen(any.get_local_port())).toBe(ERR_ALREADY_IN_USE);
      expect(cap.lines("error")).toHaveLength(2);
      // After a failure the server can listen elsewhere.
      expect(second.listen(0, "127.0.0.1")).toBe(OK);
    } finally {
      cap.restore();
    }
  });

  it("an address that is not local fails like a bind failure (ERR_ALREADY_IN_USE)", () => {
    const server = cleanup.server(new TCPServer());
    const cap = capture_output();
    try {
      expect(server.listen(0, "192.0.2.1")).toBe(ERR_ALREADY_IN_USE);
      expect(server.is_listening()).toBe(false);
      expect(cap.lines("error")).toHaveLength(1);
    } finally {
      cap.restore();
    }
  });

  it("listening twice is ERR_ALREADY_IN_USE; stop() frees the port for a new listen", () => {
    const server = cleanup.server(new TCPServer());
    expect(server.listen(0, "127.0.0.1")).toBe(OK);
    const port = server.get_local_port();
    const cap = capture_output();
    try {
      expect(server.listen(0, "127.0.0.1")).toBe(ERR_ALREADY_IN_USE);
      expect(cap.lines("error")).toHaveLength(1);
    } finally {
      cap.restore();
    }
    server.stop();
    expect(server.is_listening()).toBe(false);
    expect(server.get_local_port()).toBe(0);
    expect(server.listen(port, "127.0.0.1")).toBe(OK);
    expect(server.get_local_port()).toBe(port);
  });

  it("bad ports and addresses return ERR_INVALID_PARAMETER with one line each, never throwing", () => {
    const server = cleanup.server(new TCPServer());
    const cap = capture_output();
    try {
      expect(server.listen(-1)).toBe(ERR_INVALID_PARAMETER);
      expect(server.listen(65536)).toBe(ERR_INVALID_PARAMETER);
      expect(server.listen("80" as unknown as number)).toBe(ERR_INVALID_PARAMETER);
      expect(server.listen(0, "localhost")).toBe(ERR_INVALID_PARAMETER);
      expect(server.listen(0, 127 as unknown as string)).toBe(ERR_INVALID_PARAMETER);
      expect(server.listen(0, "")).toBe(ERR_INVALID_PARAMETER);
      expect(cap.lines("error")).toHaveLength(6);
      expect(server.is_listening()).toBe(false);
    } finally {
      cap.restore();
    }
  });
});

describe("TCPServer connections", () => {
  it("take_connection() is null while nothing waits, then hands out CONNECTED peers in order", async () => {
    const server = cleanup.server(new TCPServer());
    expect(server.take_connection()).toBe(null);
    expect(server.is_connection_available()).toBe(false);
    expect(server.listen(0, "127.0.0.1")).toBe(OK);
    expect(server.is_connection_available()).toBe(false);
    expect(server.take_connection()).toBe(null);
    const first = raw_connect(server.get_local_port());
    await new Promise<void>((resolve) => first.once("connect", () => resolve()));
    const second = raw_connect(server.get_local_port());
    await wait_until(() => server._get_pending_connection_count() === 2, "two waiting connections");
    expect(server.is_connection_available()).toBe(true);
    const a = cleanup.peer(server.take_connection() as StreamPeerTCP);
    const b = cleanup.peer(server.take_connection() as StreamPeerTCP);
    expect(server.take_connection()).toBe(null);
    expect(a).toBeInstanceOf(StreamPeerTCP);
    expect(a.get_status()).toBe(StreamPeerTCP.STATUS_CONNECTED);
    expect(a.get_connected_port()).toBe(first.localPort);
    expect(b.get_connected_port()).toBe(second.localPort);
    // Data sent before the connection was taken is there.
    second.write("queued");
    await wait_until(() => b.get_available_bytes() === 6, "the bytes");
    expect(b.get_string(6)).toBe("queued");
  });

  it("a dual-stack server reports IPv4 clients with their IPv4 address", async () => {
    const server = cleanup.server(new TCPServer());
    expect(server.listen(0)).toBe(OK);
    raw_connect(server.get_local_port(), "127.0.0.1");
    let peer: StreamPeerTCP | null = null;
    await wait_until(() => (peer ??= server.take_connection()) !== null, "the connection");
    cleanup.peer(peer as unknown as StreamPeerTCP);
    expect((peer as unknown as StreamPeerTCP).get_connected_host()).toBe("127.0.0.1");
  });

  it("a server that never takes connections keeps at most the pending bound; extras are reset", async () => {
    const server = cleanup.server(new TCPServer());
    server._set_max_pending_connections(3);
    expect(server.listen(0, "127.0.0.1")).toBe(OK);
    const clients = Array.from({ length: 8 }, () => raw_connect(server.get_local_port()));
    const closed = new Set<net.Socket>();
    for (const c of clients) c.on("close", () => closed.add(c));
    await wait_until(() => closed.size === 5, "the extra connections to be reset");
    expect(server._get_pending_connection_count()).toBe(3);
    const kept = clients.filter((c) => !closed.has(c));
    expect(kept).toHaveLength(3);
    const peers = [0, 1, 2].map(() => cleanup.peer(server.take_connection() as StreamPeerTCP));
    expect(peers.every((p) => p.get_status() === StreamPeerTCP.STATUS_CONNECTED)).toBe(true);
    expect(server.take_connection()).toBe(null);
  });

  it("a connection reset before it was taken is handed out and reports the error on poll, as the engine's", async () => {
    const server = cleanup.server(new TCPServer());
    expect(server.listen(0, "127.0.0.1")).toBe(OK);
    const client = raw_connect(server.get_local_port());
    await wait_until(() => server._get_pending_connection_count() === 1, "the waiting connection");
    client.resetAndDestroy();
    await new Promise<void>((resolve) => client.once("close", () => resolve()));
    const peer = cleanup.peer(server.take_connection() as StreamPeerTCP);
    expect(peer.get_status()).toBe(StreamPeerTCP.STATUS_CONNECTED);
    await wait_until(() => {
      peer.poll();
      return peer.get_status() !== StreamPeerTCP.STATUS_CONNECTED;
    }, "the reset to be seen");
    expect(peer.get_status()).toBe(StreamPeerTCP.STATUS_ERROR);
  });

  it("stop() closes connections not taken yet, and leaves taken ones alone", async () => {
    const server = cleanup.server(new TCPServer());
    expect(server.listen(0, "127.0.0.1")).toBe(OK);
    const taken_client = raw_connect(server.get_local_port());
    let taken: StreamPeerTCP | null = null;
    await wait_until(() => (taken ??= server.take_connection()) !== null, "the first connection");
    cleanup.peer(taken as unknown as StreamPeerTCP);
    const waiting = raw_connect(server.get_local_port());
    let waiting_closed = false;
    waiting.on("close", () => (waiting_closed = true));
    await wait_until(() => server.is_connection_available(), "the second connection");
    server.stop();
    await wait_until(() => waiting_closed, "the waiting client to be closed");
    taken_client.write("still here");
    const peer = taken as unknown as StreamPeerTCP;
    await wait_until(() => peer.get_available_bytes() === 10, "data on the taken connection");
    expect(peer.get_status()).toBe(StreamPeerTCP.STATUS_CONNECTED);
  });
});
