/**
 * examples/godot3/chat_server.ts and chat_client.ts as a user runs them:
 * separate processes (tsx) with their documented command lines. A line
 * typed into one client reaches the other; end of input leaves cleanly.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { closed_port } from "./closed_port.js";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const TSX = fileURLToPath(new URL("../../../node_modules/.bin/tsx", import.meta.url));
const WAIT_MS = 60_000; // tsx start-up on a busy machine

interface Running {
  proc: ChildProcessWithoutNullStreams;
  out: () => string;
  exited: Promise<number | null>;
}

const running: Running[] = [];
afterEach(() => {
  for (const run of running.splice(0)) if (run.proc.exitCode === null && run.proc.signalCode === null) run.proc.kill("SIGKILL");
});

function start(args: string[]): Running {
  const proc = spawn(TSX, args, { cwd: ROOT, stdio: "pipe" });
  let out = "";
  proc.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
  proc.stderr.setEncoding("utf8").on("data", (s: string) => (out += s));
  const exited = new Promise<number | null>((resolve) => proc.once("exit", (code) => resolve(code)));
  const run = { proc, out: () => out, exited };
  running.push(run);
  return run;
}

/** Waits for a line of `run`'s output matching `pattern`; fails with the output if it exits or time runs out. */
async function line_matching(run: Running, pattern: RegExp): Promise<RegExpExecArray> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const m = pattern.exec(run.out());
    if (m) return m;
    if (run.proc.exitCode !== null || Date.now() > deadline) throw new Error(`no line matching ${pattern}; output:\n${run.out()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("the Godot 3 chat programs", () => {
  it("server prints its address; a line typed in one client reaches the other; end of input leaves with Close 1000 \"Bye\"", async () => {
    const server = start(["examples/godot3/chat_server.ts", "--port", "0"]);
    const [, url] = await line_matching(server, /^listening on (ws:\/\/127\.0\.0\.1:\d+)$/m);
    const alice = start(["examples/godot3/chat_client.ts", url as string, "alice"]);
    const bob = start(["examples/godot3/chat_client.ts", url as string, "bob"]);
    await line_matching(alice, /^Connected with protocol ''$/m);
    await line_matching(bob, /^Connected with protocol ''$/m);
    alice.proc.stdin.write("hello from alice\n");
    const [, id] = await line_matching(bob, /^\[(\d+)\] alice: hello from alice$/m);
    await line_matching(alice, new RegExp(`^\\[${id}\\] alice: hello from alice$`, "m"));
    bob.proc.stdin.write("hi alice\n");
    await line_matching(alice, /^\[\d+\] bob: hi alice$/m);
    await line_matching(server, new RegExp(`^Data from ${id} \\(text\\): hello from alice$`, "m"));

    alice.proc.stdin.end();
    bob.proc.stdin.end();
    expect(await alice.exited).toBe(0);
    expect(await bob.exited).toBe(0);
    expect(alice.out()).toMatch(/^Disconnected, clean: true$/m);
    await line_matching(server, new RegExp(`^Client ${id} is leaving: code 1000, reason 'Bye'$`, "m"));
    await line_matching(server, new RegExp(`^Client ${id} disconnected, clean: true$`, "m"));
    server.proc.kill("SIGTERM");
    expect(await server.exited).toBe(0);
  }, 180_000);

  it("the client exits 1 when nothing listens at the address", async () => {
    const url = `ws://127.0.0.1:${await closed_port()}`;
    const lost = start(["examples/godot3/chat_client.ts", url, "lost"]);
    expect(await lost.exited).toBe(1);
    expect(lost.out()).toContain(`Could not connect to ${url}`);
  }, 120_000);
});
