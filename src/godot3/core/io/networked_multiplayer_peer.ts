/**
 * NetworkedMultiplayerPeer (Godot 3): the abstract packet peer of the 3.x
 * high-level multiplayer API, the ancestor of Godot 4's MultiplayerPeer. It
 * adds peer ids, a send target, a connection status and the connection
 * signals to PacketPeer. In 3.x the signals connection_succeeded,
 * connection_failed and server_disconnected live here (Godot 4 moved them
 * to the multiplayer API). Transports override the connection methods.
 */
import { ERR_UNAVAILABLE, type GodotError } from "../../../core/error/error_list.js";
import { ERR_PRINT } from "../../../core/error/error_macros.js";
import { describe_argument } from "../../../core/io/io_arguments.js";
import { PacketPeer, type PacketResult } from "../../../core/io/packet_peer.js";
import type { VariantCodec } from "../../../core/io/marshalls.js";
import type { ClassBinder } from "../../../core/object/class_binder.js";
import {
  ConnectionStatus,
  TARGET_PEER_BROADCAST,
  TARGET_PEER_SERVER,
  TransferMode,
  report_unimplemented,
  transfer_mode_argument,
} from "../../../scene/main/multiplayer_peer.js";
import { GODOT3_VARIANT_CODEC } from "./marshalls.js";
import type { NetworkedMultiplayerPeerApi, NetworkedMultiplayerPeerStatics } from "../../../gen/godot3/networked_multiplayer_peer.gen.js";

// The same values as Godot 4's MultiplayerPeer, which took them over.
export { ConnectionStatus, TARGET_PEER_BROADCAST, TARGET_PEER_SERVER, TransferMode };

export abstract class NetworkedMultiplayerPeer extends PacketPeer implements NetworkedMultiplayerPeerApi {
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
    server_disconnected: [];
    connection_succeeded: [];
    connection_failed: [];
  };
  declare refuse_new_connections: boolean;
  declare transfer_mode: TransferMode;

  #refuse_new_connections = false;
  #transfer_mode = TransferMode.TRANSFER_MODE_RELIABLE;

  static override _bind_methods(b: ClassBinder): void {
    b.method("set_transfer_mode(mode: NetworkedMultiplayerPeer.TransferMode)");
    b.method("get_transfer_mode() const -> NetworkedMultiplayerPeer.TransferMode");
    b.method("set_target_peer(id: int)");
    b.method("get_packet_peer() const -> int");
    b.method("poll()");
    b.method("get_connection_status() const -> NetworkedMultiplayerPeer.ConnectionStatus");
    b.method("get_unique_id() const -> int");
    b.method("set_refuse_new_connections(enable: bool)");
    b.method("is_refusing_new_connections() const -> bool");
    b.property("refuse_new_connections: bool", "set_refuse_new_connections", "is_refusing_new_connections");
    b.property("transfer_mode: NetworkedMultiplayerPeer.TransferMode", "set_transfer_mode", "get_transfer_mode");
    b.enum("TransferMode", TransferMode);
    b.enum("ConnectionStatus", ConnectionStatus);
    b.constant("TARGET_PEER_BROADCAST", TARGET_PEER_BROADCAST);
    b.constant("TARGET_PEER_SERVER", TARGET_PEER_SERVER);
    b.signal("peer_connected(id: int)");
    b.signal("peer_disconnected(id: int)");
    b.signal("server_disconnected()");
    b.signal("connection_succeeded()");
    b.signal("connection_failed()");
  }

  /** get_var/put_var of every 3.x peer speak the Godot 3 Variant format. */
  protected override _variant_codec(): VariantCodec {
    return GODOT3_VARIANT_CODEC;
  }

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
      ERR_PRINT(`${this.get_class()}.set_transfer_mode: expected a NetworkedMultiplayerPeer.TransferMode (0..2), got ${describe_argument(mode)}.`);
      return;
    }
    this.#transfer_mode = m;
  }

  get_transfer_mode(): TransferMode {
    return this.#transfer_mode;
  }

  // ---- what each transport provides (bound here, as in the engine) -----------------

  set_target_peer(_id: number): void {
    this.#missing("set_target_peer");
  }

  get_packet_peer(): number {
    this.#missing("get_packet_peer");
    return 0;
  }

  poll(): void {
    this.#missing("poll");
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
NetworkedMultiplayerPeer satisfies NetworkedMultiplayerPeerStatics;
