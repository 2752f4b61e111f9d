/**
 * examples/echo_server.ts and examples/echo_client.ts as a user runs them:
 * processes with their documented command lines, talking to the `ws` library.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { make_test_pki } from "../helpers/test_pki.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const TSX = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

const children: ChildProcess[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  while (cleanups.length > 0) await cleanups.pop()?.();
});

interface Running {
  child: ChildProcess;
  out: () => string;
  exited: Promise<number | null>;
}

function start(args: string[]): Running {
  const child = spawn(TSX, args, { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  let out = "";
  child.stdout?.setEncoding("utf8").on("data", (s: string) => (out += s));
  child.stderr?.setEncoding("utf8").on("data", (s: string) => (out += s));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, out: () => out, exited };
}

async function line_matching(run: Running, pattern: RegExp, timeout_ms = 30_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeout_ms;
  for (;;) {
    const m = pattern.exec(run.out());
    if (m) return m;
    if (Date.now() > deadline) throw new Error(`no line matching ${pattern}; output: ${run.out()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function exchange(ws: WebSocket, data: string | Buffer): Promise<{ data: Buffer; binary: boolean }> {
  return new Promise((resolve) => {
    ws.once("message", (d, binary) => resolve({ data: d as Buffer, binary }));
    ws.send(data);
  });
}

function open(url: string, options: WebSocket.ClientOptions = {}, protocols?: string[]): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, options);
    cleanups.push(() => {
      ws.terminate();
    });
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

describe("examples/echo_server.ts", () => {
  it("prints its address, echoes text as text and binary as binary, and negotiates --protocols", async () => {
    const server = start(["examples/echo_server.ts", "--port", "0", "--protocols", "echo,chat"]);
    const [, url] = await line_matching(server, /listening on (ws:\/\/127\.0\.0\.1:\d+)/);
    const ws = await open(url as string, {}, ["chat"]);
    expect(ws.protocol).toBe("chat");
    const text = await exchange(ws, "héllo");
    expect(text).toMatchObject({ binary: false });
    expect(text.data.toString()).toBe("héllo");
    const bin = await exchange(ws, Buffer.from([0, 255, 7]));
    expect(bin.binary).toBe(true);
    expect([...bin.data]).toEqual([0, 255, 7]);
    const big = Buffer.alloc(4 << 20, 9); // the default --buffer-size takes 16 MiB messages
    expect((await exchange(ws, big)).data.equals(big)).toBe(true);
    const closed = new Promise<number>((resolve) => ws.once("close", (code) => resolve(code)));
    ws.close(1000);
    expect(await closed).toBe(1000);
  });

  it("serves wss:// with --cert and --key", async () => {
    const pki = make_test_pki();
    const dir = mkdtempSync(join(tmpdir(), "gdnet-echo-"));
    writeFileSync(join(dir, "cert.pem"), pki.server_chain.save_to_string());
    writeFileSync(join(dir, "key.pem"), pki.server_key.save_to_string());
    const server = start(["examples/echo_server.ts", "--port", "0", "--cert", join(dir, "cert.pem"), "--key", join(dir, "key.pem")]);
    const [, port] = await line_matching(server, /listening on wss:\/\/127\.0\.0\.1:(\d+)/);
    const ws = await open(`wss://localhost:${port}/`, { ca: pki.ca_cert.save_to_string() });
    expect((await exchange(ws, "secure")).data.toString()).toBe("secure");
  });
});

describe("examples/echo_client.ts", () => {
  async function ws_server(on_connection: (socket: WebSocket) => void): Promise<string> {
    const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
    wss.on("connection", on_connection);
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const c of wss.clients) c.terminate();
          wss.close(() => resolve());
        }),
    );
    return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}/`;
  }

  it("echoes each message with its type and exits 0 after a clean close, printing code and reason", async () => {
    const echoed: { data: string; binary: boolean }[] = [];
    const url = await ws_server((socket) => {
      socket.on("message", (data, binary) => {
        echoed.push({ data: binary ? [...(data as Buffer)].join(",") : String(data), binary });
        if (echoed.length === 2) socket.close(1000, "bye");
      });
      socket.send("ping me");
      socket.send(Buffer.from([1, 2, 3]));
    });
    const client = start(["examples/echo_client.ts", url]);
    expect(await client.exited).toBe(0);
    expect(echoed).toEqual([
      { data: "ping me", binary: false },
      { data: "1,2,3", binary: true },
    ]);
    expect(client.out()).toContain('closed with code 1000, reason "bye"');
  });

  it("exits non-zero when the connection is not closed cleanly", async () => {
    const url = await ws_server((socket) => setTimeout(() => socket.terminate(), 50));
    const client = start(["examples/echo_client.ts", url]);
    expect(await client.exited).not.toBe(0);
    expect(client.out()).toContain("closed with code -1");
  });
});
