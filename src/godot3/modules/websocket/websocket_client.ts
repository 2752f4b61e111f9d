/**
 * WebSocketClient (Godot 3): connects to a WebSocket server and reports what
 * happens through signals emitted from poll(). get_peer(1) is the connection.
 *
 * Plain mode: connection_established(protocol), data_received() once per
 * received message, server_close_request(code, reason) when the server
 * starts closing, connection_closed(was_clean_close) at the end, and
 * connection_error() when the connection never opened.
 *
 * Multiplayer mode (gd_mp_api = true), the Godot 3 protocol: the server
 * gives this client its id (SYS_ID) and announces every peer (SYS_ADD /
 * SYS_DEL); connection_succeeded() comes with the server's own announcement.
 * A connection that never completed emits connection_failed(); gdnet
 * emits server_disconnected() when an established one ends (3.x emitted
 * connection_failed() for both).
 */
import { string_list_argument } from "../../../core/io/io_arguments.js";
import { ERR_ALREADY_IN_USE, FAILED, type GodotError, OK } from "../../../core/error/error_list.js";
import { ERR_PRINT } from "../../../core/error/error_macros.js";
import { TLSOptions } from "../../../core/crypto/tls_options.js";
import type { X509Certificate } from "../../../core/crypto/x509_certificate.js";
import type { ClassBinder } from "../../../core/object/class_binder.js";
import { State, WriteMode } from "../../../modules/websocket/websocket_peer.js";
import { ConnectionStatus, TARGET_PEER_SERVER } from "../../core/io/networked_multiplayer_peer.js";
import { WebSocketMultiplayerPeer } from "./websocket_multiplayer_peer.js";
import { WebSocketPeer } from "./websocket_peer.js";
import { MessageType, decode_message, encode_message, system_message_id } from "./ws_mp_protocol.js";
import type { WebSocketClientApi, WebSocketClientStatics } from "../../../gen/godot3/web_socket_client.gen.js";


export class WebSocketClient extends WebSocketMultiplayerPeer implements WebSocketClientApi {
  declare readonly __signals: WebSocketMultiplayerPeer["__signals"] & {
    connection_established: [protocol: string];
    data_received: [];
    server_close_request: [code: number, reason: string];
    connection_closed: [was_clean_close: boolean];
    connection_error: [];
  };
  declare verify_ssl: boolean;
  declare trusted_ssl_certificate: X509Certificate | null;

  #peer: WebSocketPeer | null = null;
  /** The handshake completed on the current connection. */
  #opened = false;
  #close_request_reported = false;
  /** The end of the current connection was reported (the peer stays readable until the next connect). */
  #ended = false;
  #unique_id = 0;
  #verify_ssl = true;
  #trusted_certificate: X509Certificate | null = null;
  /** Bumped by every connect and reset, so a poll notices that a signal handler reconnected. */
  #generation = 0;

  static override _bind_methods(b: ClassBinder): void {
    b.method(
      "connect_to_url(url: String, protocols: PoolStringArray = PoolStringArray(  ), gd_mp_api: bool = false, custom_headers: PoolStringArray = PoolStringArray(  )) -> Error",
    );
    b.method('disconnect_from_host(code: int = 1000, reason: String = "")');
    b.method("get_connected_host() const -> String");
    b.method("get_connected_port() const -> int");
    b.property("verify_ssl: bool", "set_verify_ssl_enabled", "is_verify_ssl_enabled");
    b.property("trusted_ssl_certificate: X509Certificate", "set_trusted_ssl_certificate", "get_trusted_ssl_certificate");
    b.signal("connection_closed(was_clean_close: bool)");
    b.signal("connection_error()");
    b.signal("connection_established(protocol: String)");
    b.signal("data_received()");
    b.signal("server_close_request(code: int, reason: String)");
  }

  /**
   * Starts connecting; poll() reports the outcome. wss:// uses TLS, verified
   * unless verify_ssl is off, against trusted_ssl_certificate when set.
   */
  connect_to_url(url: string, protocols: readonly string[] = [], gd_mp_api = false, custom_headers: readonly string[] = []): GodotError {
    if (this.get_connection_status() !== ConnectionStatus.CONNECTION_DISCONNECTED) {
      ERR_PRINT("WebSocketClient.connect_to_url: already connecting or connected; call disconnect_from_host() first.");
      return ERR_ALREADY_IN_USE;
    }
    this.#reset();
    const ws = this.new_connection();
    ws.set_supported_protocols(string_list_argument(protocols));
    ws.set_handshake_headers(string_list_argument(custom_headers));
    const secure = String(url).trim().toLowerCase().startsWith("wss://");
    const tls = !secure ? null : this.#verify_ssl ? TLSOptions.client(this.#trusted_certificate) : TLSOptions.client_unsafe(this.#trusted_certificate);
    const err = ws.connect_to_url(url, tls);
    if (err !== OK) return err;
    const peer = new WebSocketPeer();
    peer._attach(ws);
    this.#peer = peer;
    this.multiplayer = Boolean(gd_mp_api);
    return OK;
  }

  /**
   * Starts the closing handshake; connection_closed() follows from poll()
   * once it ends. While still connecting, the attempt is abandoned at once,
   * without a signal (the caller asked for it).
   */
  disconnect_from_host(code = 1000, reason = ""): void {
    const ws = this.#peer?._connection();
    if (ws && !this.#ended && ws._get_connection_state() === State.STATE_CONNECTING) {
      ws.close(-1);
      this.#ended = true;
      return;
    }
    this.#peer?.close(code, reason);
  }

  override poll(): void {
    const peer = this.#peer;
    const ws = peer?._connection();
    if (!peer || !ws || this.#ended) return;
    const generation = this.#generation;
    const before = ws.get_available_packet_count();
    ws.poll();
    const state = ws._get_connection_state();
    if (!this.#opened && (state === State.STATE_OPEN || state === State.STATE_CLOSING)) {
      this.#opened = true;
      if (!this.multiplayer) this.emit_signal("connection_established", ws.get_selected_protocol());
      if (this.#generation !== generation) return;
    }
    if (this.multiplayer) this.#read_multiplayer(peer, generation);
    else this.#announce_data(ws.get_available_packet_count() - before, generation);
    if (this.#generation !== generation) return;
    if (this.#opened && !this.#close_request_reported && ws._is_closed_by_peer()) {
      this.#close_request_reported = true;
      this.emit_signal("server_close_request", ws.get_close_code(), ws.get_close_reason());
      if (this.#generation !== generation) return;
    }
    if (state === State.STATE_CLOSED) this.#on_closed(ws.get_close_code() !== -1);
  }

  #announce_data(count: number, generation: number): void {
    for (let i = 0; i < count && this.#generation === generation; i++) this.emit_signal("data_received");
  }

  #on_closed(was_clean: boolean): void {
    const opened = this.#opened;
    const multiplayer = this.multiplayer;
    this.#ended = true;
    if (multiplayer) this.emit_signal(opened ? "server_disconnected" : "connection_failed");
    else if (opened) this.emit_signal("connection_closed", was_clean);
    else this.emit_signal("connection_error");
  }

  /** Takes the server's messages: system messages update the peers, payloads are queued. */
  #read_multiplayer(peer: WebSocketPeer, generation: number): void {
    while (peer.get_available_packet_count() > 0 && this.has_room() && this.#generation === generation) {
      const message = decode_message(peer.get_packet());
      if (!message) {
        ERR_PRINT("WebSocketClient: dropped a message shorter than the multiplayer header (9 bytes).");
        continue;
      }
      if (message.type === MessageType.SYS_NONE) {
        this.store(message.from, message.payload);
        continue;
      }
      const id = system_message_id(message);
      if (id === null) {
        ERR_PRINT(`WebSocketClient: dropped a system message (type ${message.type}) whose payload is not one int32.`);
        continue;
      }
      this.#on_system_message(message.type, id);
    }
  }

  #on_system_message(type: number, id: number): void {
    switch (type) {
      case MessageType.SYS_ID:
        this.#unique_id = id;
        return;
      case MessageType.SYS_ADD:
        this.emit_signal("peer_connected", id);
        if (id === TARGET_PEER_SERVER) this.emit_signal("connection_succeeded");
        return;
      case MessageType.SYS_DEL:
        this.emit_signal("peer_disconnected", id);
        return;
      default:
        ERR_PRINT(`WebSocketClient: dropped a message of unknown type ${type}.`);
    }
  }

  protected send_multiplayer(data: Uint8Array): GodotError {
    const ws = this.#peer?._connection();
    if (!ws || ws._get_connection_state() !== State.STATE_OPEN) {
      ERR_PRINT("WebSocketClient.put_packet: not connected.");
      return FAILED;
    }
    // Protocol messages are binary whatever get_peer(1)'s write mode says, as the server's are.
    return ws.send(encode_message(MessageType.SYS_NONE, this.#unique_id, this.target_peer, data), WriteMode.WRITE_MODE_BINARY);
  }

  #reset(): void {
    this.#generation++;
    this.#peer?._connection()?.close(-1);
    this.#peer = null;
    this.#opened = false;
    this.#close_request_reported = false;
    this.#ended = false;
    this.#unique_id = 0;
    this.target_peer = 0;
    this.incoming.clear();
  }

  protected is_active(): boolean {
    return this.get_connection_status() !== ConnectionStatus.CONNECTION_DISCONNECTED;
  }

  /** The server is peer 1; null (and an error line) otherwise or before connect_to_url(). */
  override get_peer(peer_id: number): WebSocketPeer | null {
    if (Number(peer_id) !== TARGET_PEER_SERVER || !this.#peer) {
      ERR_PRINT(`WebSocketClient.get_peer: ${Number(peer_id) !== TARGET_PEER_SERVER ? "a client only has peer 1 (the server)" : "not connected"}.`);
      return null;
    }
    return this.#peer;
  }

  override get_connection_status(): ConnectionStatus {
    const state = this.#peer?._connection()?._get_connection_state();
    if (state === State.STATE_CONNECTING) return ConnectionStatus.CONNECTION_CONNECTING;
    if (state === State.STATE_OPEN || state === State.STATE_CLOSING) return ConnectionStatus.CONNECTION_CONNECTED;
    return ConnectionStatus.CONNECTION_DISCONNECTED;
  }

  override get_unique_id(): number {
    return this.#unique_id;
  }

  get_connected_host(): string {
    return this.#peer?.get_connected_host() ?? "";
  }

  get_connected_port(): number {
    return this.#peer?.get_connected_port() ?? 0;
  }

  set_verify_ssl_enabled(enabled: boolean): void {
    this.#verify_ssl = Boolean(enabled);
  }

  is_verify_ssl_enabled(): boolean {
    return this.#verify_ssl;
  }

  set_trusted_ssl_certificate(certificate: X509Certificate | null): void {
    if (this.is_active()) {
      ERR_PRINT("WebSocketClient.set_trusted_ssl_certificate: can't change the certificate while connected.");
      return;
    }
    this.#trusted_certificate = certificate ?? null;
  }

  get_trusted_ssl_certificate(): X509Certificate | null {
    return this.#trusted_certificate;
  }
}
WebSocketClient satisfies WebSocketClientStatics;
