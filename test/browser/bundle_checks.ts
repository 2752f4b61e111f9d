/**
 * The page side of browser_bundle.test.ts: checks that run gdnet's browser
 * bundle (this file imports src/index.browser.ts, which the test's build
 * turns into `import ... from "/gdnet.js"`, the bundle itself) against gdnet
 * servers on Node. Each check returns what it observed; the test asserts on
 * it. Every check also lists itself on the page for the screenshot.
 */
import {
  ClassDB,
  ERR_ALREADY_IN_USE,
  ERR_INVALID_PARAMETER,
  ERR_OUT_OF_MEMORY,
  ERR_UNAVAILABLE,
  FAILED,
  Node,
  OK,
  SceneTree,
  TLSOptions,
  Vector2,
  WebSocketPeer,
  bytes_to_var,
  capture_output,
  str,
  var_to_bytes,
  wait_for_io,
} from "../../src/index.browser.js";

const WAIT_MS = 20_000;
const utf8 = new TextEncoder();
const text_of = new TextDecoder();

function note(text: string): void {
  const li = document.createElement("li");
  li.textContent = text;
  document.getElementById("log")?.append(li);
}

/** Polls `step` until `cond` holds (sleeping in wait_for_io, which the peer's events wake). */
async function until(cond: () => boolean, what: string, step: () => void = () => {}): Promise<void> {
  const deadline = performance.now() + WAIT_MS;
  for (;;) {
    step();
    if (cond()) return;
    if (performance.now() > deadline) throw new Error(`page timed out waiting for ${what}`);
    await wait_for_io(50);
  }
}

function url(port: number): string {
  return `ws://127.0.0.1:${port}/`;
}

async function open(port: number, setup: (peer: WebSocketPeer) => void = () => {}): Promise<WebSocketPeer> {
  const peer = new WebSocketPeer();
  setup(peer);
  const err = peer.connect_to_url(url(port));
  if (err !== OK) throw new Error(`connect_to_url returned ${err}`);
  await until(() => peer.get_ready_state() !== WebSocketPeer.STATE_CONNECTING, "the connection", () => peer.poll());
  if (peer.get_ready_state() !== WebSocketPeer.STATE_OPEN) throw new Error(`not open: state ${peer.get_ready_state()}`);
  return peer;
}

async function next_packet(peer: WebSocketPeer): Promise<{ data: Uint8Array; text: boolean }> {
  await until(() => peer.get_available_packet_count() > 0, "a packet", () => peer.poll());
  const data = peer.get_packet();
  return { data, text: peer.was_string_packet() };
}

async function closed(peer: WebSocketPeer): Promise<{ code: number; reason: string }> {
  await until(() => peer.get_ready_state() === WebSocketPeer.STATE_CLOSED, "CLOSED", () => {
    peer.poll();
    while (peer.get_available_packet_count() > 0) peer.get_packet();
  });
  return { code: peer.get_close_code(), reason: peer.get_close_reason() };
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function pattern(size: number, seed: number): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed >>> 0;
  for (let i = 0; i < size; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** Error/warning lines printed while `body` runs. */
async function captured<T>(body: () => Promise<T>): Promise<{ result: T; errors: string[]; warnings: string[] }> {
  const cap = capture_output();
  try {
    const result = await body();
    return { result, errors: cap.lines("error"), warnings: cap.lines("warning") };
  } finally {
    cap.restore();
  }
}

const checks = {
  /** The registered class, its API as ClassDB sees it, and the members browsers cannot offer. */
  async api() {
    const peer = new WebSocketPeer();
    const unsupported = await captured(async () => ({
      accept_stream: peer.accept_stream(null),
      host: peer.get_connected_host(),
      port: peer.get_connected_port(),
      no_delay: (peer.set_no_delay(true), "called"),
    }));
    const roundtrip = bytes_to_var(var_to_bytes([1, "two", 3.5, true, null, new Vector2(1.5, -2)]));
    note("api: ClassDB, constants, unsupported members");
    return {
      class: peer.get_class(),
      is_packet_peer: peer.is_class("PacketPeer"),
      classes: ClassDB.get_class_list(),
      parent: ClassDB.get_parent_class("WebSocketPeer"),
      methods: ClassDB.class_get_method_list("WebSocketPeer", true),
      properties: ClassDB.class_get_property_list("WebSocketPeer", true),
      constants: ClassDB.class_get_integer_constant_list("WebSocketPeer", true),
      consts: [WebSocketPeer.STATE_OPEN, WebSocketPeer.State.STATE_CLOSED, WebSocketPeer.WRITE_MODE_TEXT],
      initial: { state: peer.get_ready_state(), code: peer.get_close_code(), buffered: peer.get_current_outbound_buffered_amount() },
      defaults: [peer.inbound_buffer_size, peer.outbound_buffer_size, peer.max_queued_packets, peer.get_supported_protocols().length],
      unsupported: { ...unsupported.result, errors: unsupported.errors, ERR_UNAVAILABLE },
      variant: str(roundtrip),
    };
  },

  /** UTF-8 text both ways: send_text, send(bytes, TEXT), an empty message, and invalid UTF-8 refused. */
  async text(port: number) {
    const peer = await open(port);
    const sample = "héllo wörld — 😀 ✓ 中文 \u{10FFFF}";
    const results = [];
    peer.send_text(sample);
    const a = await next_packet(peer);
    results.push({ equal: text_of.decode(a.data) === sample, bytes_equal: same(a.data, utf8.encode(sample)), text: a.text });
    peer.send(utf8.encode("\uFEFFbom kept"), WebSocketPeer.WRITE_MODE_TEXT);
    const b = await next_packet(peer);
    results.push({ equal: same(b.data, utf8.encode("\uFEFFbom kept")), text: b.text });
    peer.send_text("");
    const c = await next_packet(peer);
    results.push({ empty: c.data.length === 0, text: c.text });
    const invalid = await captured(async () => peer.send(new Uint8Array([0x66, 0xff, 0x6f]), WebSocketPeer.WRITE_MODE_TEXT));
    const still_open = peer.get_ready_state() === WebSocketPeer.STATE_OPEN;
    peer.close();
    await closed(peer);
    note("text: UTF-8 round trips");
    return { results, invalid: { err: invalid.result, errors: invalid.errors, ERR_INVALID_PARAMETER }, still_open };
  },

  /** Every byte value, put_packet and send, and a Variant through put_var/get_var. */
  async binary(port: number) {
    const peer = await open(port);
    const all = new Uint8Array(256).map((_, i) => i);
    peer.put_packet(all);
    const a = await next_packet(peer);
    peer.send(pattern(1000, 7));
    const b = await next_packet(peer);
    peer.put_var({ name: "gdnet", list: [1, 2.5, "x"], at: new Vector2(3, 4) });
    await until(() => peer.get_available_packet_count() > 0, "the Variant", () => peer.poll());
    const value = peer.get_var();
    const after_put_empty = peer.put_packet(new Uint8Array(0));
    peer.close(1000, "done");
    const end = await closed(peer);
    note("binary: bytes and Variants");
    return {
      all_bytes: same(a.data, all) && !a.text,
      pattern: same(b.data, pattern(1000, 7)) && !b.text,
      variant: str(value),
      put_empty: after_put_empty,
      end,
    };
  },

  /** 1 MiB binary and text messages (raised limits), and the default 65535-byte outbound limit. */
  async large(port: number) {
    const size = 1024 * 1024;
    const peer = await open(port, (p) => {
      p.inbound_buffer_size = 2 * size;
      p.outbound_buffer_size = 2 * size;
    });
    const bytes = pattern(size, 42);
    peer.send(bytes);
    const a = await next_packet(peer);
    const text = "aé😀ツ".repeat(Math.ceil(size / utf8.encode("aé😀ツ").length));
    peer.send_text(text);
    const b = await next_packet(peer);
    peer.close();
    await closed(peer);
    const small = await open(port);
    const refused = await captured(async () => small.send(new Uint8Array(65536)));
    const accepted = small.send(new Uint8Array(65535));
    const echoed = await next_packet(small);
    small.close();
    await closed(small);
    note("large: 1 MiB messages");
    return {
      binary: same(a.data, bytes) && !a.text,
      text: b.text && text_of.decode(b.data) === text,
      text_bytes: b.data.length,
      default_limit: { refused: refused.result, errors: refused.errors, accepted, echoed: echoed.data.length, ERR_OUT_OF_MEMORY },
    };
  },

  /** Sub-protocol negotiation, a refused offer, and an invalid name caught before the browser sees it. */
  async protocols(port: number) {
    const peer = await open(port, (p) => {
      p.supported_protocols = [" foo ", "superchat", "chat"] as never;
    });
    const selected = peer.get_selected_protocol();
    const stored = [...peer.supported_protocols];
    peer.close();
    await closed(peer);
    const refused = await captured(async () => {
      const p = new WebSocketPeer();
      p.supported_protocols = ["nope"] as never;
      const err = p.connect_to_url(url(port));
      const end = await closed(p);
      return { err, end, selected: p.get_selected_protocol() };
    });
    const invalid = await captured(async () => {
      const p = new WebSocketPeer();
      p.supported_protocols = ["bad name"] as never;
      return { err: p.connect_to_url(url(port)), state: p.get_ready_state() };
    });
    note("protocols: negotiation and refusals");
    return { selected, stored, refused, invalid, ERR_INVALID_PARAMETER };
  },

  /** Closes started here: a code and reason, a code browsers cannot send, invalid ones, no status. */
  async client_close(port: number) {
    const out: Record<string, unknown> = {};
    let peer = await open(port);
    peer.close(4001, "client bye ✓ ünï");
    out.normal = { state: peer.get_ready_state(), ...(await closed(peer)) };

    peer = await open(port);
    const mapped = await captured(async () => {
      peer.close(1001, "going away");
      return { state: peer.get_ready_state(), ...(await closed(peer)) };
    });
    out.mapped = mapped;

    peer = await open(port);
    const refused = await captured(async () => {
      peer.close(999);
      peer.close(1000, "x".repeat(124));
      peer.close(1005, "a reason without a code");
      return peer.get_ready_state();
    });
    out.refused = refused;
    peer.close(1005);
    out.no_status = await closed(peer);

    peer = await open(port);
    peer.close(-1);
    out.abort = { state: peer.get_ready_state(), code: peer.get_close_code() };
    note("client_close: codes and reasons");
    return out;
  },

  /** Connects and waits (without polling) until the test calls release(); then reads what the server sent before it closed. */
  async server_close(port: number) {
    const peer = await open(port);
    await new Promise<void>((resolve) => {
      (window as unknown as { release: () => void }).release = resolve;
    });
    // Poll without reading until the close event was taken in (get_close_code() is set then).
    await until(() => peer.get_close_code() !== -1, "the close to be recorded", () => peer.poll());
    const count = peer.get_available_packet_count();
    const state_with_packets = peer.get_ready_state();
    const packets: string[] = [];
    while (peer.get_available_packet_count() > 0) packets.push(text_of.decode(peer.get_packet()));
    note("server_close: packets before the Close stay readable");
    return { count, state_with_packets, packets, state: peer.get_ready_state(), code: peer.get_close_code(), reason: peer.get_close_reason() };
  },

  /** The inbound queue is bounded: a message over inbound_buffer_size and those past max_queued_packets are dropped, with error lines. */
  async inbound_limits(port: number) {
    const cap = capture_output();
    try {
      const peer = await open(port, (p) => {
        p.inbound_buffer_size = 100;
        p.max_queued_packets = 3;
      });
      // max_queued_packets bounds what is sent too: let each message leave before the next.
      for (const message of ["x".repeat(101), ...Array.from({ length: 10 }, (_, i) => `m${i}`)]) {
        peer.send_text(message);
        await until(() => peer.get_current_outbound_buffered_amount() === 0, "the browser to send");
      }
      const dropped = (what: RegExp): number =>
        cap.lines("error").reduce((n, line) => {
          const m = what.exec(line);
          return n + (m ? (m[1] === "a message" ? 1 : Number.parseInt(m[1] ?? "0", 10)) : 0);
        }, 0);
      // Not reading: the first three stay queued, the other seven are dropped as they arrive.
      await until(() => dropped(/dropped (\d+) incoming message/) >= 7, "seven dropped messages", () => peer.poll()).catch((e: Error) => {
        throw new Error(`${e.message}; printed: ${JSON.stringify(cap.lines())}; queued: ${peer.get_available_packet_count()}`);
      });
      const big = dropped(/dropped (a message|\d+ messages) larger than inbound_buffer_size/);
      const count = peer.get_available_packet_count();
      const packets: string[] = [];
      while (peer.get_available_packet_count() > 0) packets.push(text_of.decode(peer.get_packet()));
      peer.send_text("after");
      const after = text_of.decode((await next_packet(peer)).data);
      peer.close();
      await closed(peer);
      note("inbound_limits: bounded queue");
      return { full: dropped(/dropped (\d+) incoming message/), big, count, packets, after };
    } finally {
      cap.restore();
    }
  },

  /** Outbound limits on gdnet's side: bytes against bufferedAmount, and the count of messages not yet sent. */
  async outbound_limits(port: number) {
    const bytes = await captured(async () => {
      const peer = await open(port, (p) => {
        p.outbound_buffer_size = 1000;
      });
      const too_big = peer.send(new Uint8Array(1001));
      // One synchronous run: the browser cannot have sent anything yet, so bufferedAmount holds the 1000 bytes.
      const fits = peer.send(new Uint8Array(1000));
      const buffered = peer.get_current_outbound_buffered_amount();
      const over = peer.send(new Uint8Array(1));
      await next_packet(peer);
      peer.close();
      await closed(peer);
      return { too_big, fits, buffered, over };
    });
    const count = await captured(async () => {
      const peer = await open(port, (p) => {
        p.max_queued_packets = 2;
      });
      const sent = [peer.send_text("a"), peer.send_text("b"), peer.send_text("c")];
      await until(() => peer.get_current_outbound_buffered_amount() === 0, "the browser to send");
      sent.push(peer.send_text("d"));
      const echoed: string[] = [];
      while (echoed.length < 3) echoed.push(text_of.decode((await next_packet(peer)).data));
      peer.close();
      await closed(peer);
      return { sent, echoed };
    });
    note("outbound_limits: ERR_OUT_OF_MEMORY");
    return { bytes, count, OK, ERR_OUT_OF_MEMORY };
  },

  /** Return codes and error lines for misuse and for a server that is not there. */
  async failures(port: number, dead_port: number) {
    const peer = new WebSocketPeer();
    const calls = await captured(async () => ({
      empty: peer.connect_to_url(""),
      scheme: peer.connect_to_url("http://127.0.0.1/"),
      server_options: peer.connect_to_url(url(port), TLSOptions.server(null, null)),
      send_closed: peer.send_text("x"),
      get_closed: [peer.get_packet().length, peer.get_packet_error()],
    }));
    const dead = await captured(async () => {
      const p = new WebSocketPeer();
      const err = p.connect_to_url(url(dead_port));
      const state = p.get_ready_state();
      const send_connecting = p.send_text("too early");
      const again = p.connect_to_url(url(dead_port));
      const end = await closed(p);
      return { err, state, send_connecting, again, end };
    });
    const headers = await captured(async () => {
      const p = new WebSocketPeer();
      p.handshake_headers = ["X-Token: 1"] as never;
      p.heartbeat_interval = 1;
      const err = p.connect_to_url(url(port), TLSOptions.client_unsafe());
      await until(() => p.get_ready_state() === WebSocketPeer.STATE_OPEN, "open", () => p.poll());
      p.close();
      return { err, end: await closed(p) };
    });
    note("failures: return codes and error lines");
    return { calls, dead, headers, codes: { OK, FAILED, ERR_INVALID_PARAMETER, ERR_ALREADY_IN_USE } };
  },

  /** The seed's port style in a browser: a Node whose _process() polls, run by SceneTree on requestAnimationFrame. */
  async scene_tree(port: number) {
    const seen: string[] = [];
    class Client extends Node {
      socket = new WebSocketPeer();
      override _ready(): void {
        this.socket.connect_to_url(url(port));
      }
      override _process(_delta: number): void {
        this.socket.poll();
        const state = this.socket.get_ready_state();
        if (state === WebSocketPeer.STATE_OPEN) {
          if (seen.length === 0) {
            seen.push("open");
            this.socket.send_text("ping from _process");
          }
          while (this.socket.get_available_packet_count()) {
            seen.push(text_of.decode(this.socket.get_packet()));
            this.socket.close(1000, "done");
          }
        } else if (state === WebSocketPeer.STATE_CLOSED && seen.length > 0) {
          seen.push(`closed ${this.socket.get_close_code()} ${this.socket.get_close_reason()}`);
          this.set_process(false);
          this.get_tree()?.quit(7);
        }
      }
    }
    const tree = new SceneTree();
    const exit_code = await tree.run(new Client());
    note("scene_tree: Node._process in the browser");
    return { exit_code, seen, frames: tree.get_frame() };
  },
};

(window as unknown as { checks: typeof checks }).checks = checks;
document.body.dataset.ready = "yes";
