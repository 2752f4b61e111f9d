/**
 * A gdnet 3.x server with two independent `ws` clients (A, B) and one gdnet
 * WebSocketClient (G): every direction of traffic among the four, so both
 * gdnet ends are checked against the same outside implementation at once.
 */
import { afterEach, describe, expect, it } from "vitest";
import { OK, type WebSocketClient, type WebSocketServer } from "../../../src/godot3/index.js";
import type { GdMpRecorder } from "../helpers/gd_mp_recorder.js";
import { sys_add, sys_del } from "../helpers/godot3_mp_wire.js";
import { gd_mp_client, gd_mp_server, join_ws_client } from "../helpers/mp_setups.js";
import { run_cleanups, until } from "../helpers/mp_pump.js";
import type { WsGodot3MpClient } from "../helpers/ws_godot3_mp_client.js";

afterEach(run_cleanups);

interface Mixed {
  server: GdMpRecorder<WebSocketServer>;
  a: WsGodot3MpClient;
  b: WsGodot3MpClient;
  g: GdMpRecorder<WebSocketClient>;
  gid: number;
  sides: (GdMpRecorder<WebSocketServer> | GdMpRecorder<WebSocketClient>)[];
}

async function mixed(): Promise<Mixed> {
  const { server, url } = gd_mp_server();
  const a = await join_ws_client(server, url, 1);
  const b = await join_ws_client(server, url, 2);
  const g = gd_mp_client(url);
  const sides = [server, g];
  await until(() => g.connected.length === 3 && a.added.length === 3 && b.added.length === 3, "G joins", sides);
  return { server, a, b, g, gid: g.mp.get_unique_id(), sides };
}

/** Arrival order across different senders is not fixed; the tests tag each packet with a distinct first byte and sort by it. */
function by_tag<T extends { payload?: number[]; data?: number[] }>(list: T[]): T[] {
  const tag = (x: T): number => (x.payload ?? x.data ?? [])[0] ?? 0;
  return [...list].sort((x, y) => tag(x) - tag(y));
}

function send(from: GdMpRecorder<WebSocketClient> | GdMpRecorder<WebSocketServer>, target: number, payload: number[]): void {
  from.mp.set_target_peer(target);
  expect(from.mp.put_packet(new Uint8Array(payload))).toBe(OK);
}

describe("gdnet server, two ws clients and a gdnet client", () => {
  it("the gdnet client joins: ids agree on every side and the ws clients get SYS_ADD(G)", async () => {
    const { server, a, b, g, gid } = await mixed();
    expect(server.connected).toEqual([a.id, b.id, gid]);
    expect(g.count("connection_succeeded")).toBe(1);
    expect(g.connected).toEqual([1, a.id, b.id]);
    expect([...(a.frames.at(-1) ?? [])]).toEqual([...sys_add(gid)]);
    expect([...(b.frames.at(-1) ?? [])]).toEqual([...sys_add(gid)]);
  });

  it("messages in every direction arrive with the right source and header", async () => {
    const { server, a, b, g, gid, sides } = await mixed();
    send(g, 0, [1]); // A, B, server
    a.send(gid, [2]); // G
    b.send(-a.id, [3]); // G, server
    send(server, gid, [4]); // G
    send(server, -gid, [5]); // A, B
    send(g, a.id, [6]); // A
    await until(() => g.packets.length === 3 && a.packets.length === 3 && b.packets.length === 2 && server.packets.length === 2, "all delivered", sides);
    expect(by_tag(a.received())).toEqual([
      { from: gid, to: 0, payload: [1] },
      { from: 1, to: -gid, payload: [5] },
      { from: gid, to: a.id, payload: [6] },
    ]);
    expect(by_tag(b.received())).toEqual([
      { from: gid, to: 0, payload: [1] },
      { from: 1, to: -gid, payload: [5] },
    ]);
    expect(by_tag(g.packets)).toEqual([
      { from: a.id, data: [2] },
      { from: b.id, data: [3] },
      { from: 1, data: [4] },
    ]);
    expect([...g.packet_sources].sort()).toEqual([a.id, b.id, 1].sort());
    expect(by_tag(server.packets)).toEqual([
      { from: gid, data: [1] },
      { from: b.id, data: [3] },
    ]);
  });

  it("put_var from the gdnet client reaches a ws client as Godot 3 bytes, and back", async () => {
    const { a, g, gid, sides } = await mixed();
    g.collect = false;
    g.mp.set_target_peer(a.id);
    expect(g.mp.put_var(7)).toBe(OK);
    await until(() => a.packets.length === 1, "variant reaches A", sides);
    expect(a.received()).toEqual([{ from: gid, to: a.id, payload: [2, 0, 0, 0, 7, 0, 0, 0] }]);
    a.send(gid, [2, 0, 0, 0, 0x2a, 0, 0, 0]); // int 42
    await until(() => g.mp.get_available_packet_count() === 1, "A's variant reaches G", sides);
    expect(g.mp.get_packet_peer()).toBe(a.id);
    expect(g.mp.get_var()).toBe(42);
  });

  it("departures: G leaving is announced to A and B; A leaving is announced to G", async () => {
    const { server, a, b, g, gid, sides } = await mixed();
    a.close();
    await until(() => g.disconnected.length === 1 && b.removed.length === 1, "A's departure", sides);
    expect(g.disconnected).toEqual([a.id]);
    expect(b.removed).toEqual([a.id]);
    g.mp.disconnect_from_host();
    await until(() => server.disconnected.length === 2 && b.removed.length === 2, "G's departure", sides);
    expect(server.disconnected).toEqual([a.id, gid]);
    expect([...(b.frames.at(-1) ?? [])]).toEqual([...sys_del(gid)]);
    expect(server.mp.has_peer(b.id)).toBe(true);
  });
});
