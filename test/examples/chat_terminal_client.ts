/**
 * examples/chat_client.ts as a test drives it: a spawned process, everything
 * it printed, and a wait for one of its lines. Every client is remembered so
 * a test can end the ones still running (end_chat_clients) even after a
 * timeout.
 */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

const started: TerminalClient[] = [];

export class TerminalClient {
  readonly proc: ChildProcessWithoutNullStreams;
  out = "";
  err = "";
  readonly exited: Promise<number | null>;

  constructor(url: string, name: string) {
    this.proc = spawn(TSX, ["examples/chat_client.ts", url, name], { cwd: ROOT, stdio: "pipe" });
    this.proc.stdout.setEncoding("utf8").on("data", (s: string) => (this.out += s));
    this.proc.stderr.setEncoding("utf8").on("data", (s: string) => (this.err += s));
    this.exited = new Promise((resolve) => this.proc.on("exit", (code) => resolve(code)));
    started.push(this);
  }

  get lines(): string[] {
    return this.out.split("\n").filter((l) => l !== "");
  }

  /** Waits until the client printed `line`; fails (with its output) if it exits first or time runs out. */
  async wait_for_line(line: string, timeout_ms = 60_000): Promise<void> {
    const deadline = Date.now() + timeout_ms;
    while (!this.lines.includes(line)) {
      if (this.proc.exitCode !== null || Date.now() > deadline) {
        throw new Error(`terminal client never printed ${JSON.stringify(line)}; stdout:\n${this.out}\nstderr:\n${this.err}`);
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

/** Ends every client process still running. */
export function end_chat_clients(): void {
  for (const client of started.splice(0)) if (client.proc.exitCode === null) client.proc.kill();
}
