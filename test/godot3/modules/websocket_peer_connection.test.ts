/**
 * The 3.x WebSocketPeer's connection calls: is_connected_to_host() through
 * a connection's life, close(code, reason) as a `ws` peer sees it (no NUL
 * after the reason, which 3.x sent), the connected address, set_no_delay and
 * the outbound buffered amount.
 */
import { afterEach, describe, expect, it } from "vitest";
import { FAILED, OK, WebSocketPeer } from "../../../src/godot3/index.js";
import { run_cleanups, until } from "../helpers/mp_pump.js";
import { errors_of, gd_client, gd_connected, gd_server, peer_of, record } from "./gd_sides.js";
import { WsTestServer, ws_client } from "./ws_peers.js";

afterEach(run_cleanups);

const ascii = (s: string) => new TextEncoder().encode(s);

describe("is_connected_to_host()", () => {
  it("is false while connecting, true once open and while closing, false after the close", async () => {
    const ws = await WsTestServer.start();
    const client = gd_client();
    const seen = record(client, ["connection_established", "connection_closed"]);
    expect(client.connect_to_url(ws.url())).toBe(OK);
    const peer = peer_of(client);
    expect(peer.is_connected_to_host()).toBe(false);
    await until(() => seen.length === 1, "connection_established", [client]);
    expect(peer.is_connected_to_host()).toBe(true);
    client.disconnect_from_host();
    expect(peer.is_connected_to_host()).toBe(true);
    // Closing: still "connected", but nothing more can be sent (3.x's wslay refused it too).
    let err = OK;
    expect(errors_of(() => (err = peer.put_packet(Uint8Array.of(1))))).toHaveLength(1);
    expect(err).toBe(FAILED);
    await until(() => seen.length === 2, "connection_closed", [client]);
    expect(seen).toEqual(["connection_established ", "connection_closed true"]);
    expect(peer.is_connected_to_host()).toBe(false);
  });
});

describe("close(code, reason)", () => {
  it("from a client: the ws server gets 4001 and exactly the bytes of \"why\"; the close we started reports clean", async () => {
    const ws = await WsTestServer.start();
    const client = await gd_connected(ws.url());
    const seen = record(client, ["connection_closed", "server_close_request"]);
    await until(() => ws.clients.length === 1, "ws server saw the client", [client]);
    peer_of(client).close(4001, "why");
    await until(() => ws.first.closed !== null && seen.length > 0, "close seen on both sides", [client]);
    expect(ws.first.closed).toEqual({ code: 4001, reason: ascii("why") });
    expect(seen).toEqual(["connection_closed true"]);
  });

  it("from a server: the ws client gets 4001 and exactly \"why\"", async () => {
    const { server, port } = gd_server();
    const ids: number[] = [];
    server.connect("client_connected", (id: number) => void ids.push(id));
    const ws = ws_client(`ws://127.0.0.1:${port}/`);
    await until(() => ids.length === 1, "client_connected", [server]);
    server.get_peer(ids[0] as number)?.close(4001, "why");
    await until(() => ws.closed !== null, "ws client closed", [server]);
    expect(ws.closed).toEqual({ code: 4001, reason: ascii("why") });
  });
});

describe("connection details", () => {
  it("get_connected_host/port name the other end on both sides", async () => {
    const { server, port } = gd_server();
    const ids: number[] = [];
    server.connect("client_connected", (id: number) => void ids.push(id));
    const client = await gd_connected(`ws://127.0.0.1:${port}/`, undefined, [server]);
    await until(() => ids.length === 1, "client_connected", [server, client]);
    const peer = peer_of(client);
    expect(peer.get_connected_host()).toBe("127.0.0.1");
    expect(peer.get_connected_port()).toBe(port);
    expect(client.get_connected_host()).toBe("127.0.0.1");
    expect(client.get_connected_port()).toBe(port);
    const remote = server.get_peer(ids[0] as number);
    expect(remote?.get_connected_host()).toBe("127.0.0.1");
    const client_port = remote?.get_connected_port() ?? 0;
    expect(client_port).toBeGreaterThan(0);
    expect(client_port).not.toBe(port);
  });

  it("a peer without a connection prints one error line for host, port and set_no_delay", () => {
    const peer = new WebSocketPeer();
    let host = "x";
    let port = -1;
    expect(errors_of(() => (host = peer.get_connected_host()))).toHaveLength(1);
    expect(errors_of(() => (port = peer.get_connected_port()))).toHaveLength(1);
    expect(errors_of(() => peer.set_no_delay(true))).toHaveLength(1);
    expect([host, port]).toEqual(["", 0]);
    expect(peer.get_current_outbound_buffered_amount()).toBe(0);
  });

  it("set_no_delay works quietly on a connected peer, which keeps sending", async () => {
    const ws = await WsTestServer.start();
    const client = await gd_connected(ws.url());
    const peer = peer_of(client);
    expect(errors_of(() => peer.set_no_delay(true))).toEqual([]);
    expect(errors_of(() => peer.set_no_delay(false))).toEqual([]);
    expect(peer.put_packet(Uint8Array.of(5))).toBe(OK);
    await until(() => ws.clients[0]?.messages.length === 1, "message at the ws server", [client]);
  });

  it("get_current_outbound_buffered_amount counts what is queued and drops to 0 once sent", async () => {
    const ws = await WsTestServer.start();
    const client = await gd_connected(ws.url());
    const peer = peer_of(client);
    expect(peer.get_current_outbound_buffered_amount()).toBe(0);
    // Queued in this synchronous run: nothing can have been handed to the kernel yet.
    expect(peer.put_packet(new Uint8Array(1000))).toBe(OK);
    expect(peer.put_packet(new Uint8Array(500))).toBe(OK);
    expect(peer.get_current_outbound_buffered_amount()).toBe(1500);
    await until(() => peer.get_current_outbound_buffered_amount() === 0, "outbound queue drained", [client]);
    await until(() => ws.clients[0]?.messages.length === 2, "both messages at the ws server", [client]);
  });
});
