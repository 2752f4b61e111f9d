/**
 * Relay by a gdnet 3.x server between three `ws` clients A, B, C: which
 * clients get a packet, with the sender's header untouched, and whether the
 * server keeps it for itself (peer_packet, get_packet_peer). "Did not
 * arrive" is checked after a later marker packet from the same sender did
 * arrive: the server handles one connection's messages in order, so a wrong
 * relay would have come first.
 */
import { afterEach, describe, expect, it } from "vitest";
import { SYS_NONE, encode_mp } from "../helpers/godot3_mp_wire.js";
import { gd_server_with_abc } from "../helpers/mp_setups.js";
import { run_cleanups, until } from "../helpers/mp_pump.js";

afterEach(run_cleanups);

const PAYLOAD = [0xde, 0xad, 0xbe, 0xef, 0x00, 0x07];
const MARKER = [0x4d];

describe("gdnet 3.x server relays ws clients' packets", () => {
  it("broadcast (to 0) reaches the two others byte for byte, not the sender, and the server keeps it", async () => {
    const { server, a, b, c } = await gd_server_with_abc();
    a.send(0, PAYLOAD);
    const sent = [...encode_mp(SYS_NONE, a.id, 0, PAYLOAD)];
    await until(() => b.packets.length === 1 && c.packets.length === 1 && server.packets.length === 1, "broadcast delivered", [server]);
    // The relayed frame is exactly what A sent (the last frame each received).
    expect([...(b.frames.at(-1) ?? [])]).toEqual(sent);
    expect([...(c.frames.at(-1) ?? [])]).toEqual(sent);
    expect(server.packets).toEqual([{ from: a.id, data: PAYLOAD }]);
    expect(server.packet_sources).toEqual([a.id]);
    // A hears nothing of its own broadcast: B's marker to A comes after it at the server.
    b.send(a.id, MARKER);
    await until(() => a.packets.length > 0, "marker reaches A", [server]);
    expect(a.received()).toEqual([{ from: b.id, to: a.id, payload: MARKER }]);
  });

  it("exclusion (to -C) reaches only B, and the server keeps it", async () => {
    const { server, a, b, c } = await gd_server_with_abc();
    a.send(-c.id, PAYLOAD);
    a.send(c.id, MARKER);
    await until(() => b.packets.length === 1 && c.packets.length === 1 && server.packets.length === 1, "exclusion and marker delivered", [server]);
    expect(b.received()).toEqual([{ from: a.id, to: -c.id, payload: PAYLOAD }]);
    expect(c.received()).toEqual([{ from: a.id, to: c.id, payload: MARKER }]);
    expect(server.packets).toEqual([{ from: a.id, data: PAYLOAD }]);
  });

  it("direct (to B) reaches only B; the server does not keep it", async () => {
    const { server, a, b, c } = await gd_server_with_abc();
    a.send(b.id, PAYLOAD);
    a.send(0, MARKER);
    await until(() => b.packets.length === 2 && c.packets.length === 1 && server.packets.length === 1, "direct and marker delivered", [server]);
    expect(b.received()).toEqual([
      { from: a.id, to: b.id, payload: PAYLOAD },
      { from: a.id, to: 0, payload: MARKER },
    ]);
    expect(c.received()).toEqual([{ from: a.id, to: 0, payload: MARKER }]);
    expect(server.packets).toEqual([{ from: a.id, data: MARKER }]);
  });

  it("to 1 reaches only the server", async () => {
    const { server, a, b, c } = await gd_server_with_abc();
    a.send(1, PAYLOAD);
    a.send(0, MARKER);
    await until(() => b.packets.length === 1 && c.packets.length === 1 && server.packets.length === 2, "server packet and marker delivered", [server]);
    expect(server.packets).toEqual([
      { from: a.id, data: PAYLOAD },
      { from: a.id, data: MARKER },
    ]);
    expect(b.received()).toEqual([{ from: a.id, to: 0, payload: MARKER }]);
    expect(c.received()).toEqual([{ from: a.id, to: 0, payload: MARKER }]);
  });

  it("to -1 goes to every other client but is not kept by the server (gdnet's fix of the 3.x exclusion check)", async () => {
    const { server, a, b, c } = await gd_server_with_abc();
    a.send(-1, PAYLOAD);
    a.send(1, MARKER);
    await until(() => b.packets.length === 1 && c.packets.length === 1 && server.packets.length === 1, "relay and marker delivered", [server]);
    expect(b.received()).toEqual([{ from: a.id, to: -1, payload: PAYLOAD }]);
    expect(c.received()).toEqual([{ from: a.id, to: -1, payload: PAYLOAD }]);
    expect(server.packets).toEqual([{ from: a.id, data: MARKER }]);
    expect(server.packet_sources).toEqual([a.id]);
  });

  it("get_packet_peer() and peer_packet name the sender of each kept packet", async () => {
    const { server, a, b, c } = await gd_server_with_abc();
    server.collect = false;
    for (const [i, client] of [a, b, c, b, a].entries()) {
      client.send(1, [i]);
      // One at a time, so the order at the server is known.
      await until(() => server.mp.get_available_packet_count() === i + 1, `packet ${i} kept`, [server]);
    }
    expect(server.packet_sources).toEqual([a.id, b.id, c.id, b.id, a.id]);
    const read: { from: number; data: number[] }[] = [];
    while (server.mp.get_available_packet_count() > 0) {
      const from = server.mp.get_packet_peer();
      read.push({ from, data: [...server.mp.get_packet()] });
    }
    expect(read).toEqual([a.id, b.id, c.id, b.id, a.id].map((from, i) => ({ from, data: [i] })));
  });
});
