/**
 * The 3.x WebSocketPeer's packet calls: the 3.x return codes (FAILED when not
 * connected, ERR_UNAVAILABLE when connected and empty), the write mode and
 * the frame type it puts on the wire, was_string_packet(), and get_var /
 * put_var in the Godot 3 Variant format, checked against a `ws` server.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ERR_UNAVAILABLE, FAILED, OK, WebSocketPeer } from "../../../src/godot3/index.js";
import { run_cleanups, until } from "../helpers/mp_pump.js";
import { errors_of, gd_connected, peer_of, record } from "./gd_sides.js";
import { WsTestServer } from "./ws_peers.js";

afterEach(run_cleanups);

const bytes = (...b: number[]) => Uint8Array.from(b);

/** A gdnet client connected to a ws server, and that server's record of it. */
async function connected() {
  const ws = await WsTestServer.start();
  const client = await gd_connected(ws.url(), undefined);
  await until(() => ws.clients.length === 1, "ws server saw the client", [client]);
  return { ws, client, peer: peer_of(client), remote: ws.first };
}

describe("WebSocketPeer (3.x) without a connection", () => {
  it("refuses put_packet and get_packet with FAILED and one error line each", () => {
    const peer = new WebSocketPeer();
    let err = OK;
    expect(errors_of(() => (err = peer.put_packet(bytes(1, 2))))).toHaveLength(1);
    expect(err).toBe(FAILED);
    let got: Uint8Array = bytes(9);
    expect(errors_of(() => (got = peer.get_packet()))).toHaveLength(1);
    expect(got).toHaveLength(0);
    expect(peer.get_packet_error()).toBe(FAILED);
    expect(peer.get_available_packet_count()).toBe(0);
    expect(peer.is_connected_to_host()).toBe(false);
    expect(peer.was_string_packet()).toBe(false);
  });
});

describe("WebSocketPeer (3.x) packets", () => {
  it("get_packet on a connected, empty peer gives ERR_UNAVAILABLE quietly", async () => {
    const { peer } = await connected();
    let got: Uint8Array = bytes(9);
    expect(errors_of(() => (got = peer.get_packet()))).toEqual([]);
    expect(got).toHaveLength(0);
    expect(peer.get_packet_error()).toBe(ERR_UNAVAILABLE);
  });

  it("writes binary frames by default and text frames in WRITE_MODE_TEXT", async () => {
    const { client, peer, remote } = await connected();
    expect(peer.get_write_mode()).toBe(WebSocketPeer.WRITE_MODE_BINARY);
    expect(peer.put_packet(bytes(0xff, 0x00))).toBe(OK);
    peer.set_write_mode(WebSocketPeer.WRITE_MODE_TEXT);
    expect(peer.get_write_mode()).toBe(WebSocketPeer.WRITE_MODE_TEXT);
    expect(peer.put_packet(new TextEncoder().encode("héllo"))).toBe(OK);
    await until(() => remote.messages.length === 2, "two messages at the ws server", [client]);
    expect(remote.messages[0]).toEqual({ data: bytes(0xff, 0x00), binary: true });
    expect(remote.messages[1]?.binary).toBe(false);
    expect(remote.texts()[1]).toBe("héllo");
  });

  it("refuses an invalid write mode with one error line and keeps the old one", async () => {
    const { peer } = await connected();
    peer.set_write_mode(WebSocketPeer.WRITE_MODE_TEXT);
    expect(errors_of(() => peer.set_write_mode(2 as never))).toHaveLength(1);
    expect(errors_of(() => peer.set_write_mode(-1 as never))).toHaveLength(1);
    expect(peer.get_write_mode()).toBe(WebSocketPeer.WRITE_MODE_TEXT);
  });

  it("was_string_packet() tells text from binary messages, one data_received each", async () => {
    const { client, peer, remote } = await connected();
    const seen = record(client, ["data_received"]);
    remote.socket.send("text one");
    remote.socket.send(Buffer.from([1, 2, 3]));
    await until(() => seen.length === 2, "two data_received", [client]);
    expect(peer.get_available_packet_count()).toBe(2);
    expect(new TextDecoder().decode(peer.get_packet())).toBe("text one");
    expect(peer.was_string_packet()).toBe(true);
    expect(peer.get_packet()).toEqual(bytes(1, 2, 3));
    expect(peer.was_string_packet()).toBe(false);
  });

  it("FAILED for put_packet once the connection closed; packets received before stay readable, then FAILED", async () => {
    const { client, peer, remote } = await connected();
    const seen = record(client, ["connection_closed"]);
    remote.socket.send(Buffer.from([7]));
    remote.socket.close(1000);
    await until(() => seen.length === 1, "connection_closed", [client]);
    let err = OK;
    expect(errors_of(() => (err = peer.put_packet(bytes(1))))).toHaveLength(1);
    expect(err).toBe(FAILED);
    expect(peer.get_packet()).toEqual(bytes(7));
    expect(peer.get_packet_error()).toBe(OK);
    expect(errors_of(() => peer.get_packet())).toHaveLength(1);
    expect(peer.get_packet_error()).toBe(FAILED);
  });
});

describe("WebSocketPeer (3.x) get_var/put_var: the Godot 3 Variant format", () => {
  it("put_var writes the 3.x bytes (String, and Array whose type id differs from Godot 4)", async () => {
    const { client, peer, remote } = await connected();
    expect(peer.put_var("hi")).toBe(OK);
    expect(peer.put_var([1])).toBe(OK);
    await until(() => remote.messages.length === 2, "two messages at the ws server", [client]);
    // String: type 4, length 2, "hi", padded to 4 bytes.
    expect(remote.messages[0]?.data).toEqual(bytes(4, 0, 0, 0, 2, 0, 0, 0, 0x68, 0x69, 0, 0));
    // Array is type 19 in 3.x (28 in Godot 4): count 1, then int 1 (type 2, 32-bit).
    expect(remote.messages[1]?.data).toEqual(bytes(19, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0));
    expect(remote.messages.every((m) => m.binary)).toBe(true);
  });

  it("get_var reads hand-written 3.x bytes", async () => {
    const { client, peer, remote } = await connected();
    remote.socket.send(Buffer.from([2, 0, 0, 0, 0x39, 0x30, 0, 0])); // int 12345
    remote.socket.send(Buffer.from([19, 0, 0, 0, 2, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0x61, 0, 0, 0])); // [true, "a"]
    await until(() => peer.get_available_packet_count() === 2, "two packets", [client]);
    expect(peer.get_var()).toBe(12345);
    expect(peer.get_var()).toEqual([true, "a"]);
  });
});
