/**
 * The browser backend's state logic, in Node, over a scripted stand-in for
 * the browser's WebSocket (installed as globalThis.WebSocket): the events
 * only record and poll() advances; the browser's rules (close codes, text
 * as strings, exceptions) never reach the caller as a throw. The same class
 * against a real browser is test/browser/browser_bundle.test.ts.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  ERR_ALREADY_IN_USE,
  ERR_INVALID_PARAMETER,
  ERR_OUT_OF_MEMORY,
  ERR_UNAVAILABLE,
  FAILED,
  OK,
} from "../../../src/core/error/error_list.js";
import { capture_output, type OutputCapture } from "../../../src/core/error/error_sink.js";
import { TLSOptions } from "../../../src/core/crypto/tls_options.js";
import { register_core_types } from "../../../src/core/register_core_types_browser.js";
import { register_websocket_types } from "../../../src/modules/websocket/register_types_browser.js";
import { WebSocketPeer } from "../../../src/modules/websocket/websocket_peer_browser.js";
import { until } from "./ws_harness.js";

const text = new TextDecoder();

/** A WebSocket whose events the test fires by hand; records what the peer did to it. */
class FakeWebSocket {
  static instances: FakeWebSocket[] = [];
  static throw_on_construct: Error | null = null;

  binaryType = "blob";
  bufferedAmount = 0;
  protocol = "";
  readyState = 0;
  onopen: ((e: unknown) => void) | null = null;
  onmessage: ((e: { data: unknown }) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onclose: ((e: { code: number; reason: string; wasClean: boolean }) => void) | null = null;
  sent: (string | Uint8Array)[] = [];
  closes: unknown[][] = [];
  throw_on_send: Error | null = null;

  constructor(
    readonly url: string,
    readonly protocols: string[],
  ) {
    if (FakeWebSocket.throw_on_construct) throw FakeWebSocket.throw_on_construct;
    FakeWebSocket.instances.push(this);
  }

  send(data: string | Uint8Array): void {
    if (this.throw_on_send) throw this.throw_on_send;
    this.sent.push(typeof data === "string" ? data : data.slice());
    this.bufferedAmount += typeof data === "string" ? new TextEncoder().encode(data).length : data.length;
  }

  close(...args: unknown[]): void {
    const code = args[0];
    // The browser's own check: only 1000 and 3000-4999.
    if (code !== undefined && code !== 1000 && !(typeof code === "number" && code >= 3000 && code <= 4999)) {
      throw new Error("InvalidAccessError");
    }
    this.closes.push(args);
    this.readyState = 2;
  }

  // ---- what the browser would do ----
  open(protocol = ""): void {
    this.protocol = protocol;
    this.readyState = 1;
    this.onopen?.({});
  }
  message(data: string | Uint8Array): void {
    this.onmessage?.({ data: typeof data === "string" ? data : data.slice().buffer });
  }
  closed(code: number, reason: string, wasClean: boolean): void {
    this.readyState = 3;
    this.onclose?.({ code, reason, wasClean });
  }
}

function last(): FakeWebSocket {
  const ws = FakeWebSocket.instances.at(-1);
  if (!ws) throw new Error("no WebSocket was made");
  return ws;
}

/** A peer that is OPEN over a fake socket. */
function open_peer(setup: (peer: WebSocketPeer) => void = () => {}): { peer: WebSocketPeer; ws: FakeWebSocket } {
  const peer = new WebSocketPeer();
  setup(peer);
  expect(peer.connect_to_url("ws://example.com/x")).toBe(OK);
  const ws = last();
  ws.open();
  peer.poll();
  expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_OPEN);
  return { peer, ws };
}

describe("WebSocketPeer (browser backend) over a scripted WebSocket", () => {
  let cap: OutputCapture;
  const saved = (globalThis as { WebSocket?: unknown }).WebSocket;

  beforeAll(() => {
    register_core_types();
    register_websocket_types();
  });
  beforeEach(() => {
    FakeWebSocket.instances = [];
    FakeWebSocket.throw_on_construct = null;
    (globalThis as { WebSocket?: unknown }).WebSocket = FakeWebSocket;
    cap = capture_output();
  });
  afterEach(() => {
    cap.restore();
    (globalThis as { WebSocket?: unknown }).WebSocket = saved;
  });

  it("is the registered WebSocketPeer class with the engine's defaults", () => {
    const peer = new WebSocketPeer();
    expect(peer.get_class()).toBe("WebSocketPeer");
    expect(peer.is_class("PacketPeer")).toBe(true);
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSED);
    expect(peer.get_close_code()).toBe(-1);
    expect([peer.inbound_buffer_size, peer.outbound_buffer_size, peer.max_queued_packets]).toEqual([65535, 65535, 4096]);
  });

  it("opens the browser socket with a normalised URL, the sub-protocols and arraybuffer binaries", () => {
    const peer = new WebSocketPeer();
    peer.supported_protocols = [" chat ", "v2"] as never;
    expect(peer.connect_to_url("WS://User:pw@[::1]:9000/a b?q=1#frag")).toBe(OK);
    const ws = last();
    expect(ws.url).toBe("ws://[::1]:9000/a%20b?q=1");
    expect(ws.protocols).toEqual(["chat", "v2"]);
    expect(ws.binaryType).toBe("arraybuffer");
    expect(peer.get_requested_url()).toBe("WS://User:pw@[::1]:9000/a b?q=1#frag");
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CONNECTING);
    expect(new WebSocketPeer().connect_to_url("wss://example.com")).toBe(OK);
    expect(last().url).toBe("wss://example.com:443/");
  });

  it("changes state and queues packets only in poll(), as events merely record", () => {
    const peer = new WebSocketPeer();
    peer.connect_to_url("ws://example.com/");
    const ws = last();
    ws.open("chat");
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CONNECTING);
    ws.message("hello ✓");
    ws.message(new Uint8Array([0, 255]));
    expect(peer.get_available_packet_count()).toBe(0);
    peer.poll();
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_OPEN);
    expect(peer.get_selected_protocol()).toBe("chat");
    expect(peer.get_available_packet_count()).toBe(2);
    expect(text.decode(peer.get_packet())).toBe("hello ✓");
    expect(peer.was_string_packet()).toBe(true);
    expect([...peer.get_packet()]).toEqual([0, 255]);
    expect(peer.was_string_packet()).toBe(false);
    expect(peer.get_packet().length).toBe(0);
    expect(peer.get_packet_error()).toBe(ERR_UNAVAILABLE);
    expect(cap.lines()).toEqual([]);
  });

  it("keeps packets that came before a clean close readable, reporting OPEN until they are taken", () => {
    const { peer, ws } = open_peer();
    ws.message("last words");
    ws.closed(4000, "done", true);
    peer.poll();
    expect(peer.get_close_code()).toBe(4000);
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_OPEN);
    expect(text.decode(peer.get_packet())).toBe("last words");
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSED);
    expect(peer.get_close_reason()).toBe("done");
    expect(cap.lines()).toEqual([]);
  });

  it("reports an unclean end (the browser's 1006) as code -1, with an error line", () => {
    const { peer, ws } = open_peer();
    ws.onerror?.({});
    ws.closed(1006, "", false);
    peer.poll();
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSED);
    expect(peer.get_close_code()).toBe(-1);
    expect(peer.get_close_reason()).toBe("");
    expect(cap.lines("error")).toEqual([expect.stringMatching(/closed without a closing handshake/)]);
  });

  it("fails a connection the browser could not make: CLOSED, -1, one error line", () => {
    const peer = new WebSocketPeer();
    peer.connect_to_url("ws://example.com/");
    last().closed(1006, "", false);
    peer.poll();
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSED);
    expect(peer.get_close_code()).toBe(-1);
    expect(cap.lines("error")).toEqual([expect.stringMatching(/Could not connect to ws:\/\/example\.com\//)]);
  });

  it("never lets the browser throw: a refused constructor or send becomes FAILED with an error line", () => {
    FakeWebSocket.throw_on_construct = new Error("SecurityError: insecure WebSocket from an https page");
    const peer = new WebSocketPeer();
    expect(peer.connect_to_url("ws://example.com/")).toBe(FAILED);
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSED);
    expect(cap.lines("error")[0]).toMatch(/the browser refused to connect to ws:\/\/example\.com:80\/: Error: SecurityError/);
    FakeWebSocket.throw_on_construct = null;

    const { peer: open, ws } = open_peer();
    ws.throw_on_send = new Error("boom");
    expect(open.send_text("x")).toBe(FAILED);
    expect(open.put_packet(new Uint8Array([1]))).toBe(FAILED);
    expect(cap.lines("error").slice(1)).toEqual([
      expect.stringMatching(/send: the browser refused the message: Error: boom/),
      expect.stringMatching(/send: the browser refused the message: Error: boom/),
    ]);
  });

  it("returns ERR_UNAVAILABLE where there is no WebSocket at all", () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = undefined;
    expect(new WebSocketPeer().connect_to_url("ws://example.com/")).toBe(ERR_UNAVAILABLE);
    expect(cap.lines("error")).toEqual([expect.stringMatching(/this runtime has no WebSocket/)]);
  });

  it("checks arguments before the browser does: URL, scheme, server TLS options, sub-protocol names, a second connect", () => {
    const peer = new WebSocketPeer();
    expect(peer.connect_to_url("")).toBe(ERR_INVALID_PARAMETER);
    expect(peer.connect_to_url("http://example.com/")).toBe(ERR_INVALID_PARAMETER);
    expect(peer.connect_to_url("ws://example.com/", TLSOptions.server(null, null))).toBe(ERR_INVALID_PARAMETER);
    peer.supported_protocols = ["a", "a"] as never;
    expect(peer.connect_to_url("ws://example.com/")).toBe(ERR_INVALID_PARAMETER);
    peer.supported_protocols = [] as never;
    expect(FakeWebSocket.instances).toHaveLength(0);
    expect(peer.connect_to_url("ws://example.com/")).toBe(OK);
    expect(peer.connect_to_url("ws://example.com/")).toBe(ERR_ALREADY_IN_USE);
    expect(cap.lines("error")).toHaveLength(5);
  });

  it("warns once per connect that handshake headers and custom TLS trust cannot apply in a browser", () => {
    const peer = new WebSocketPeer();
    peer.handshake_headers = ["X-Token: 1"] as never;
    expect(peer.connect_to_url("wss://example.com/", TLSOptions.client_unsafe())).toBe(OK);
    expect(cap.lines("warning")).toEqual([
      expect.stringMatching(/cannot send custom handshake headers/),
      expect.stringMatching(/browsers verify TLS certificates against their own trust store/),
    ]);
    // Godot 4.0's form: connect_to_url(url, verify_tls, trusted_tls_certificate).
    const old = new WebSocketPeer();
    expect(old.connect_to_url("wss://example.com/", false)).toBe(OK);
    expect(cap.lines("warning")).toHaveLength(3);
    expect(new WebSocketPeer().connect_to_url("wss://example.com/", true)).toBe(OK);
    expect(cap.lines("warning")).toHaveLength(3);
  });

  it("reports the members a browser cannot offer with the engine's values", () => {
    const { peer } = open_peer();
    expect(peer.accept_stream(null)).toBe(ERR_UNAVAILABLE);
    expect(peer.get_connected_host()).toBe("");
    expect(peer.get_connected_port()).toBe(0);
    peer.set_no_delay(true);
    expect(cap.lines("error")).toHaveLength(4);
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_OPEN);
  });

  it("sends text as strings and binaries as bytes; refuses invalid UTF-8 as text; put_packet of nothing sends nothing", () => {
    const { peer, ws } = open_peer();
    expect(peer.send_text("héllo")).toBe(OK);
    expect(peer.send(new TextEncoder().encode("\uFEFFbom"), WebSocketPeer.WRITE_MODE_TEXT)).toBe(OK);
    expect(peer.send(new Uint8Array([1, 2]))).toBe(OK);
    expect(peer.put_packet(new Uint8Array(0))).toBe(OK);
    expect(peer.send(new Uint8Array([0xc3]), WebSocketPeer.WRITE_MODE_TEXT)).toBe(ERR_INVALID_PARAMETER);
    expect(ws.sent).toEqual(["héllo", "\uFEFFbom", new Uint8Array([1, 2])]);
    expect(cap.lines("error")).toEqual([expect.stringMatching(/must be valid UTF-8/)]);
  });

  it("refuses to send unless OPEN (CONNECTING, after close(), CLOSED)", () => {
    const peer = new WebSocketPeer();
    expect(peer.send_text("x")).toBe(FAILED);
    peer.connect_to_url("ws://example.com/");
    expect(peer.send_text("x")).toBe(FAILED);
    last().open();
    peer.poll();
    peer.close();
    expect(peer.send_text("x")).toBe(FAILED);
    expect(last().sent).toEqual([]);
  });

  it("counts outbound bytes and messages against bufferedAmount", () => {
    const { peer, ws } = open_peer((p) => {
      p.outbound_buffer_size = 100;
      p.max_queued_packets = 2;
    });
    expect(peer.send(new Uint8Array(60))).toBe(OK);
    expect(peer.get_current_outbound_buffered_amount()).toBe(60);
    expect(peer.send(new Uint8Array(41))).toBe(ERR_OUT_OF_MEMORY); // 60 + 41 > 100
    expect(peer.send(new Uint8Array(40))).toBe(OK); // exactly 100 fits
    expect(peer.send(new Uint8Array(1))).toBe(ERR_OUT_OF_MEMORY); // two messages wait (and 101 bytes would not fit)
    ws.bufferedAmount = 40; // the browser sent the first message
    expect(peer.send(new Uint8Array(1))).toBe(OK); // one waits, 41 bytes
    expect(peer.send(new Uint8Array(1))).toBe(ERR_OUT_OF_MEMORY); // two wait again
    expect(cap.lines("error")).toEqual([
      expect.stringMatching(/41 more bytes would exceed outbound_buffer_size \(100; 60 buffered\)/),
      expect.stringMatching(/outbound queue is full \(max_queued_packets = 2\)/),
      expect.stringMatching(/outbound queue is full \(max_queued_packets = 2\)/),
    ]);
    ws.bufferedAmount = 0;
    expect(peer.send(new Uint8Array(100))).toBe(OK);
    peer.close();
    expect(peer.get_current_outbound_buffered_amount()).toBe(0); // not OPEN any more
  });

  it("bounds the inbound queue: drops what does not fit and says so once per poll", () => {
    const { peer, ws } = open_peer((p) => {
      p.max_queued_packets = 2;
      p.inbound_buffer_size = 10;
    });
    ws.message("x".repeat(11));
    for (const m of ["a", "b", "c", "d"]) ws.message(m);
    peer.poll();
    expect(cap.lines("error")).toEqual([
      expect.stringMatching(/dropped a message larger than inbound_buffer_size \(10 bytes; the last was 11\)/),
      expect.stringMatching(/dropped 2 incoming messages: the inbound queue was full \(max_queued_packets = 2, inbound_buffer_size = 10\)/),
    ]);
    expect([text.decode(peer.get_packet()), text.decode(peer.get_packet())]).toEqual(["a", "b"]);
    ws.message("e");
    peer.poll();
    expect(text.decode(peer.get_packet())).toBe("e");
    expect(cap.lines("error")).toHaveLength(2);
  });

  it("closes with codes browsers accept, maps the other valid ones to 1000, refuses invalid ones", () => {
    let { peer, ws } = open_peer();
    peer.close(4001, "bye ✓");
    expect(ws.closes).toEqual([[4001, "bye ✓"]]);
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSING);
    peer.close(4002, "again"); // CLOSING: no effect
    expect(ws.closes).toHaveLength(1);
    ws.closed(4001, "bye ✓", true);
    peer.poll();
    expect([peer.get_ready_state(), peer.get_close_code(), peer.get_close_reason()]).toEqual([WebSocketPeer.STATE_CLOSED, 4001, "bye ✓"]);

    ({ peer, ws } = open_peer());
    peer.close(1001, "going");
    expect(ws.closes).toEqual([[1000, "going"]]);
    expect(cap.lines("warning")).toEqual([expect.stringMatching(/closing with 1000 instead of 1001/)]);

    ({ peer, ws } = open_peer());
    peer.close(999);
    peer.close(1006);
    peer.close(3000.5);
    peer.close(1000, "é".repeat(62)); // 124 bytes
    peer.close(1005, "reason");
    expect(ws.closes).toEqual([]);
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_OPEN);
    expect(cap.lines("error")).toHaveLength(5);
    peer.close(1005);
    expect(ws.closes).toEqual([[]]);
  });

  it("close(-1) and close() while CONNECTING end at once, detach the socket and keep the close code", () => {
    let { peer, ws } = open_peer();
    ws.message("dropped by close(-1)");
    peer.poll();
    peer.close(-1);
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSED);
    expect(peer.get_available_packet_count()).toBe(0);
    expect(ws.closes).toEqual([[]]);
    expect(ws.onmessage).toBeNull();
    expect(peer.get_close_code()).toBe(-1);

    peer = new WebSocketPeer();
    peer.connect_to_url("ws://example.com/");
    ws = last();
    peer.close(1000, "never mind");
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSED);
    ws.open(); // too late: ignored
    peer.poll();
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSED);
    expect(cap.lines()).toEqual([]);
  });

  it("reconnects from CLOSED, and from CLOSING by dropping the old socket", () => {
    const { peer, ws } = open_peer();
    peer.close(1000);
    expect(peer.connect_to_url("ws://example.com/second")).toBe(OK);
    expect(ws.onclose).toBeNull();
    const second = last();
    expect(second).not.toBe(ws);
    second.open();
    peer.poll();
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_OPEN);
    expect(peer.get_requested_url()).toBe("ws://example.com/second");
  });

  it("gives up on a handshake or a Close reply after handshake_timeout", async () => {
    const peer = new WebSocketPeer();
    peer.handshake_timeout = 0.05;
    peer.connect_to_url("ws://example.com/");
    await until(() => peer.get_ready_state() === WebSocketPeer.STATE_CLOSED, "the connect timeout", () => peer.poll(), 10_000);
    expect(cap.lines("error")).toEqual([expect.stringMatching(/Connecting timed out after 0.05 s/)]);

    const { peer: closing } = open_peer((p) => (p.handshake_timeout = 0.05));
    closing.close(1000);
    await until(() => closing.get_ready_state() === WebSocketPeer.STATE_CLOSED, "the closing timeout", () => closing.poll(), 10_000);
    expect(cap.lines("error").at(-1)).toMatch(/did not answer our Close within 0.05 s/);
    expect(closing.get_close_code()).toBe(-1);
  });
});
