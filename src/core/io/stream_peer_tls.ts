/**
 * StreamPeerTLS: TLS over a StreamPeerTCP, on Node's `tls`. The TCP peer
 * hands its socket over (StreamPeerTCP._take_socket) and the TLS socket is
 * read and written through a NetSocketStream, like TCP itself: socket events
 * only record, and the status changes in poll() and in the I/O calls.
 *
 * Verification follows TLSOptions (see tls_context.ts): client() verifies the
 * chain against the default CAs and the host name against `common_name`;
 * SNI carries the host name (never an IP address).
 *
 * Differences from the engine (mbedTLS), on purpose:
 * - accept_stream() leaves the peer in STATUS_HANDSHAKING until the handshake
 *   has completed (poll() then moves it to STATUS_CONNECTED); the engine
 *   reports STATUS_CONNECTED at once, before the handshake finished.
 * - A certificate that does not match the host name gives
 *   STATUS_ERROR_HOSTNAME_MISMATCH and any other failure STATUS_ERROR; the
 *   engine reports every handshake failure seen in poll() as STATUS_ERROR and
 *   an immediate one in connect_to_stream() as the host name mismatch.
 * - Handshakes never fail inside connect_to_stream()/accept_stream(): the
 *   outcome always shows up in poll().
 * - The stream must be a StreamPeerTCP (connected, or still connecting: the
 *   handshake starts once TCP is up); the engine accepts any StreamPeer.
 * - disconnect_from_stream() also closes the TCP connection (after
 *   close_notify); JavaScript has no destructor that would do it later.
 * - Node does not tell a close_notify from a bare TCP FIN: both end the
 *   stream with ERR_FILE_EOF (the engine reports the FIN as a connection error).
 * - get_data() cannot block: see StreamPeerTCP (ERR_BUSY when fewer bytes
 *   than requested have arrived; nothing is consumed).
 */
import type * as net from "node:net";
import * as tls from "node:tls";
import { is_failure, make_client_config, make_server_context } from "../crypto/tls_context.js";
import { TLSOptions } from "../crypto/tls_options.js";
import {
  ERR_ALREADY_IN_USE,
  ERR_BUSY,
  ERR_CONNECTION_ERROR,
  ERR_FILE_EOF,
  ERR_INVALID_PARAMETER,
  ERR_UNCONFIGURED,
  FAILED,
  type GodotError,
  OK,
  error_string,
} from "../error/error_list.js";
import { ERR_PRINT } from "../error/error_macros.js";
import type { ClassBinder } from "../object/class_binder.js";
import { describe_argument } from "./io_arguments.js";
import { NetSocketStream } from "./net_socket_stream.js";
import { type GetResult, type PutResult, StreamPeer } from "./stream_peer.js";
import { StreamPeerTCP } from "./stream_peer_tcp.js";
import type { StreamPeerTLSApi, StreamPeerTLSStatics } from "../../gen/stream_peer_tls.gen.js";

export enum Status {
  STATUS_DISCONNECTED = 0,
  STATUS_HANDSHAKING = 1,
  STATUS_CONNECTED = 2,
  STATUS_ERROR = 3,
  STATUS_ERROR_HOSTNAME_MISMATCH = 4,
}

const EMPTY = new Uint8Array(0);

function describe_error(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}

export class StreamPeerTLS extends StreamPeer implements StreamPeerTLSApi {
  static readonly Status = Status;
  static readonly STATUS_DISCONNECTED = Status.STATUS_DISCONNECTED;
  static readonly STATUS_HANDSHAKING = Status.STATUS_HANDSHAKING;
  static readonly STATUS_CONNECTED = Status.STATUS_CONNECTED;
  static readonly STATUS_ERROR = Status.STATUS_ERROR;
  static readonly STATUS_ERROR_HOSTNAME_MISMATCH = Status.STATUS_ERROR_HOSTNAME_MISMATCH;

  #status: Status = Status.STATUS_DISCONNECTED;
  #base: StreamPeer | null = null;
  #stream: NetSocketStream | null = null;
  /** Identifies the current session (a new object per connect/accept). */
  #session: object | null = null;
  /** The client's identity check records host name mismatches here. */
  #verdict: { hostname_mismatch: boolean } = { hostname_mismatch: false };

  static override _bind_methods(b: ClassBinder): void {
    b.method("poll()");
    b.method("accept_stream(stream: StreamPeer, server_options: TLSOptions) -> Error");
    b.method('connect_to_stream(stream: StreamPeer, common_name: String, client_options: TLSOptions = null) -> Error');
    b.method("get_status() const -> StreamPeerTLS.Status");
    b.method("get_stream() const -> StreamPeer");
    b.method("disconnect_from_stream()");
    b.enum("Status", Status);
  }

  // ---- starting a session --------------------------------------------------------

  /** Starts a client handshake over `stream`; poll() until the status leaves STATUS_HANDSHAKING. */
  connect_to_stream(stream: StreamPeer | null, common_name: string, client_options: TLSOptions | null = null): GodotError {
    const base = this.#check_start(stream, "connect_to_stream");
    if (typeof base === "number") return base;
    if (typeof common_name !== "string") {
      ERR_PRINT(`StreamPeerTLS.connect_to_stream: the common name must be a String, got ${describe_argument(common_name)}.`);
      return ERR_INVALID_PARAMETER;
    }
    if (client_options !== null && client_options !== undefined && !(client_options instanceof TLSOptions)) {
      ERR_PRINT(`StreamPeerTLS.connect_to_stream: client_options must be TLSOptions, got ${describe_argument(client_options)}.`);
      return ERR_INVALID_PARAMETER;
    }
    const config = make_client_config(common_name, client_options ?? TLSOptions.client());
    if (is_failure(config)) {
      ERR_PRINT(`StreamPeerTLS.connect_to_stream: ${config.message}`);
      return config.error;
    }
    return this.#start(base, "connect_to_stream", "secureConnect", (socket) => {
      this.#verdict = config.verdict;
      return tls.connect({ ...config.options, socket });
    });
  }

  /** Starts a server handshake over `stream` with the key and certificate of `server_options`. */
  accept_stream(stream: StreamPeer | null, server_options: TLSOptions | null): GodotError {
    const base = this.#check_start(stream, "accept_stream");
    if (typeof base === "number") return base;
    if (!(server_options instanceof TLSOptions) || !server_options.is_server()) {
      ERR_PRINT("StreamPeerTLS.accept_stream: server options expected (TLSOptions.server(key, certificate)).");
      return ERR_INVALID_PARAMETER;
    }
    const context = make_server_context(server_options);
    if (is_failure(context)) {
      ERR_PRINT(`StreamPeerTLS.accept_stream: ${context.message}`);
      return context.error;
    }
    return this.#start(base, "accept_stream", "secure", (socket) => {
      this.#verdict = { hostname_mismatch: false };
      return new tls.TLSSocket(socket, { isServer: true, secureContext: context });
    });
  }

  /** The checks both starts share; the TCP peer, or the code to return. */
  #check_start(stream: unknown, method: string): StreamPeerTCP | GodotError {
    if (this.#status === Status.STATUS_HANDSHAKING || this.#status === Status.STATUS_CONNECTED) {
      ERR_PRINT(`StreamPeerTLS.${method}: this TLS stream is already in use; call disconnect_from_stream() first.`);
      return ERR_ALREADY_IN_USE;
    }
    if (!(stream instanceof StreamPeer)) {
      ERR_PRINT(`StreamPeerTLS.${method}: a StreamPeer is required, got ${describe_argument(stream)}.`);
      return ERR_INVALID_PARAMETER;
    }
    if (!(stream instanceof StreamPeerTCP)) {
      ERR_PRINT(`StreamPeerTLS.${method}: gdnet runs TLS over a StreamPeerTCP only, got ${stream.get_class()}.`);
      return ERR_INVALID_PARAMETER;
    }
    const status = stream.get_status();
    if (status !== StreamPeerTCP.STATUS_CONNECTED && status !== StreamPeerTCP.STATUS_CONNECTING) {
      ERR_PRINT(`StreamPeerTLS.${method}: the TCP stream is not connected.`);
      this.#reset(Status.STATUS_ERROR);
      return FAILED;
    }
    return stream;
  }

  /** `connect_event`: what the TLS socket emits when the handshake is done ("secureConnect" client, "secure" server). */
  #start(base: StreamPeerTCP, method: string, connect_event: string, wrap: (socket: net.Socket) => tls.TLSSocket): GodotError {
    // The TCP peer calls this from disconnect_from_host(); it must only end the session it belongs to.
    const session = {};
    const socket = base._take_socket(() => {
      if (this.#session === session) this.#drop(true);
    });
    if (socket === null) {
      ERR_PRINT(`StreamPeerTLS.${method}: the TCP stream's socket is already used by another TLS stream.`);
      return ERR_ALREADY_IN_USE;
    }
    let tls_socket: tls.TLSSocket;
    try {
      tls_socket = wrap(socket);
    } catch (error) {
      socket.destroy();
      ERR_PRINT(`StreamPeerTLS.${method}: could not start TLS: ${error instanceof Error ? error.message : String(error)}`);
      this.#reset(Status.STATUS_ERROR);
      return FAILED;
    }
    this.#session = session;
    this.#stream = new NetSocketStream(tls_socket, { connect_event });
    this.#base = base;
    this.#status = Status.STATUS_HANDSHAKING;
    return OK;
  }

  // ---- status --------------------------------------------------------------------

  /**
   * Advances the session: HANDSHAKING becomes CONNECTED, or ERROR /
   * ERROR_HOSTNAME_MISMATCH on failure; CONNECTED becomes DISCONNECTED once
   * the peer closed and every received byte was read, or at once on an error
   * or when the TCP peer was disconnected.
   */
  poll(): void {
    const stream = this.#stream;
    if (stream === null || (this.#status !== Status.STATUS_HANDSHAKING && this.#status !== Status.STATUS_CONNECTED)) {
      ERR_PRINT("StreamPeerTLS.poll: not connected (call connect_to_stream() or accept_stream() first).");
      return;
    }
    if (this.#status === Status.STATUS_HANDSHAKING) {
      if (stream.connected && stream.error === null) {
        this.#status = Status.STATUS_CONNECTED;
        // Fall through: data or a close may have followed the handshake already.
      } else if (stream.error !== null || stream.ended || stream.closed) {
        const mismatch = this.#verdict.hostname_mismatch;
        const reason = stream.error !== null ? describe_error(stream.error) : "the connection was closed during the handshake";
        ERR_PRINT(`StreamPeerTLS: TLS handshake error: ${reason}`);
        this.#drop(false);
        this.#status = mismatch ? Status.STATUS_ERROR_HOSTNAME_MISMATCH : Status.STATUS_ERROR;
        return;
      } else {
        this.#poll_connecting_base();
        return;
      }
    }
    if (stream.error !== null) {
      ERR_PRINT(`StreamPeerTLS: connection error: ${describe_error(stream.error)}`);
      this.#drop(false);
      return;
    }
    if ((stream.ended || stream.closed) && stream.available === 0) {
      this.#drop(true);
      return;
    }
    const base = this.#base;
    if (base instanceof StreamPeerTCP) {
      if (base.get_status() === StreamPeerTCP.STATUS_CONNECTING) base.poll();
      if (base.get_status() !== StreamPeerTCP.STATUS_CONNECTED) this.#drop(true);
    }
  }

  /**
   * A TCP peer handed over while still connecting is polled from here: its
   * poll() completes the connection and enforces its connect timeout, which
   * nothing else would once TLS owns the socket.
   */
  #poll_connecting_base(): void {
    const base = this.#base;
    if (!(base instanceof StreamPeerTCP) || base.get_status() !== StreamPeerTCP.STATUS_CONNECTING) return;
    const code = base.poll();
    if (base.get_status() === StreamPeerTCP.STATUS_ERROR) {
      ERR_PRINT(`StreamPeerTLS: TLS handshake error: the TCP connection failed (${error_string(code)}).`);
      this.#drop(false);
      this.#status = Status.STATUS_ERROR;
    }
  }

  get_status(): Status {
    return this.#status;
  }

  /** The underlying stream while a session is active; null otherwise (as the engine). */
  get_stream(): StreamPeer | null {
    return this.#base;
  }

  /** Sends close_notify, then closes the TCP connection; STATUS_DISCONNECTED. */
  disconnect_from_stream(): void {
    if (this.#status !== Status.STATUS_HANDSHAKING && this.#status !== Status.STATUS_CONNECTED) return;
    this.#drop(true);
  }

  /** Closes the TLS socket (gracefully: close_notify + FIN) and forgets the session. */
  #drop(graceful: boolean): void {
    const stream = this.#stream;
    if (stream !== null) {
      if (graceful) stream.close_gracefully();
      else stream.destroy();
    }
    this.#reset(Status.STATUS_DISCONNECTED);
  }

  #reset(status: Status): void {
    this.#session = null;
    this.#stream = null;
    this.#base = null;
    this.#verdict = { hostname_mismatch: false };
    this.#status = status;
  }

  // ---- StreamPeer hooks ----------------------------------------------------------

  #io_stream(method: string): NetSocketStream | null {
    if (this.#status !== Status.STATUS_CONNECTED || this.#stream === null) {
      ERR_PRINT(`StreamPeerTLS.${method}: not connected.`);
      return null;
    }
    return this.#stream;
  }

  /** ERR_FILE_EOF after the peer closed, ERR_CONNECTION_ERROR after an error, null while more may come. */
  #end_of_input(stream: NetSocketStream): GodotError | null {
    if (stream.error !== null) return ERR_CONNECTION_ERROR;
    if (stream.ended || stream.closed) return ERR_FILE_EOF;
    return null;
  }

  /** Ends the session after an I/O call found the end: EOF closes properly, an error at once. */
  #finish(code: GodotError): void {
    if (code === ERR_CONNECTION_ERROR && this.#stream?.error) {
      ERR_PRINT(`StreamPeerTLS: connection error: ${describe_error(this.#stream.error)}`);
    }
    this.#drop(code === ERR_FILE_EOF);
  }

  protected override _put_bytes(data: Uint8Array, partial: boolean): PutResult {
    const stream = this.#io_stream(partial ? "put_partial_data" : "put_data");
    if (stream === null) return { error: ERR_UNCONFIGURED, sent: 0 };
    if (!stream.writable) {
      const code = this.#end_of_input(stream) ?? ERR_CONNECTION_ERROR;
      this.#finish(code);
      return { error: code, sent: 0 };
    }
    const n = partial ? Math.min(data.length, stream.outbound_room) : data.length;
    if (n > 0) stream.write(data.slice(0, n));
    return { error: OK, sent: n };
  }

  protected override _get_bytes(length: number, partial: boolean): GetResult {
    const stream = this.#io_stream(partial ? "get_partial_data" : "get_data");
    if (stream === null) return { error: ERR_UNCONFIGURED, data: EMPTY };
    const available = stream.available;
    if (available === 0 || (!partial && available < length)) {
      const end = this.#end_of_input(stream);
      if (end !== null) {
        const rest = end === ERR_FILE_EOF ? stream.read(available) : EMPTY;
        this.#finish(end);
        return { error: end, data: rest };
      }
      if (partial) return { error: OK, data: EMPTY };
      ERR_PRINT(
        `StreamPeerTLS.get_data: ${length} bytes requested, ${available} available; nothing was read (gdnet can't block: check get_available_bytes() or use get_partial_data()).`,
      );
      return { error: ERR_BUSY, data: EMPTY };
    }
    return { error: OK, data: stream.read(Math.min(length, available)) };
  }

  protected override _get_available_bytes(): number {
    const stream = this.#io_stream("get_available_bytes");
    return stream === null ? 0 : stream.available;
  }

  protected override _peek_bytes(length: number): Uint8Array | null | undefined {
    if (this.#status !== Status.STATUS_CONNECTED || this.#stream === null) return undefined;
    return this.#stream.peek(length);
  }

  override _read_partial_into(target: Uint8Array, offset: number, length: number): { error: GodotError; received: number } {
    if (length <= 0) return { error: OK, received: 0 };
    const stream = this.#io_stream("get_partial_data");
    if (stream === null) return { error: ERR_UNCONFIGURED, received: 0 };
    if (stream.available === 0) {
      const end = this.#end_of_input(stream);
      if (end !== null) this.#finish(end);
      return { error: end ?? OK, received: 0 };
    }
    return { error: OK, received: stream.read_into(target, offset, length) };
  }

  // ---- hooks for other transports (non-API) ----------------------------------------

  /** The decrypted transport of the session, for protocol layers (WebSocket) that read and write it directly. */
  _get_socket_stream(): NetSocketStream | null {
    return this.#stream;
  }
}
StreamPeerTLS satisfies StreamPeerTLSStatics;
