/**
 * A real browser's WebSocket stack against gdnet's WebSocketPeer server:
 * Debian's Chromium, driven headless by playwright-core, loads a page from a
 * loopback HTTP server; the page's native WebSocket talks to an in-process
 * gdnet server (TCPServer + WebSocketPeer + poll loop). Checks run on both
 * sides; a screenshot of the page's checklist goes to test-artifacts/.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { capture_output } from "../../src/core/error/error_sink.js";
import "../../src/index.js";
import { WebSocketPeer } from "../../src/modules/websocket/wsl_peer.js";
import { GdEchoServer, until } from "../modules/websocket/ws_harness.js";
import { find_browser_deps } from "./browser_launch.js";

const PAGE_HTML = readFileSync(fileURLToPath(new URL("./websocket_page.html", import.meta.url)), "utf8");
const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const WAIT_MS = 60_000;

const deps = await find_browser_deps();
// CI must run this test; a local run may skip only when Chromium itself is absent.
const skip = deps.missing !== null && !process.env.CI && deps.chromium_absent;
if (skip) process.stderr.write(`websocket_browser.test.ts: skipped, ${deps.missing}\n`);

function pattern(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function sha256_hex(data: Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The closes the server recorded, as "code reason" lines, for readable failures. */
function closes(server: GdEchoServer): string {
  return JSON.stringify(server.closed);
}

describe.skipIf(skip)("Chromium's WebSocket ↔ gdnet WebSocketPeer server", () => {
  let browser: Browser | null = null;
  let page: Page | null = null;
  let http: Server | null = null;
  const servers: GdEchoServer[] = [];
  const console_lines: string[] = [];
  const page_errors: string[] = [];

  async function gd_server(options: ConstructorParameters<typeof GdEchoServer>[0] = {}): Promise<GdEchoServer> {
    const server = new GdEchoServer(options);
    await server.start("127.0.0.1");
    servers.push(server);
    return server;
  }

  let startup_error: string | null = null;

  /** The page, or this test fails with why the browser could not start. */
  function the_page(): Page {
    if (!page) throw new Error(`The browser WebSocket test cannot run: ${startup_error ?? "the page did not start"}`);
    return page;
  }

  /** The one server-side peer of `server`, once its handshake is done. */
  async function open_peer(server: GdEchoServer): Promise<WebSocketPeer> {
    await until(
      () => server.peers.length === 1 && server.peers[0]?.get_ready_state() === WebSocketPeer.STATE_OPEN,
      "one open server peer",
      () => {},
      WAIT_MS,
    );
    const peer = server.peers[0];
    if (!peer) throw new Error("no server peer");
    return peer;
  }

  beforeAll(async () => {
    // A failure here is reported by every test (through the_page()), not as skips.
    try {
      await start_page();
    } catch (e) {
      startup_error = (e as Error).message;
    }
  }, 180_000);

  async function start_page(): Promise<void> {
    if (deps.missing !== null || !deps.launch) throw new Error(deps.missing ?? "playwright-core has no chromium launcher");
    http = createServer((req, res) => {
      if (req.url === "/" || req.url === "/index.html") {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
        res.end(PAGE_HTML);
      } else if (req.url === "/favicon.ico") {
        res.writeHead(204).end();
      } else {
        res.writeHead(404).end();
      }
    });
    const listening = http;
    await new Promise<void>((resolve, reject) => {
      listening.once("error", reject);
      listening.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = http.address() as AddressInfo;
    browser = await deps.launch();
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    page.setDefaultTimeout(WAIT_MS);
    page.on("console", (m) => console_lines.push(`[${m.type()}] ${m.text()}`));
    page.on("pageerror", (e) => page_errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => "gd" in window);
  }

  afterEach(async () => {
    while (servers.length > 0) await servers.pop()?.stop();
    // An exception in the page's script fails the test that caused it.
    const errors = page_errors.splice(0);
    if (errors.length > 0) throw new Error(`the page threw: ${errors.join("; ")}`);
  });

  afterAll(async () => {
    try {
      if (page) {
        mkdirSync(ARTIFACTS, { recursive: true });
        writeFileSync(`${ARTIFACTS}websocket_browser_console.txt`, console_lines.join("\n") + "\n");
        await page.screenshot({ path: `${ARTIFACTS}websocket_browser.png`, fullPage: true });
      }
    } finally {
      await browser?.close();
      const server = http;
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    }
  }, 120_000);

  it("echoes multi-byte UTF-8 text and all 256 byte values, then closes with the page's code and reason", async () => {
    const p = the_page();
    const server = await gd_server();
    const url = `ws://127.0.0.1:${server.port}/game?room=1`;
    const texts = ["héllo ✓ 日本語 🎮", "", "plain ascii", "\u0000nul and \u{10FFFF} edge", "ß".repeat(200) + "🎮".repeat(100)];
    const { id, protocol } = await p.evaluate(([u]) => window.gd.open(u), [url] as const);
    expect(protocol).toBe("");
    const peer = await open_peer(server);
    // As the engine does, a server peer reports scheme, Host and request target.
    expect(peer.get_requested_url()).toBe(url);

    const echo = await p.evaluate(([i, t]) => window.gd.echo(i, t), [id, texts] as const);
    expect(echo.text_types).toEqual(texts.map(() => "string"));
    expect(echo.texts).toEqual(texts);
    expect(echo.bytes_type).toBe("ArrayBuffer");
    expect(echo.bytes).toEqual(Array.from({ length: 256 }, (_, i) => i));
    expect(echo.ok).toBe(true);

    const reason = "bye from chromium ✓";
    const page_close = await p.evaluate(([i, r]) => window.gd.close(i, 4000, r), [id, reason] as const);
    // gdnet echoes the page's code and reason in its Close reply.
    expect(page_close).toMatchObject({ code: 4000, reason, wasClean: true, errored: false });
    await until(() => server.closed.length === 1, `gdnet peer closed (closes: ${closes(server)})`, () => {}, WAIT_MS);
    expect(server.closed[0]).toEqual({ code: 4000, reason });
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSED);
    expect(peer.get_close_code()).toBe(4000);
    expect(peer.get_close_reason()).toBe(reason);
  });

  it("reports a close started by the gdnet peer to the page's onclose", async () => {
    const p = the_page();
    const server = await gd_server();
    const { id } = await p.evaluate(([u]) => window.gd.open(u), [`ws://127.0.0.1:${server.port}/`] as const);
    const peer = await open_peer(server);
    peer.close(4001, "server bye");
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSING);

    const c = await p.evaluate(([i]) => window.gd.closed(i, 4001, "server bye"), [id] as const);
    expect(c).toMatchObject({ code: 4001, reason: "server bye", wasClean: true, errored: false });
    await until(() => server.closed.length === 1, `gdnet peer closed (closes: ${closes(server)})`, () => {}, WAIT_MS);
    // The browser answers with the code it was sent.
    expect(server.closed[0]?.code).toBe(4001);
    expect(peer.get_close_code()).toBe(4001);
  });

  it("negotiates a sub-protocol the server supports", async () => {
    const p = the_page();
    const server = await gd_server({ protocols: ["chat"] });
    const url = `ws://127.0.0.1:${server.port}/`;
    const { id, protocol } = await p.evaluate(([u]) => window.gd.open(u, ["x", "chat"]), [url] as const);
    expect(protocol).toBe("chat");
    const peer = await open_peer(server);
    expect(peer.get_selected_protocol()).toBe("chat");
    const echo = await p.evaluate(([i]) => window.gd.echo(i, ["over chat ✓"]), [id] as const);
    expect(echo.ok).toBe(true);
    const c = await p.evaluate(([i]) => window.gd.close(i, 1000, ""), [id] as const);
    expect(c).toMatchObject({ code: 1000, wasClean: true });
    await until(() => server.closed.length === 1, `gdnet peer closed (closes: ${closes(server)})`, () => {}, WAIT_MS);
    expect(server.closed[0]?.code).toBe(1000);
  });

  it("refuses a handshake offering none of the supported sub-protocols (HTTP 400), and the browser fails it", async () => {
    const p = the_page();
    const server = await gd_server({ protocols: ["chat"] });
    const url = `ws://127.0.0.1:${server.port}/`;
    const cap = capture_output();
    try {
      // gdnet answers 101 without Sec-WebSocket-Protocol (RFC 6455 §4.2.2); the
      // WHATWG WebSocket standard makes the browser fail such a connection.
      const refused = await p.evaluate(([u]) => window.gd.open_refused(u, ["x", "y"]), [url] as const);
      expect(refused).toMatchObject({ opened: false, code: 1006, wasClean: false, errored: true });
      await until(() => server.closed.length === 1, `gdnet peer closed (closes: ${closes(server)})`, () => {}, WAIT_MS);
      expect(server.closed[0]?.code).toBe(-1);
      expect(cap.lines("error")).toEqual([expect.stringMatching(/HTTP 400.*None of the offered sub-protocols \(x, y\)/)]);
      // Chromium says why on its console (kept in test-artifacts/websocket_browser_console.txt).
      await until(() => console_lines.some((l) => l.includes(url)), "Chromium's console line about the failed connection", () => {}, WAIT_MS);
    } finally {
      cap.restore();
    }
  });

  it("echoes a 1 MiB binary message and a 1 MiB multi-byte text message intact", async () => {
    const size = 1024 * 1024;
    const p = the_page();
    const server = await gd_server({ buffer_size: 4 * size });
    const { id } = await p.evaluate(([u]) => window.gd.open(u), [`ws://127.0.0.1:${server.port}/`] as const);
    await open_peer(server);

    const unit = "héllo ✓ 日本語 🎮 "; // 26 UTF-8 bytes: 1-, 2-, 3- and 4-byte sequences
    const repeat = Math.ceil(size / Buffer.byteLength(unit));
    const text_bytes = new TextEncoder().encode(unit.repeat(repeat));
    const r = await p.evaluate(([i, n, u, k]) => window.gd.echo_large(i, n, 99, u, k), [id, size, unit, repeat] as const);
    expect(r).toMatchObject({ binary_ok: true, binary_length: size, text_ok: true, text_utf8_length: text_bytes.length });
    expect(r.binary_sha256).toBe(sha256_hex(pattern(size, 99)));
    expect(r.text_sha256).toBe(sha256_hex(text_bytes));

    const c = await p.evaluate(([i]) => window.gd.close(i, 1000, "done"), [id] as const);
    expect(c).toMatchObject({ code: 1000, reason: "done", wasClean: true });
    await until(() => server.closed.length === 1, `gdnet peer closed (closes: ${closes(server)})`, () => {}, WAIT_MS);
    expect(server.closed[0]).toEqual({ code: 1000, reason: "done" });
  }, 120_000);
});

// The page's API (test/browser/websocket_page.html), as seen from page.evaluate.
interface PageClose {
  code: number;
  reason: string;
  wasClean: boolean;
  errored: boolean;
}
declare global {
  interface Window {
    gd: {
      open(url: string, protocols?: string[]): Promise<{ id: number; protocol: string; extensions: string }>;
      open_refused(url: string, protocols?: string[]): Promise<PageClose & { opened: boolean }>;
      echo(id: number, texts: readonly string[]): Promise<{ texts: (string | null)[]; text_types: string[]; bytes: number[]; bytes_type: string; ok: boolean }>;
      echo_large(
        id: number,
        size: number,
        seed: number,
        text_unit: string,
        text_repeat: number,
      ): Promise<{ binary_ok: boolean; binary_length: number; binary_sha256: string; text_ok: boolean; text_utf8_length: number; text_sha256: string }>;
      close(id: number, code: number, reason: string): Promise<PageClose>;
      closed(id: number, code: number, reason: string): Promise<PageClose>;
    };
  }
}
