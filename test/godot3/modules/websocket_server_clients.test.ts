/**
 * WebSocketServer (3.x) and its clients, with `ws` clients and raw sockets
 * on the other end: the handshake timeout, refusing new connections, extra
 * response headers, disconnect_peer(), client addresses, unknown ids, and
 * stop() dropping everyone without a Close frame.
 */
import { connect, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { notify_io } from "../../../src/core/io/io_wait.js";
import { OK, type WebSocketPeer } from "../../../src/godot3/index.js";
import { on_cleanup, run_cleanups, settle, until } from "../helpers/mp_pump.js";
import { CLIENT_SIGNALS, SERVER_SIGNALS, capture_errors, errors_of, gd_client, gd_server, record } from "./gd_sides.js";
import { ws_client } from "./ws_peers.js";

afterEach(run_cleanups);

const ascii = (s: string) => new TextEncoder().encode(s);

/** A gdnet server recording its signals, and a ws client it has reported as connected. */
async function server_with_client() {
  const { server, port } = gd_server();
  const seen = record(server, SERVER_SIGNALS);
  const ws = ws_client(`ws://127.0.0.1:${port}/`);
  await until(() => ws.open && seen.length === 1, "client_connected", [server]);
  const id = Number(seen[0]?.split(" ")[1]);
  // 3.x ids: random, never 0 (broadcast) or 1 (the server).
  expect(Number.isInteger(id) && id >= 2).toBe(true);
  return { server, port, seen, ws, id };
}

/** A raw TCP connection that never sends anything; `closed` turns true when the server drops it. */
function silent_socket(port: number): { socket: Socket; closed: () => boolean } {
  let closed = false;
  const socket = connect(port, "127.0.0.1");
  socket.on("close", () => {
    closed = true;
    notify_io();
  });
  socket.on("error", () => notify_io());
  on_cleanup(() => void socket.destroy());
  return { socket, closed: () => closed };
}

describe("handshakes", () => {
  it("drops a client that never sends its handshake once handshake_timeout passes, without a signal", async () => {
    const { server, port } = gd_server((s) => {
      s.handshake_timeout = 0.2;
    });
    const seen = record(server, SERVER_SIGNALS);
    const errors = capture_errors();
    const raw = silent_socket(port);
    await until(raw.closed, "the server dropped the silent socket", [server]);
    expect(seen).toEqual([]);
    // gdnet says why in one line (3.x only printed in verbose mode).
    expect(errors.lines().length).toBeLessThanOrEqual(1);
  });

  it("refuses new connections when asked: the client gets connection_error and the server emits nothing", async () => {
    const { server, port } = gd_server();
    server.set_refuse_new_connections(true);
    expect(server.is_refusing_new_connections()).toBe(true);
    const seen = record(server, SERVER_SIGNALS);
    const client = gd_client();
    const client_seen = record(client, CLIENT_SIGNALS);
    capture_errors(); // the client explains its connection_error
    expect(client.connect_to_url(`ws://127.0.0.1:${port}/`)).toBe(OK);
    await until(() => client_seen.length > 0, "the client's outcome", [server, client]);
    expect(client_seen).toEqual(["connection_error"]);
    await settle([server]);
    expect(seen).toEqual([]);
    // Accepting again lets the next client in.
    server.set_refuse_new_connections(false);
    const ws = ws_client(`ws://127.0.0.1:${port}/`);
    await until(() => ws.open && seen.length === 1, "client_connected", [server]);
    expect(seen[0]).toMatch(/^client_connected \d+ $/);
  });

  it("adds set_extra_headers to the handshake response", async () => {
    const { server, port } = gd_server((s) => s.set_extra_headers(["X-Game: demo", "X-Shard: 7"]));
    const ws = ws_client(`ws://127.0.0.1:${port}/`);
    await until(() => ws.open, "ws client open", [server]);
    expect(ws.response_headers?.["x-game"]).toBe("demo");
    expect(ws.response_headers?.["x-shard"]).toBe("7");
  });
});

describe("clients", () => {
  it("disconnect_peer(id, 4002, \"bye\") reaches the ws client exactly; the server reports a clean disconnect", async () => {
    const { server, seen, ws, id } = await server_with_client();
    expect(server.has_peer(id)).toBe(true);
    server.disconnect_peer(id, 4002, "bye");
    await until(() => ws.closed !== null && seen.length === 2, "closed and client_disconnected", [server]);
    expect(ws.closed).toEqual({ code: 4002, reason: ascii("bye") });
    expect(seen[1]).toBe(`client_disconnected ${id} true`);
    expect(server.has_peer(id)).toBe(false);
  });

  it("get_peer_address/port give the client's own address and port", async () => {
    const { server, ws, id } = await server_with_client();
    const local = ws.local();
    expect(server.get_peer_address(id)).toBe(local.address);
    expect(server.get_peer_port(id)).toBe(local.port);
    expect(local.address).toBe("127.0.0.1");
  });

  it("unknown ids give null, \"\" and 0 with one error line each; has_peer is false", async () => {
    const { server, id } = await server_with_client();
    const unknown = id + 1;
    expect(server.has_peer(unknown)).toBe(false);
    let peer: WebSocketPeer | null | undefined;
    let address = "x";
    let port = -1;
    expect(errors_of(() => (peer = server.get_peer(unknown)))).toHaveLength(1);
    expect(errors_of(() => (address = server.get_peer_address(unknown)))).toHaveLength(1);
    expect(errors_of(() => (port = server.get_peer_port(unknown)))).toHaveLength(1);
    expect(errors_of(() => server.disconnect_peer(unknown))).toHaveLength(1);
    expect([peer, address, port]).toEqual([null, "", 0]);
    expect(server.has_peer(id)).toBe(true);
  });

  it("stop() drops every client without a Close frame (1006 at the ws client) and emits nothing", async () => {
    const { server, seen, ws, id } = await server_with_client();
    server.stop();
    await until(() => ws.closed !== null, "ws client closed", [server]);
    expect(ws.closed?.code).toBe(1006);
    await settle([server]);
    expect(seen).toEqual([`client_connected ${id} `]);
    expect(server.has_peer(id)).toBe(false);
    expect(server.is_listening()).toBe(false);
  });
});
