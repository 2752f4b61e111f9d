/**
 * WebSocketPeer's API contract: defaults, the engine's return code for each
 * misuse (with one error line), state changes, limits, timeouts, wss and IPv6.
 */
import { createHash } from "node:crypto";
import * as net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  ERR_ALREADY_IN_USE,
  ERR_INVALID_PARAMETER,
  ERR_OUT_OF_MEMORY,
  ERR_UNAVAILABLE,
  FAILED,
  OK,
} from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import { TLSOptions } from "../../../src/core/crypto/tls_options.js";
import { StreamPeerBuffer } from "../../../src/core/io/stream_peer_buffer.js";
import { ClassDB } from "../../../src/core/object/class_db.js";
import "../../../src/index.js";
import { WebSocketPeer } from "../../../src/modules/websocket/wsl_peer.js";
import { make_test_pki } from "../../helpers/test_pki.js";
import { GdEchoServer, tick, until } from "./ws_harness.js";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function echo_server(options: ConstructorParameters<typeof GdEchoServer>[0] = {}, host = "127.0.0.1"): Promise<GdEchoServer> {
  const server = new GdEchoServer(options);
  await server.start(host);
  cleanups.push(() => server.stop());
  return server;
}

function client(): WebSocketPeer {
  const peer = new WebSocketPeer();
  cleanups.push(() => peer.close(-1));
  return peer;
}

async function open(peer: WebSocketPeer, url: string, options?: TLSOptions): Promise<void> {
  expect(peer.connect_to_url(url, options)).toBe(OK);
  await until(() => peer.get_ready_state() !== WebSocketPeer.STATE_CONNECTING, "handshake", () => peer.poll());
  expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_OPEN);
}

async function echo(peer: WebSocketPeer, text: string): Promise<string> {
  expect(peer.send_text(text)).toBe(OK);
  await until(() => peer.get_available_packet_count() > 0, "echo", () => peer.poll());
  return Buffer.from(peer.get_packet()).toString("utf8");
}

describe("defaults and reflection", () => {
  it("has the engine's member defaults (max_queued_packets as Godot 4.4+)", () => {
    const peer = new WebSocketPeer();
    expect(peer.inbound_buffer_size).toBe(65535);
    expect(peer.outbound_buffer_size).toBe(65535);
    expect(peer.max_queued_packets).toBe(4096);
    expect(peer.heartbeat_interval).toBe(0);
    expect([...peer.supported_protocols]).toEqual([]);
    expect([...peer.handshake_headers]).toEqual([]);
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSED);
    expect(peer.get_close_code()).toBe(-1);
    expect(peer.get_class()).toBe("WebSocketPeer");
    expect(peer.is_class("PacketPeer")).toBe(true);
    expect(ClassDB.get_parent_class("WebSocketPeer")).toBe("PacketPeer");
    expect(WebSocketPeer.STATE_OPEN).toBe(1);
    expect(WebSocketPeer.State.STATE_CLOSED).toBe(3);
    expect(WebSocketPeer.WRITE_MODE_TEXT).toBe(0);
    expect(ClassDB.instantiate("WebSocketPeer")).toBeInstanceOf(WebSocketPeer);
  });

  it("trims supported protocol names and returns copies", () => {
    const peer = new WebSocketPeer();
    peer.supported_protocols = [" chat ", "json"] as never;
    const got = peer.get_supported_protocols();
    expect([...got]).toEqual(["chat", "json"]);
    got.push("mutated");
    expect([...peer.supported_protocols]).toEqual(["chat", "json"]);
  });
});

describe("return codes for misuse, each with one error line", () => {
  it.each([
    ["", ERR_INVALID_PARAMETER],
    ["http://example.com/", ERR_INVALID_PARAMETER],
    ["ws://example.com:0/", ERR_INVALID_PARAMETER],
    ["ws://example.com:70000/", ERR_INVALID_PARAMETER],
    ["ws://[::1/", ERR_INVALID_PARAMETER],
  ])("connect_to_url(%j) → %i", (url, code) => {
    const peer = new WebSocketPeer();
    const cap = capture_output();
    expect(peer.connect_to_url(url)).toBe(code);
    cap.restore();
    expect(cap.lines("error")).toHaveLength(1);
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSED);
  });

  it("server TLS options on a client are refused", () => {
    const pki = make_test_pki();
    const peer = new WebSocketPeer();
    const cap = capture_output();
    expect(peer.connect_to_url("wss://localhost/", TLSOptions.server(pki.server_key, pki.server_chain))).toBe(ERR_INVALID_PARAMETER);
    cap.restore();
    expect(cap.lines("error")).toHaveLength(1);
  });

  it("connecting twice is ERR_ALREADY_IN_USE and leaves the first connection alone", async () => {
    const server = await echo_server();
    const peer = client();
    await open(peer, `ws://127.0.0.1:${server.port}/`);
    const cap = capture_output();
    expect(peer.connect_to_url(`ws://127.0.0.1:${server.port}/`)).toBe(ERR_ALREADY_IN_USE);
    cap.restore();
    expect(cap.lines("error")).toHaveLength(1);
    expect(await echo(peer, "still fine")).toBe("still fine");
  });

  it("accept_stream refuses null and streams that are not TCP or TLS", () => {
    const peer = new WebSocketPeer();
    const cap = capture_output();
    expect(peer.accept_stream(null as never)).toBe(ERR_INVALID_PARAMETER);
    expect(peer.accept_stream(new StreamPeerBuffer())).toBe(ERR_INVALID_PARAMETER);
    cap.restore();
    expect(cap.lines("error")).toHaveLength(2);
  });

  it("sending or getting while not open fails with FAILED", () => {
    const peer = new WebSocketPeer();
    const cap = capture_output();
    expect(peer.send_text("x")).toBe(FAILED);
    expect(peer.send(new Uint8Array([1]))).toBe(FAILED);
    expect(peer.put_packet(new Uint8Array([1]))).toBe(FAILED);
    expect(peer.get_packet()).toEqual(new Uint8Array(0));
    expect(peer.get_packet_error()).toBe(FAILED);
    cap.restore();
    expect(cap.lines("error")).toHaveLength(4);
    expect(peer.put_packet(new Uint8Array(0))).toBe(OK); // empty: nothing to send, as the engine
  });

  it("get_packet with nothing queued is ERR_UNAVAILABLE without an error line", async () => {
    const server = await echo_server();
    const peer = client();
    await open(peer, `ws://127.0.0.1:${server.port}/`);
    const cap = capture_output();
    expect(peer.get_packet()).toEqual(new Uint8Array(0));
    cap.restore();
    expect(peer.get_packet_error()).toBe(ERR_UNAVAILABLE);
    expect(cap.lines("error")).toEqual([]);
  });

  it("close() refuses a reason over 123 bytes and codes that may not be sent, staying OPEN", async () => {
    const server = await echo_server();
    const peer = client();
    await open(peer, `ws://127.0.0.1:${server.port}/`);
    const cap = capture_output();
    peer.close(1000, "é".repeat(62)); // 124 bytes
    peer.close(1006);
    peer.close(999);
    peer.close(5000);
    cap.restore();
    expect(cap.lines("error")).toHaveLength(4);
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_OPEN);
    peer.close(1000, "é".repeat(61) + "x"); // 123 bytes: allowed
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSING);
    await until(() => peer.get_ready_state() === WebSocketPeer.STATE_CLOSED, "closed", () => peer.poll());
    expect(peer.get_close_code()).toBe(1000);
    expect(peer.get_close_reason()).toBe("é".repeat(61) + "x");
  });

  it("close(-1) drops at once without a Close frame; the code stays -1", async () => {
    const server = await echo_server();
    const peer = client();
    await open(peer, `ws://127.0.0.1:${server.port}/`);
    peer.close(-1);
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSED);
    expect(peer.get_close_code()).toBe(-1);
    await until(() => server.closed.length === 1, "server noticed");
    expect(server.closed[0]?.code).toBe(-1); // no Close frame reached the server
    // and the peer can connect again (the engine 4.2 could not)
    await open(peer, `ws://127.0.0.1:${server.port}/`);
  });

  it("close() while CONNECTING goes straight to CLOSED", () => {
    const peer = new WebSocketPeer();
    expect(peer.connect_to_url("ws://127.0.0.1:9/")).toBe(OK);
    peer.close();
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSED);
  });

  it("close(1005) sends a Close without a status code", async () => {
    const server = await echo_server();
    const peer = client();
    await open(peer, `ws://127.0.0.1:${server.port}/`);
    peer.close(1005);
    await until(() => peer.get_ready_state() === WebSocketPeer.STATE_CLOSED, "closed", () => peer.poll());
    expect(peer.get_close_code()).toBe(1005);
    await until(() => server.closed.length === 1, "server closed");
    expect(server.closed[0]?.code).toBe(1005);
  });
});

describe("limits", () => {
  it("max_queued_packets bounds the outbound queue within one poll", async () => {
    const server = await echo_server();
    const peer = client();
    peer.max_queued_packets = 3;
    await open(peer, `ws://127.0.0.1:${server.port}/`);
    const cap = capture_output();
    const codes = [1, 2, 3, 4].map((i) => peer.send_text(`m${i}`));
    cap.restore();
    expect(codes).toEqual([OK, OK, OK, ERR_OUT_OF_MEMORY]);
    expect(peer.get_current_outbound_buffered_amount()).toBe(6);
    await until(() => peer.get_available_packet_count() === 3, "three echoes", () => peer.poll());
    expect(peer.get_current_outbound_buffered_amount()).toBe(0);
  });

  it("a receiver that stops reading holds memory at its bounds while the sender sees backpressure", async () => {
    const server = await echo_server({ keep: true });
    // A server peer that is never drained: stop the harness from taking its packets.
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/`);
    cleanups.push(() => {
      ws.terminate();
    });
    await new Promise((resolve) => ws.once("open", resolve));
    await until(() => server.peers.length === 1, "accepted");
    const peer = server.peers[0] as WebSocketPeer;
    server.peers.length = 0; // the harness no longer polls it
    const payload = Buffer.alloc(1000, 7);
    for (let i = 0; i < 20_000; i++) ws.send(payload); // 20 MB
    for (let i = 0; i < 200; i++) {
      peer.poll();
      await tick(2);
    }
    // Nothing was read by the app: the queue holds at most max_queued_packets / ~inbound_buffer_size,
    // and the rest waits in the sender (TCP backpressure), not in gdnet's memory.
    expect(peer.get_available_packet_count()).toBeLessThanOrEqual(66);
    expect(ws.bufferedAmount).toBeGreaterThan(5_000_000);
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_OPEN);
    // Draining lets the rest through, in order, nothing dropped.
    let received = 0;
    await until(
      () => received === 20_000,
      "all messages",
      () => {
        peer.poll();
        while (peer.get_available_packet_count() > 0) {
          const p = peer.get_packet();
          if (p.length === 1000 && p[999] === 7) received++;
        }
      },
      60_000,
    );
    peer.close(-1);
  });

  it("inbound_buffer_size is read when the connection opens", async () => {
    const server = await echo_server({ buffer_size: 1 << 20 });
    const peer = client();
    peer.outbound_buffer_size = 1 << 20;
    await open(peer, `ws://127.0.0.1:${server.port}/`);
    peer.inbound_buffer_size = 1 << 20; // too late for this connection
    const cap = capture_output();
    expect(peer.send(new Uint8Array(100_000))).toBe(OK);
    await until(() => peer.get_ready_state() === WebSocketPeer.STATE_CLOSED, "closed on the big echo", () => peer.poll());
    cap.restore();
    expect(peer.get_close_code()).toBe(1009);
  });
});

describe("timeouts and dead peers", () => {
  it("a server that accepts TCP but never answers the handshake fails at handshake_timeout", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => silent.close(() => resolve())));
    const sockets: net.Socket[] = [];
    silent.on("connection", (s) => sockets.push(s));
    cleanups.push(() => sockets.forEach((s) => s.destroy()));
    const peer = client();
    peer.handshake_timeout = 0.3;
    const cap = capture_output();
    expect(peer.connect_to_url(`ws://127.0.0.1:${(silent.address() as net.AddressInfo).port}/`)).toBe(OK);
    await until(() => peer.get_ready_state() === WebSocketPeer.STATE_CLOSED, "timeout", () => peer.poll());
    cap.restore();
    expect(peer.get_close_code()).toBe(-1);
    expect(cap.lines("error").join("\n")).toMatch(/timed out/);
  });

  it("a peer that stops answering pings is closed by the heartbeat", async () => {
    const server = await echo_server();
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/`, { autoPong: false });
    cleanups.push(() => {
      ws.terminate();
    });
    await new Promise((resolve) => ws.once("open", resolve));
    await until(() => server.peers.length === 1, "accepted");
    const peer = server.peers[0] as WebSocketPeer;
    peer.heartbeat_interval = 0.1;
    const cap = capture_output();
    await until(() => server.closed.length === 1, "heartbeat timeout", () => {}, 10_000);
    cap.restore();
    expect(server.closed[0]?.code).toBe(-1);
    expect(cap.lines("error").join("\n")).toMatch(/pong/i);
  });

  it("a peer that never answers our Close is dropped after handshake_timeout", async () => {
    const raw_server = net.createServer((socket) => {
      socket.once("data", (data) => {
        const key = /Sec-WebSocket-Key: (.*)\r\n/i.exec(data.toString("latin1"))?.[1] ?? "";
        const accept = require_sha1(key);
        socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
      });
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve) => raw_server.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => raw_server.close(() => resolve())));
    const peer = client();
    peer.handshake_timeout = 0.3;
    await open(peer, `ws://127.0.0.1:${(raw_server.address() as net.AddressInfo).port}/`);
    const cap = capture_output();
    peer.close(1000, "bye");
    await until(() => peer.get_ready_state() === WebSocketPeer.STATE_CLOSED, "close timeout", () => peer.poll());
    cap.restore();
    expect(peer.get_close_code()).toBe(-1);
  });
});

describe("wss and IPv6", () => {
  it("a gdnet client and a gdnet server speak wss with a generated CA; host names are checked", async () => {
    const pki = make_test_pki();
    const server = await echo_server({ tls: TLSOptions.server(pki.server_key, pki.server_chain) });
    const peer = client();
    await open(peer, `wss://localhost:${server.port}/secure`, TLSOptions.client(pki.ca_cert));
    expect(await echo(peer, "over TLS ✓")).toBe("over TLS ✓");
    expect(server.peers[0]?.get_requested_url()).toBe(`wss://localhost:${server.port}/secure`);

    const wrong = client();
    const cap = capture_output();
    expect(wrong.connect_to_url(`wss://localhost:${server.port}/`, TLSOptions.client(pki.ca_cert, "not-the-server.example"))).toBe(OK);
    await until(() => wrong.get_ready_state() === WebSocketPeer.STATE_CLOSED, "refused", () => wrong.poll());
    const untrusted = client();
    expect(untrusted.connect_to_url(`wss://localhost:${server.port}/`, TLSOptions.client(make_test_pki().ca_cert))).toBe(OK);
    await until(() => untrusted.get_ready_state() === WebSocketPeer.STATE_CLOSED, "refused", () => untrusted.poll());
    cap.restore();
    expect(wrong.get_close_code()).toBe(-1);
    expect(untrusted.get_close_code()).toBe(-1);

    const unsafe = client();
    await open(unsafe, `wss://127.0.0.1:${server.port}/`, TLSOptions.client_unsafe());
    expect(await echo(unsafe, "unsafe but encrypted")).toBe("unsafe but encrypted");
  });

  it("the Godot 4.0 form connect_to_url(url, verify_tls, trusted_certificate) works", async () => {
    const pki = make_test_pki();
    const server = await echo_server({ tls: TLSOptions.server(pki.server_key, pki.server_chain) });
    const peer = client();
    expect(peer.connect_to_url(`wss://localhost:${server.port}/`, true, pki.ca_cert)).toBe(OK);
    await until(() => peer.get_ready_state() !== WebSocketPeer.STATE_CONNECTING, "open", () => peer.poll());
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_OPEN);
    const unverified = client();
    expect(unverified.connect_to_url(`wss://127.0.0.1:${server.port}/`, false)).toBe(OK);
    await until(() => unverified.get_ready_state() !== WebSocketPeer.STATE_CONNECTING, "open", () => unverified.poll());
    expect(unverified.get_ready_state()).toBe(WebSocketPeer.STATE_OPEN);
  });

  it("a ws client trusting the CA talks to a gdnet wss server", async () => {
    const pki = make_test_pki();
    const server = await echo_server({ tls: TLSOptions.server(pki.server_key, pki.server_chain) });
    const ws = new WebSocket(`wss://localhost:${server.port}/`, { ca: pki.ca_cert.save_to_string() });
    cleanups.push(() => {
      ws.terminate();
    });
    const reply = await new Promise<string>((resolve, reject) => {
      ws.once("open", () => ws.send("hello tls"));
      ws.once("message", (d) => resolve(String(d)));
      ws.once("error", reject);
    });
    expect(reply).toBe("hello tls");
  });

  it("works over IPv6 loopback, with the Host header bracketed", async () => {
    const server = await echo_server({}, "::1");
    const peer = client();
    await open(peer, `ws://[::1]:${server.port}/v6`);
    expect(await echo(peer, "six")).toBe("six");
    expect(server.peers[0]?.get_requested_url()).toBe(`ws://[::1]:${server.port}/v6`);
    expect(peer.get_connected_host()).toBe("::1");
    expect(peer.get_connected_port()).toBe(server.port);
  });
});

function require_sha1(key: string): string {
  return createHash("sha1").update(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").digest("base64");
}

describe("value semantics", () => {
  it("recycled copies of large payloads never corrupt messages still on their way", async () => {
    const server = await echo_server({ buffer_size: 1 << 20, keep: true });
    const peer = client();
    peer.inbound_buffer_size = 1 << 20;
    await open(peer, `ws://127.0.0.1:${server.port}/`);
    await until(() => server.peers[0]?.get_ready_state() === WebSocketPeer.STATE_OPEN, "server peer open");
    const remote = server.peers[0] as WebSocketPeer;
    remote.outbound_buffer_size = 8 << 20;
    const sizes = [20_000, 100_000, 300_000, 70_000, 1 << 19];
    const expected: number[][] = [];
    let sent = 0;
    const received: Uint8Array[] = [];
    // Send in bursts across polls, so copies are returned to the pool and reused while others are in flight.
    await until(
      () => received.length === 60,
      "60 large messages",
      () => {
        for (let k = 0; k < 3 && sent < 60; k++, sent++) {
          const size = sizes[sent % sizes.length] as number;
          const data = new Uint8Array(size).fill(sent & 0xff);
          data[0] = sent;
          expected.push([size, sent & 0xff]);
          if (remote.send(data) !== OK) throw new Error("send failed");
          data.fill(0xee); // the caller reuses its array at once
        }
        peer.poll();
        while (peer.get_available_packet_count() > 0) received.push(peer.get_packet());
      },
      60_000,
    );
    received.forEach((message, i) => {
      const [size, fill] = expected[i] as [number, number];
      expect(message.length).toBe(size);
      expect(message[0]).toBe(i & 0xff);
      expect(message.subarray(1).every((b) => b === fill)).toBe(true);
    });
  });

  it("changing an array right after a server's send() does not change what goes out", async () => {
    const server = await echo_server({ buffer_size: 1 << 20, keep: true });
    const peer = client();
    peer.inbound_buffer_size = 1 << 20;
    await open(peer, `ws://127.0.0.1:${server.port}/`);
    await until(() => server.peers[0]?.get_ready_state() === WebSocketPeer.STATE_OPEN, "server peer open");
    const big = new Uint8Array(100_000).fill(1);
    expect(server.peers[0]?.send(big)).toBe(OK);
    big.fill(2); // same synchronous run: the frame has not been written yet
    await until(() => peer.get_available_packet_count() > 0, "message", () => peer.poll());
    const got = peer.get_packet();
    expect(got.length).toBe(100_000);
    expect(got.every((b) => b === 1)).toBe(true);
  });
});

describe("the end of a connection with packets still waiting", () => {
  it("after our close(), CLOSED is reported even with packets waiting, and they stay readable", async () => {
    // A server that answers our Close with one more message, then its Close.
    const raw_server = net.createServer((socket) => {
      let upgraded = false;
      socket.on("data", (data) => {
        if (!upgraded) {
          upgraded = true;
          const key = /Sec-WebSocket-Key: (.*)\r\n/i.exec(data.toString("latin1"))?.[1] ?? "";
          socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${require_sha1(key)}\r\n\r\n`);
          return;
        }
        socket.write(Buffer.concat([Buffer.from([0x81, 4]), Buffer.from("late"), Buffer.from([0x88, 2, 0x03, 0xe8])]));
      });
      socket.on("error", () => {});
    });
    await new Promise<void>((resolve) => raw_server.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise<void>((resolve) => raw_server.close(() => resolve())));
    const peer = client();
    await open(peer, `ws://127.0.0.1:${(raw_server.address() as net.AddressInfo).port}/`);
    peer.close(1000, "bye");
    // The seed example's loop: keep polling while CLOSING, without reading.
    await until(() => peer.get_ready_state() === WebSocketPeer.STATE_CLOSED, "CLOSED", () => peer.poll());
    expect(peer.get_close_code()).toBe(1000);
    expect(peer.get_available_packet_count()).toBe(1);
    expect(Buffer.from(peer.get_packet()).toString()).toBe("late");
  });

  it("when the peer ends it, OPEN is reported until the packets received before the end were taken", async () => {
    const server = await echo_server({ keep: true });
    const peer = client();
    await open(peer, `ws://127.0.0.1:${server.port}/`);
    await until(() => server.peers[0]?.get_ready_state() === WebSocketPeer.STATE_OPEN, "server side open");
    const remote = server.peers[0] as WebSocketPeer;
    expect(remote.send_text("one")).toBe(OK);
    expect(remote.send_text("two")).toBe(OK);
    remote.close(1000, "done");
    await until(() => server.closed.length === 1, "server side closed");
    for (let i = 0; i < 20; i++) {
      peer.poll();
      await tick(2);
    }
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_OPEN);
    expect(Buffer.from(peer.get_packet()).toString()).toBe("one");
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_OPEN);
    expect(Buffer.from(peer.get_packet()).toString()).toBe("two");
    expect(peer.get_ready_state()).toBe(WebSocketPeer.STATE_CLOSED);
    expect(peer.get_close_code()).toBe(1000);
    expect(peer.get_close_reason()).toBe("done");
    expect(peer.send_text("too late")).not.toBe(OK);
  });
});
