/**
 * WebSocketClient (3.x) calls and return codes: connecting twice, bad URLs,
 * custom headers and subprotocols as a `ws` server sees them, the class's
 * own packet calls outside the multiplayer mode, and get_peer().
 */
import { afterEach, describe, expect, it } from "vitest";
import { ERR_ALREADY_IN_USE, ERR_UNCONFIGURED, OK, WebSocketClient, WebSocketPeer } from "../../../src/godot3/index.js";
import { run_cleanups, settle, until } from "../helpers/mp_pump.js";
import { CLIENT_SIGNALS, errors_of, gd_client, gd_connected, record } from "./gd_sides.js";
import { WsTestServer } from "./ws_peers.js";

afterEach(run_cleanups);

describe("connect_to_url", () => {
  it("is ERR_ALREADY_IN_USE with one error line while connecting and while connected", async () => {
    const ws = await WsTestServer.start();
    const client = gd_client();
    const seen = record(client, CLIENT_SIGNALS);
    expect(client.connect_to_url(ws.url())).toBe(OK);
    expect(client.get_connection_status()).toBe(WebSocketClient.CONNECTION_CONNECTING);
    let err = OK;
    expect(errors_of(() => (err = client.connect_to_url(ws.url())))).toHaveLength(1);
    expect(err).toBe(ERR_ALREADY_IN_USE);
    await until(() => seen.length > 0, "a signal", [client]);
    expect(seen).toEqual(["connection_established "]);
    expect(client.get_connection_status()).toBe(WebSocketClient.CONNECTION_CONNECTED);
    expect(errors_of(() => (err = client.connect_to_url(ws.url())))).toHaveLength(1);
    expect(err).toBe(ERR_ALREADY_IN_USE);
    // The refused calls left the first connection alone.
    expect(ws.clients).toHaveLength(1);
    expect(client.get_peer(1)?.put_packet(Uint8Array.of(1))).toBe(OK);
    await until(() => ws.first.messages.length === 1, "message at the ws server", [client]);
  });

  it("connects again once the previous connection ended, with a fresh peer", async () => {
    const ws = await WsTestServer.start();
    const client = await gd_connected(ws.url());
    const first = client.get_peer(1);
    const seen = record(client, CLIENT_SIGNALS);
    client.disconnect_from_host();
    await until(() => seen.length === 1, "connection_closed", [client]);
    expect(seen).toEqual(["connection_closed true"]);
    expect(client.get_connection_status()).toBe(WebSocketClient.CONNECTION_DISCONNECTED);
    expect(client.connect_to_url(ws.url())).toBe(OK);
    await until(() => seen.length === 2, "connection_established", [client]);
    expect(seen[1]).toBe("connection_established ");
    expect(client.get_peer(1)).not.toBe(first);
    expect(client.get_peer(1)?.put_packet(Uint8Array.of(4))).toBe(OK);
    await until(() => ws.clients[1]?.messages.length === 1, "message over the new connection", [client]);
  });

  it("disconnect_from_host() while connecting abandons the attempt without a signal, and a new one works", async () => {
    const ws = await WsTestServer.start();
    const client = gd_client();
    const seen = record(client, CLIENT_SIGNALS);
    expect(client.connect_to_url(ws.url())).toBe(OK);
    client.disconnect_from_host();
    expect(client.get_connection_status()).toBe(WebSocketClient.CONNECTION_DISCONNECTED);
    await settle([client]);
    expect(seen).toEqual([]);
    expect(client.connect_to_url(ws.url())).toBe(OK);
    await until(() => seen.length === 1, "connection_established", [client]);
    expect(seen).toEqual(["connection_established "]);
  });

  it("returns an error for a bad URL, stays disconnected and emits nothing", async () => {
    // (3.x itself did not check the scheme; gdnet refuses what it cannot parse.)
    for (const url of ["not a url", "ws://", "ws://127.0.0.1:99999/"]) {
      const client = gd_client();
      const seen = record(client, CLIENT_SIGNALS);
      let err = OK;
      const lines = errors_of(() => (err = client.connect_to_url(url)));
      expect(err, url).not.toBe(OK);
      expect(lines.length, url).toBeGreaterThan(0);
      expect(client.get_connection_status()).toBe(WebSocketClient.CONNECTION_DISCONNECTED);
      await settle([client]);
      expect(seen, url).toEqual([]);
    }
  });

  it("sends custom_headers with the handshake", async () => {
    const ws = await WsTestServer.start();
    const client = gd_client();
    expect(client.connect_to_url(ws.url(), [], false, ["X-Token: abc123", "X-Player: seven"])).toBe(OK);
    await until(() => ws.requests.length === 1, "the handshake at the ws server", [client]);
    expect(ws.requests[0]?.["x-token"]).toBe("abc123");
    expect(ws.requests[0]?.["x-player"]).toBe("seven");
  });

  it("offers its protocols; connection_established reports the one the server chose", async () => {
    const offered: string[][] = [];
    const ws = await WsTestServer.start({ choose_protocol: (list) => (offered.push(list), list.includes("chat-v2") ? "chat-v2" : false) });
    const client = gd_client();
    const seen = record(client, ["connection_established"]);
    expect(client.connect_to_url(ws.url(), ["chat-v1", "chat-v2"])).toBe(OK);
    await until(() => seen.length === 1, "connection_established", [client]);
    expect(offered).toEqual([["chat-v1", "chat-v2"]]);
    expect(seen).toEqual(["connection_established chat-v2"]);
  });
});

describe("outside the multiplayer mode", () => {
  it("the client's own get_packet/put_packet/get_available_packet_count are ERR_UNCONFIGURED / 0 with an error line", async () => {
    const ws = await WsTestServer.start();
    const client = await gd_connected(ws.url());
    let err = OK;
    let count = -1;
    let packet: Uint8Array = Uint8Array.of(9);
    expect(errors_of(() => (err = client.put_packet(Uint8Array.of(1))))).toHaveLength(1);
    expect(err).toBe(ERR_UNCONFIGURED);
    expect(errors_of(() => (packet = client.get_packet()))).toHaveLength(1);
    expect(packet).toHaveLength(0);
    expect(client.get_packet_error()).toBe(ERR_UNCONFIGURED);
    expect(errors_of(() => (count = client.get_available_packet_count()))).toHaveLength(1);
    expect(count).toBe(0);
    // Nothing went out through the refused put_packet.
    expect(client.get_peer(1)?.put_packet(Uint8Array.of(2))).toBe(OK);
    await until(() => ws.first.messages.length === 1, "the peer's message", [client]);
    expect(ws.first.messages[0]?.data).toEqual(Uint8Array.of(2));
  });
});

describe("get_peer", () => {
  it("gives the connection as peer 1, and null with an error line for any other id or before connecting", async () => {
    const client = gd_client();
    let peer: WebSocketPeer | null = new WebSocketPeer();
    expect(errors_of(() => (peer = client.get_peer(1)))).toHaveLength(1);
    expect(peer).toBeNull();
    const ws = await WsTestServer.start();
    expect(client.connect_to_url(ws.url())).toBe(OK);
    expect(client.get_peer(1)).toBeInstanceOf(WebSocketPeer);
    expect(client.get_peer(1)).toBe(client.get_peer(1));
    for (const id of [2, 0, -1]) {
      expect(errors_of(() => (peer = client.get_peer(id)))).toHaveLength(1);
      expect(peer).toBeNull();
    }
  });
});
