/**
 * WebSocketMultiplayerPeer (Godot 3): what WebSocketClient and
 * WebSocketServer share. The buffer settings for the connections they make
 * (set_buffers), get_peer(), and the multiplayer mode (gd_mp_api = true):
 * the received-packet queue with each packet's sender, the send target and
 * the peer_packet signal. Without the multiplayer mode the class's own
 * get_packet/put_packet are not available; each connection's WebSocketPeer
 * carries the data instead.
 */
import { ERR_INVALID_PARAMETER, ERR_UNAVAILABLE, ERR_UNCONFIGURED, FAILED, type GodotError, OK } from "../../../core/error/error_list.js";
import { ERR_PRINT } from "../../../core/error/error_macros.js";
import { describe_argument, int_argument, next_power_of_2 } from "../../../core/io/io_arguments.js";
import type { PacketResult } from "../../../core/io/packet_peer.js";
import type { ClassBinder } from "../../../core/object/class_binder.js";
import { MultiplayerPacketQueue } from "../../../modules/websocket/ws_multiplayer_packet_queue.js";
import { WebSocketPeer as Connection } from "../../../modules/websocket/wsl_peer.js";
import { NetworkedMultiplayerPeer, TARGET_PEER_SERVER } from "../../core/io/networked_multiplayer_peer.js";
import type { WebSocketPeer } from "./websocket_peer.js";
import type { WebSocketMultiplayerPeerApi, WebSocketMultiplayerPeerStatics } from "../../../gen/godot3/web_socket_multiplayer_peer.gen.js";

/** The 3.x project-setting defaults for clients and servers alike. */
const DEFAULT_BUFFER_KB = 64;
const DEFAULT_MAX_PACKETS = 1024;
/** The received-packet queue holds up to this many input buffers' worth of packets and bytes; the rest waits in TCP. */
const INCOMING_FACTOR = 16;
const EMPTY = new Uint8Array(0);

interface Buffers {
  in_bytes: number;
  in_packets: number;
  out_bytes: number;
  out_packets: number;
}

/** 3.x rounds every size up to a power of two; kilobytes become bytes. */
function buffers(in_kb: number, in_packets: number, out_kb: number, out_packets: number): Buffers {
  return {
    in_bytes: next_power_of_2(in_kb) * 1024,
    in_packets: next_power_of_2(in_packets),
    out_bytes: next_power_of_2(out_kb) * 1024,
    out_packets: next_power_of_2(out_packets),
  };
}

export abstract class WebSocketMultiplayerPeer extends NetworkedMultiplayerPeer implements WebSocketMultiplayerPeerApi {
  declare readonly __signals: NetworkedMultiplayerPeer["__signals"] & {
    peer_packet: [peer_source: number];
  };

  #buffers = buffers(DEFAULT_BUFFER_KB, DEFAULT_MAX_PACKETS, DEFAULT_BUFFER_KB, DEFAULT_MAX_PACKETS);
  /** gd_mp_api of the current connect_to_url() or listen(). */
  protected multiplayer = false;
  protected target_peer = 0;
  protected readonly incoming = new MultiplayerPacketQueue();

  static override _bind_methods(b: ClassBinder): void {
    b.method("set_buffers(input_buffer_size_kb: int, input_max_packets: int, output_buffer_size_kb: int, output_max_packets: int) -> Error");
    b.method("get_peer(peer_id: int) const -> WebSocketPeer");
    b.signal("peer_packet(peer_source: int)");
  }

  /** Whether a connection or a listening socket exists (the buffers are fixed then). */
  protected abstract is_active(): boolean;

  /** WebSocketClient and WebSocketServer say which peers they have. */
  get_peer(_peer_id: number): WebSocketPeer | null {
    ERR_PRINT(`${this.get_class()}.get_peer: not implemented by this multiplayer peer.`);
    return null;
  }

  /**
   * Limits for the connections made afterwards. Sizes are rounded up to
   * powers of two, as in 3.x. The packet counts are held in full (3.x's
   * rings kept one slot free); the output buffer takes one byte less than
   * its size, as in 3.x.
   */
  set_buffers(input_buffer_size_kb: number, input_max_packets: number, output_buffer_size_kb: number, output_max_packets: number): GodotError {
    if (this.is_active()) {
      ERR_PRINT(`${this.get_class()}.set_buffers: buffers can only be set while disconnected (call it before connecting or listening).`);
      return FAILED;
    }
    const args = [input_buffer_size_kb, input_max_packets, output_buffer_size_kb, output_max_packets];
    const values = args.map(int_argument);
    if (values.some((v) => v === null || v < 1)) {
      ERR_PRINT(`${this.get_class()}.set_buffers: every size and count must be an int >= 1, got ${args.map(describe_argument).join(", ")}.`);
      return ERR_INVALID_PARAMETER;
    }
    const [in_kb, in_packets, out_kb, out_packets] = values as [number, number, number, number];
    this.#buffers = buffers(in_kb, in_packets, out_kb, out_packets);
    return OK;
  }

  /** Applies the buffer settings to a new connection. */
  protected configure(ws: Connection): void {
    const b = this.#buffers;
    ws.set_inbound_buffer_size(b.in_bytes);
    ws.set_max_queued_packets(b.in_packets);
    // 3.x refuses a message that would fill its outbound ring: the queue takes one byte less.
    ws.set_outbound_buffer_size(b.out_bytes - 1);
    ws._set_max_outbound_packets(b.out_packets);
  }

  // ---- the multiplayer mode ----------------------------------------------------------

  override set_target_peer(id: number): void {
    const n = int_argument(id);
    if (n === null) {
      ERR_PRINT(`${this.get_class()}.set_target_peer: expected an int, got ${describe_argument(id)}.`);
      return;
    }
    this.target_peer = n;
  }

  /** The sender of the next packet get_packet() returns (1 with an error line when there is none). */
  override get_packet_peer(): number {
    const next = this.incoming.peek();
    if (!next) {
      ERR_PRINT(`${this.get_class()}.get_packet_peer: there is no packet; check get_available_packet_count() first.`);
      return TARGET_PEER_SERVER;
    }
    return next.source;
  }

  /** Whether the received-packet queue can take more (a full queue leaves the rest in each connection). */
  protected has_room(): boolean {
    const b = this.#buffers;
    return this.incoming.count < b.in_packets * INCOMING_FACTOR && this.incoming.bytes < b.in_bytes * INCOMING_FACTOR;
  }

  /** Queues a received payload and announces it. */
  protected store(source: number, payload: Uint8Array): void {
    this.incoming.push(source, payload);
    this.emit_signal("peer_packet", source);
  }

  protected override _get_packet_impl(): PacketResult {
    if (!this.multiplayer) {
      return { error: ERR_UNCONFIGURED, packet: EMPTY, message: "only available in multiplayer mode (gd_mp_api = true); read get_peer(id) otherwise." };
    }
    const packet = this.incoming.shift();
    if (!packet) return { error: ERR_UNAVAILABLE, packet: EMPTY };
    return { error: OK, packet: packet.data };
  }

  protected override _get_available_packet_count(): number {
    if (!this.multiplayer) {
      ERR_PRINT(`${this.get_class()}.get_available_packet_count: only available in multiplayer mode (gd_mp_api = true); read get_peer(id) otherwise.`);
      return 0;
    }
    return this.incoming.count;
  }

  protected override _put_packet_impl(data: Uint8Array): GodotError {
    if (!this.multiplayer) {
      ERR_PRINT(`${this.get_class()}.put_packet: only available in multiplayer mode (gd_mp_api = true); use get_peer(id).put_packet() otherwise.`);
      return ERR_UNCONFIGURED;
    }
    return this.send_multiplayer(data);
  }

  /** Sends a payload to target_peer with the protocol's header. */
  protected abstract send_multiplayer(data: Uint8Array): GodotError;

  /** A new Godot 4 connection with this peer's buffers (the wire is the same). */
  protected new_connection(): Connection {
    const ws = new Connection();
    this.configure(ws);
    return ws;
  }
}
WebSocketMultiplayerPeer satisfies WebSocketMultiplayerPeerStatics;
