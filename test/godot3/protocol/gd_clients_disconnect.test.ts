/**
 * Three gdnet 3.x clients and an independent `ws` server: peers leaving
 * (SYS_DEL), the server closing a client (server_disconnected, gdnet's fix:
 * Godot 3 emitted connection_failed), and connections that never complete
 * (connection_failed).
 */
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { NetworkedMultiplayerPeer, capture_output } from "../../../src/godot3/index.js";
import { gd_mp_client, ws_server_with_abc } from "../helpers/mp_setups.js";
import { run_cleanups, settle, until } from "../helpers/mp_pump.js";

afterEach(run_cleanups);

const DISCONNECTED = NetworkedMultiplayerPeer.CONNECTION_DISCONNECTED;

/** A loopback port nobody listens on (taken, then released). */
async function dead_port(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe("gdnet 3.x clients when peers leave", () => {
  it("a client leaving: the ws server's SYS_DEL gives peer_disconnected(id) on the two others", async () => {
    const { server, a, b, c, all } = await ws_server_with_abc();
    const idc = c.mp.get_unique_id();
    c.mp.disconnect_from_host();
    await until(() => a.disconnected.length === 1 && b.disconnected.length === 1, "C's departure reaches A and B", all);
    expect(server.left).toEqual([idc]);
    expect(a.disconnected).toEqual([idc]);
    expect(b.disconnected).toEqual([idc]);
    expect(a.mp.get_connection_status()).toBe(NetworkedMultiplayerPeer.CONNECTION_CONNECTED);
  });

  it("the server closing a client: server_disconnected (not connection_failed) and DISCONNECTED; the others see it leave", async () => {
    const { server, a, b, c, all } = await ws_server_with_abc();
    const ida = a.mp.get_unique_id();
    server.close_client(ida, 1000, "kicked");
    await until(() => a.count("server_disconnected") === 1 && b.disconnected.length === 1 && c.disconnected.length === 1, "A closed", all);
    expect(a.mp.get_connection_status()).toBe(DISCONNECTED);
    expect(a.count("connection_failed")).toBe(0);
    expect(a.signals.at(-1)).toBe("server_disconnected");
    expect(b.disconnected).toEqual([ida]);
    expect(c.disconnected).toEqual([ida]);
    // Polling on changes nothing more.
    await settle(all);
    expect(a.count("server_disconnected")).toBe(1);
    expect(b.count("server_disconnected") + c.count("server_disconnected")).toBe(0);
  });

  it("the server going away: every client gets server_disconnected", async () => {
    const { server, all } = await ws_server_with_abc();
    const cap = capture_output(); // the dropped connections may report the missing Close frame
    try {
      await server.shutdown();
      await until(() => all.every((c) => c.count("server_disconnected") === 1), "all three see the server go", all);
    } finally {
      cap.restore();
    }
    for (const client of all) {
      expect(client.count("connection_failed")).toBe(0);
      expect(client.mp.get_connection_status()).toBe(DISCONNECTED);
    }
  });
});

describe("gdnet 3.x clients whose connection never completes", () => {
  it("the server refuses the upgrade: connection_failed, no connection_succeeded; the three connected clients hear nothing", async () => {
    const { server, all } = await ws_server_with_abc();
    server.refusing = true;
    const cap = capture_output();
    try {
      const late = gd_mp_client(server.url);
      await until(() => late.count("connection_failed") === 1, "refused client fails", [...all, late]);
      expect(late.signals).toEqual(["connection_failed"]);
      expect(late.mp.get_connection_status()).toBe(DISCONNECTED);
    } finally {
      cap.restore();
    }
    expect(server.joined.length).toBe(3);
    for (const client of all) expect(client.connected.length).toBe(3);
  });

  it("nothing listening: three clients each emit connection_failed once", async () => {
    const url = `ws://127.0.0.1:${await dead_port()}`;
    const cap = capture_output();
    try {
      const clients = [gd_mp_client(url), gd_mp_client(url), gd_mp_client(url)];
      await until(() => clients.every((c) => c.count("connection_failed") === 1), "three connection failures", clients);
      await settle(clients);
      for (const client of clients) {
        expect(client.signals).toEqual(["connection_failed"]);
        expect(client.mp.get_connection_status()).toBe(DISCONNECTED);
      }
    } finally {
      cap.restore();
    }
  });
});
