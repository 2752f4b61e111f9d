/**
 * PacketPeerStream: packets over any StreamPeer, each sent as a 4-byte
 * little-endian length followed by the payload (the engine's wire format,
 * whatever the stream's big_endian says).
 *
 * Buffers are bounded as the engine's: at most input_buffer_max_size + 4
 * bytes are pulled from the stream ahead of the application, and a packet
 * must fit in output_buffer_max_size to be sent. Both sizes are rounded up so
 * that size + 4 is a power of two (defaults 65532). Storage is allocated
 * only when data flows, and grows up to those bounds as needed.
 *
 * Differences from the engine, both deliberate: a packet of exactly
 * input_buffer_max_size bytes can be received (the engine's ring buffer is
 * one byte short); and put_packet ignores ERR_FILE_EOF while pulling input
 * (the engine returns it, so it could not send over a fully read
 * StreamPeerBuffer). A length prefix larger than the input buffer can never
 * be read: get_packet then fails with ERR_UNAVAILABLE and says so.
 */
import {
  ERR_FILE_EOF,
  ERR_INVALID_PARAMETER,
  ERR_UNAVAILABLE,
  ERR_UNCONFIGURED,
  GodotError,
  OK,
} from "../error/error_list.js";
import { ERR_PRINT } from "../error/error_macros.js";
import type { ClassBinder } from "../object/class_binder.js";
import { describe_argument, int_argument, next_power_of_2 } from "./io_arguments.js";
import { PacketPeer, type PacketResult } from "./packet_peer.js";
import { StreamPeer } from "./stream_peer.js";
import type { PacketPeerStreamApi, PacketPeerStreamStatics } from "../../gen/packet_peer_stream.gen.js";

const EMPTY = new Uint8Array(0);
/** Where an idle peer's first read lands, so an idle peer needs no buffer of its own. */
const scratch = new Uint8Array(4096);
const INITIAL_INPUT = 4096;
const DEFAULT_BUFFER_CAPACITY = 1 << 16;
const MAX_BUFFER_CAPACITY = 1 << 30;

export class PacketPeerStream extends PacketPeer implements PacketPeerStreamApi {
  #peer: StreamPeer | null = null;
  /** Capacities include the 4-byte length prefix; the getters report capacity - 4. */
  #input_capacity = DEFAULT_BUFFER_CAPACITY;
  #output_capacity = DEFAULT_BUFFER_CAPACITY;
  /** Bytes pulled from the stream and not yet returned as packets: #input[#start, #end). */
  #input: Uint8Array = EMPTY;
  #start = 0;
  #end = 0;
  #output: Uint8Array = EMPTY;

  declare stream_peer: StreamPeer | null;
  declare input_buffer_max_size: number;
  declare output_buffer_max_size: number;

  static override _bind_methods(b: ClassBinder): void {
    b.property("input_buffer_max_size: int", "set_input_buffer_max_size", "get_input_buffer_max_size");
    b.property("output_buffer_max_size: int", "set_output_buffer_max_size", "get_output_buffer_max_size");
    b.property("stream_peer: StreamPeer", "set_stream_peer", "get_stream_peer");
  }

  // ---- input side --------------------------------------------------------------

  /**
   * Pulls what the stream has, up to the input capacity. The input array is
   * allocated on the first bytes and grows by doubling, so an idle peer holds
   * no buffer.
   */
  #poll_buffer(): GodotError {
    const peer = this.#peer;
    if (peer === null) return ERR_UNCONFIGURED;
    if (this.#start === this.#end) {
      this.#start = 0;
      this.#end = 0;
    }
    if (this.#input.length === 0) {
      const r = peer._read_partial_into(scratch, 0, Math.min(scratch.length, this.#input_capacity));
      if (r.error !== OK) return r.error;
      if (r.received === 0) return OK;
      this.#input = new Uint8Array(Math.min(this.#input_capacity, Math.max(INITIAL_INPUT, next_power_of_2(r.received))));
      this.#input.set(scratch.subarray(0, r.received));
      this.#end = r.received;
    }
    for (;;) {
      if (this.#end === this.#input.length) {
        if (this.#start > 0) {
          this.#input.copyWithin(0, this.#start, this.#end);
          this.#end -= this.#start;
          this.#start = 0;
        } else if (this.#input.length < this.#input_capacity) {
          const grown = new Uint8Array(Math.min(this.#input_capacity, this.#input.length * 2));
          grown.set(this.#input.subarray(0, this.#end));
          this.#input = grown;
        } else {
          return OK;
        }
      }
      const r = peer._read_partial_into(this.#input, this.#end, this.#input.length - this.#end);
      if (r.error !== OK) return r.error;
      if (r.received === 0) return OK;
      this.#end += r.received;
    }
  }

  #packet_length_at(offset: number): number {
    const b = this.#input;
    return ((b[offset] as number) | ((b[offset + 1] as number) << 8) | ((b[offset + 2] as number) << 16) | ((b[offset + 3] as number) << 24)) >>> 0;
  }

  protected override _get_available_packet_count(): number {
    if (this.#peer === null) return 0;
    this.#poll_buffer();
    let count = 0;
    let offset = this.#start;
    while (this.#end - offset >= 4) {
      const length = this.#packet_length_at(offset);
      if (this.#end - offset - 4 < length) break;
      offset += 4 + length;
      count++;
    }
    return count;
  }

  protected override _get_packet_impl(): PacketResult {
    if (this.#peer === null) return { error: ERR_UNCONFIGURED, packet: EMPTY, message: "no stream_peer is set." };
    this.#poll_buffer();
    const queued = this.#end - this.#start;
    if (queued < 4) return { error: ERR_UNAVAILABLE, packet: EMPTY };
    const length = this.#packet_length_at(this.#start);
    if (length + 4 > this.#input_capacity) {
      const message = `the next packet is ${length} bytes, more than input_buffer_max_size (${this.#input_capacity - 4}); it can't be received.`;
      return { error: ERR_UNAVAILABLE, packet: EMPTY, message };
    }
    if (queued - 4 < length) return { error: ERR_UNAVAILABLE, packet: EMPTY };
    const from = this.#start + 4;
    const packet = this.#input.slice(from, from + length);
    this.#start = from + length;
    if (this.#start === this.#end) {
      this.#start = 0;
      this.#end = 0;
    }
    return { error: OK, packet };
  }

  // ---- output side ---------------------------------------------------------------

  protected override _put_packet_impl(data: Uint8Array): GodotError {
    if (this.#peer === null) {
      ERR_PRINT("PacketPeerStream.put_packet: no stream_peer is set.");
      return ERR_UNCONFIGURED;
    }
    const polled = this.#poll_buffer();
    if (polled !== OK && polled !== ERR_FILE_EOF) return polled;
    if (data.length + 4 > this.#output_capacity) {
      ERR_PRINT(
        `PacketPeerStream.put_packet: the packet is ${data.length} bytes, more than output_buffer_max_size (${this.#output_capacity - 4}).`,
      );
      return ERR_INVALID_PARAMETER;
    }
    const size = data.length + 4;
    if (this.#output.length < size) this.#output = new Uint8Array(Math.min(this.#output_capacity, next_power_of_2(size)));
    const out = this.#output;
    out[0] = data.length & 0xff;
    out[1] = (data.length >>> 8) & 0xff;
    out[2] = (data.length >>> 16) & 0xff;
    out[3] = (data.length >>> 24) & 0xff;
    out.set(data, 4);
    return this.#peer.put_data(out.subarray(0, size));
  }

  // ---- members -------------------------------------------------------------------

  /** Sets the wrapped stream; switching to another stream drops the bytes read ahead from the old one. */
  set_stream_peer(peer: StreamPeer | null): void {
    if (peer !== null && !(peer instanceof StreamPeer)) {
      ERR_PRINT(`PacketPeerStream.set_stream_peer: expected a StreamPeer or null, got ${describe_argument(peer)}.`);
      return;
    }
    if (peer !== this.#peer) {
      this.#start = 0;
      this.#end = 0;
    }
    this.#peer = peer;
  }

  get_stream_peer(): StreamPeer | null {
    return this.#peer;
  }

  /** Refused while bytes are buffered (they would be lost), as the engine. */
  set_input_buffer_max_size(max_size_bytes: number): void {
    const n = this.#buffer_size(max_size_bytes, "set_input_buffer_max_size");
    if (n === null) return;
    if (this.#end > this.#start) {
      ERR_PRINT("PacketPeerStream.set_input_buffer_max_size: the buffer holds data; resizing it now would lose it.");
      return;
    }
    this.#input_capacity = n;
    this.#input = EMPTY;
    this.#start = 0;
    this.#end = 0;
  }

  get_input_buffer_max_size(): number {
    return this.#input_capacity - 4;
  }

  set_output_buffer_max_size(max_size_bytes: number): void {
    const n = this.#buffer_size(max_size_bytes, "set_output_buffer_max_size");
    if (n === null) return;
    this.#output_capacity = n;
    this.#output = EMPTY;
  }

  get_output_buffer_max_size(): number {
    return this.#output_capacity - 4;
  }

  #buffer_size(value: unknown, method: string): number | null {
    const n = int_argument(value);
    if (n === null || n < 0 || n + 4 > MAX_BUFFER_CAPACITY) {
      ERR_PRINT(`PacketPeerStream.${method}: invalid size ${describe_argument(value)} (0 to ${MAX_BUFFER_CAPACITY - 4}).`);
      return null;
    }
    return next_power_of_2(n + 4);
  }

  /** Non-API: bytes read ahead from the stream and not yet returned as packets. */
  _get_buffered_input(): number {
    return this.#end - this.#start;
  }
}

PacketPeerStream satisfies PacketPeerStreamStatics;
