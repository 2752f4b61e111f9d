/**
 * examples/lobby_server.ts and examples/lobby_client.ts as programs: the
 * server process relays between an example client process and in-process
 * clients that speak SceneMultiplayer's relay messages, as a Godot 4 game
 * with `multiplayer.multiplayer_peer` set does.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { capture_output } from "../../../src/core/error/error_sink.js";
import "../../../src/index.js";
import {
  SYS_ADD_PEER,
  SYS_DEL_PEER,
  SYS_RELAY,
  parse_raw,
  parse_sys,
  raw_message,
  relay_message,
} from "../../../examples/scene_multiplayer_relay.js";
import { WebSocketMultiplayerPeer } from "../../../src/modules/websocket/websocket_multiplayer_peer.js";
import { mp_client, on_cleanup, pump, run_cleanups, type Recorded } from "./multiplayer_harness.js";

afterEach(run_cleanups);

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));

interface Program {
  child: ChildProcess;
  lines: string[];
  exit_code: number | null;
}

function run(script: string, args: string[]): Program {
  const child = spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  const program: Program = { child, lines: [], exit_code: null };
  let pending = "";
  child.stdout?.setEncoding("utf8");
  child.stdout?.on("data", (chunk: string) => {
    pending += chunk;
    const parts = pending.split("\n");
    pending = parts.pop() ?? "";
    program.lines.push(...parts);
  });
  child.stderr?.resume();
  child.on("exit", (code) => (program.exit_code = code ?? -1));
  on_cleanup(async () => {
    if (program.exit_code === null) {
      const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
      child.kill("SIGKILL");
      await exited;
    }
  });
  return program;
}

/** What a SceneMultiplayer client gets from the lobby: peers announced and removed, relayed bytes. */
function heard(r: Recorded): string[] {
  return r.packets().map((p) => {
    const sys = parse_sys(new Uint8Array(p.data));
    if (p.from !== 1 || !sys) return `? ${p.data.join(",")}`;
    if (sys.command === SYS_ADD_PEER) return `add ${sys.peer}`;
    if (sys.command === SYS_DEL_PEER) return `del ${sys.peer}`;
    if (sys.command === SYS_RELAY) return `${sys.peer}: ${Buffer.from(parse_raw(sys.payload) ?? []).toString()}`;
    return `sys ${sys.command}`;
  });
}

function say(r: Recorded, target: number, text: string): void {
  r.mp.set_target_peer(1);
  r.mp.put_packet(relay_message(target, raw_message(Buffer.from(text))));
}

describe("the lobby example", () => {
  it("introduces players to each other, relays with targets and exclusions, logs joins and leaves, and closes on SIGTERM", async () => {
    const server = run("examples/lobby_server.ts", ["--port", "0", "--host", "127.0.0.1"]);
    await pump([], () => server.lines.some((l) => l.startsWith("lobby listening on ")), "lobby listening", undefined, 30_000);
    const url = (server.lines.find((l) => l.startsWith("lobby listening on ")) ?? "").slice("lobby listening on ".length);
    expect(url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);

    const a = mp_client(url);
    const c = mp_client(url);
    const ours = [a, c];
    await pump(ours, () => ours.every((r) => r.mp.get_connection_status() === WebSocketMultiplayerPeer.CONNECTION_CONNECTED), "a and c joined");
    const [ida, idc] = [a.mp.get_unique_id(), c.mp.get_unique_id()];
    await pump(ours, () => heard(a).includes(`add ${idc}`) || heard(c).includes(`add ${ida}`), "a and c introduced");

    const b = run("examples/lobby_client.ts", [url, "--say", "hello", "--exit-after", "1"]);
    await pump(ours, () => heard(a).some((l) => l.endsWith(": hello")) && heard(c).some((l) => l.endsWith(": hello")), "hello from b", undefined, 30_000);
    const joined = b.lines.find((l) => l.startsWith("joined the lobby as ")) ?? "";
    const idb = Number(joined.slice("joined the lobby as ".length));
    expect(idb).toBeGreaterThanOrEqual(2);
    expect(heard(a)).toContain(`${idb}: hello`);
    expect(heard(c)).toContain(`${idb}: hello`);
    expect(heard(a)).toContain(`add ${idb}`);

    say(a, idc, "just for c");
    say(a, -idc, "not for c");
    await pump(ours, () => b.exit_code !== null, "b heard a and left", undefined, 30_000);
    expect(b.exit_code).toBe(0);
    expect(b.lines).toContain(`${ida}: not for c`);
    expect(b.lines).not.toContain(`${ida}: just for c`);
    expect(b.lines.filter((l) => l.startsWith("peer ") && l.endsWith(" is here")).sort()).toEqual([`peer ${ida} is here`, `peer ${idc} is here`].sort());

    say(a, 0, "marker");
    await pump(ours, () => heard(c).includes(`${ida}: marker`) && heard(c).includes(`del ${idb}`), "marker and b's leave");
    expect(heard(c).filter((l) => l.startsWith(`${ida}:`))).toEqual([`${ida}: just for c`, `${ida}: marker`]);
    expect(heard(a).filter((l) => l.startsWith(`${ida}:`))).toEqual([]);

    a.mp.set_target_peer(1);
    a.mp.put_packet(raw_message(Buffer.from("hi lobby")));
    await pump(ours, () => server.lines.includes(`peer ${ida} says to the lobby: hi lobby`), "the lobby logs bytes sent to it");
    for (const id of [ida, idb, idc]) expect(server.lines.some((l) => l.startsWith(`peer ${id} joined from 127.0.0.1:`))).toBe(true);
    expect(server.lines.some((l) => l.startsWith(`peer ${idb} left`))).toBe(true);

    server.child.kill("SIGTERM");
    const cap = capture_output();
    try {
      await pump(ours, () => server.exit_code !== null && ours.every((r) => r.mp.get_connection_status() === WebSocketMultiplayerPeer.CONNECTION_DISCONNECTED), "lobby closed", undefined, 30_000);
    } finally {
      cap.restore();
    }
    expect(server.lines).toContain("lobby closed");
    for (const r of ours) expect(r.ids("disconnected")).toEqual([1]);
  });
});
