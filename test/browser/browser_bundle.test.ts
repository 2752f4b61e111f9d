/**
 * gdnet's own browser bundle in a real browser: the test builds
 * dist/browser/gdnet.js's content in memory (the same build as
 * `npm run build:browser`) and the page checks of bundle_checks.ts (whose
 * gdnet import becomes `import ... from "/gdnet.js"`), serves both to
 * headless Chromium, and runs the checks against gdnet WebSocket servers on
 * Node. The page's list of checks is saved as a screenshot in test-artifacts/.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import {
  ClassDB,
  ERR_ALREADY_IN_USE,
  ERR_INVALID_PARAMETER,
  ERR_OUT_OF_MEMORY,
  ERR_UNAVAILABLE,
  FAILED,
  OK,
  TCPServer,
  Vector2,
  WebSocketPeer,
  bytes_to_var,
  capture_output,
  str,
  var_to_bytes,
} from "../../src/index.js";
import { build_browser_bundle, find_node_imports } from "../../tools/browser_bundle.js";
import { GdEchoServer, until } from "../modules/websocket/ws_harness.js";
import { find_browser_deps } from "./browser_launch.js";

const ARTIFACTS = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
const CHECKS_ENTRY = fileURLToPath(new URL("./bundle_checks.ts", import.meta.url));
const WAIT_MS = 60_000;
const PAGE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>gdnet browser bundle</title>' +
  "<style>body{font:14px/1.5 system-ui,sans-serif;margin:16px}li{color:#075e07}</style></head>" +
  '<body><h1>gdnet\'s browser bundle ↔ gdnet servers on Node</h1><ol id="log"></ol>' +
  '<script type="module" src="/bundle_checks.js"></script></body></html>';

const deps = await find_browser_deps();
// CI must run this test; a local run may skip only when Chromium itself is absent.
const skip = deps.missing !== null && !process.env.CI && deps.chromium_absent;
if (skip) process.stderr.write(`browser_bundle.test.ts: skipped, ${deps.missing}\n`);

type Checks = Record<string, (...args: unknown[]) => Promise<unknown>>;

describe.skipIf(skip)("gdnet's browser bundle in Chromium", { timeout: 120_000 }, () => {
  let browser: Browser | null = null;
  let page: Page | null = null;
  let http: Server | null = null;
  let startup_error: string | null = null;
  const page_errors: string[] = [];
  const servers: GdEchoServer[] = [];
  let bundle = "";

  async function gd_server(options: ConstructorParameters<typeof GdEchoServer>[0] = {}): Promise<GdEchoServer> {
    const server = new GdEchoServer({ buffer_size: 4 * 1024 * 1024, ...options });
    await server.start("127.0.0.1");
    servers.push(server);
    return server;
  }

  /** Runs one check of bundle_checks.ts in the page. */
  async function check<T>(name: string, ...args: unknown[]): Promise<T> {
    if (!page) throw new Error(`the browser bundle test cannot run: ${startup_error ?? "the page did not start"}`);
    return (await page.evaluate(
      ([n, a]) => (window as unknown as { checks: Checks }).checks[n as string]?.(...(a as unknown[])),
      [name, args] as const,
    )) as T;
  }

  beforeAll(async () => {
    try {
      const [gdnet, checks] = await Promise.all([
        build_browser_bundle(),
        build_browser_bundle({ entry: CHECKS_ENTRY, gdnet_url: "/gdnet.js" }),
      ]);
      if (gdnet.errors.length > 0 || checks.errors.length > 0) throw new Error([...gdnet.errors, ...checks.errors].join("\n"));
      bundle = gdnet.code;
      if (!deps.launch) throw new Error(deps.missing ?? "playwright-core has no chromium launcher");
      const files: Record<string, [string, string]> = {
        "/": ["text/html; charset=utf-8", PAGE],
        "/gdnet.js": ["text/javascript; charset=utf-8", gdnet.code],
        "/bundle_checks.js": ["text/javascript; charset=utf-8", checks.code],
      };
      http = createServer((req, res) => {
        const file = files[req.url ?? ""];
        if (file) res.writeHead(200, { "content-type": file[0], "cache-control": "no-store" }).end(file[1]);
        else res.writeHead(404).end();
      });
      const listening = http;
      await new Promise<void>((resolve, reject) => {
        listening.once("error", reject);
        listening.listen(0, "127.0.0.1", () => resolve());
      });
      browser = await deps.launch();
      page = await browser.newPage({ viewport: { width: 900, height: 700 } });
      page.setDefaultTimeout(WAIT_MS);
      page.on("pageerror", (e) => page_errors.push(String(e)));
      await page.goto(`http://127.0.0.1:${(http.address() as AddressInfo).port}/`);
      await page.waitForSelector("body[data-ready=yes]");
    } catch (e) {
      startup_error = (e as Error).message;
    }
  }, 180_000);

  afterEach(async () => {
    while (servers.length > 0) await servers.pop()?.stop();
    const errors = page_errors.splice(0);
    if (errors.length > 0) throw new Error(`the page threw: ${errors.join("; ")}`);
  });

  afterAll(async () => {
    try {
      if (page) {
        mkdirSync(ARTIFACTS, { recursive: true });
        await page.screenshot({ path: `${ARTIFACTS}browser_bundle.png`, fullPage: true });
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

  it("is one ES module without Node imports", () => {
    expect(startup_error).toBeNull();
    expect(find_node_imports(bundle)).toEqual([]);
    expect(bundle).toMatch(/^export \{/m);
  });

  it("registers the same WebSocketPeer API as Node, minus the Node-only classes, and reports the members browsers lack", async () => {
    const api = await check<{
      class: string;
      is_packet_peer: boolean;
      classes: string[];
      parent: string;
      methods: unknown;
      properties: unknown;
      constants: string[];
      consts: number[];
      initial: { state: number; code: number; buffered: number };
      defaults: number[];
      unsupported: { accept_stream: number; host: string; port: number; errors: string[]; ERR_UNAVAILABLE: number };
      variant: string;
    }>("api");
    expect(api.class).toBe("WebSocketPeer");
    expect(api.is_packet_peer).toBe(true);
    expect(api.parent).toBe("PacketPeer");
    for (const name of ["Object", "RefCounted", "PacketPeer", "PacketPeerStream", "StreamPeer", "StreamPeerBuffer", "TLSOptions", "WebSocketPeer", "Node", "SceneTree"]) {
      expect(api.classes).toContain(name);
    }
    for (const name of ["TCPServer", "StreamPeerTCP", "StreamPeerTLS", "Crypto", "CryptoKey", "X509Certificate"]) {
      expect(api.classes).not.toContain(name);
    }
    // The very same bindings as the Node class: names, arguments, defaults, return types.
    expect(api.methods).toEqual(JSON.parse(JSON.stringify(ClassDB.class_get_method_list("WebSocketPeer", true))));
    expect(api.properties).toEqual(JSON.parse(JSON.stringify(ClassDB.class_get_property_list("WebSocketPeer", true))));
    expect(api.constants).toEqual(ClassDB.class_get_integer_constant_list("WebSocketPeer", true));
    expect(api.consts).toEqual([WebSocketPeer.STATE_OPEN, WebSocketPeer.STATE_CLOSED, WebSocketPeer.WRITE_MODE_TEXT]);
    expect(api.initial).toEqual({ state: WebSocketPeer.STATE_CLOSED, code: -1, buffered: 0 });
    expect(api.defaults).toEqual([65535, 65535, 4096, 0]);
    expect(api.unsupported.ERR_UNAVAILABLE).toBe(ERR_UNAVAILABLE);
    expect(api.unsupported).toMatchObject({ accept_stream: ERR_UNAVAILABLE, host: "", port: 0 });
    expect(api.unsupported.errors).toHaveLength(4);
    expect(api.unsupported.errors[0]).toMatch(/accept_stream: browsers cannot accept connections/);
    expect(api.unsupported.errors[3]).toMatch(/set_no_delay: not supported in browsers/);
    // Variant encoding and str() give what they give on Node.
    expect(api.variant).toBe(str(bytes_to_var(var_to_bytes([1, "two", 3.5, true, null, new Vector2(1.5, -2)]))));
  });

  it("round-trips multi-byte UTF-8 text, keeps a BOM, sends empty messages, refuses invalid UTF-8 as text", async () => {
    const server = await gd_server();
    const r = await check<{
      results: Record<string, boolean>[];
      invalid: { err: number; errors: string[]; ERR_INVALID_PARAMETER: number };
      still_open: boolean;
    }>("text", server.port);
    expect(r.results).toEqual([
      { equal: true, bytes_equal: true, text: true },
      { equal: true, text: true },
      { empty: true, text: true },
    ]);
    expect(r.invalid.err).toBe(ERR_INVALID_PARAMETER);
    expect(r.invalid.errors).toEqual([expect.stringMatching(/text message must be valid UTF-8/)]);
    expect(r.still_open).toBe(true);
  });

  it("round-trips all 256 byte values, binary messages and Variants (put_var/get_var)", async () => {
    const server = await gd_server();
    const r = await check<{ all_bytes: boolean; pattern: boolean; variant: string; put_empty: number; end: { code: number; reason: string } }>(
      "binary",
      server.port,
    );
    expect(r).toMatchObject({ all_bytes: true, pattern: true, put_empty: OK, end: { code: 1000, reason: "done" } });
    expect(r.variant).toBe(str(bytes_to_var(var_to_bytes({ name: "gdnet", list: [1, 2.5, "x"], at: new Vector2(3, 4) }))));
  });

  it("carries 1 MiB binary and text messages with raised limits, and refuses 65536 bytes under the default outbound_buffer_size", async () => {
    const server = await gd_server();
    const r = await check<{
      binary: boolean;
      text: boolean;
      text_bytes: number;
      default_limit: { refused: number; errors: string[]; accepted: number; echoed: number; ERR_OUT_OF_MEMORY: number };
    }>("large", server.port);
    expect(r.binary).toBe(true);
    expect(r.text).toBe(true);
    expect(r.text_bytes).toBeGreaterThanOrEqual(1024 * 1024);
    expect(r.default_limit).toMatchObject({ refused: ERR_OUT_OF_MEMORY, accepted: OK, echoed: 65535, ERR_OUT_OF_MEMORY });
    expect(r.default_limit.errors).toEqual([expect.stringMatching(/65536 more bytes would exceed outbound_buffer_size \(65535/)]);
  });

  it("negotiates sub-protocols; a refused offer ends CLOSED with -1; an invalid name is caught before the browser", async () => {
    const server = await gd_server({ protocols: ["chat", "superchat"] });
    const cap = capture_output();
    const r = await check<{
      selected: string;
      stored: string[];
      refused: { result: { err: number; end: { code: number; reason: string }; selected: string }; errors: string[] };
      invalid: { result: { err: number; state: number }; errors: string[] };
    }>("protocols", server.port).finally(() => cap.restore());
    // The gdnet server refused the offer with an HTTP error, and said why.
    expect(cap.lines("error")).toEqual([expect.stringMatching(/rejected a handshake request \(HTTP 400\).*\(nope\)/)]);
    // The server takes the first of the client's offers it supports; the setter trims names.
    expect(r.selected).toBe("superchat");
    expect(r.stored).toEqual(["foo", "superchat", "chat"]);
    expect(r.refused.result).toEqual({ err: OK, end: { code: -1, reason: "" }, selected: "" });
    expect(r.refused.errors).toEqual([expect.stringMatching(/Could not connect to ws:\/\/127\.0\.0\.1:\d+\//)]);
    expect(r.invalid.result).toEqual({ err: ERR_INVALID_PARAMETER, state: WebSocketPeer.STATE_CLOSED });
    expect(r.invalid.errors).toEqual([expect.stringMatching(/Invalid sub-protocol name "bad name"/)]);
  });

  it("closes with the page's code and reason; maps 1001 to 1000; refuses invalid codes and long reasons; 1005 sends no status; close(-1) aborts", async () => {
    const server = await gd_server();
    const r = await check<{
      normal: { state: number; code: number; reason: string };
      mapped: { result: { state: number; code: number; reason: string }; warnings: string[] };
      refused: { result: number; errors: string[] };
      no_status: { code: number; reason: string };
      abort: { state: number; code: number };
    }>("client_close", server.port);
    expect(r.normal).toEqual({ state: WebSocketPeer.STATE_CLOSING, code: 4001, reason: "client bye ✓ ünï" });
    expect(r.mapped.result).toEqual({ state: WebSocketPeer.STATE_CLOSING, code: 1000, reason: "going away" });
    expect(r.mapped.warnings).toEqual([expect.stringMatching(/closing with 1000 instead of 1001/)]);
    expect(r.refused.result).toBe(WebSocketPeer.STATE_OPEN);
    expect(r.refused.errors).toEqual([
      expect.stringMatching(/999 is not a status code that may be sent/),
      expect.stringMatching(/the reason is 124 bytes; at most 123/),
      expect.stringMatching(/a reason needs a status code/),
    ]);
    expect(r.no_status).toEqual({ code: 1005, reason: "" });
    expect(r.abort).toEqual({ state: WebSocketPeer.STATE_CLOSED, code: -1 });
    // What the server saw, in order (the abort sends a Close without status, seen as 1005).
    await until(() => server.closed.length === 4, `four closes on the server: ${JSON.stringify(server.closed)}`, () => {}, WAIT_MS);
    expect(server.closed).toEqual([
      { code: 4001, reason: "client bye ✓ ünï" },
      { code: 1000, reason: "going away" },
      { code: 1005, reason: "" },
      { code: 1005, reason: "" },
    ]);
  });

  it("keeps the packets that came before the server's Close readable, and reports CLOSED once they are taken", async () => {
    const server = await gd_server({ keep: true });
    const result = check<{ count: number; state_with_packets: number; packets: string[]; state: number; code: number; reason: string }>(
      "server_close",
      server.port,
    );
    await until(() => server.peers[0]?.get_ready_state() === WebSocketPeer.STATE_OPEN, "the page's connection", () => {}, WAIT_MS);
    const peer = server.peers[0] as WebSocketPeer;
    expect(peer.send_text("one")).toBe(OK);
    expect(peer.send_text("two ✓")).toBe(OK);
    peer.close(4002, "server bye");
    // The browser answers the Close by itself, while the page is not polling.
    await until(() => server.closed.length === 1, "the browser's Close reply", () => {}, WAIT_MS);
    expect(server.closed[0]).toEqual({ code: 4002, reason: "server bye" });
    await page?.evaluate(() => (window as unknown as { release: () => void }).release());
    expect(await result).toEqual({
      count: 2,
      state_with_packets: WebSocketPeer.STATE_OPEN,
      packets: ["one", "two ✓"],
      state: WebSocketPeer.STATE_CLOSED,
      code: 4002,
      reason: "server bye",
    });
  });

  it("bounds the inbound queue: drops a message over inbound_buffer_size and those past max_queued_packets, with error lines", async () => {
    const server = await gd_server();
    const r = await check<{ full: number; big: number; count: number; packets: string[]; after: string }>("inbound_limits", server.port);
    expect(r).toEqual({ full: 7, big: 1, count: 3, packets: ["m0", "m1", "m2"], after: "after" });
  });

  it("refuses sends over outbound_buffer_size (against bufferedAmount) and past max_queued_packets with ERR_OUT_OF_MEMORY", async () => {
    const server = await gd_server();
    const r = await check<{
      bytes: { result: { too_big: number; fits: number; buffered: number; over: number }; errors: string[] };
      count: { result: { sent: number[]; echoed: string[] }; errors: string[] };
    }>("outbound_limits", server.port);
    expect(r.bytes.result).toEqual({ too_big: ERR_OUT_OF_MEMORY, fits: OK, buffered: 1000, over: ERR_OUT_OF_MEMORY });
    expect(r.bytes.errors).toHaveLength(2);
    expect(r.count.result).toEqual({ sent: [OK, OK, ERR_OUT_OF_MEMORY, OK], echoed: ["a", "b", "d"] });
    expect(r.count.errors).toEqual([expect.stringMatching(/outbound queue is full \(max_queued_packets = 2\)/)]);
  });

  it("returns the engine's codes for misuse, and ends CLOSED with -1 when nobody listens", async () => {
    const server = await gd_server();
    const probe = new TCPServer();
    expect(probe.listen(0, "127.0.0.1")).toBe(OK);
    await until(() => probe.get_local_port() > 0, "a free port");
    const dead_port = probe.get_local_port();
    probe.stop();
    const r = await check<{
      calls: { result: Record<string, unknown>; errors: string[] };
      dead: { result: { err: number; state: number; send_connecting: number; again: number; end: { code: number; reason: string } }; errors: string[] };
      headers: { result: { err: number; end: { code: number; reason: string } }; warnings: string[]; errors: string[] };
    }>("failures", server.port, dead_port);
    expect(r.calls.result).toEqual({
      empty: ERR_INVALID_PARAMETER,
      scheme: ERR_INVALID_PARAMETER,
      server_options: ERR_INVALID_PARAMETER,
      send_closed: FAILED,
      get_closed: [0, FAILED],
    });
    expect(r.calls.errors).toHaveLength(5);
    expect(r.dead.result).toEqual({
      err: OK,
      state: WebSocketPeer.STATE_CONNECTING,
      send_connecting: FAILED,
      again: ERR_ALREADY_IN_USE,
      end: { code: -1, reason: "" },
    });
    expect(r.dead.errors.at(-1)).toMatch(/Could not connect to/);
    // Custom headers and TLS options cannot apply in a browser: one warning for the headers (ws:// has no TLS).
    expect(r.headers.result).toEqual({ err: OK, end: { code: 1000, reason: "" } });
    expect(r.headers.warnings).toEqual([expect.stringMatching(/cannot send custom handshake headers/)]);
    expect(r.headers.errors).toEqual([]);
  });

  it("runs a ported _process() loop under SceneTree on requestAnimationFrame", async () => {
    const server = await gd_server();
    const r = await check<{ exit_code: number; seen: string[]; frames: number }>("scene_tree", server.port);
    expect(r.exit_code).toBe(7);
    expect(r.seen).toEqual(["open", "ping from _process", "closed 1000 done"]);
    expect(r.frames).toBeGreaterThan(1);
  });
});
