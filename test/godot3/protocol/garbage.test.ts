/**
 * Garbage on the 3.x multiplayer protocol: a client that sends random
 * messages (short ones, unknown types, wrong senders, random targets) and a
 * server that sends random ones. poll() must never throw, nothing malformed
 * may be relayed or kept, and everyone else keeps being served. The
 * messages come from a seeded generator, so a failure replays.
 */
import { afterEach, describe, expect, it } from "vitest";
import { capture_output } from "../../../src/godot3/index.js";
import { SYS_NONE, decode_mp, encode_mp, int32_le } from "../helpers/godot3_mp_wire.js";
import { gd_server_with_abc, ws_server_with_abc } from "../helpers/mp_setups.js";
import { run_cleanups, until } from "../helpers/mp_pump.js";

afterEach(run_cleanups);

/** xorshift32: small, seeded, good enough to pick bytes. */
function generator(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/** A random message: raw bytes of any length up to 24, or a header with random fields (sometimes `ids`) and payload. */
function random_message(next: () => number, ids: readonly number[]): Uint8Array {
  const kind = next() % 3;
  if (kind === 0) return Uint8Array.from({ length: next() % 25 }, () => next() & 0xff);
  const pick = (): number => (next() % 2 === 0 ? (ids[next() % ids.length] ?? 0) * (next() % 2 === 0 ? 1 : -1) : next() | 0);
  const payload = Uint8Array.from({ length: next() % 8 }, () => next() & 0xff);
  return encode_mp(kind === 1 ? next() % 6 : next() & 0xff, pick(), pick(), payload);
}

const MARKER = [0x4d];

describe("garbage on the 3.x multiplayer protocol", () => {
  it("a gdnet server takes 400 random messages from one client and keeps serving the others, relaying nothing malformed", async () => {
    const { server, a, b, c } = await gd_server_with_abc();
    const next = generator(0x3a11ce);
    const ids = [0, 1, a.id, b.id, c.id, 999];
    const cap = capture_output();
    try {
      for (let i = 0; i < 400; i++) a.send_raw(random_message(next, ids));
      a.send(0, MARKER);
      await until(() => b.packets.some((p) => p.from === a.id && p.payload.length === 1 && p.payload[0] === 0x4d), "a's marker reaches b", [server]);
      // Everything relayed to b and c is a well-formed payload message from a.
      for (const frame of [...b.frames.slice(3), ...c.frames.slice(2)]) {
        const decoded = decode_mp(frame);
        if (decoded?.type === SYS_NONE) expect(decoded.from).toBe(a.id);
      }
      for (const p of server.packets) expect(p.from).toBe(a.id);
      // The others are still served, both ways.
      b.send(c.id, [7]);
      c.send(0, [8]);
      await until(() => c.received().some((p) => p.from === b.id && p.payload[0] === 7) && b.received().some((p) => p.from === c.id && p.payload[0] === 8), "b and c still talk", [server]);
      expect(server.mp.get_connection_status()).toBe(2);
      expect(cap.lines("error").length).toBeGreaterThan(0);
    } finally {
      cap.restore();
    }
  });

  it("gdnet clients take random messages from a server without throwing, and keep their session", async () => {
    const { server, a, b, all } = await ws_server_with_abc();
    const next = generator(0xbadf00d);
    const a_id = a.mp.get_unique_id();
    const b_id = b.mp.get_unique_id();
    const socket = server.clients.get(a_id);
    expect(socket).toBeDefined();
    const cap = capture_output();
    try {
      // Random messages, but no SYS_ID: a server that reassigns ids is allowed to.
      let sent = 0;
      while (sent < 400) {
        const m = random_message(next, [0, 1, a_id, b_id, 12345]);
        if (m.length >= 9 && m[0] === 3) continue;
        socket?.send(m);
        sent++;
      }
      socket?.send(encode_mp(SYS_NONE, 1, a_id, int32_le(0x4d4d4d4d)));
      await until(() => a.packets.some((p) => p.from === 1 && p.data.length === 4 && p.data[0] === 0x4d), "the last server packet reaches a", all);
      expect(a.mp.get_unique_id()).toBe(a_id);
      expect(a.mp.get_connection_status()).toBe(2);
      // a still sends through the server.
      a.mp.set_target_peer(b_id);
      a.mp.put_packet(Uint8Array.of(9));
      await until(() => b.packets.some((p) => p.from === a_id && p.data[0] === 9), "a reaches b after the garbage", all);
      expect(cap.lines("error").length).toBeGreaterThan(0);
    } finally {
      cap.restore();
    }
  });
});
