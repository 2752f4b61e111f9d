/**
 * Three gdnet 3.x WebSocketClients (gd_mp_api = true) joining an independent
 * `ws` Godot 3 server: what each learns from SYS_ID / SYS_ADD.
 */
import { afterEach, describe, expect, it } from "vitest";
import { NetworkedMultiplayerPeer } from "../../../src/godot3/index.js";
import { ws_server_with_gd_clients } from "../helpers/mp_setups.js";
import { run_cleanups } from "../helpers/mp_pump.js";

afterEach(run_cleanups);

describe("gdnet 3.x clients join a ws server", () => {
  it("each gets connection_succeeded once and peer_connected for 1 and both others, ids as the server assigned", async () => {
    const { server, clients } = await ws_server_with_gd_clients(3);
    const ids = server.joined;
    expect(ids.length).toBe(3);
    for (const [i, client] of clients.entries()) {
      expect(client.count("connection_succeeded")).toBe(1);
      // The server and the earlier clients come with the join; the later ones as they arrive.
      const others = ids.filter((_, j) => j !== i);
      expect(client.connected).toEqual([1, ...others]);
      expect(client.disconnected).toEqual([]);
      expect(client.count("connection_failed")).toBe(0);
      expect(client.count("server_disconnected")).toBe(0);
    }
  });

  it("each reports the assigned id from get_unique_id() and is CONNECTED", async () => {
    const { server, clients } = await ws_server_with_gd_clients(3);
    expect(clients.map((c) => c.mp.get_unique_id())).toEqual(server.joined);
    for (const client of clients) {
      expect(client.mp.get_connection_status()).toBe(NetworkedMultiplayerPeer.CONNECTION_CONNECTED);
    }
  });

  it("sends nothing on its own while joining (only the server talks)", async () => {
    const { server } = await ws_server_with_gd_clients(3);
    expect(server.received).toEqual([]);
  });
});
