/**
 * Packets from gdnet 3.x clients A, B, C through an independent `ws` server:
 * the header each put_packet writes (from = own id, to = target), what the
 * other gdnet clients make of the relayed bytes (peer_packet, get_packet_peer,
 * payload without header), and put_var/get_var in the Godot 3 Variant format
 * checked against hand-written bytes.
 */
import { afterEach, describe, expect, it } from "vitest";
import { OK, type WebSocketClient } from "../../../src/godot3/index.js";
import type { GdMpRecorder } from "../helpers/gd_mp_recorder.js";
import { ws_server_with_abc } from "../helpers/mp_setups.js";
import { run_cleanups, until } from "../helpers/mp_pump.js";

afterEach(run_cleanups);

type Client = GdMpRecorder<WebSocketClient>;

function send(from: Client, target: number, payload: number[]): void {
  from.mp.set_target_peer(target);
  expect(from.mp.put_packet(new Uint8Array(payload))).toBe(OK);
}

const MARKER = [0x4d];

describe("gdnet 3.x clients' packets through a ws server", () => {
  it("put_packet writes (SYS_NONE, own id, target) + payload for targets 1, 0, a peer and -peer", async () => {
    const { server, a, b, c, all } = await ws_server_with_abc();
    const id = (x: Client): number => x.mp.get_unique_id();
    const targets = [1, 0, id(b), -id(c)];
    for (const [i, t] of targets.entries()) send(a, t, [0x10 + i]);
    await until(() => server.received.length === targets.length, "all four reach the server", all);
    expect(server.received.map((r) => ({ sender: r.sender, binary: r.binary, ...r.frame, payload: [...r.frame.payload] }))).toEqual(
      targets.map((to, i) => ({ sender: id(a), binary: true, type: 0, from: id(a), to, payload: [0x10 + i] })),
    );
  });

  it("relayed packets arrive at the other gdnet clients with peer_packet(source), get_packet_peer() = sender, payload only", async () => {
    const { server, a, b, c, all } = await ws_server_with_abc();
    const ida = a.mp.get_unique_id();
    send(a, 0, [1, 2, 3]); // B and C
    send(a, b.mp.get_unique_id(), [4]); // B
    send(a, -c.mp.get_unique_id(), [5]); // B
    send(a, 1, [6]); // the server only
    send(a, 0, MARKER); // B and C, last
    await until(() => b.packets.length === 4 && c.packets.length === 2, "relays arrive", all);
    expect(b.packets).toEqual([[1, 2, 3], [4], [5], MARKER].map((data) => ({ from: ida, data })));
    expect(c.packets).toEqual([[1, 2, 3], MARKER].map((data) => ({ from: ida, data })));
    expect(b.packet_sources).toEqual([ida, ida, ida, ida]);
    expect(c.packet_sources).toEqual([ida, ida]);
    expect(a.packets).toEqual([]);
    expect(server.kept.map((k) => [...k.payload])).toEqual([[1, 2, 3], [5], [6], MARKER]);
  });

  it("packets from different senders keep their own source", async () => {
    const { a, b, c, all } = await ws_server_with_abc();
    send(b, c.mp.get_unique_id(), [0xb]);
    await until(() => c.packets.length === 1, "B reaches C", all);
    send(a, c.mp.get_unique_id(), [0xa]);
    await until(() => c.packets.length === 2, "A reaches C", all);
    expect(c.packets).toEqual([
      { from: b.mp.get_unique_id(), data: [0xb] },
      { from: a.mp.get_unique_id(), data: [0xa] },
    ]);
  });

  it("put_var(7) sends the Godot 3 bytes 02 00 00 00 07 00 00 00", async () => {
    const { server, a, all } = await ws_server_with_abc();
    a.mp.set_target_peer(1);
    expect(a.mp.put_var(7)).toBe(OK);
    await until(() => server.kept.length === 1, "variant reaches the server", all);
    expect([...(server.kept[0]?.payload ?? [])]).toEqual([2, 0, 0, 0, 7, 0, 0, 0]);
  });

  it("get_var decodes Godot 3 bytes the server sends (int, String, bool), with get_packet_peer() = 1", async () => {
    const { server, b, c, all } = await ws_server_with_abc();
    c.collect = false;
    const idc = c.mp.get_unique_id();
    server.send(idc, [2, 0, 0, 0, 0xf9, 0xff, 0xff, 0xff]); // int -7
    server.send(idc, [4, 0, 0, 0, 2, 0, 0, 0, 0x68, 0x69, 0, 0]); // String "hi", padded to 4
    server.send(idc, [1, 0, 0, 0, 1, 0, 0, 0]); // bool true
    await until(() => c.mp.get_available_packet_count() === 3, "three variants reach C", all);
    expect(c.packet_sources).toEqual([1, 1, 1]);
    const values: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      expect(c.mp.get_packet_peer()).toBe(1);
      values.push(c.mp.get_var());
    }
    expect(values).toEqual([-7, "hi", true]);
    expect(b.packets).toEqual([]);
  });
});
