/**
 * WebSocketPeer against the real `ws` library, both directions, over loopback:
 * text and binary of many sizes, pings, close codes and reasons, sub-protocols,
 * custom headers.
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import type { IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { ERR_OUT_OF_MEMORY, FAILED, OK } from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import "../../../src/index.js";
import { WebSocketPeer } from "../../../src/modules/websocket/wsl_peer.js";
import { GdEchoServer, tick, until } from "./ws_harness.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function gd_server(options: ConstructorParameters<typeof GdEchoServer>[0] = {}): Promise<GdEchoServer> {
  const server = new GdEchoServer(options);
  await server.start();
  cleanups.push(() => server.stop());
  return server;
}

function ws_client(url: string, protocols?: string | string[], options: WebSocket.ClientOptions = {}): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { maxPayload: 64 * 1024 * 1024, ...options });
    cleanups.push(() => {
      ws.terminate();
    });
    ws.once("open", () => resolve(ws));
    ws.once("error", reject);
  });
}

function next_message(ws: WebSocket): Promise<{ data: Buffer; binary: boolean }> {
  return new Promise((resolve) => ws.once("message", (data, binary) => resolve({ data: data as Buffer, binary })));
}

function pattern(size: number, seed = 7): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

beforeAll(() => {
  // the import of src/index.js registers every class
});

describe("ws client ↔ gdnet server", () => {
  it("echoes text and binary with their types", async () => {
    const server = await gd_server();
    const ws = await ws_client(`ws://127.0.0.1:${server.port}/chat?room=1`);
    ws.send("héllo, wörld ✓");
    const text = await next_message(ws);
    expect(text.binary).toBe(false);
    expect(text.data.toString("utf8")).toBe("héllo, wörld ✓");
    ws.send(Buffer.from([0, 1, 2, 255]));
    const bin = await next_message(ws);
    expect(bin.binary).toBe(true);
    expect([...bin.data]).toEqual([0, 1, 2, 255]);
    expect(server.peers[0]?.get_requested_url()).toBe(`ws://127.0.0.1:${server.port}/chat?room=1`);
  });

  it.each([0, 1, 125, 126, 65535, 65536, 1 << 20, 16 << 20])("echoes %i bytes exactly", async (size) => {
    const server = await gd_server({ buffer_size: 17 << 20 });
    const ws = await ws_client(`ws://127.0.0.1:${server.port}/`);
    const payload = pattern(size, size);
    ws.send(payload);
    const got = await next_message(ws);
    expect(got.data.length).toBe(size);
    expect(Buffer.compare(got.data, Buffer.from(payload))).toBe(0);
  });

  it("reassembles fragmented messages with pings between the fragments", async () => {
    const server = await gd_server({ keep: true });
    const ws = await ws_client(`ws://127.0.0.1:${server.port}/`);
    ws.send("frag", { fin: false });
    ws.ping("between");
    ws.send("ment", { fin: false });
    ws.send("ed", { fin: true });
    await until(() => server.received.length === 1, "fragmented message");
    expect(Buffer.from(server.received[0]?.data ?? []).toString()).toBe("fragmented");
    expect(server.received[0]?.text).toBe(true);
  });

  it("answers pings with pongs carrying the same payload", async () => {
    const server = await gd_server();
    const ws = await ws_client(`ws://127.0.0.1:${server.port}/`);
    const pong = new Promise<Buffer>((resolve) => ws.once("pong", resolve));
    ws.ping("are you there");
    expect((await pong).toString()).toBe("are you there");
  });

  it("a close from the client is echoed, and the server reports its code and reason", async () => {
    const server = await gd_server();
    const ws = await ws_client(`ws://127.0.0.1:${server.port}/`);
    const closed = new Promise<[number, string]>((resolve) => ws.once("close", (code, reason) => resolve([code, reason.toString()])));
    ws.close(4001, "bye now");
    expect(await closed).toEqual([4001, "bye now"]);
    await until(() => server.closed.length === 1, "server saw the close");
    expect(server.closed[0]).toEqual({ code: 4001, reason: "bye now" });
  });

  it("a close from the server reaches the client with code and reason", async () => {
    const server = await gd_server();
    const ws = await ws_client(`ws://127.0.0.1:${server.port}/`);
    await until(() => server.peers[0]?.get_ready_state() === WebSocketPeer.STATE_OPEN, "server peer open");
    const closed = new Promise<[number, string]>((resolve) => ws.once("close", (code, reason) => resolve([code, reason.toString()])));
    server.peers[0]?.close(4321, "server says bye");
    expect(await closed).toEqual([4321, "server says bye"]);
    await until(() => server.closed.length === 1, "server peer closed");
    expect(server.closed[0]).toEqual({ code: 4321, reason: "server says bye" });
  });

  it("a client that vanishes leaves the server peer CLOSED with code -1", async () => {
    const server = await gd_server();
    const ws = await ws_client(`ws://127.0.0.1:${server.port}/`);
    await until(() => server.peers.length === 1 && server.peers[0]?.get_ready_state() === WebSocketPeer.STATE_OPEN, "open");
    const cap = capture_output();
    ws.terminate();
    await until(() => server.closed.length === 1, "server noticed");
    cap.restore();
    expect(server.closed[0]?.code).toBe(-1);
  });

  it("selects the first of the client's protocols that the server supports", async () => {
    const server = await gd_server({ protocols: ["chat.v2", "chat.v1"] });
    const ws = await ws_client(`ws://127.0.0.1:${server.port}/`, ["chat.v0", "chat.v1", "chat.v2"]);
    expect(ws.protocol).toBe("chat.v1");
    await until(() => server.peers[0]?.get_selected_protocol() === "chat.v1", "server selected");
  });

  it("sends handshake_headers in the 101 response", async () => {
    const server = await gd_server({ handshake_headers: ["X-Server: gdnet"] });
    const headers = new Promise<IncomingMessage>((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${server.port}/`);
      cleanups.push(() => {
        ws.terminate();
      });
      ws.once("upgrade", resolve);
      ws.once("error", reject);
    });
    expect((await headers).headers["x-server"]).toBe("gdnet");
  });
});

describe("gdnet client ↔ ws server", () => {
  async function ws_server(options: WebSocket.ServerOptions = {}): Promise<{ wss: WebSocketServer; url: string; requests: IncomingMessage[] }> {
    const requests: IncomingMessage[] = [];
    const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, maxPayload: 64 << 20, ...options });
    await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
    wss.on("connection", (socket, request) => {
      requests.push(request);
      socket.on("message", (data, binary) => socket.send(data, { binary }));
    });
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const c of wss.clients) c.terminate();
          wss.close(() => resolve());
        }),
    );
    return { wss, url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`, requests };
  }

  async function open_client(url: string, setup: (peer: WebSocketPeer) => void = () => {}): Promise<WebSocketPeer> {
    const peer = new WebSocketPeer();
    setup(peer);
    cleanups.push(() => peer.close(-1));
    expect(peer.connect_to_url(url)).toBe(OK);
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CONNECTING);
    await until(() => peer.get_ready_state() !== WebSocketPeer.STATE_CONNECTING, "handshake", () => peer.poll());
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_OPEN);
    return peer;
  }

  async function receive(peer: WebSocketPeer): Promise<{ data: Uint8Array; text: boolean }> {
    await until(() => peer.get_available_packet_count() > 0, "a packet", () => peer.poll());
    const data = peer.get_packet();
    return { data, text: peer.was_string_packet() };
  }

  it("connects, sends text and binary, and gets them echoed with their types", async () => {
    const { url, requests } = await ws_server();
    const peer = await open_client(`${url}/path?q=1`);
    expect(requests[0]?.url).toBe("/path?q=1");
    expect(peer.send_text("ünïcödé")).toBe(OK);
    const text = await receive(peer);
    expect(text.text).toBe(true);
    expect(Buffer.from(text.data).toString("utf8")).toBe("ünïcödé");
    expect(peer.put_packet(new Uint8Array([9, 8, 7]))).toBe(OK);
    const bin = await receive(peer);
    expect(bin.text).toBe(false);
    expect([...bin.data]).toEqual([9, 8, 7]);
  });

  it.each([0, 125, 126, 65535, 65536, 1 << 20, 16 << 20])("round-trips %i bytes", async (size) => {
    const { url } = await ws_server();
    const peer = await open_client(url, (p) => {
      p.inbound_buffer_size = 17 << 20;
      p.outbound_buffer_size = 17 << 20;
    });
    const payload = pattern(size, size + 1);
    expect(peer.send(payload)).toBe(OK);
    const got = await receive(peer);
    expect(got.data.length).toBe(size);
    expect(Buffer.compare(Buffer.from(got.data), Buffer.from(payload))).toBe(0);
  });

  it("refuses a message over outbound_buffer_size with ERR_OUT_OF_MEMORY, as the engine does", async () => {
    const { url } = await ws_server();
    const peer = await open_client(url);
    const cap = capture_output();
    expect(peer.send(new Uint8Array(65536))).toBe(ERR_OUT_OF_MEMORY);
    cap.restore();
    expect(cap.lines("error")).toHaveLength(1);
    expect(peer.send(new Uint8Array(65535))).toBe(OK);
  });

  it("closes cleanly with a code and reason that the server sees", async () => {
    const { wss, url } = await ws_server();
    const server_close = new Promise<[number, string]>((resolve) => {
      wss.once("connection", (socket) => socket.once("close", (code, reason) => resolve([code, reason.toString()])));
    });
    const peer = await open_client(url);
    peer.close(3001, "done here");
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSING);
    expect(peer.send_text("late")).toBe(FAILED);
    await until(() => peer.get_ready_state() === WebSocketPeer.STATE_CLOSED, "closed", () => peer.poll());
    expect(peer.get_close_code()).toBe(3001);
    expect(peer.get_close_reason()).toBe("done here");
    expect(await server_close).toEqual([3001, "done here"]);
  });

  it("reports the server's close code and reason", async () => {
    const { wss, url } = await ws_server();
    wss.on("connection", (socket) => setTimeout(() => socket.close(4004, "kicked"), 20));
    const peer = await open_client(url);
    await until(() => peer.get_ready_state() === WebSocketPeer.STATE_CLOSED, "closed", () => peer.poll());
    expect(peer.get_close_code()).toBe(4004);
    expect(peer.get_close_reason()).toBe("kicked");
  });

  it("keeps packets that arrive together with the Close readable", async () => {
    const { wss, url } = await ws_server();
    wss.on("connection", (socket) => {
      setTimeout(() => {
        socket.send("last words");
        socket.close(1000, "bye");
      }, 20);
    });
    const peer = await open_client(url);
    await until(() => peer.get_available_packet_count() > 0, "data", () => peer.poll());
    await tick(50);
    peer.poll();
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_OPEN);
    expect(Buffer.from(peer.get_packet()).toString()).toBe("last words");
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSED);
    expect(peer.get_close_code()).toBe(1000);
  });

  it("negotiates a sub-protocol and sends custom headers", async () => {
    const { url, requests } = await ws_server({ handleProtocols: (protocols) => (protocols.has("b") ? "b" : false) });
    const peer = await open_client(url, (p) => {
      p.supported_protocols = ["a", "b"] as never;
      p.handshake_headers = ["X-Token: secret", "User-Agent: gdnet-test"] as never;
    });
    expect(peer.get_selected_protocol()).toBe("b");
    expect(requests[0]?.headers["x-token"]).toBe("secret");
    expect(requests[0]?.headers["sec-websocket-protocol"]).toBe("a,b");
  });

  it("fails the handshake when the server picks a protocol we did not offer", async () => {
    const { url } = await ws_server({ handleProtocols: () => "zzz" });
    const peer = new WebSocketPeer();
    cleanups.push(() => peer.close(-1));
    peer.supported_protocols = ["a"] as never;
    const cap = capture_output();
    expect(peer.connect_to_url(url)).toBe(OK);
    await until(() => peer.get_ready_state() === WebSocketPeer.STATE_CLOSED, "failed", () => peer.poll());
    cap.restore();
    expect(peer.get_close_code()).toBe(-1);
    expect(cap.lines("error").join("\n")).toMatch(/protocol/i);
  });

  it("answers the server's pings, and heartbeat pings are answered by the server", async () => {
    const { wss, url } = await ws_server();
    const pong = new Promise<Buffer>((resolve) => {
      wss.once("connection", (socket) => {
        socket.once("pong", resolve);
        socket.ping("x1");
      });
    });
    const peer = await open_client(url);
    peer.heartbeat_interval = 0.05;
    const deadline = Date.now() + 5000;
    let got: Buffer | null = null;
    void pong.then((b) => (got = b));
    while (got === null && Date.now() < deadline) {
      peer.poll();
      await tick(5);
    }
    expect(String(got)).toBe("x1");
    // The heartbeat keeps a live connection open across several intervals.
    for (let i = 0; i < 30; i++) {
      peer.poll();
      await tick(10);
    }
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_OPEN);
  });

  it("a connection refused ends in CLOSED with code -1", async () => {
    const { wss, url } = await ws_server();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
    const peer = new WebSocketPeer();
    const cap = capture_output();
    expect(peer.connect_to_url(url)).toBe(OK);
    await until(() => peer.get_ready_state() === WebSocketPeer.STATE_CLOSED, "refused", () => peer.poll());
    cap.restore();
    expect(peer.get_close_code()).toBe(-1);
  });
});

describe("gdnet client ↔ ws server over TLS", () => {
  it("connects with wss:// to a ws server using a certificate from a generated CA", async () => {
    const { make_test_pki } = await import("../../helpers/test_pki.js");
    const { TLSOptions } = await import("../../../src/core/crypto/tls_options.js");
    const https = await import("node:https");
    const pki = make_test_pki();
    const web = https.createServer({ key: pki.server_key.save_to_string(), cert: pki.server_chain.save_to_string() });
    const wss = new WebSocketServer({ server: web });
    wss.on("connection", (socket) => socket.on("message", (data, binary) => socket.send(data, { binary })));
    await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", () => resolve()));
    cleanups.push(
      () =>
        new Promise<void>((resolve) => {
          for (const c of wss.clients) c.terminate();
          wss.close();
          web.close(() => resolve());
        }),
    );
    const port = (web.address() as AddressInfo).port;
    const peer = new WebSocketPeer();
    cleanups.push(() => peer.close(-1));
    expect(peer.connect_to_url(`wss://localhost:${port}/tls`, TLSOptions.client(pki.ca_cert))).toBe(OK);
    await until(() => peer.get_ready_state() !== WebSocketPeer.STATE_CONNECTING, "TLS handshake", () => peer.poll());
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_OPEN);
    expect(peer.send_text("secure ✓")).toBe(OK);
    await until(() => peer.get_available_packet_count() > 0, "echo", () => peer.poll());
    expect(Buffer.from(peer.get_packet()).toString()).toBe("secure ✓");
    expect(peer.was_string_packet()).toBe(true);
    peer.close(1000, "done");
    await until(() => peer.get_ready_state() === WebSocketPeer.STATE_CLOSED, "closed", () => peer.poll());
    expect(peer.get_close_code()).toBe(1000);
  });
});
