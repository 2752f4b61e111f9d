/**
 * What a gdnet 3.x server refuses from `ws` clients (a spoofed sender, a
 * system message type) and what it tells the others when one leaves.
 * Refused messages must be neither relayed nor kept; each one prints an
 * error line.
 */
import { afterEach, describe, expect, it } from "vitest";
import { capture_output } from "../../../src/godot3/index.js";
import { SYS_ADD, SYS_DEL, SYS_ID, int32_le, sys_del } from "../helpers/godot3_mp_wire.js";
import { gd_server_with_abc } from "../helpers/mp_setups.js";
import { run_cleanups, until } from "../helpers/mp_pump.js";

afterEach(run_cleanups);

const MARKER = [0x4d];

describe("gdnet 3.x server refuses bad packets from ws clients", () => {
  it("drops a packet whose from is not the sender's id", async () => {
    const { server, a, b, c } = await gd_server_with_abc();
    const cap = capture_output();
    try {
      a.send_spoofed(b.id, 0, [1, 2, 3]);
      a.send_spoofed(1, 0, [4, 5, 6]);
      a.send(0, MARKER);
      await until(() => b.packets.length > 0 && c.packets.length > 0 && server.packets.length > 0, "marker delivered", [server]);
      expect(b.received()).toEqual([{ from: a.id, to: 0, payload: MARKER }]);
      expect(c.received()).toEqual([{ from: a.id, to: 0, payload: MARKER }]);
      expect(server.packets).toEqual([{ from: a.id, data: MARKER }]);
      expect(cap.lines("error").length).toBeGreaterThanOrEqual(2);
    } finally {
      cap.restore();
    }
  });

  it("drops system messages (SYS_ADD, SYS_DEL, SYS_ID) sent by a client", async () => {
    const { server, a, b, c } = await gd_server_with_abc();
    const cap = capture_output();
    try {
      a.send_typed(SYS_ADD, 0, int32_le(12345));
      a.send_typed(SYS_DEL, 0, int32_le(b.id));
      a.send_typed(SYS_ID, c.id, int32_le(99));
      a.send(0, MARKER);
      await until(() => b.packets.length > 0 && c.packets.length > 0 && server.packets.length > 0, "marker delivered", [server]);
      // Nothing but the marker reached B and C: no extra frames at all since the join.
      expect(b.frames.length).toBe(4 + 1);
      expect(c.frames.length).toBe(4 + 1);
      expect(b.removed).toEqual([]);
      expect(server.packets).toEqual([{ from: a.id, data: MARKER }]);
      // The server itself took none of them as a peer change.
      expect(server.connected).toEqual([a.id, b.id, c.id]);
      expect(server.disconnected).toEqual([]);
      expect(server.mp.has_peer(b.id)).toBe(true);
      expect(cap.lines("error").length).toBeGreaterThanOrEqual(3);
    } finally {
      cap.restore();
    }
  });
});

describe("gdnet 3.x server when a ws client leaves", () => {
  it("a clean close: SYS_DEL(id) to the two others and peer_disconnected(id)", async () => {
    const { server, a, b, c } = await gd_server_with_abc();
    c.close(1000, "bye");
    await until(() => server.disconnected.length === 1 && a.removed.length === 1 && b.removed.length === 1, "C's departure announced", [server]);
    expect(server.disconnected).toEqual([c.id]);
    expect(server.signals.at(-1)).toBe(`peer_disconnected ${c.id}`);
    expect(server.mp.has_peer(c.id)).toBe(false);
    expect([...(a.frames.at(-1) ?? [])]).toEqual([...sys_del(c.id)]);
    expect([...(b.frames.at(-1) ?? [])]).toEqual([...sys_del(c.id)]);
    expect(a.removed).toEqual([c.id]);
    expect(b.removed).toEqual([c.id]);
  });

  it("a dropped connection: the same announcements", async () => {
    const { server, a, b, c } = await gd_server_with_abc();
    // The server's peer reports the missing Close frame; not what this test is about.
    const cap = capture_output();
    try {
      b.terminate();
      await until(() => server.disconnected.length === 1 && a.removed.length === 1 && c.removed.length === 1, "B's departure announced", [server]);
    } finally {
      cap.restore();
    }
    expect(server.disconnected).toEqual([b.id]);
    expect(a.removed).toEqual([b.id]);
    expect(c.removed).toEqual([b.id]);
    // The two left still talk through the server.
    a.send(0, [9]);
    await until(() => c.packets.length === 1, "A reaches C after B left", [server]);
    expect(c.received()).toEqual([{ from: a.id, to: 0, payload: [9] }]);
  });
});
