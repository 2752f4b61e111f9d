/**
 * WebSocketServer (Godot 3): listens for WebSocket clients, each known by a
 * random id >= 2, and reports them through signals emitted from poll().
 * get_peer(id) is a client's connection.
 *
 * Plain mode: client_connected(id, protocol), data_received(id) once per
 * received message, client_close_request(id, code, reason) when a client
 * starts closing, client_disconnected(id, was_clean_close) at the end.
 *
 * Multiplayer mode (gd_mp_api = true), the Godot 3 protocol: the server is
 * peer 1, tells each client its id and the other peers, and relays packets
 * between clients by their header's target; peer_connected(id),
 * peer_disconnected(id) and peer_packet(id) replace the plain signals.
 *
 * Where gdnet differs from the 3.x engine: a packet sent to "everyone but
 * the server" (to = -1) is not kept by the server (3.x kept it), a client
 * too slow to take what it is sent is closed (1008) rather than silently
 * missing packets, and a client's close that completes reports clean.
 */
import { isIP } from "node:net";
import { ERR_ALREADY_IN_USE, ERR_INVALID_PARAMETER, FAILED, type GodotError, OK, ERR_OUT_OF_MEMORY } from "../../../core/error/error_list.js";
import { ERR_PRINT } from "../../../core/error/error_macros.js";
import type { CryptoKey } from "../../../core/crypto/crypto_key.js";
import { TLSOptions } from "../../../core/crypto/tls_options.js";
import { X509Certificate } from "../../../core/crypto/x509_certificate.js";
import { describe_argument, float_argument, int_argument, string_list_argument } from "../../../core/io/io_arguments.js";
import { TCPServer } from "../../../core/io/tcp_server.js";
import type { ClassBinder } from "../../../core/object/class_binder.js";
import { State, WriteMode } from "../../../modules/websocket/websocket_peer.js";
import type { WebSocketPeer as Connection } from "../../../modules/websocket/wsl_peer.js";
import { generate_peer_id } from "../../../scene/main/multiplayer_peer.js";
import { ConnectionStatus, TARGET_PEER_SERVER } from "../../core/io/networked_multiplayer_peer.js";
import { WebSocketMultiplayerPeer } from "./websocket_multiplayer_peer.js";
import { WebSocketPeer } from "./websocket_peer.js";
import { server_stream } from "../../../modules/websocket/ws_server_stream.js";
import { MessageType, decode_message, encode_message, system_message } from "./ws_mp_protocol.js";
import type { WebSocketServerApi, WebSocketServerStatics } from "../../../gen/godot3/web_socket_server.gen.js";

const DEFAULT_HANDSHAKE_TIMEOUT = 3.0;
/** Connections taken per poll, and handshakes in progress at once: a flood cannot stall a poll or grow without bound. */
const MAX_ACCEPTS_PER_POLL = 64;
const MAX_PENDING_HANDSHAKES = 1024;
/** RFC 6455 §7.4.1: policy violation, for a client that does not take its data. */
const CLOSE_TOO_SLOW = 1008;

interface Client {
  readonly peer: WebSocketPeer;
  readonly ws: Connection;
  close_request_reported: boolean;
}


export class WebSocketServer extends WebSocketMultiplayerPeer implements WebSocketServerApi {
  declare readonly __signals: WebSocketMultiplayerPeer["__signals"] & {
    client_connected: [id: number, protocol: string];
    client_disconnected: [id: number, was_clean_close: boolean];
    client_close_request: [id: number, code: number, reason: string];
    data_received: [id: number];
  };
  declare bind_ip: string;
  declare private_key: CryptoKey | null;
  declare ssl_certificate: X509Certificate | null;
  declare ca_chain: X509Certificate | null;
  declare handshake_timeout: number;

  #server: TCPServer | null = null;
  #tls: TLSOptions | null = null;
  #protocols: string[] = [];
  #extra_headers: string[] = [];
  #bind_ip = "*";
  #private_key: CryptoKey | null = null;
  #ssl_certificate: X509Certificate | null = null;
  #ca_chain: X509Certificate | null = null;
  #handshake_timeout = DEFAULT_HANDSHAKE_TIMEOUT;
  #clients = new Map<number, Client>();
  #pending: Connection[] = [];
  /** Bumped by stop() and listen(), so a poll notices that a signal handler restarted the server. */
  #generation = 0;

  static override _bind_methods(b: ClassBinder): void {
    b.method("listen(port: int, protocols: PoolStringArray = PoolStringArray(  ), gd_mp_api: bool = false) -> Error");
    b.method("stop()");
    b.method("is_listening() const -> bool");
    b.method("has_peer(id: int) const -> bool");
    b.method("get_peer_address(id: int) const -> String");
    b.method("get_peer_port(id: int) const -> int");
    b.method('disconnect_peer(id: int, code: int = 1000, reason: String = "")');
    b.method("set_extra_headers(headers: PoolStringArray = PoolStringArray(  ))");
    b.property('bind_ip: String', "set_bind_ip", "get_bind_ip");
    b.property("private_key: CryptoKey", "set_private_key", "get_private_key");
    b.property("ssl_certificate: X509Certificate", "set_ssl_certificate", "get_ssl_certificate");
    b.property("ca_chain: X509Certificate", "set_ca_chain", "get_ca_chain");
    b.property("handshake_timeout: float", "set_handshake_timeout", "get_handshake_timeout");
    b.signal("client_close_request(id: int, code: int, reason: String)");
    b.signal("client_connected(id: int, protocol: String)");
    b.signal("client_disconnected(id: int, was_clean_close: bool)");
    b.signal("data_received(id: int)");
  }

  /** Listens on `port` (0: a free one) at bind_ip; wss:// when private_key and ssl_certificate are both set. */
  listen(port: number, protocols: readonly string[] = [], gd_mp_api = false): GodotError {
    if (this.#server) {
      ERR_PRINT("WebSocketServer.listen: already listening; call stop() first.");
      return ERR_ALREADY_IN_USE;
    }
    let tls: TLSOptions | null = null;
    if (this.#private_key && this.#ssl_certificate) {
      tls = TLSOptions.server(this.#private_key, this.#certificate_chain(this.#ssl_certificate));
    }
    const server = new TCPServer();
    const err = server.listen(port, this.#bind_ip);
    if (err !== OK) return err;
    this.#generation++;
    this.#server = server;
    this.#tls = tls;
    this.#protocols = string_list_argument(protocols);
    this.multiplayer = Boolean(gd_mp_api);
    this.target_peer = 0;
    this.incoming.clear();
    return OK;
  }

  /** The certificate followed by ca_chain, as the TLS handshake presents them. */
  #certificate_chain(certificate: X509Certificate): X509Certificate {
    const extra = this.#ca_chain?._get_certificates() ?? [];
    if (extra.length === 0) return certificate;
    const chain = new X509Certificate();
    chain._set_der_chain([...certificate._get_certificates(), ...extra].map((c) => new Uint8Array(c.raw)));
    return chain;
  }

  /** Stops listening and drops every client at once (no Close frames, no signals), as 3.x does. */
  stop(): void {
    this.#generation++;
    for (const client of this.#clients.values()) client.ws.close(-1);
    for (const ws of this.#pending) ws.close(-1);
    this.#clients.clear();
    this.#pending = [];
    this.#server?.stop();
    this.#server = null;
    this.#tls = null;
    this.incoming.clear();
  }

  is_listening(): boolean {
    return this.#server?.is_listening() ?? false;
  }

  override poll(): void {
    if (!this.#server) return;
    const generation = this.#generation;
    this.#accept();
    this.#poll_pending(generation);
    if (this.#generation === generation) this.#poll_clients(generation);
  }

  #accept(): void {
    const server = this.#server;
    if (!server) return;
    for (let i = 0; i < MAX_ACCEPTS_PER_POLL && server.is_connection_available(); i++) {
      if (this.is_refusing_new_connections() || this.#pending.length >= MAX_PENDING_HANDSHAKES) {
        server.take_connection()?.disconnect_from_host();
        continue;
      }
      const tcp = server.take_connection();
      if (!tcp) return;
      const stream = server_stream(tcp, this.#tls);
      if (!stream) continue;
      const ws = this.new_connection();
      ws.set_supported_protocols(this.#protocols);
      ws.set_handshake_headers(this.#extra_headers);
      // The peer bounds the TLS and WebSocket handshakes by this and drops itself when it runs out.
      ws.set_handshake_timeout(this.#handshake_timeout);
      if (ws.accept_stream(stream) !== OK) {
        tcp.disconnect_from_host();
        continue;
      }
      this.#pending.push(ws);
    }
  }

  /** Handshakes in progress: failed or timed-out ones are dropped without a signal, as in 3.x (the peer prints why). */
  #poll_pending(generation: number): void {
    if (this.#pending.length === 0) return;
    const pending = this.#pending;
    this.#pending = [];
    for (const [i, ws] of pending.entries()) {
      if (this.#generation !== generation) {
        // stop() or listen() ran in a handler: these belong to the old server.
        for (const rest of pending.slice(i)) rest.close(-1);
        return;
      }
      ws.poll();
      const state = ws._get_connection_state();
      if (state === State.STATE_CONNECTING) this.#pending.push(ws);
      else if (state === State.STATE_OPEN) this.#on_open(ws);
      else ws.close(-1);
    }
  }

  #on_open(ws: Connection): void {
    let id = generate_peer_id();
    while (this.#clients.has(id)) id = generate_peer_id();
    const peer = new WebSocketPeer();
    peer._attach(ws);
    this.#clients.set(id, { peer, ws, close_request_reported: false });
    if (!this.multiplayer) {
      this.emit_signal("client_connected", id, ws.get_selected_protocol());
      return;
    }
    this.#send(id, ws, system_message(MessageType.SYS_ID, id));
    this.#send(id, ws, system_message(MessageType.SYS_ADD, TARGET_PEER_SERVER));
    for (const [other_id, other] of this.#clients) {
      if (other_id === id) continue;
      this.#send(other_id, other.ws, system_message(MessageType.SYS_ADD, id));
      this.#send(id, ws, system_message(MessageType.SYS_ADD, other_id));
    }
    this.emit_signal("peer_connected", id);
  }

  #poll_clients(generation: number): void {
    for (const [id, client] of [...this.#clients]) {
      if (this.#generation !== generation) return;
      if (this.#clients.get(id) !== client) continue;
      const ws = client.ws;
      const before = ws.get_available_packet_count();
      ws.poll();
      if (this.multiplayer) this.#read_multiplayer(id, client.peer);
      else this.#announce_data(id, ws.get_available_packet_count() - before, generation);
      if (this.#generation !== generation || this.#clients.get(id) !== client) continue;
      if (!client.close_request_reported && ws._is_closed_by_peer()) {
        client.close_request_reported = true;
        this.emit_signal("client_close_request", id, ws.get_close_code(), ws.get_close_reason());
        if (this.#generation !== generation || this.#clients.get(id) !== client) continue;
      }
      if (ws._get_connection_state() === State.STATE_CLOSED) this.#on_closed(id, ws.get_close_code() !== -1);
    }
  }

  #announce_data(id: number, count: number, generation: number): void {
    for (let i = 0; i < count && this.#generation === generation && this.#clients.has(id); i++) this.emit_signal("data_received", id);
  }

  #on_closed(id: number, was_clean: boolean): void {
    this.#clients.delete(id);
    if (!this.multiplayer) {
      this.emit_signal("client_disconnected", id, was_clean);
      return;
    }
    const gone = system_message(MessageType.SYS_DEL, id);
    for (const [other_id, other] of this.#clients) this.#send(other_id, other.ws, gone);
    this.emit_signal("peer_disconnected", id);
  }

  /** A client's messages: checked, relayed by their target, and kept when the server is among the recipients. */
  #read_multiplayer(id: number, peer: WebSocketPeer): void {
    while (peer.get_available_packet_count() > 0 && this.has_room() && this.#clients.get(id)?.peer === peer) {
      const bytes = peer.get_packet();
      const message = decode_message(bytes);
      if (!message) {
        ERR_PRINT(`WebSocketServer: dropped a message from peer ${id} shorter than the multiplayer header (9 bytes).`);
      } else if (message.type !== MessageType.SYS_NONE) {
        ERR_PRINT(`WebSocketServer: dropped a system message (type ${message.type}) from peer ${id}; only the server sends those.`);
      } else if (message.from !== id) {
        ERR_PRINT(`WebSocketServer: dropped a message from peer ${id} that claims to come from ${message.from}.`);
      } else {
        const to = message.to;
        this.#relay(id, to, bytes);
        if (to === TARGET_PEER_SERVER || to === 0 || (to < 0 && to !== -TARGET_PEER_SERVER)) this.store(id, message.payload);
      }
    }
  }

  /** Forwards a client's message unchanged (header included) to the peers its target names. */
  #relay(from: number, to: number, bytes: Uint8Array): void {
    if (to === TARGET_PEER_SERVER) return;
    if (to > 0) {
      const target = this.#clients.get(to);
      if (to === from) ERR_PRINT(`WebSocketServer: peer ${from} sent a message to itself; dropped.`);
      else if (!target) ERR_PRINT(`WebSocketServer: peer ${from} sent a message to unknown peer ${to}; dropped.`);
      else this.#send(to, target.ws, bytes);
      return;
    }
    for (const [id, client] of this.#clients) {
      if (id !== from && id !== -to) this.#send(id, client.ws, bytes);
    }
  }

  protected send_multiplayer(data: Uint8Array): GodotError {
    if (!this.#server) {
      ERR_PRINT("WebSocketServer.put_packet: the server is not listening.");
      return FAILED;
    }
    const target = this.target_peer;
    const bytes = encode_message(MessageType.SYS_NONE, TARGET_PEER_SERVER, target, data);
    if (target > 0) {
      const client = this.#clients.get(target);
      if (!client) {
        ERR_PRINT(`WebSocketServer.put_packet: peer ${target} is not connected.`);
        return ERR_INVALID_PARAMETER;
      }
      this.#send(target, client.ws, bytes);
      return OK;
    }
    for (const [id, client] of this.#clients) {
      if (id !== -target) this.#send(id, client.ws, bytes);
    }
    return OK;
  }

  /** Sends a protocol message (always binary). A client whose queue is full is closed: it would miss messages otherwise. */
  #send(id: number, ws: Connection, bytes: Uint8Array): void {
    if (ws._get_connection_state() !== State.STATE_OPEN) return;
    if (ws.send(bytes, WriteMode.WRITE_MODE_BINARY) === ERR_OUT_OF_MEMORY) {
      ERR_PRINT(`WebSocketServer: peer ${id} does not take its data fast enough (its outbound queue is full); disconnecting it.`);
      ws.close(CLOSE_TOO_SLOW, "Outbound queue full");
    }
  }

  // ---- clients -----------------------------------------------------------------------

  has_peer(id: number): boolean {
    return this.#clients.has(Number(id));
  }

  override get_peer(peer_id: number): WebSocketPeer | null {
    return this.#client(peer_id, "get_peer")?.peer ?? null;
  }

  get_peer_address(id: number): string {
    return this.#client(id, "get_peer_address")?.peer.get_connected_host() ?? "";
  }

  get_peer_port(id: number): number {
    return this.#client(id, "get_peer_port")?.peer.get_connected_port() ?? 0;
  }

  /** Starts closing a client's connection; client_disconnected follows from poll() once it ends. */
  disconnect_peer(id: number, code = 1000, reason = ""): void {
    this.#client(id, "disconnect_peer")?.peer.close(code, reason);
  }

  #client(peer_id: unknown, method: string): Client | undefined {
    const id = int_argument(peer_id);
    const client = id === null ? undefined : this.#clients.get(id);
    if (!client) ERR_PRINT(`WebSocketServer.${method}: peer ${id ?? describe_argument(peer_id)} is not connected.`);
    return client;
  }

  override get_connection_status(): ConnectionStatus {
    return this.#server ? ConnectionStatus.CONNECTION_CONNECTED : ConnectionStatus.CONNECTION_DISCONNECTED;
  }

  override get_unique_id(): number {
    return TARGET_PEER_SERVER;
  }

  protected is_active(): boolean {
    return this.#server !== null;
  }

  /** Non-API: the port the server listens on (the chosen one after listen(0)); 0 when not listening. */
  _get_local_port(): number {
    return this.#server?.get_local_port() ?? 0;
  }

  // ---- settings ----------------------------------------------------------------------

  /** Headers added to the handshake response of clients that connect afterwards. */
  set_extra_headers(headers: readonly string[] = []): void {
    this.#extra_headers = string_list_argument(headers);
  }

  set_bind_ip(ip: string): void {
    if (!this.#settable("bind_ip")) return;
    if (typeof ip !== "string" || (ip !== "*" && isIP(ip) === 0)) {
      ERR_PRINT(`WebSocketServer.set_bind_ip: expected "*" or an IP address, got ${typeof ip === "string" ? `"${ip}"` : describe_argument(ip)}.`);
      return;
    }
    this.#bind_ip = ip;
  }

  get_bind_ip(): string {
    return this.#bind_ip;
  }

  set_private_key(key: CryptoKey | null): void {
    if (this.#settable("private_key")) this.#private_key = key ?? null;
  }

  get_private_key(): CryptoKey | null {
    return this.#private_key;
  }

  set_ssl_certificate(certificate: X509Certificate | null): void {
    if (this.#settable("ssl_certificate")) this.#ssl_certificate = certificate ?? null;
  }

  get_ssl_certificate(): X509Certificate | null {
    return this.#ssl_certificate;
  }

  set_ca_chain(chain: X509Certificate | null): void {
    if (this.#settable("ca_chain")) this.#ca_chain = chain ?? null;
  }

  get_ca_chain(): X509Certificate | null {
    return this.#ca_chain;
  }

  /** Seconds a new client has for the TLS and WebSocket handshakes; must be > 0. */
  set_handshake_timeout(timeout: number): void {
    const seconds = float_argument(timeout);
    if (seconds === null || !Number.isFinite(seconds) || seconds <= 0) {
      ERR_PRINT(`WebSocketServer.set_handshake_timeout: the timeout must be a number of seconds > 0, got ${describe_argument(timeout)}.`);
      return;
    }
    this.#handshake_timeout = seconds;
  }

  get_handshake_timeout(): number {
    return this.#handshake_timeout;
  }

  #settable(member: string): boolean {
    if (!this.#server) return true;
    ERR_PRINT(`WebSocketServer.set_${member}: can't be changed while listening; stop() first.`);
    return false;
  }
}
WebSocketServer satisfies WebSocketServerStatics;
