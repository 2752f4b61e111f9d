/**
 * WebSocketMultiplayerPeer: the multiplayer API over WebSocketPeer, speaking
 * Godot 4's wire protocol, so a gdnet server takes real Godot clients and a
 * gdnet client joins a real Godot server.
 *
 * The protocol: every packet is one binary message with no header; the only
 * protocol message is the id the server gives a client, sent to it as soon
 * as its WebSocket handshake completes (4 bytes, little-endian int32, >= 2).
 * Addressing happens on the server: a positive target is one peer, 0 all of
 * them, a negative one all but -target; a client always sends to the server.
 *
 * Where gdnet goes beyond the engine (nothing on the wire changes):
 * - every waiting connection is taken per poll (up to a bound), ids never
 *   collide, and a refused connection is closed at once instead of being
 *   left waiting;
 * - the settings, heartbeat_interval included, reach every WebSocketPeer the
 *   class creates, and the heartbeat is on by default, so a peer that
 *   vanished without closing is noticed;
 * - the received-packet queue is bounded and filled fairly from every peer
 *   (the rest waits in each peer's own queue, then in TCP);
 * - a peer the server cannot send to any more (its outbound queue is full) is
 *   disconnected rather than silently missing packets;
 * - peers closed with disconnect_peer() finish their closing handshake while
 *   later polls run.
 */
import {
  ERR_ALREADY_IN_USE,
  ERR_INVALID_PARAMETER,
  ERR_OUT_OF_MEMORY,
  ERR_UNAVAILABLE,
  ERR_UNCONFIGURED,
  type GodotError,
  OK,
} from "../../core/error/error_list.js";
import { ERR_PRINT } from "../../core/error/error_macros.js";
import { TLSOptions } from "../../core/crypto/tls_options.js";
import { describe_argument, float_argument, int_argument, string_list_argument } from "../../core/io/io_arguments.js";
import type { PacketResult } from "../../core/io/packet_peer.js";
import { TCPServer } from "../../core/io/tcp_server.js";
import type { ClassBinder } from "../../core/object/class_binder.js";
import { PackedStringArray } from "../../core/variant/packed_arrays.js";
import type { WebSocketMultiplayerPeerApi, WebSocketMultiplayerPeerStatics } from "../../gen/web_socket_multiplayer_peer.gen.js";
import {
  ConnectionStatus,
  MultiplayerPeer,
  TARGET_PEER_SERVER,
  TransferMode,
  generate_peer_id,
} from "../../scene/main/multiplayer_peer.js";
import { DEFAULT_BUFFER_SIZE, DEFAULT_MAX_QUEUED_PACKETS, State } from "./websocket_peer.js";
import { MultiplayerPacketQueue } from "./ws_multiplayer_packet_queue.js";
import { WebSocketPeer } from "./wsl_peer.js";
import { server_stream } from "./ws_server_stream.js";

/** The engine's default: 3 s for TCP, TLS, the WebSocket handshake and the id. */
const DEFAULT_HANDSHAKE_TIMEOUT = 3.0;
/** gdnet's default ping interval; a peer silent for one to two intervals is dropped. */
const DEFAULT_HEARTBEAT_INTERVAL = 10.0;
/** Connections taken from the TCP server per poll, and handshakes in progress at once. */
const MAX_ACCEPTS_PER_POLL = 64;
const MAX_PENDING_HANDSHAKES = 1024;
/** The received-packet queue holds up to max_queued_packets packets and this many inbound buffers' worth of bytes. */
const INCOMING_BYTES_FACTOR = 16;
/** Close code for a peer the server can no longer send to (RFC 6455 §7.4.1: policy violation). */
const CLOSE_TOO_SLOW = 1008;
const ID_MESSAGE_SIZE = 4;
const EMPTY = new Uint8Array(0);

interface PendingPeer {
  readonly ws: WebSocketPeer;
  /** performance.now() when the connection was taken. */
  readonly since: number;
}

function now_ms(): number {
  return performance.now();
}


/** Empties a peer we are closing: a peer reports CLOSED only once its received packets are gone. */
function discard_packets(ws: WebSocketPeer): void {
  while (ws.get_available_packet_count() > 0) ws.get_packet();
}

function id_message(id: number): Uint8Array {
  const bytes = new Uint8Array(ID_MESSAGE_SIZE);
  new DataView(bytes.buffer).setInt32(0, id, true);
  return bytes;
}

export class WebSocketMultiplayerPeer extends MultiplayerPeer implements WebSocketMultiplayerPeerApi {
  declare supported_protocols: PackedStringArray;
  declare handshake_headers: PackedStringArray;
  declare inbound_buffer_size: number;
  declare outbound_buffer_size: number;
  declare max_queued_packets: number;
  declare handshake_timeout: number;
  declare heartbeat_interval: number;

  #settings = {
    supported_protocols: [] as string[],
    handshake_headers: [] as string[],
    inbound_buffer_size: DEFAULT_BUFFER_SIZE,
    outbound_buffer_size: DEFAULT_BUFFER_SIZE,
    max_queued_packets: DEFAULT_MAX_QUEUED_PACKETS,
    handshake_timeout: DEFAULT_HANDSHAKE_TIMEOUT,
    heartbeat_interval: DEFAULT_HEARTBEAT_INTERVAL,
  };

  #status = ConnectionStatus.CONNECTION_DISCONNECTED;
  #unique_id = 0;
  #target_peer = 0;
  #server: TCPServer | null = null;
  #tls_server_options: TLSOptions | null = null;
  /** Connected peers by id; on a client, the server as id 1 (from create_client on). */
  #peers = new Map<number, WebSocketPeer>();
  /** Server: connections whose handshake or id message is not done yet. */
  #pending = new Map<number, PendingPeer>();
  /** Client: when create_client() started, for the handshake timeout. */
  #client_since = 0;
  /** Peers closed by us that are finishing their closing handshake. */
  #retiring: WebSocketPeer[] = [];
  #incoming = new MultiplayerPacketQueue();
  /** Bumped by every reset, so a poll notices that a signal handler closed or recreated this peer. */
  #generation = 0;

  static override _bind_methods(b: ClassBinder): void {
    b.method("create_client(url: String, tls_client_options: TLSOptions = null) -> Error");
    b.method('create_server(port: int, bind_address: String = "*", tls_server_options: TLSOptions = null) -> Error');
    b.method("get_peer(peer_id: int) const -> WebSocketPeer");
    b.method("get_peer_address(id: int) const -> String");
    b.method("get_peer_port(id: int) const -> int");
    b.property("supported_protocols: PackedStringArray", "set_supported_protocols", "get_supported_protocols");
    b.property("handshake_headers: PackedStringArray", "set_handshake_headers", "get_handshake_headers");
    b.property("inbound_buffer_size: int", "set_inbound_buffer_size", "get_inbound_buffer_size");
    b.property("outbound_buffer_size: int", "set_outbound_buffer_size", "get_outbound_buffer_size");
    b.property("handshake_timeout: float", "set_handshake_timeout", "get_handshake_timeout");
    b.property("max_queued_packets: int", "set_max_queued_packets", "get_max_queued_packets");
    b.property("heartbeat_interval: float", "set_heartbeat_interval", "get_heartbeat_interval");
  }

  // ---- starting ------------------------------------------------------------------

  /** Connects to a Godot (or gdnet) multiplayer server at a ws:// or wss:// URL. */
  create_client(url: string, tls_client_options: TLSOptions | null = null): GodotError {
    if (this.#status !== ConnectionStatus.CONNECTION_DISCONNECTED) {
      return this.#fail(ERR_ALREADY_IN_USE, "create_client: already a client or a server; close() it first.");
    }
    if (tls_client_options !== null && tls_client_options !== undefined) {
      if (!(tls_client_options instanceof TLSOptions)) {
        return this.#fail(ERR_INVALID_PARAMETER, `create_client: tls_client_options must be a TLSOptions or null, got ${describe_argument(tls_client_options)}.`);
      }
      if (tls_client_options.is_server()) {
        return this.#fail(ERR_INVALID_PARAMETER, "create_client: these are server TLS options; use TLSOptions.client() or client_unsafe().");
      }
    }
    this.#clear(false);
    const ws = this.#create_peer();
    const err = ws.connect_to_url(url, tls_client_options ?? null);
    if (err !== OK) return err;
    this.#peers.set(TARGET_PEER_SERVER, ws);
    this.#client_since = now_ms();
    this.#status = ConnectionStatus.CONNECTION_CONNECTING;
    return OK;
  }

  /** Listens for clients on `port` (0 picks a free one) at `bind_address`; wss:// with server TLS options. */
  create_server(port: number, bind_address = "*", tls_server_options: TLSOptions | null = null): GodotError {
    if (this.#status !== ConnectionStatus.CONNECTION_DISCONNECTED) {
      return this.#fail(ERR_ALREADY_IN_USE, "create_server: already a client or a server; close() it first.");
    }
    if (tls_server_options !== null && tls_server_options !== undefined) {
      if (!(tls_server_options instanceof TLSOptions) || !tls_server_options.is_server()) {
        return this.#fail(ERR_INVALID_PARAMETER, "create_server: tls_server_options must come from TLSOptions.server(key, certificate).");
      }
    }
    this.#clear(false);
    const server = new TCPServer();
    const err = server.listen(port, bind_address);
    if (err !== OK) return err;
    this.#server = server;
    this.#tls_server_options = tls_server_options ?? null;
    this.#unique_id = TARGET_PEER_SERVER;
    this.#status = ConnectionStatus.CONNECTION_CONNECTED;
    return OK;
  }

  /** A WebSocketPeer configured with this object's settings. */
  #create_peer(): WebSocketPeer {
    const s = this.#settings;
    const ws = new WebSocketPeer();
    ws.set_supported_protocols(s.supported_protocols);
    ws.set_handshake_headers(s.handshake_headers);
    ws.set_inbound_buffer_size(s.inbound_buffer_size);
    ws.set_outbound_buffer_size(s.outbound_buffer_size);
    ws.set_max_queued_packets(s.max_queued_packets);
    ws.set_heartbeat_interval(s.heartbeat_interval);
    ws.set_handshake_timeout(s.handshake_timeout);
    return ws;
  }

  // ---- polling -------------------------------------------------------------------

  override poll(): void {
    this.#poll_retiring();
    if (this.#status === ConnectionStatus.CONNECTION_DISCONNECTED) return;
    if (this.#server) this.#poll_server();
    else this.#poll_client();
  }

  #poll_client(): void {
    const generation = this.#generation;
    const ws = this.#peers.get(TARGET_PEER_SERVER);
    if (!ws) {
      this.#clear(false);
      return;
    }
    ws.poll();
    const state = ws.get_ready_state();
    if (state === State.STATE_OPEN) {
      if (this.#status === ConnectionStatus.CONNECTION_CONNECTING) {
        if (ws.get_available_packet_count() > 0) {
          if (!this.#take_id(ws)) return;
          this.emit_signal("peer_connected", TARGET_PEER_SERVER);
          if (this.#generation !== generation) return;
        }
      }
      if (this.#status === ConnectionStatus.CONNECTION_CONNECTED) {
        this.#drain([[TARGET_PEER_SERVER, ws]]);
        return;
      }
    } else if (state === State.STATE_CLOSING) {
      // We are closing it: what it still holds will never be delivered, and must not hold up its end.
      discard_packets(ws);
    } else if (state === State.STATE_CLOSED) {
      if (this.#status === ConnectionStatus.CONNECTION_CONNECTED) {
        this.emit_signal("peer_disconnected", TARGET_PEER_SERVER);
        if (this.#generation !== generation) return;
      }
      this.#clear(false);
      return;
    }
    if (this.#status === ConnectionStatus.CONNECTION_CONNECTING && now_ms() - this.#client_since > this.#settings.handshake_timeout * 1000) {
      ERR_PRINT(`WebSocketMultiplayerPeer: connecting to the server timed out after ${this.#settings.handshake_timeout} s.`);
      this.#clear(false);
    }
  }

  /** Reads the id message; false (and the connection closing) when it is not one. */
  #take_id(ws: WebSocketPeer): boolean {
    const packet = ws.get_packet();
    const id = packet.length === ID_MESSAGE_SIZE ? new DataView(packet.buffer, packet.byteOffset, ID_MESSAGE_SIZE).getInt32(0, true) : 0;
    if (packet.length !== ID_MESSAGE_SIZE || id <= TARGET_PEER_SERVER) {
      const what = packet.length === ID_MESSAGE_SIZE ? `the id ${id}` : `a ${packet.length}-byte message`;
      ERR_PRINT(`WebSocketMultiplayerPeer: invalid ID received from server (${what}; expected a 4-byte id >= 2). Disconnecting.`);
      // The engine's close code (1000); the connection ends on a later poll, without peer_connected.
      ws.close(1000, "Invalid ID received from server");
      discard_packets(ws);
      return false;
    }
    this.#unique_id = id;
    this.#status = ConnectionStatus.CONNECTION_CONNECTED;
    return true;
  }

  #poll_server(): void {
    const generation = this.#generation;
    this.#accept_connections();
    this.#poll_pending(generation);
    if (this.#generation !== generation) return;
    this.#poll_connected(generation);
  }

  #accept_connections(): void {
    const server = this.#server;
    if (!server) return;
    for (let i = 0; i < MAX_ACCEPTS_PER_POLL && server.is_connection_available(); i++) {
      if (this.is_refusing_new_connections()) {
        // Closed at once, so the client learns it now rather than at its timeout.
        server.take_connection()?.disconnect_from_host();
        continue;
      }
      if (this.#pending.size >= MAX_PENDING_HANDSHAKES) return;
      const tcp = server.take_connection();
      if (!tcp) return;
      const stream = server_stream(tcp, this.#tls_server_options);
      if (!stream) continue;
      const ws = this.#create_peer();
      if (ws.accept_stream(stream) !== OK) {
        tcp.disconnect_from_host();
        continue;
      }
      this.#pending.set(this.#new_peer_id(), { ws, since: now_ms() });
    }
  }

  #new_peer_id(): number {
    for (;;) {
      const id = generate_peer_id();
      if (!this.#peers.has(id) && !this.#pending.has(id)) return id;
    }
  }

  #poll_pending(generation: number): void {
    if (this.#pending.size === 0) return;
    const now = now_ms();
    const timeout = this.#settings.handshake_timeout * 1000;
    for (const [id, pending] of [...this.#pending]) {
      if (this.#generation !== generation) return;
      if (this.#pending.get(id) !== pending) continue;
      const ws = pending.ws;
      if (now - pending.since > timeout) {
        this.#pending.delete(id);
        ws.close(-1);
        continue;
      }
      ws.poll();
      const state = ws.get_ready_state();
      if (state === State.STATE_CONNECTING) continue;
      this.#pending.delete(id);
      if (state !== State.STATE_OPEN || this.is_refusing_new_connections()) {
        ws.close(-1);
        continue;
      }
      if (ws.put_packet(id_message(id)) !== OK) {
        ERR_PRINT(`WebSocketMultiplayerPeer: could not send peer ${id} its id; dropping it.`);
        ws.close(-1);
        continue;
      }
      this.#peers.set(id, ws);
      this.emit_signal("peer_connected", id);
    }
  }

  #poll_connected(generation: number): void {
    const open: [number, WebSocketPeer][] = [];
    const gone: [number, WebSocketPeer][] = [];
    for (const entry of this.#peers) {
      const ws = entry[1];
      ws.poll();
      // A peer's packets that arrived before its Close are taken first: it reports OPEN until they are.
      if (ws.get_ready_state() === State.STATE_OPEN) open.push(entry);
      else gone.push(entry);
    }
    this.#drain(open);
    for (const [id, ws] of gone) {
      if (this.#generation !== generation) return;
      if (this.#peers.get(id) !== ws) continue;
      // As the engine: the signal first, so a handler can still ask get_peer(id) how it closed.
      this.emit_signal("peer_disconnected", id);
      if (this.#generation !== generation) return;
      if (this.#peers.get(id) === ws) {
        this.#peers.delete(id);
        this.#retire(ws);
      }
    }
  }

  /**
   * Moves received packets into the queue, up to its bounds, fairly: each
   * peer first gets an equal share of the room, then what is left goes in order.
   */
  #drain(peers: readonly [number, WebSocketPeer][]): void {
    if (peers.length === 0) return;
    const max_packets = Math.max(1, this.#settings.max_queued_packets);
    const max_bytes = Math.max(1, this.#settings.inbound_buffer_size) * INCOMING_BYTES_FACTOR;
    const share = Math.max(1, Math.ceil((max_packets - this.#incoming.count) / peers.length));
    for (const quota of [share, Infinity]) {
      for (const [id, ws] of peers) {
        let taken = 0;
        while (taken < quota && ws.get_available_packet_count() > 0) {
          if (this.#incoming.count > 0 && (this.#incoming.count >= max_packets || this.#incoming.bytes >= max_bytes)) return;
          const data = ws.get_packet();
          if (ws.get_packet_error() !== OK) break;
          taken++;
          if (data.length > 0) this.#incoming.push(id, data);
        }
      }
    }
  }

  #retire(ws: WebSocketPeer): void {
    const state = ws.get_ready_state();
    if (state === State.STATE_OPEN || state === State.STATE_CONNECTING) ws.close(1000);
    discard_packets(ws);
    if (ws.get_ready_state() !== State.STATE_CLOSED) this.#retiring.push(ws);
  }

  /** Lets closing peers finish their Close exchange; their packets are dropped so the Close is read. */
  #poll_retiring(): void {
    if (this.#retiring.length === 0) return;
    let kept = 0;
    for (const ws of this.#retiring) {
      ws.poll();
      discard_packets(ws);
      if (ws.get_ready_state() !== State.STATE_CLOSED) this.#retiring[kept++] = ws;
    }
    this.#retiring.length = kept;
  }

  // ---- packets -------------------------------------------------------------------

  protected override _get_packet_impl(): PacketResult {
    if (this.#status !== ConnectionStatus.CONNECTION_CONNECTED) {
      return { error: ERR_UNCONFIGURED, packet: EMPTY, message: "not connected (create a client or a server, and wait for CONNECTION_CONNECTED)." };
    }
    const packet = this.#incoming.shift();
    if (!packet) return { error: ERR_UNAVAILABLE, packet: EMPTY };
    return { error: OK, packet: packet.data };
  }

  protected override _get_available_packet_count(): number {
    return this.#incoming.count;
  }

  protected override _put_packet_impl(data: Uint8Array): GodotError {
    if (this.#status !== ConnectionStatus.CONNECTION_CONNECTED) {
      return this.#fail(ERR_UNCONFIGURED, "put_packet: not connected (create a client or a server, and wait for CONNECTION_CONNECTED).");
    }
    if (!this.#server) {
      const ws = this.#peers.get(TARGET_PEER_SERVER);
      return ws ? ws.put_packet(data) : ERR_UNCONFIGURED;
    }
    const target = this.#target_peer;
    if (target > 0) {
      const ws = this.#peers.get(target);
      if (!ws) return this.#fail(ERR_INVALID_PARAMETER, `put_packet: peer ${target} is not connected.`);
      this.#send_to(target, ws, data);
      return OK;
    }
    for (const [id, ws] of this.#peers) {
      if (id !== -target) this.#send_to(id, ws, data);
    }
    return OK;
  }

  /** Sends to one peer of the server. As in the engine the caller gets OK either way. */
  #send_to(id: number, ws: WebSocketPeer, data: Uint8Array): void {
    // A peer that is closing is about to be reported gone; it takes nothing more.
    if (ws.get_ready_state() !== State.STATE_OPEN) return;
    if (ws.put_packet(data) === ERR_OUT_OF_MEMORY) {
      ERR_PRINT(`WebSocketMultiplayerPeer: peer ${id} does not take its data fast enough (its outbound queue is full); disconnecting it.`);
      ws.close(CLOSE_TOO_SLOW, "Outbound queue full");
    }
  }

  override set_target_peer(id: number): void {
    const n = int_argument(id);
    if (n === null) {
      ERR_PRINT(`WebSocketMultiplayerPeer.set_target_peer: expected an int, got ${describe_argument(id)}.`);
      return;
    }
    this.#target_peer = n;
  }

  /** The sender of the next packet get_packet() returns (1 with an error line when there is none). */
  override get_packet_peer(): number {
    const next = this.#incoming.peek();
    if (!next) {
      ERR_PRINT("WebSocketMultiplayerPeer.get_packet_peer: there is no packet; check get_available_packet_count() first.");
      return TARGET_PEER_SERVER;
    }
    return next.source;
  }

  override get_packet_channel(): number {
    return 0;
  }

  override get_packet_mode(): TransferMode {
    return TransferMode.TRANSFER_MODE_RELIABLE;
  }

  override is_server_relay_supported(): boolean {
    return true;
  }

  // ---- connection ------------------------------------------------------------------

  override get_connection_status(): ConnectionStatus {
    return this.#status;
  }

  override get_unique_id(): number {
    return this.#unique_id;
  }

  /** Closes one peer (code 1000). Forced: it is forgotten at once, without peer_disconnected. */
  override disconnect_peer(peer: number, force = false): void {
    const id = int_argument(peer);
    const ws = id === null ? undefined : this.#peers.get(id);
    if (id === null || !ws) {
      ERR_PRINT(`WebSocketMultiplayerPeer.disconnect_peer: peer ${id ?? describe_argument(peer)} is not connected.`);
      return;
    }
    ws.close(1000);
    if (!force) return;
    this.#peers.delete(id);
    this.#retire(ws);
    if (!this.#server) this.#clear(false);
  }

  /** Ends everything at once: the server, every peer, the received packets. No signals. */
  override close(): void {
    this.#clear(true);
  }

  /** Back to DISCONNECTED. Peers in a closing handshake are kept unless `all`. */
  #clear(all: boolean): void {
    this.#generation++;
    this.#status = ConnectionStatus.CONNECTION_DISCONNECTED;
    this.#unique_id = 0;
    for (const ws of this.#peers.values()) ws.close(-1);
    for (const pending of this.#pending.values()) pending.ws.close(-1);
    this.#peers.clear();
    this.#pending.clear();
    this.#server?.stop();
    this.#server = null;
    this.#tls_server_options = null;
    this.#incoming.clear();
    if (all) {
      for (const ws of this.#retiring) ws.close(-1);
      this.#retiring = [];
    }
  }

  // ---- peers -----------------------------------------------------------------------

  get_peer(peer_id: number): WebSocketPeer | null {
    const ws = this.#known_peer(peer_id, "get_peer");
    return ws ?? null;
  }

  get_peer_address(id: number): string {
    return this.#known_peer(id, "get_peer_address")?.get_connected_host() ?? "";
  }

  get_peer_port(id: number): number {
    return this.#known_peer(id, "get_peer_port")?.get_connected_port() ?? 0;
  }

  /** Non-API: the port the server listens on (the chosen one after create_server(0)); 0 when not a server. */
  _get_local_port(): number {
    return this.#server?.get_local_port() ?? 0;
  }

  #known_peer(peer_id: number, method: string): WebSocketPeer | undefined {
    const id = int_argument(peer_id);
    const ws = id === null ? undefined : this.#peers.get(id);
    if (!ws) ERR_PRINT(`WebSocketMultiplayerPeer.${method}: peer ${id ?? describe_argument(peer_id)} is not connected.`);
    return ws;
  }

  // ---- settings: copied into every WebSocketPeer created afterwards ------------------

  set_supported_protocols(protocols: readonly string[]): void {
    this.#settings.supported_protocols = string_list_argument(protocols).map((p) => p.trim());
  }

  get_supported_protocols(): PackedStringArray {
    return PackedStringArray.from(this.#settings.supported_protocols) as PackedStringArray;
  }

  set_handshake_headers(headers: readonly string[]): void {
    this.#settings.handshake_headers = string_list_argument(headers);
  }

  get_handshake_headers(): PackedStringArray {
    return PackedStringArray.from(this.#settings.handshake_headers) as PackedStringArray;
  }

  set_inbound_buffer_size(buffer_size: number): void {
    this.#settings.inbound_buffer_size = this.#int_setting("inbound_buffer_size", buffer_size) ?? this.#settings.inbound_buffer_size;
  }

  get_inbound_buffer_size(): number {
    return this.#settings.inbound_buffer_size;
  }

  set_outbound_buffer_size(buffer_size: number): void {
    this.#settings.outbound_buffer_size = this.#int_setting("outbound_buffer_size", buffer_size) ?? this.#settings.outbound_buffer_size;
  }

  get_outbound_buffer_size(): number {
    return this.#settings.outbound_buffer_size;
  }

  set_max_queued_packets(max_queued_packets: number): void {
    this.#settings.max_queued_packets = this.#int_setting("max_queued_packets", max_queued_packets) ?? this.#settings.max_queued_packets;
  }

  get_max_queued_packets(): number {
    return this.#settings.max_queued_packets;
  }

  /** Seconds; must be > 0, as in the engine (other values are reported and ignored). */
  set_handshake_timeout(timeout: number): void {
    const seconds = float_argument(timeout);
    if (seconds === null || !Number.isFinite(seconds) || seconds <= 0) {
      ERR_PRINT(`WebSocketMultiplayerPeer.set_handshake_timeout: the timeout must be a number of seconds > 0, got ${describe_argument(timeout)}.`);
      return;
    }
    this.#settings.handshake_timeout = seconds;
  }

  get_handshake_timeout(): number {
    return this.#settings.handshake_timeout;
  }

  /** Seconds between pings; 0 turns the heartbeat off. Negative values are reported and ignored. */
  set_heartbeat_interval(interval: number): void {
    const seconds = float_argument(interval);
    if (seconds === null || !Number.isFinite(seconds) || seconds < 0) {
      ERR_PRINT(`WebSocketMultiplayerPeer.set_heartbeat_interval: the interval must be a number of seconds >= 0, got ${describe_argument(interval)}.`);
      return;
    }
    this.#settings.heartbeat_interval = seconds;
  }

  get_heartbeat_interval(): number {
    return this.#settings.heartbeat_interval;
  }

  #int_setting(name: string, value: unknown): number | null {
    const n = int_argument(value);
    if (n === null) ERR_PRINT(`WebSocketMultiplayerPeer.set_${name}: expected an int, got ${describe_argument(value)}.`);
    return n;
  }

  #fail(code: GodotError, message: string): GodotError {
    ERR_PRINT(`WebSocketMultiplayerPeer.${message}`);
    return code;
  }
}
WebSocketMultiplayerPeer satisfies WebSocketMultiplayerPeerStatics;
