/**
 * A gdnet 3.x server's own packets (put_packet / put_var after
 * set_target_peer) as three `ws` clients receive them: from = 1 and the
 * target in `to`. The server writes to each connection in order, so after a
 * final broadcast marker every client's packet list is complete.
 */
import { afterEach, describe, expect, it } from "vitest";
import { OK } from "../../../src/godot3/index.js";
import { gd_server_with_abc } from "../helpers/mp_setups.js";
import { run_cleanups, until } from "../helpers/mp_pump.js";

afterEach(run_cleanups);

const MARKER = [0x4d];

describe("gdnet 3.x server put_packet to ws clients", () => {
  it("set_target_peer(0 / B / -B) sends (SYS_NONE, 1, target) to the right clients", async () => {
    const { server, a, b, c } = await gd_server_with_abc();
    const mp = server.mp;
    mp.set_target_peer(0);
    expect(mp.put_packet(new Uint8Array([1, 1]))).toBe(OK);
    mp.set_target_peer(b.id);
    expect(mp.put_packet(new Uint8Array([2, 2]))).toBe(OK);
    mp.set_target_peer(-b.id);
    expect(mp.put_packet(new Uint8Array([3, 3]))).toBe(OK);
    mp.set_target_peer(0);
    expect(mp.put_packet(new Uint8Array(MARKER))).toBe(OK);
    await until(() => [a, b, c].every((x) => x.packets.some((p) => p.payload[0] === MARKER[0])), "marker reaches all", [server]);

    const everyone = { from: 1, to: 0, payload: [1, 1] };
    const marker = { from: 1, to: 0, payload: MARKER };
    const excluding_b = { from: 1, to: -b.id, payload: [3, 3] };
    expect(a.received()).toEqual([everyone, excluding_b, marker]);
    expect(b.received()).toEqual([everyone, { from: 1, to: b.id, payload: [2, 2] }, marker]);
    expect(c.received()).toEqual([everyone, excluding_b, marker]);
    // Server packets are SYS_NONE (type byte 0), in binary frames.
    for (const x of [a, b, c]) {
      expect(x.packets.every((p) => p.type === 0)).toBe(true);
      expect(x.text_frames).toBe(0);
    }
  });

  it("put_var sends the Godot 3 Variant bytes of the value as the payload", async () => {
    const { server, a, b, c } = await gd_server_with_abc();
    server.mp.set_target_peer(c.id);
    expect(server.mp.put_var(7)).toBe(OK);
    await until(() => c.packets.length === 1, "variant reaches C", [server]);
    // Godot 3 int: type 2 (INT) as u32 LE, then the value as int32 LE.
    expect(c.received()).toEqual([{ from: 1, to: c.id, payload: [2, 0, 0, 0, 7, 0, 0, 0] }]);
    expect(a.packets.length + b.packets.length).toBe(0);
  });
});
