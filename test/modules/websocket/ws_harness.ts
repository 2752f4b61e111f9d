/**
 * Helpers for WebSocketPeer integration tests: a gdnet echo server built the
 * way a user builds one (TCPServer + accept_stream + poll), a poll loop, and
 * condition waits with deadlines (no fixed sleeps).
 */
import { OK } from "../../../src/core/error/error_list.js";
import { TCPServer } from "../../../src/core/io/tcp_server.js";
import { StreamPeerTLS } from "../../../src/core/io/stream_peer_tls.js";
import type { TLSOptions } from "../../../src/core/crypto/tls_options.js";
import { WebSocketPeer } from "../../../src/modules/websocket/wsl_peer.js";
import { WriteMode } from "../../../src/modules/websocket/websocket_peer.js";

export function tick(ms = 1): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Waits until `cond()` holds, running `step()` between checks; throws with `what` at the deadline. */
export async function until(cond: () => boolean, what: string, step: () => void = () => {}, timeout_ms = 15_000): Promise<void> {
  const deadline = Date.now() + timeout_ms;
  for (;;) {
    step();
    if (cond()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await tick(1);
  }
}

export interface EchoServerOptions {
  protocols?: string[];
  buffer_size?: number;
  max_queued_packets?: number;
  tls?: TLSOptions;
  handshake_headers?: string[];
  /** Do not echo: keep received packets (for tests that inspect them). */
  keep?: boolean;
  handshake_timeout?: number;
}

export interface ServerPacket {
  data: Uint8Array;
  text: boolean;
}

/** A gdnet WebSocket echo server on 127.0.0.1, polled by a timer loop until stop(). */
export class GdEchoServer {
  readonly tcp = new TCPServer();
  readonly peers: WebSocketPeer[] = [];
  readonly received: ServerPacket[] = [];
  readonly closed: { code: number; reason: string }[] = [];
  port = 0;
  #running = false;
  #loop: Promise<void> | null = null;

  constructor(readonly options: EchoServerOptions = {}) {}

  async start(host = "127.0.0.1"): Promise<number> {
    const err = this.tcp.listen(0, host);
    if (err !== OK) throw new Error(`listen failed: ${err}`);
    await until(() => this.tcp.get_local_port() > 0, "server bound");
    this.port = this.tcp.get_local_port();
    this.#running = true;
    this.#loop = this.#run();
    return this.port;
  }

  poll(): void {
    while (this.tcp.is_connection_available()) {
      const tcp = this.tcp.take_connection();
      if (!tcp) break;
      const peer = new WebSocketPeer();
      if (this.options.protocols) peer.supported_protocols = this.options.protocols as never;
      if (this.options.handshake_headers) peer.handshake_headers = this.options.handshake_headers as never;
      if (this.options.buffer_size !== undefined) {
        peer.inbound_buffer_size = this.options.buffer_size;
        peer.outbound_buffer_size = this.options.buffer_size;
      }
      if (this.options.max_queued_packets !== undefined) peer.max_queued_packets = this.options.max_queued_packets;
      if (this.options.handshake_timeout !== undefined) peer.handshake_timeout = this.options.handshake_timeout;
      let stream: TCPServerStream = tcp;
      if (this.options.tls) {
        const tls = new StreamPeerTLS();
        if (tls.accept_stream(tcp, this.options.tls) !== OK) continue;
        stream = tls;
      }
      if (peer.accept_stream(stream) === OK) this.peers.push(peer);
    }
    for (let i = this.peers.length - 1; i >= 0; i--) {
      const peer = this.peers[i];
      if (!peer) continue;
      peer.poll();
      while (peer.get_available_packet_count() > 0) {
        const data = peer.get_packet();
        const text = peer.was_string_packet();
        if (this.options.keep) this.received.push({ data, text });
        else peer.send(data, text ? WriteMode.WRITE_MODE_TEXT : WriteMode.WRITE_MODE_BINARY);
      }
      if (peer.get_ready_state() === WebSocketPeer.STATE_CLOSED) {
        this.closed.push({ code: peer.get_close_code(), reason: peer.get_close_reason() });
        this.peers.splice(i, 1);
      }
    }
  }

  async #run(): Promise<void> {
    while (this.#running) {
      this.poll();
      await tick(1);
    }
  }

  /** Stops the harness's own poll loop; the test then calls poll() itself. */
  stop_loop(): void {
    this.#running = false;
  }

  async stop(): Promise<void> {
    this.#running = false;
    await this.#loop;
    for (const peer of this.peers) peer.close(-1);
    this.tcp.stop();
  }
}

type TCPServerStream = Parameters<WebSocketPeer["accept_stream"]>[0];
