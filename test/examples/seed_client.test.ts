/**
 * examples/seed_client.ts — the class reference's GDScript client ported to
 * a Node + SceneTree — run as a process against a gdnet server that sends
 * two messages and closes with a code and reason. It must print exactly what
 * the GDScript prints: one `Packet: [...]` line per message (a
 * PackedByteArray prints as its byte values), then the close line.
 */
import { afterEach, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { OK, TCPServer, WebSocketPeer } from "../../src/index.js";
import { until } from "../modules/websocket/ws_harness.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

/** Accepts one client, sends it "hello" (text) and [1, 2, 3] (binary), then closes with 1000 "bye". */
class TwoMessagesServer {
  readonly tcp = new TCPServer();
  peer: WebSocketPeer | null = null;
  sent = false;
  #timer: ReturnType<typeof setInterval> | null = null;

  async start(): Promise<number> {
    expect(this.tcp.listen(0, "127.0.0.1")).toBe(OK);
    await until(() => this.tcp.get_local_port() > 0, "server bound");
    this.#timer = setInterval(() => this.poll(), 2);
    return this.tcp.get_local_port();
  }

  poll(): void {
    if (!this.peer && this.tcp.is_connection_available()) {
      const tcp = this.tcp.take_connection();
      this.peer = new WebSocketPeer();
      if (!tcp || this.peer.accept_stream(tcp) !== OK) throw new Error("accept_stream failed");
    }
    const peer = this.peer;
    if (!peer) return;
    peer.poll();
    if (!this.sent && peer.get_ready_state() === WebSocketPeer.STATE_OPEN) {
      this.sent = true;
      peer.send_text("hello");
      peer.send(new Uint8Array([1, 2, 3]));
      peer.close(1000, "bye");
    }
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.peer?.close(-1);
    this.tcp.stop();
  }
}

function run(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (s: string) => (out += s));
    child.stderr.setEncoding("utf8").on("data", (s: string) => (err += s));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, out, err }));
  });
}

describe("examples/seed_client.ts in the Node main loop", () => {
  let server: TwoMessagesServer | null = null;
  afterEach(() => {
    server?.stop();
    server = null;
  });

  it("prints each packet and the close line exactly as the GDScript does, then quits", async () => {
    server = new TwoMessagesServer();
    const port = await server.start();
    const result = await run(["examples/seed_client.ts", `ws://127.0.0.1:${port}`]);
    expect(result.err).toBe("");
    expect(result.out).toBe(
      ["Packet: [104, 101, 108, 108, 111]", "Packet: [1, 2, 3]", "WebSocket closed with code: 1000, reason bye. Clean: true", ""].join("\n"),
    );
    expect(result.code).toBe(0);
    // The server's Close was answered: its peer ended cleanly with the code it sent.
    await until(() => server?.peer?.get_ready_state() === WebSocketPeer.STATE_CLOSED, "server peer closed", () => server?.poll());
    expect(server.peer?.get_close_code()).toBe(1000);
  }, 60_000);

  it("prints code -1 and Clean: false when nothing answers", async () => {
    const probe = new TCPServer();
    expect(probe.listen(0, "127.0.0.1")).toBe(OK);
    await until(() => probe.get_local_port() > 0, "a free port");
    const port = probe.get_local_port();
    probe.stop();
    const result = await run(["examples/seed_client.ts", `ws://127.0.0.1:${port}`]);
    expect(result.out).toBe("WebSocket closed with code: -1, reason . Clean: false\n");
    expect(result.code).toBe(0);
  }, 60_000);
});
