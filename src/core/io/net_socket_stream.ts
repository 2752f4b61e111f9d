/**
 * NetSocketStream: the transport under StreamPeerTCP, StreamPeerTLS and the
 * WebSocket peer. It turns a Node `net.Socket` (or a `tls.TLSSocket`, which is
 * one) into something a poll-driven peer can read and write without blocking.
 *
 * Contract (for every user of this class):
 *
 * - Socket events only *record*: inbound chunks are appended to a queue
 *   (`available` counts the bytes) and the flags `connected`, `ended` (peer
 *   FIN), `closed` and `error` are set. Each event also reports activity to
 *   `wait_for_io()`. Nothing else happens on an event: the owner interprets
 *   the flags in its own `poll()`.
 * - The inbound queue is bounded: once it holds more than `high_water` bytes
 *   the socket is paused (Node stops reading, the kernel buffer fills and TCP
 *   flow control slows the sender); it resumes when a read brings the queue
 *   down to `low_water`. At most `high_water` + one socket read (64 KiB) is
 *   ever queued, however long the owner goes without reading.
 * - Reads: `read(max)` returns up to `max` bytes, a zero-copy view of the
 *   received chunk when the bytes lie in one chunk; `read_into()` copies into
 *   a caller's array; `peek(n)` looks without consuming; `skip(n)` drops;
 *   `take_chunks()` hands every queued chunk over without copying (a frame
 *   parser can consume them in place). Returned buffers belong to the caller:
 *   the stream never writes into a chunk after queueing it.
 * - Writes never block: `write(data)` / `write_chunks(list)` hand the bytes to
 *   the socket, which keeps a reference until they are sent, so callers must
 *   not modify them afterwards (copy first if the array is reused). All
 *   writes made in one synchronous stretch (one poll) are corked together and
 *   leave in one writev when the current job ends. `outbound` is the number
 *   of bytes Node holds unsent (`socket.writableLength`); `outbound_room` is
 *   what may still be queued under `outbound_limit`, for put_partial_data-style
 *   backpressure. Writing is the owner's decision: the stream refuses only
 *   when the socket can no longer write (returns false).
 * - `end()` half-closes (FIN after the queued data); `close_gracefully()`
 *   stops reading, sends the queued data and a FIN, then frees the socket
 *   (at the latest after a linger time); `destroy()` closes at once.
 * - `release_reader()` stops consuming the socket and puts the queued,
 *   unread chunks back into it (`socket.unshift`), so a wrapper such as
 *   `new tls.TLSSocket(socket)` receives every byte from the start. The flags
 *   keep being recorded afterwards (connect, error, close), so the previous
 *   owner can still report the connection's status.
 *
 * An `error` listener is always attached, so a socket error can never crash
 * the process; the error is only recorded.
 */
import type { Socket } from "node:net";
import { notify_io } from "./io_wait.js";

export interface NetSocketStreamOptions {
  /** Inbound bytes above which the socket is paused. Default 256 KiB. */
  high_water?: number;
  /** Inbound bytes at or below which a paused socket resumes. Default high_water / 4. */
  low_water?: number;
  /** Unsent outbound bytes beyond which `outbound_room` is 0. Default 256 KiB. */
  outbound_limit?: number;
  /** The event meaning "connected": "connect" (TCP, the default), "secureConnect" or "secure" (TLS). */
  connect_event?: string;
  /** True when the socket is connected already (an accepted socket, an established TLS session). */
  connected?: boolean;
}

export const DEFAULT_INBOUND_HIGH_WATER = 256 * 1024;
export const DEFAULT_OUTBOUND_LIMIT = 256 * 1024;
/** How long close_gracefully() lets unsent data drain before the socket is destroyed anyway. */
export const DEFAULT_LINGER_MS = 10_000;

const EMPTY = Buffer.alloc(0);

/** Where a socket keeps its stream, for the shared event listeners. */
const STREAM = Symbol("gdnet.NetSocketStream");
type SocketWithStream = Socket & { [STREAM]?: NetSocketStream };

export class NetSocketStream {
  readonly socket: Socket;
  /** The connect event was seen (or the socket was connected when wrapped). */
  connected: boolean;
  /** The peer sent FIN: no more data will arrive after what is queued. */
  ended = false;
  /** The socket closed (both directions, or destroyed). */
  closed = false;
  /** The first error the socket reported, or null. */
  error: Error | null = null;

  high_water: number;
  low_water: number;
  outbound_limit: number;

  #chunks: Buffer[] = [];
  /** Index of the first unread chunk, and the read offset inside it. */
  #head = 0;
  #offset = 0;
  #available = 0;
  #paused = false;
  /** False once release_reader() or close_gracefully() ran: inbound data is no longer ours. */
  #reading = true;
  #cork_pending = false;
  #linger_timer: ReturnType<typeof setTimeout> | null = null;

  constructor(socket: Socket, options: NetSocketStreamOptions = {}) {
    this.socket = socket;
    this.high_water = Math.max(1, options.high_water ?? DEFAULT_INBOUND_HIGH_WATER);
    this.low_water = Math.min(this.high_water, Math.max(0, options.low_water ?? Math.floor(this.high_water / 4)));
    this.outbound_limit = Math.max(0, options.outbound_limit ?? DEFAULT_OUTBOUND_LIMIT);
    this.connected = options.connected === true;
    this.closed = socket.destroyed;
    (socket as SocketWithStream)[STREAM] = this;
    socket.on(options.connect_event ?? "connect", NetSocketStream.#on_connect);
    socket.on("data", NetSocketStream.#on_data);
    socket.on("end", NetSocketStream.#on_end);
    socket.on("error", NetSocketStream.#on_error);
    socket.on("close", NetSocketStream.#on_close);
    socket.on("drain", notify_io);
    // Accepted sockets arrive paused (pauseOnConnect); reading starts here.
    if (!socket.destroyed) socket.resume();
  }

  // ---- events: record, report, nothing else ----------------------------------
  // Shared listeners (`this` is the socket), not per-instance closures: five
  // closures per connection were ~300 B of every idle connection's cost.

  static #of(socket: Socket): NetSocketStream {
    return (socket as SocketWithStream)[STREAM] as NetSocketStream;
  }

  static #on_connect(this: Socket): void {
    NetSocketStream.#of(this).connected = true;
    notify_io();
  }

  static #on_data(this: Socket, chunk: Buffer): void {
    const stream = NetSocketStream.#of(this);
    if (!stream.#reading || chunk.length === 0) return;
    stream.#chunks.push(chunk);
    stream.#available += chunk.length;
    if (!stream.#paused && stream.#available > stream.high_water) {
      stream.#paused = true;
      this.pause();
    }
    notify_io();
  }

  static #on_end(this: Socket): void {
    NetSocketStream.#of(this).ended = true;
    notify_io();
  }

  static #on_error(this: Socket, error: Error): void {
    const stream = NetSocketStream.#of(this);
    stream.error ??= error;
    notify_io();
  }

  static #on_close(this: Socket): void {
    const stream = NetSocketStream.#of(this);
    stream.closed = true;
    if (stream.#linger_timer !== null) {
      clearTimeout(stream.#linger_timer);
      stream.#linger_timer = null;
    }
    notify_io();
  }

  // ---- reading ---------------------------------------------------------------

  /** Bytes queued and not yet read. */
  get available(): number {
    return this.#available;
  }

  /** True while the socket is paused because the queue is above the high-water mark. */
  get paused(): boolean {
    return this.#paused;
  }

  /** Up to `max` bytes (fewer if fewer are queued; empty when none). Zero-copy when they lie in one chunk. */
  read(max: number): Buffer {
    const n = Math.min(Math.max(0, Math.floor(max)), this.#available);
    if (n === 0) return EMPTY;
    const first = this.#chunks[this.#head] as Buffer;
    if (first.length - this.#offset >= n) {
      const view = first.subarray(this.#offset, this.#offset + n);
      this.#consume(n);
      return view;
    }
    const out = Buffer.allocUnsafe(n);
    this.#copy_out(out, 0, n, false);
    return out;
  }

  /** Copies up to `length` bytes into `target` at `offset`; returns how many were copied. */
  read_into(target: Uint8Array, offset = 0, length = target.length - offset): number {
    const n = Math.min(Math.max(0, Math.floor(length)), this.#available, Math.max(0, target.length - offset));
    if (n === 0) return 0;
    this.#copy_out(target, offset, n, false);
    return n;
  }

  /** The next `length` bytes without consuming them, or null when fewer are queued. */
  peek(length: number): Buffer | null {
    const n = Math.max(0, Math.floor(length));
    if (n > this.#available) return null;
    if (n === 0) return EMPTY;
    const first = this.#chunks[this.#head] as Buffer;
    if (first.length - this.#offset >= n) return first.subarray(this.#offset, this.#offset + n);
    const out = Buffer.allocUnsafe(n);
    this.#copy_out(out, 0, n, true);
    return out;
  }

  /** Drops up to `length` queued bytes; returns how many were dropped. */
  skip(length: number): number {
    const n = Math.min(Math.max(0, Math.floor(length)), this.#available);
    if (n > 0) this.#consume(n);
    return n;
  }

  /** Every queued chunk, handed over without copying (the first one trimmed to its unread part). */
  take_chunks(): Buffer[] {
    if (this.#available === 0) return [];
    const out = this.#chunks.slice(this.#head);
    if (this.#offset > 0) out[0] = (out[0] as Buffer).subarray(this.#offset);
    this.#reset_queue();
    this.#after_read();
    return out;
  }

  /** Copies n bytes from the head of the queue; consumes them unless `peek_only`. */
  #copy_out(target: Uint8Array, offset: number, n: number, peek_only: boolean): void {
    let index = this.#head;
    let chunk_offset = this.#offset;
    let copied = 0;
    while (copied < n) {
      const chunk = this.#chunks[index] as Buffer;
      const take = Math.min(n - copied, chunk.length - chunk_offset);
      target.set(chunk.subarray(chunk_offset, chunk_offset + take), offset + copied);
      copied += take;
      chunk_offset += take;
      if (chunk_offset === chunk.length) {
        index++;
        chunk_offset = 0;
      }
    }
    if (!peek_only) this.#consume(n);
  }

  #consume(n: number): void {
    let left = n;
    while (left > 0) {
      const chunk = this.#chunks[this.#head] as Buffer;
      const rest = chunk.length - this.#offset;
      if (rest > left) {
        this.#offset += left;
        break;
      }
      left -= rest;
      this.#head++;
      this.#offset = 0;
    }
    this.#available -= n;
    if (this.#available === 0) {
      this.#reset_queue();
    } else if (this.#head >= 32 && this.#head * 2 >= this.#chunks.length) {
      this.#chunks.splice(0, this.#head);
      this.#head = 0;
    }
    this.#after_read();
  }

  #reset_queue(): void {
    this.#chunks = [];
    this.#head = 0;
    this.#offset = 0;
    this.#available = 0;
  }

  #after_read(): void {
    if (this.#paused && this.#available <= this.low_water) {
      this.#paused = false;
      if (this.#reading && !this.socket.destroyed) this.socket.resume();
    }
  }

  // ---- writing ---------------------------------------------------------------

  /** True while the socket accepts writes (not destroyed, not ended by us, no error). */
  get writable(): boolean {
    return !this.socket.destroyed && this.socket.writable && this.error === null;
  }

  /** Bytes Node holds that the kernel has not taken yet. */
  get outbound(): number {
    return this.socket.writableLength;
  }

  /** How many more bytes may be queued before `outbound_limit` is reached. */
  get outbound_room(): number {
    return Math.max(0, this.outbound_limit - this.socket.writableLength);
  }

  /** Queues `data` (kept by reference until sent). False when the socket can no longer write. */
  write(data: Uint8Array): boolean {
    if (!this.writable) return false;
    if (data.length === 0) return true;
    this.#cork();
    this.socket.write(data);
    return true;
  }

  /** Queues several buffers; they leave together with everything else written in this job. */
  write_chunks(chunks: readonly Uint8Array[]): boolean {
    if (!this.writable) return false;
    this.#cork();
    for (const chunk of chunks) {
      if (chunk.length > 0) this.socket.write(chunk);
    }
    return true;
  }

  #cork(): void {
    if (this.#cork_pending) return;
    this.#cork_pending = true;
    this.socket.cork();
    process.nextTick(NetSocketStream.#uncork, this);
  }

  static #uncork(stream: NetSocketStream): void {
    stream.#cork_pending = false;
    stream.socket.uncork();
  }

  // ---- closing and handing over ----------------------------------------------

  /** Half-close: a FIN follows the queued data; reading goes on. */
  end(): void {
    if (!this.socket.destroyed && this.socket.writable) this.socket.end();
  }

  /**
   * Stops reading (inbound data is dropped), sends what is queued and a FIN,
   * then destroys the socket once that is done, or after `linger_ms` when the
   * peer does not take the data.
   */
  close_gracefully(linger_ms = DEFAULT_LINGER_MS): void {
    this.#stop_reading();
    const socket = this.socket;
    if (socket.destroyed) return;
    if (socket.writableFinished || this.error !== null) {
      socket.destroy();
      return;
    }
    // end() may have been called already (a half-close): the queued data still deserves its chance.
    socket.once("finish", () => socket.destroy());
    if (!socket.writableEnded) socket.end();
    this.#linger_timer = setTimeout(() => socket.destroy(), linger_ms);
    this.#linger_timer.unref();
  }

  /** Closes at once; queued data in both directions is dropped. */
  destroy(): void {
    this.#stop_reading();
    if (!this.socket.destroyed) this.socket.destroy();
  }

  /**
   * Hands the socket's inbound side to someone else (a TLS wrapper): stops
   * consuming it, pauses it and puts the unread chunks back in front, in
   * order. Flags keep being recorded. Data cannot be put back once the peer's
   * FIN was delivered (Node forbids unshift after 'end'); it is dropped then.
   */
  release_reader(): void {
    if (!this.#reading) return;
    this.#reading = false;
    const socket = this.socket;
    socket.off("data", NetSocketStream.#on_data);
    socket.off("end", NetSocketStream.#on_end);
    socket.pause();
    const chunks = this.take_chunks();
    this.#paused = false;
    if (!this.ended && !socket.destroyed) {
      for (let i = chunks.length - 1; i >= 0; i--) socket.unshift(chunks[i] as Buffer);
    }
  }

  /** Drops the queue and lets the socket flow into the void (used when closing). */
  #stop_reading(): void {
    this.#reading = false;
    this.#reset_queue();
    if (this.#paused) {
      this.#paused = false;
      if (!this.socket.destroyed) this.socket.resume();
    }
  }
}
