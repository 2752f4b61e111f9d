/**
 * WebSocketMultiplayerPeer.set_buffers (3.x): argument checks, only while
 * inactive, the power-of-two rounding, and what the limits do on a real
 * connection: the output size and message count bound put_packet
 * (ERR_OUT_OF_MEMORY), the input size closes on a bigger message (1009),
 * and the input count holds the rest back until packets are read.
 */
import { afterEach, describe, expect, it } from "vitest";
import { ERR_INVALID_PARAMETER, ERR_OUT_OF_MEMORY, FAILED, OK, WebSocketClient, type WebSocketMultiplayerPeer, WebSocketServer } from "../../../src/godot3/index.js";
import { run_cleanups, settle, until } from "../helpers/mp_pump.js";
import { capture_errors, errors_of, gd_client, gd_connected, gd_server, peer_of, record } from "./gd_sides.js";
import { WsTestServer, ws_client } from "./ws_peers.js";

afterEach(run_cleanups);

/** A gdnet client with these buffers, connected to a ws server. */
async function client_with(buffers: [number, number, number, number]) {
  const ws = await WsTestServer.start();
  const client = await gd_connected(ws.url(), (c) => expect(c.set_buffers(...buffers)).toBe(OK));
  await until(() => ws.clients.length === 1, "ws server saw the client", [client]);
  return { ws, client, peer: peer_of(client), remote: ws.first };
}

describe("set_buffers arguments and timing", () => {
  it("returns OK on an idle client and server, ERR_INVALID_PARAMETER with one error line for any value < 1", () => {
    const peers: WebSocketMultiplayerPeer[] = [new WebSocketClient(), new WebSocketServer()];
    for (const mp of peers) {
      expect(mp.set_buffers(1, 1, 1, 1)).toBe(OK);
      expect(mp.set_buffers(3, 100, 5, 1000)).toBe(OK);
      const bads: [number, number, number, number][] = [[0, 1, 1, 1], [1, 0, 1, 1], [1, 1, 0, 1], [1, 1, 1, -4]];
      for (const bad of bads) {
        let err = OK;
        expect(errors_of(() => (err = mp.set_buffers(...bad)))).toHaveLength(1);
        expect(err).toBe(ERR_INVALID_PARAMETER);
      }
    }
  });

  it("is FAILED while a client connects or is connected, and while a server listens", async () => {
    const { server, port } = gd_server();
    let err = OK;
    expect(errors_of(() => (err = server.set_buffers(1, 1, 1, 1)))).toHaveLength(1);
    expect(err).toBe(FAILED);
    const client = gd_client();
    expect(client.connect_to_url(`ws://127.0.0.1:${port}/`)).toBe(OK);
    expect(errors_of(() => (err = client.set_buffers(1, 1, 1, 1)))).toHaveLength(1);
    expect(err).toBe(FAILED);
    const open = record(client, ["connection_established"]);
    await until(() => open.length === 1, "connection_established", [server, client]);
    expect(errors_of(() => (err = client.set_buffers(1, 1, 1, 1)))).toHaveLength(1);
    expect(err).toBe(FAILED);
    server.stop();
    expect(server.set_buffers(1, 1, 1, 1)).toBe(OK);
  });
});

describe("output limits", () => {
  it("rounds 3 KiB up to 4 KiB and refuses a message that would fill it: 4095 bytes OK, one more ERR_OUT_OF_MEMORY", async () => {
    const { client, peer, remote } = await client_with([64, 1024, 3, 1024]);
    let err = OK;
    expect(errors_of(() => (err = peer.put_packet(new Uint8Array(4096))))).toHaveLength(1);
    expect(err).toBe(ERR_OUT_OF_MEMORY);
    // Same synchronous run: the 4095 bytes are still queued when the next byte asks for room.
    expect(peer.put_packet(new Uint8Array(4095).fill(7))).toBe(OK);
    expect(errors_of(() => (err = peer.put_packet(Uint8Array.of(1))))).toHaveLength(1);
    expect(err).toBe(ERR_OUT_OF_MEMORY);
    await until(() => remote.messages.length === 1, "the 4095 bytes at the ws server", [client]);
    expect(remote.messages[0]?.data).toEqual(new Uint8Array(4095).fill(7));
    await until(() => peer.get_current_outbound_buffered_amount() === 0, "queue drained", [client]);
    expect(peer.put_packet(Uint8Array.of(1))).toBe(OK);
  });

  it("rounds 3 messages up to 4: four queued put_packets are OK, the fifth ERR_OUT_OF_MEMORY", async () => {
    const { client, peer, remote } = await client_with([64, 1024, 64, 3]);
    let results: number[] = [];
    expect(errors_of(() => (results = [1, 2, 3, 4, 5].map((n) => peer.put_packet(Uint8Array.of(n)))))).toHaveLength(1);
    expect(results).toEqual([OK, OK, OK, OK, ERR_OUT_OF_MEMORY]);
    await until(() => remote.messages.length === 4, "four messages at the ws server", [client]);
    expect(remote.messages.map((m) => m.data[0])).toEqual([1, 2, 3, 4]);
    await until(() => peer.get_current_outbound_buffered_amount() === 0, "queue drained", [client]);
    expect(peer.put_packet(Uint8Array.of(6))).toBe(OK);
    await until(() => remote.messages.length === 5, "the sixth message", [client]);
  });

  it("applies to a server's client connections too (1 KiB: 1023 bytes OK, 1024 ERR_OUT_OF_MEMORY)", async () => {
    const { server, port } = gd_server((s) => expect(s.set_buffers(64, 1024, 1, 1024)).toBe(OK));
    const ids: number[] = [];
    server.connect("client_connected", (id: number) => void ids.push(id));
    const ws = ws_client(`ws://127.0.0.1:${port}/`);
    await until(() => ws.open && ids.length === 1, "client_connected", [server]);
    const peer = server.get_peer(ids[0] as number);
    let err = OK;
    expect(errors_of(() => (err = peer?.put_packet(new Uint8Array(1024)) ?? OK))).toHaveLength(1);
    expect(err).toBe(ERR_OUT_OF_MEMORY);
    expect(peer?.put_packet(new Uint8Array(1023))).toBe(OK);
    await until(() => ws.messages.length === 1, "the 1023 bytes at the ws client", [server]);
    expect(ws.messages[0]?.data).toHaveLength(1023);
  });
});

describe("input limits", () => {
  it("a client takes a message of exactly its input buffer (1 KiB) and closes with 1009 on a bigger one", async () => {
    const { client, peer, remote } = await client_with([1, 1024, 64, 1024]);
    const closed = record(client, ["connection_closed", "connection_error"]);
    remote.socket.send(new Uint8Array(1024).fill(3));
    await until(() => peer.get_available_packet_count() === 1, "the 1024-byte message", [client]);
    expect(peer.get_packet()).toEqual(new Uint8Array(1024).fill(3));
    const errors = capture_errors();
    remote.socket.send(new Uint8Array(1025));
    await until(() => remote.closed !== null && closed.length === 1, "the close on both sides", [client]);
    expect(remote.closed?.code).toBe(1009);
    expect(errors.lines()).toEqual([expect.stringContaining("1009")]);
    expect(closed[0]).toMatch(/^connection_closed /);
    expect(peer.get_available_packet_count()).toBe(0);
  });

  it("a server closes a client's too-big message with 1009 and reports the client gone", async () => {
    const { server, port } = gd_server((s) => expect(s.set_buffers(1, 1024, 64, 1024)).toBe(OK));
    const seen = record(server, ["client_connected", "client_disconnected", "data_received"]);
    const ws = ws_client(`ws://127.0.0.1:${port}/`);
    await until(() => ws.open && seen.length === 1, "client_connected", [server]);
    const errors = capture_errors();
    ws.socket.send(new Uint8Array(2000));
    await until(() => ws.closed !== null && seen.length === 2, "closed and client_disconnected", [server]);
    expect(ws.closed?.code).toBe(1009);
    expect(errors.lines()).toEqual([expect.stringContaining("1009")]);
    expect(seen[1]).toMatch(/^client_disconnected \d+ /);
  });

  it("input_max_packets (3, rounded to 4) holds the rest back until packets are read", async () => {
    const { client, peer, remote } = await client_with([64, 3, 64, 1024]);
    for (let n = 1; n <= 6; n++) remote.socket.send(Uint8Array.of(n));
    await until(() => peer.get_available_packet_count() === 4, "four packets queued", [client]);
    await settle([client]);
    expect(peer.get_available_packet_count()).toBe(4);
    const got: number[] = [];
    await until(
      () => {
        while (peer.get_available_packet_count() > 0) got.push(peer.get_packet()[0] as number);
        return got.length === 6;
      },
      "all six packets read",
      [client],
    );
    expect(got).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
