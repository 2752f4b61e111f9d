/**
 * MultiplayerPeer: the engine's abstract packet peer for the high-level
 * multiplayer API. It adds peer ids, targets, connection status and the
 * peer_connected / peer_disconnected signals to PacketPeer. Transports
 * (WebSocketMultiplayerPeer) override the connection methods; the settings
 * members (target, transfer mode and channel, refusing connections) live here.
 *
 * The connection methods have bodies here only because ClassDB binds them on
 * this class; each reports that the subclass did not provide it, as the
 * engine does for a script peer that leaves a required method out.
 */
import { ERR_UNAVAILABLE, type GodotError } from "../../core/error/error_list.js";
import { ERR_PRINT } from "../../core/error/error_macros.js";
import { int_argument, describe_argument } from "../../core/io/io_arguments.js";
import { PacketPeer, type PacketResult } from "../../core/io/packet_peer.js";
import type { ClassBinder } from "../../core/object/class_binder.js";
import type { MultiplayerPeerApi, MultiplayerPeerStatics } from "../../gen/multiplayer_peer.gen.js";

export enum TransferMode {
  TRANSFER_MODE_UNRELIABLE = 0,
  TRANSFER_MODE_UNRELIABLE_ORDERED = 1,
  TRANSFER_MODE_RELIABLE = 2,
}

export enum ConnectionStatus {
  CONNECTION_DISCONNECTED = 0,
  CONNECTION_CONNECTING = 1,
  CONNECTION_CONNECTED = 2,
}

export const TARGET_PEER_BROADCAST = 0;
export const TARGET_PEER_SERVER = 1;

const ID_MASK = 0x7fffffff;
const random_word = new Uint32Array(1);

/** A random peer id: positive, 31 bits, never 0 (broadcast) or 1 (the server). From the crypto RNG. */
export function generate_peer_id(): number {
  for (;;) {
    globalThis.crypto.getRandomValues(random_word);
    const id = (random_word[0] ?? 0) & ID_MASK;
    if (id > TARGET_PEER_SERVER) return id;
  }
}

/** A TransferMode argument: an int 0..2, else null. Godot 3's NetworkedMultiplayerPeer takes the same values. */
export function transfer_mode_argument(value: unknown): TransferMode | null {
  const m = int_argument(value);
  return m === null || m < TransferMode.TRANSFER_MODE_UNRELIABLE || m > TransferMode.TRANSFER_MODE_RELIABLE ? null : m;
}

/** The line an abstract multiplayer peer prints for a method its transport did not provide. */
export function report_unimplemented(peer: { get_class(): string }, method: string): void {
  ERR_PRINT(`${peer.get_class()}.${method}: not implemented by this multiplayer peer.`);
}

export abstract class MultiplayerPeer extends PacketPeer implements MultiplayerPeerApi {
  static readonly TransferMode = TransferMode;
  static readonly TRANSFER_MODE_UNRELIABLE = TransferMode.TRANSFER_MODE_UNRELIABLE;
  static readonly TRANSFER_MODE_UNRELIABLE_ORDERED = TransferMode.TRANSFER_MODE_UNRELIABLE_ORDERED;
  static readonly TRANSFER_MODE_RELIABLE = TransferMode.TRANSFER_MODE_RELIABLE;
  static readonly ConnectionStatus = ConnectionStatus;
  static readonly CONNECTION_DISCONNECTED = ConnectionStatus.CONNECTION_DISCONNECTED;
  static readonly CONNECTION_CONNECTING = ConnectionStatus.CONNECTION_CONNECTING;
  static readonly CONNECTION_CONNECTED = ConnectionStatus.CONNECTION_CONNECTED;
  static readonly TARGET_PEER_BROADCAST = TARGET_PEER_BROADCAST;
  static readonly TARGET_PEER_SERVER = TARGET_PEER_SERVER;

  declare readonly __signals: PacketPeer["__signals"] & {
    peer_connected: [id: number];
    peer_disconnected: [id: number];
  };
  declare refuse_new_connections: boolean;
  declare transfer_mode: TransferMode;
  declare transfer_channel: number;

  #refuse_new_connections = false;
  #transfer_mode = TransferMode.TRANSFER_MODE_RELIABLE;
  #transfer_channel = 0;

  static override _bind_methods(b: ClassBinder): void {
    b.method("set_transfer_channel(channel: int)");
    b.method("get_transfer_channel() const -> int");
    b.method("set_transfer_mode(mode: MultiplayerPeer.TransferMode)");
    b.method("get_transfer_mode() const -> MultiplayerPeer.TransferMode");
    b.method("set_target_peer(id: int)");
    b.method("get_packet_peer() const -> int");
    b.method("get_packet_channel() const -> int");
    b.method("get_packet_mode() const -> MultiplayerPeer.TransferMode");
    b.method("poll()");
    b.method("close()");
    b.method("disconnect_peer(peer: int, force: bool = false)");
    b.method("get_connection_status() const -> MultiplayerPeer.ConnectionStatus");
    b.method("get_unique_id() const -> int");
    b.method("generate_unique_id() const -> int");
    b.method("set_refuse_new_connections(enable: bool)");
    b.method("is_refusing_new_connections() const -> bool");
    b.method("is_server_relay_supported() const -> bool");
    b.property("refuse_new_connections: bool", "set_refuse_new_connections", "is_refusing_new_connections");
    b.property("transfer_mode: MultiplayerPeer.TransferMode", "set_transfer_mode", "get_transfer_mode");
    b.property("transfer_channel: int", "set_transfer_channel", "get_transfer_channel");
    // The engine's registration order: this enum, the two targets, then TransferMode.
    b.enum("ConnectionStatus", ConnectionStatus);
    b.constant("TARGET_PEER_BROADCAST", TARGET_PEER_BROADCAST);
    b.constant("TARGET_PEER_SERVER", TARGET_PEER_SERVER);
    b.enum("TransferMode", TransferMode);
    b.signal("peer_connected(id: int)");
    b.signal("peer_disconnected(id: int)");
  }

  // ---- settings shared by every transport -----------------------------------------

  set_refuse_new_connections(enable: boolean): void {
    this.#refuse_new_connections = Boolean(enable);
  }

  is_refusing_new_connections(): boolean {
    return this.#refuse_new_connections;
  }

  /** Stored for code that reads it back; a transport without modes ignores it. */
  set_transfer_mode(mode: TransferMode): void {
    const m = transfer_mode_argument(mode);
    if (m === null) {
      ERR_PRINT(`${this.get_class()}.set_transfer_mode: expected a MultiplayerPeer.TransferMode (0..2), got ${describe_argument(mode)}.`);
      return;
    }
    this.#transfer_mode = m;
  }

  get_transfer_mode(): TransferMode {
    return this.#transfer_mode;
  }

  /** Channels 0..255, as the engine's range; a transport without channels ignores it. */
  set_transfer_channel(channel: number): void {
    const c = int_argument(channel);
    if (c === null || c < 0 || c > 255) {
      ERR_PRINT(`${this.get_class()}.set_transfer_channel: the channel must be between 0 and 255, got ${describe_argument(channel)}.`);
      return;
    }
    this.#transfer_channel = c;
  }

  get_transfer_channel(): number {
    return this.#transfer_channel;
  }

  generate_unique_id(): number {
    return generate_peer_id();
  }

  is_server_relay_supported(): boolean {
    return false;
  }

  // ---- what each transport provides -----------------------------------------------

  set_target_peer(_id: number): void {
    this.#missing("set_target_peer");
  }

  get_packet_peer(): number {
    this.#missing("get_packet_peer");
    return 0;
  }

  get_packet_channel(): number {
    this.#missing("get_packet_channel");
    return 0;
  }

  get_packet_mode(): TransferMode {
    this.#missing("get_packet_mode");
    return TransferMode.TRANSFER_MODE_RELIABLE;
  }

  poll(): void {
    this.#missing("poll");
  }

  close(): void {
    this.#missing("close");
  }

  disconnect_peer(_peer: number, _force = false): void {
    this.#missing("disconnect_peer");
  }

  get_connection_status(): ConnectionStatus {
    this.#missing("get_connection_status");
    return ConnectionStatus.CONNECTION_DISCONNECTED;
  }

  get_unique_id(): number {
    this.#missing("get_unique_id");
    return 0;
  }

  protected _get_packet_impl(): PacketResult {
    return { error: ERR_UNAVAILABLE, packet: new Uint8Array(0), message: `${this.get_class()} does not implement get_packet().` };
  }

  protected _put_packet_impl(_data: Uint8Array): GodotError {
    this.#missing("put_packet");
    return ERR_UNAVAILABLE;
  }

  protected _get_available_packet_count(): number {
    return 0;
  }

  #missing(method: string): void {
    report_unimplemented(this, method);
  }
}
MultiplayerPeer satisfies MultiplayerPeerStatics;
