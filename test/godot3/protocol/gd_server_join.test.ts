/**
 * A gdnet 3.x WebSocketServer (gd_mp_api = true) and three independent `ws`
 * clients: the exact bytes each client receives as it and the others join,
 * and the server's own view (peer_connected, ids, get_unique_id).
 */
import { afterEach, describe, expect, it } from "vitest";
import { NetworkedMultiplayerPeer } from "../../../src/godot3/index.js";
import { sys_add, sys_id } from "../helpers/godot3_mp_wire.js";
import { gd_server_with_abc, gd_server_with_ws_clients } from "../helpers/mp_setups.js";
import { run_cleanups } from "../helpers/mp_pump.js";

afterEach(run_cleanups);

const bytes_of = (frames: Uint8Array[]): number[][] => frames.map((f) => [...f]);

describe("gdnet 3.x server: three ws clients join", () => {
  it("sends each client SYS_ID, SYS_ADD(1), then SYS_ADD for every peer before and after it", async () => {
    const { a, b, c } = await gd_server_with_abc();
    // The first client hears of the later ones as they arrive.
    expect(bytes_of(a.frames)).toEqual(bytes_of([sys_id(a.id), sys_add(1), sys_add(b.id), sys_add(c.id)]));
    expect(bytes_of(b.frames)).toEqual(bytes_of([sys_id(b.id), sys_add(1), sys_add(a.id), sys_add(c.id)]));
    expect(bytes_of(c.frames)).toEqual(bytes_of([sys_id(c.id), sys_add(1), sys_add(a.id), sys_add(b.id)]));
    for (const client of [a, b, c]) expect(client.text_frames).toBe(0);
  });

  it("gives distinct ids >= 2 and reports each with peer_connected, in join order", async () => {
    const { server, clients } = await gd_server_with_ws_clients(3);
    const ids = clients.map((c) => c.id);
    for (const id of ids) {
      expect(Number.isInteger(id)).toBe(true);
      expect(id).toBeGreaterThanOrEqual(2);
    }
    expect(new Set(ids).size).toBe(3);
    expect(server.connected).toEqual(ids);
    expect(server.signals).toEqual(ids.map((id) => `peer_connected ${id}`));
    for (const id of ids) expect(server.mp.has_peer(id)).toBe(true);
  });

  it("is peer 1 and connected while listening", async () => {
    const { server } = await gd_server_with_ws_clients(3);
    expect(server.mp.get_unique_id()).toBe(1);
    expect(server.mp.get_connection_status()).toBe(NetworkedMultiplayerPeer.CONNECTION_CONNECTED);
    expect(server.mp.is_listening()).toBe(true);
  });
});
