/**
 * WebSocketPeer (Godot 3): one WebSocket connection as the 3.x API shows it.
 * Users never create one; WebSocketClient.get_peer(1) and
 * WebSocketServer.get_peer(id) hand them out. The connection itself is
 * gdnet's Godot 4 WebSocketPeer (the wire is the same RFC 6455), which this
 * class wraps: it adds the 3.x write mode, is_connected_to_host(), the 3.x
 * return codes and the Godot 3 Variant format for get_var/put_var.
 *
 * Differences from the 3.x engine (bugs there): a close reason goes out
 * without a trailing NUL byte, and a close we start that the peer answers
 * counts as clean.
 */
import { ERR_UNAVAILABLE, FAILED, type GodotError, OK } from "../../../core/error/error_list.js";
import { ERR_PRINT } from "../../../core/error/error_macros.js";
import { describe_argument, int_argument } from "../../../core/io/io_arguments.js";
import type { VariantCodec } from "../../../core/io/marshalls.js";
import { PacketPeer, type PacketResult } from "../../../core/io/packet_peer.js";
import type { ClassBinder } from "../../../core/object/class_binder.js";
import { State } from "../../../modules/websocket/websocket_peer.js";
import type { WebSocketPeer as Connection } from "../../../modules/websocket/wsl_peer.js";
import { GODOT3_VARIANT_CODEC } from "../../core/io/marshalls.js";
import type { WebSocketPeerApi, WebSocketPeerStatics } from "../../../gen/godot3/web_socket_peer.gen.js";

export enum WriteMode {
  WRITE_MODE_TEXT = 0,
  WRITE_MODE_BINARY = 1,
}

const EMPTY = new Uint8Array(0);

export class WebSocketPeer extends PacketPeer implements WebSocketPeerApi {
  static readonly WriteMode = WriteMode;
  static readonly WRITE_MODE_TEXT = WriteMode.WRITE_MODE_TEXT;
  static readonly WRITE_MODE_BINARY = WriteMode.WRITE_MODE_BINARY;

  #ws: Connection | null = null;
  #write_mode = WriteMode.WRITE_MODE_BINARY;

  static override _bind_methods(b: ClassBinder): void {
    b.method("get_write_mode() const -> WebSocketPeer.WriteMode");
    b.method("set_write_mode(mode: WebSocketPeer.WriteMode)");
    b.method("is_connected_to_host() const -> bool");
    b.method("was_string_packet() const -> bool");
    b.method('close(code: int = 1000, reason: String = "")');
    b.method("get_connected_host() const -> String");
    b.method("get_connected_port() const -> int");
    b.method("set_no_delay(enabled: bool)");
    b.method("get_current_outbound_buffered_amount() const -> int");
    b.enum("WriteMode", WriteMode);
  }

  /** Non-API: the connection this peer shows (set by WebSocketClient and WebSocketServer). */
  _attach(ws: Connection): void {
    this.#ws = ws;
  }

  /** Non-API: the Godot 4 peer underneath, or null. */
  _connection(): Connection | null {
    return this.#ws;
  }

  protected override _variant_codec(): VariantCodec {
    return GODOT3_VARIANT_CODEC;
  }

  get_write_mode(): WriteMode {
    return this.#write_mode;
  }

  set_write_mode(mode: WriteMode): void {
    const m = int_argument(mode);
    if (m !== WriteMode.WRITE_MODE_TEXT && m !== WriteMode.WRITE_MODE_BINARY) {
      ERR_PRINT(`WebSocketPeer.set_write_mode: expected WRITE_MODE_TEXT (0) or WRITE_MODE_BINARY (1), got ${describe_argument(mode)}.`);
      return;
    }
    this.#write_mode = m;
  }

  /** True from the end of the opening handshake until the closing one ends (CLOSING counts, as in 3.x). */
  is_connected_to_host(): boolean {
    const state = this.#ws?._get_connection_state();
    return state === State.STATE_OPEN || state === State.STATE_CLOSING;
  }

  was_string_packet(): boolean {
    return this.#ws?.was_string_packet() ?? false;
  }

  /** Starts the closing handshake; the client or server reports its end from a later poll(). */
  close(code = 1000, reason = ""): void {
    this.#ws?.close(code, reason);
  }

  get_connected_host(): string {
    if (!this.#ws) return this.#not_connected("get_connected_host", "");
    return this.#ws.get_connected_host();
  }

  get_connected_port(): number {
    if (!this.#ws) return this.#not_connected("get_connected_port", 0);
    return this.#ws.get_connected_port();
  }

  set_no_delay(enabled: boolean): void {
    if (!this.#ws) return this.#not_connected("set_no_delay", undefined);
    this.#ws.set_no_delay(enabled);
  }

  get_current_outbound_buffered_amount(): number {
    return this.#ws?.get_current_outbound_buffered_amount() ?? 0;
  }

  // ---- PacketPeer ------------------------------------------------------------------

  /** Packets received before the connection ended stay readable after it. */
  protected _get_packet_impl(): PacketResult {
    const ws = this.#ws;
    if (ws && ws.get_available_packet_count() > 0) return { error: OK, packet: ws.get_packet() };
    if (this.is_connected_to_host()) return { error: ERR_UNAVAILABLE, packet: EMPTY };
    return { error: FAILED, packet: EMPTY, message: "the WebSocket is not connected; there is no packet to get." };
  }

  /** Sends in the current write mode. FAILED when not connected, ERR_OUT_OF_MEMORY when the outbound limits are reached. */
  protected _put_packet_impl(data: Uint8Array): GodotError {
    const ws = this.#ws;
    if (!ws || ws._get_connection_state() !== State.STATE_OPEN) {
      ERR_PRINT("WebSocketPeer.put_packet: the WebSocket is not connected (or is closing).");
      return FAILED;
    }
    return ws.send(data, this.#write_mode);
  }

  protected _get_available_packet_count(): number {
    return this.#ws?.get_available_packet_count() ?? 0;
  }

  #not_connected<T>(method: string, value: T): T {
    ERR_PRINT(`WebSocketPeer.${method}: this peer has no connection.`);
    return value;
  }
}
WebSocketPeer satisfies WebSocketPeerStatics;
