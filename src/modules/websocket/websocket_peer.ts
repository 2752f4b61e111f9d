/**
 * The WebSocketPeer API shared by every backend: the enums, the settings
 * members and their engine defaults, and the ClassDB registration (what the
 * class XML documents). The Node backend (wsl_peer.ts) and the browser
 * backend extend it and are each exported as `WebSocketPeer`; ClassDB sees
 * one class, `WebSocketPeer < PacketPeer`.
 */
import { string_list_argument } from "../../core/io/io_arguments.js";
import { ERR_UNAVAILABLE, FAILED, OK, type GodotError } from "../../core/error/error_list.js";
import { ERR_PRINT } from "../../core/error/error_macros.js";
import type { ClassBinder } from "../../core/object/class_binder.js";
import { PacketPeer, type PacketResult } from "../../core/io/packet_peer.js";
import { PackedStringArray } from "../../core/variant/packed_arrays.js";
import type { StreamPeer } from "../../core/io/stream_peer.js";
import type { StreamPeerApi } from "../../gen/stream_peer.gen.js";
import type { TLSOptions } from "../../core/crypto/tls_options.js";
import type { X509Certificate } from "../../core/crypto/x509_certificate.js";
import { WsPacketQueue } from "./ws_packet_queue.js";

export enum WriteMode {
  WRITE_MODE_TEXT = 0,
  WRITE_MODE_BINARY = 1,
}

export enum State {
  STATE_CONNECTING = 0,
  STATE_OPEN = 1,
  STATE_CLOSING = 2,
  STATE_CLOSED = 3,
}

/** The engine's DEFAULT_BUFFER_SIZE for both buffers. */
export const DEFAULT_BUFFER_SIZE = 65535;
/** Godot 4.4+ default (4.0–4.3 used 2048). */
export const DEFAULT_MAX_QUEUED_PACKETS = 4096;
/** gdnet's default bound on the opening and closing handshakes, in seconds. */
export const DEFAULT_HANDSHAKE_TIMEOUT = 5.0;

const NO_BYTES = new Uint8Array(0);

interface PeerSettings {
  supported_protocols: readonly string[];
  handshake_headers: readonly string[];
  inbound_buffer_size: number;
  outbound_buffer_size: number;
  max_queued_packets: number;
  /** 0: max_queued_packets bounds both queues (the engine's rule). */
  max_outbound_packets: number;
  heartbeat_interval: number;
  handshake_timeout: number;
}

const DEFAULT_SETTINGS: Readonly<PeerSettings> = Object.freeze({
  supported_protocols: Object.freeze([]) as readonly string[],
  handshake_headers: Object.freeze([]) as readonly string[],
  inbound_buffer_size: DEFAULT_BUFFER_SIZE,
  outbound_buffer_size: DEFAULT_BUFFER_SIZE,
  max_queued_packets: DEFAULT_MAX_QUEUED_PACKETS,
  max_outbound_packets: 0,
  heartbeat_interval: 0,
  handshake_timeout: DEFAULT_HANDSHAKE_TIMEOUT,
});


export abstract class WebSocketPeerBase extends PacketPeer {
  static readonly WriteMode = WriteMode;
  static readonly WRITE_MODE_TEXT = WriteMode.WRITE_MODE_TEXT;
  static readonly WRITE_MODE_BINARY = WriteMode.WRITE_MODE_BINARY;
  static readonly State = State;
  static readonly STATE_CONNECTING = State.STATE_CONNECTING;
  static readonly STATE_OPEN = State.STATE_OPEN;
  static readonly STATE_CLOSING = State.STATE_CLOSING;
  static readonly STATE_CLOSED = State.STATE_CLOSED;

  declare supported_protocols: PackedStringArray;
  declare handshake_headers: PackedStringArray;
  declare inbound_buffer_size: number;
  declare outbound_buffer_size: number;
  declare max_queued_packets: number;
  declare heartbeat_interval: number;
  declare handshake_timeout: number;

  // ---- what both backends keep per connection, and report the same way ------------

  /** The state as the connection sees it; get_ready_state() may hold back the end (see there). */
  protected ready_state: State = State.STATE_CLOSED;
  /** Received messages waiting for get_packet(). */
  protected readonly inbox = new WsPacketQueue();
  protected last_was_string = false;
  protected close_code = -1;
  protected close_reason = "";
  protected selected_protocol = "";
  protected requested_url = "";
  /** True once close() was called on this connection (decides what a held-back end reports). */
  protected local_close = false;
  /** True when the peer's Close frame came before we sent one (gdnet/godot3 reports it as a close request). */
  protected closed_by_peer = false;

  /** Forgets everything about the previous connection (connect_to_url and accept_stream start here). */
  protected reset_session(): void {
    this.inbox.clear();
    this.last_was_string = false;
    this.close_code = -1;
    this.close_reason = "";
    this.selected_protocol = "";
    this.requested_url = "";
    this.local_close = false;
    this.closed_by_peer = false;
    this.ready_state = State.STATE_CLOSED;
  }

  /** Prints `WebSocketPeer.<message>` and returns `code`. */
  protected fail(code: GodotError, message: string): GodotError {
    ERR_PRINT(`WebSocketPeer.${message}`);
    return code;
  }

  /** Own settings once one is set; until then every peer reads the shared defaults (an idle peer should cost little). */
  #own_settings: PeerSettings | null = null;

  protected get settings(): Readonly<PeerSettings> {
    return this.#own_settings ?? DEFAULT_SETTINGS;
  }

  #writable_settings(): PeerSettings {
    return (this.#own_settings ??= { ...DEFAULT_SETTINGS });
  }

  static override _bind_methods(b: ClassBinder): void {
    b.method("connect_to_url(url: String, tls_client_options: TLSOptions = null) -> Error");
    b.method("accept_stream(stream: StreamPeer) -> Error");
    b.method("send(message: PackedByteArray, write_mode: WebSocketPeer.WriteMode = 1) -> Error");
    b.method("send_text(message: String) -> Error");
    b.method("was_string_packet() const -> bool");
    b.method("poll()");
    b.method('close(code: int = 1000, reason: String = "")');
    b.method("get_connected_host() const -> String");
    b.method("get_connected_port() const -> int");
    b.method("get_selected_protocol() const -> String");
    b.method("get_requested_url() const -> String");
    b.method("set_no_delay(enabled: bool)");
    b.method("get_current_outbound_buffered_amount() const -> int");
    b.method("get_ready_state() const -> WebSocketPeer.State");
    b.method("get_close_code() const -> int");
    b.method("get_close_reason() const -> String");
    b.property("supported_protocols: PackedStringArray", "set_supported_protocols", "get_supported_protocols");
    b.property("handshake_headers: PackedStringArray", "set_handshake_headers", "get_handshake_headers");
    b.property("inbound_buffer_size: int", "set_inbound_buffer_size", "get_inbound_buffer_size");
    b.property("outbound_buffer_size: int", "set_outbound_buffer_size", "get_outbound_buffer_size");
    b.property("max_queued_packets: int", "set_max_queued_packets", "get_max_queued_packets");
    b.property("heartbeat_interval: float", "set_heartbeat_interval", "get_heartbeat_interval");
    b.property("handshake_timeout: float", "set_handshake_timeout", "get_handshake_timeout");
    b.enum("WriteMode", WriteMode);
    b.enum("State", State);
  }

  // ---- packets and state: the same for every backend ------------------------------

  protected _get_packet_impl(): PacketResult {
    const packet = this.inbox.shift();
    if (packet) {
      this.last_was_string = packet.is_text;
      return { error: OK, packet: packet.data };
    }
    if (this.ready_state === State.STATE_OPEN || this.ready_state === State.STATE_CLOSING) {
      return { error: ERR_UNAVAILABLE, packet: NO_BYTES };
    }
    return { error: FAILED, packet: NO_BYTES, message: "the WebSocket is not open; there is no packet to get." };
  }

  protected _get_available_packet_count(): number {
    return this.inbox.count;
  }

  was_string_packet(): boolean {
    return this.last_was_string;
  }

  /**
   * When the peer ends the connection, packets received before the end stay
   * readable and the end is reported only once they were all taken: until
   * then the state stays OPEN, so a loop that reads only while OPEN, as the
   * engine's examples do, loses nothing. After our own close() the real state
   * is reported (a loop waiting for CLOSED must see it); unread packets stay
   * readable with get_packet() in any state.
   */
  get_ready_state(): State {
    const state = this.ready_state;
    if (this.inbox.count > 0 && !this.local_close && (state === State.STATE_CLOSING || state === State.STATE_CLOSED)) {
      return State.STATE_OPEN;
    }
    return state;
  }

  /** Non-API (gdnet/godot3): the state without the hold-back of get_ready_state(). */
  _get_connection_state(): State {
    return this.ready_state;
  }

  /** Non-API (gdnet/godot3): whether the peer started the closing handshake. */
  _is_closed_by_peer(): boolean {
    return this.closed_by_peer;
  }

  get_close_code(): number {
    return this.close_code;
  }

  get_close_reason(): string {
    return this.close_reason;
  }

  get_selected_protocol(): string {
    return this.selected_protocol;
  }

  get_requested_url(): string {
    return this.requested_url;
  }

  // ---- the API each backend implements ---------------------------------------------

  /**
   * Connects to a ws:// or wss:// URL. The Godot 4.0 form
   * `connect_to_url(url, verify_tls, trusted_tls_certificate)` is accepted too.
   */
  abstract connect_to_url(url: string, tls_client_options?: TLSOptions | null): GodotError;
  abstract connect_to_url(url: string, verify_tls: boolean, trusted_tls_certificate?: X509Certificate | null): GodotError;
  abstract accept_stream(stream: StreamPeer | StreamPeerApi | null): GodotError;
  abstract send(message: Uint8Array, write_mode?: WriteMode): GodotError;
  abstract send_text(message: string): GodotError;
  abstract poll(): void;
  abstract close(code?: number, reason?: string): void;
  abstract get_connected_host(): string;
  abstract get_connected_port(): number;
  abstract set_no_delay(enabled: boolean): void;
  abstract get_current_outbound_buffered_amount(): number;

  // ---- settings members: read when a connection is made, as in the engine --------

  /** Entries are trimmed of surrounding white space, as the engine's setter does. */
  set_supported_protocols(protocols: readonly string[]): void {
    this.#writable_settings().supported_protocols = string_list_argument(protocols).map((p) => p.trim());
  }

  get_supported_protocols(): PackedStringArray {
    return PackedStringArray.from(this.settings.supported_protocols) as PackedStringArray;
  }

  set_handshake_headers(headers: readonly string[]): void {
    this.#writable_settings().handshake_headers = string_list_argument(headers);
  }

  get_handshake_headers(): PackedStringArray {
    return PackedStringArray.from(this.settings.handshake_headers) as PackedStringArray;
  }

  set_inbound_buffer_size(size: number): void {
    this.#writable_settings().inbound_buffer_size = Math.trunc(Number(size)) || 0;
  }

  get_inbound_buffer_size(): number {
    return this.settings.inbound_buffer_size;
  }

  set_outbound_buffer_size(size: number): void {
    this.#writable_settings().outbound_buffer_size = Math.trunc(Number(size)) || 0;
  }

  get_outbound_buffer_size(): number {
    return this.settings.outbound_buffer_size;
  }

  set_max_queued_packets(count: number): void {
    this.#writable_settings().max_queued_packets = Math.trunc(Number(count)) || 0;
  }

  get_max_queued_packets(): number {
    return this.settings.max_queued_packets;
  }

  /** Non-API (gdnet/godot3, whose inbound and outbound packet limits differ): a separate outbound limit; 0 restores max_queued_packets. */
  _set_max_outbound_packets(count: number): void {
    this.#writable_settings().max_outbound_packets = Math.max(0, Math.trunc(Number(count)) || 0);
  }

  /** The most messages the outbound queue holds. */
  protected get outbound_packet_limit(): number {
    return this.settings.max_outbound_packets || this.settings.max_queued_packets;
  }

  /** Seconds between pings; 0 turns the heartbeat off. Negative values are refused, as in the engine. */
  set_heartbeat_interval(interval: number): void {
    const seconds = Number(interval);
    if (!Number.isFinite(seconds) || seconds < 0) {
      ERR_PRINT(`WebSocketPeer: heartbeat_interval must be a number >= 0, got ${String(interval)}.`);
      return;
    }
    this.#writable_settings().heartbeat_interval = seconds;
  }

  get_heartbeat_interval(): number {
    return this.settings.heartbeat_interval;
  }

  /** gdnet extension: seconds allowed for the opening handshake, and for the peer's Close reply. */
  set_handshake_timeout(timeout: number): void {
    const seconds = Number(timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      ERR_PRINT(`WebSocketPeer: handshake_timeout must be a number > 0, got ${String(timeout)}.`);
      return;
    }
    this.#writable_settings().handshake_timeout = seconds;
  }

  get_handshake_timeout(): number {
    return this.settings.handshake_timeout;
  }
}
