/**
 * Helpers for WebSocketMultiplayerPeer tests: servers and clients that record
 * their signals and packets, a pump that polls every peer until a condition
 * holds (deadline-bounded, no fixed sleeps), and one cleanup list.
 */
import { OK } from "../../../src/core/error/error_list.js";
import { wait_for_io } from "../../../src/core/io/io_wait.js";
import type { TLSOptions } from "../../../src/core/crypto/tls_options.js";
import { WebSocketMultiplayerPeer } from "../../../src/modules/websocket/websocket_multiplayer_peer.js";

export type MpEvent = ["connected" | "disconnected", number] | ["packet", number, Uint8Array];

/** A WebSocketMultiplayerPeer with its signals and (when `collect`) its packets recorded in order. */
export class Recorded {
  readonly mp = new WebSocketMultiplayerPeer();
  readonly events: MpEvent[] = [];
  /** Take packets out of the peer after each poll (off: the test reads them itself). */
  collect = true;

  constructor() {
    this.mp.connect("peer_connected", (id: number) => void this.events.push(["connected", id]));
    this.mp.connect("peer_disconnected", (id: number) => void this.events.push(["disconnected", id]));
  }

  poll(): void {
    this.mp.poll();
    if (!this.collect) return;
    while (this.mp.get_available_packet_count() > 0) {
      const from = this.mp.get_packet_peer();
      this.events.push(["packet", from, this.mp.get_packet()]);
    }
  }

  ids(kind: "connected" | "disconnected"): number[] {
    return this.events.filter((e) => e[0] === kind).map((e) => e[1]);
  }

  packets(): { from: number; data: number[] }[] {
    return this.events.flatMap((e) => (e[0] === "packet" ? [{ from: e[1], data: [...e[2]] }] : []));
  }
}

const cleanups: (() => Promise<void> | void)[] = [];

/** Registers something to close after the current test (runs last-in, first-out). */
export function on_cleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

/** Call from afterEach. */
export async function run_cleanups(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()?.();
}

export interface MpOptions {
  handshake_timeout?: number;
  heartbeat_interval?: number;
  max_queued_packets?: number;
  inbound_buffer_size?: number;
  outbound_buffer_size?: number;
  supported_protocols?: string[];
  handshake_headers?: string[];
}

function configure(r: Recorded, options: MpOptions): void {
  const mp = r.mp;
  if (options.handshake_timeout !== undefined) mp.handshake_timeout = options.handshake_timeout;
  if (options.heartbeat_interval !== undefined) mp.heartbeat_interval = options.heartbeat_interval;
  if (options.max_queued_packets !== undefined) mp.max_queued_packets = options.max_queued_packets;
  if (options.inbound_buffer_size !== undefined) mp.inbound_buffer_size = options.inbound_buffer_size;
  if (options.outbound_buffer_size !== undefined) mp.outbound_buffer_size = options.outbound_buffer_size;
  if (options.supported_protocols !== undefined) mp.supported_protocols = options.supported_protocols as never;
  if (options.handshake_headers !== undefined) mp.handshake_headers = options.handshake_headers as never;
}

/** A gdnet multiplayer server on 127.0.0.1 and an ephemeral port. */
export function mp_server(options: MpOptions & { tls?: TLSOptions; bind?: string } = {}): { server: Recorded; port: number } {
  const server = new Recorded();
  configure(server, options);
  const err = server.mp.create_server(0, options.bind ?? "127.0.0.1", options.tls ?? null);
  if (err !== OK) throw new Error(`create_server failed: ${err}`);
  on_cleanup(() => server.mp.close());
  return { server, port: server.mp._get_local_port() };
}

export function mp_client(url: string, options: MpOptions & { tls?: TLSOptions } = {}): Recorded {
  const client = new Recorded();
  configure(client, options);
  const err = client.mp.create_client(url, options.tls ?? null);
  if (err !== OK) throw new Error(`create_client failed: ${err}`);
  on_cleanup(() => client.mp.close());
  return client;
}

/** Polls `peers` (and runs `step`) until `cond()` holds; throws naming `what` after `timeout_ms`. */
export async function pump(
  peers: readonly { poll(): void }[],
  cond: () => boolean,
  what: string,
  step: () => void = () => {},
  timeout_ms = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeout_ms;
  for (;;) {
    for (const p of peers) p.poll();
    step();
    if (cond()) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for: ${what}`);
    await wait_for_io(5);
    // wait_for_io() can wake from a write's 'drain' without the event loop reaching
    // its I/O phase; a loop that writes a lot each round would then never read.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** Starts a server and `count` clients and waits until every client has its id. */
export async function mp_session(
  count: number,
  options: MpOptions = {},
): Promise<{ server: Recorded; port: number; clients: Recorded[]; all: Recorded[] }> {
  const { server, port } = mp_server(options);
  const clients: Recorded[] = [];
  for (let i = 0; i < count; i++) clients.push(mp_client(`ws://127.0.0.1:${port}`, options));
  const all = [server, ...clients];
  await pump(
    all,
    () => clients.every((c) => c.mp.get_connection_status() === WebSocketMultiplayerPeer.CONNECTION_CONNECTED) && server.ids("connected").length === count,
    `${count} clients connected`,
  );
  return { server, port, clients, all };
}

export function bytes(...values: number[]): Uint8Array {
  return new Uint8Array(values);
}
