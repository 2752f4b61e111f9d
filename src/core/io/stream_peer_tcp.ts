/**
 * StreamPeerTCP: a TCP connection with the engine's status machine, on
 * Node's `net`. Socket events only record (see NetSocketStream); the status
 * changes in poll() and in the I/O calls, as in the engine.
 *
 * Where Node differs from the engine's blocking sockets:
 * - connect_to_host() never blocks. An IP address connects at once; a host
 *   name is resolved asynchronously (the engine resolves before returning):
 *   the peer stays STATUS_CONNECTING, and a resolution failure shows up in
 *   poll() as STATUS_ERROR with poll() returning ERR_CANT_RESOLVE. The connect
 *   timeout (tcp_settings.connect_timeout_seconds, the engine's 30 s) covers
 *   resolution and connection; a timer wakes wait_for_io() at the deadline.
 * - bind() records the local address and port; the bind itself happens when
 *   connect_to_host() opens the socket, so a bind failure (address in use or
 *   not local) is reported by poll() as STATUS_ERROR / ERR_CONNECTION_ERROR.
 * - put_data() queues every byte for sending and returns OK (the engine blocks
 *   until the kernel took them). put_partial_data() takes only what fits
 *   under the outbound limit (256 KiB of unsent data) and may take 0: that is
 *   the backpressure signal.
 * - get_data(n) returns n bytes if n have arrived; otherwise it consumes
 *   nothing and fails with ERR_BUSY (the engine would block). After the peer's
 *   FIN it returns what is left with ERR_FILE_EOF and disconnects, as the
 *   engine's blocking read would.
 * - Nagle's algorithm is off by default (set_no_delay(false) turns it on);
 *   the engine leaves it on, which costs latency for game traffic.
 * - Call disconnect_from_host() when done: JavaScript has no destructor to
 *   close the socket for you. It sends what is queued, then a FIN.
 *
 * Non-API hooks for other transports: `_get_socket_stream()` gives the
 * NetSocketStream (the WebSocket peer reads and writes it directly);
 * `_take_socket()` hands the socket to a wrapper such as TLS (see there).
 */
import * as net from "node:net";
import {
  ERR_ALREADY_IN_USE,
  ERR_BUSY,
  ERR_CANT_RESOLVE,
  ERR_CONNECTION_ERROR,
  ERR_FILE_EOF,
  ERR_INVALID_PARAMETER,
  FAILED,
  GodotError,
  OK,
} from "../error/error_list.js";
import { ERR_PRINT } from "../error/error_macros.js";
import type { ClassBinder } from "../object/class_binder.js";
import { describe_argument, int_argument } from "./io_arguments.js";
import { notify_io } from "./io_wait.js";
import { NetSocketStream } from "./net_socket_stream.js";
import { type GetResult, type PutResult, StreamPeer } from "./stream_peer.js";
import type { StreamPeerTCPApi, StreamPeerTCPStatics } from "../../gen/stream_peer_tcp.gen.js";

export enum Status {
  STATUS_NONE = 0,
  STATUS_CONNECTING = 1,
  STATUS_CONNECTED = 2,
  STATUS_ERROR = 3,
}

/** The engine's project settings for TCP, process-wide. */
export const tcp_settings: {
  /** network/limits/tcp/connect_timeout_seconds: 30 in the engine (1..1800 there; fractions allowed here). */
  connect_timeout_seconds: number;
  /** A dns.lookup-compatible resolver for host names; undefined uses Node's (tests inject failures and delays). */
  lookup: net.LookupFunction | undefined;
} = {
  connect_timeout_seconds: 30,
  lookup: undefined,
};

const EMPTY = new Uint8Array(0);

/** getaddrinfo failures: the host name could not be resolved. */
function is_resolve_error(error: Error): boolean {
  const e = error as NodeJS.ErrnoException;
  return e.syscall === "getaddrinfo" || e.code === "ENOTFOUND" || e.code === "EAI_AGAIN" || e.code === "EAI_FAIL";
}

/**
 * A Buffer as a plain Uint8Array view (no copy): PackedByteArray is Uint8Array,
 * and Buffer's own slice() would share memory where a Uint8Array's copies.
 */
function plain(data: Buffer): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}

/** The engine prints IPv4-mapped IPv6 addresses (from dual-stack sockets) as plain IPv4. */
export function ip_address_text(address: string | undefined): string {
  if (!address) return "";
  if (address.startsWith("::ffff:") && net.isIPv4(address.slice(7))) return address.slice(7);
  return address;
}

export class StreamPeerTCP extends StreamPeer implements StreamPeerTCPApi {
  static readonly Status = Status;
  static readonly STATUS_NONE = Status.STATUS_NONE;
  static readonly STATUS_CONNECTING = Status.STATUS_CONNECTING;
  static readonly STATUS_CONNECTED = Status.STATUS_CONNECTED;
  static readonly STATUS_ERROR = Status.STATUS_ERROR;

  #status: Status = Status.STATUS_NONE;
  #socket: net.Socket | null = null;
  #stream: NetSocketStream | null = null;
  /** The socket was handed over by _take_socket(): no reading or writing here any more. */
  #taken = false;
  #closer: (() => void) | null = null;
  #host = "";
  #port = 0;
  #bind_address: string | null = null;
  #bind_port = 0;
  #deadline = 0;
  #deadline_timer: ReturnType<typeof setTimeout> | null = null;

  static override _bind_methods(b: ClassBinder): void {
    b.method('bind(port: int, host: String = "*") -> Error');
    b.method("connect_to_host(host: String, port: int) -> Error");
    b.method("poll() -> Error");
    b.method("get_status() const -> StreamPeerTCP.Status");
    b.method("get_connected_host() const -> String");
    b.method("get_connected_port() const -> int");
    b.method("get_local_port() const -> int");
    b.method("disconnect_from_host()");
    b.method("set_no_delay(enabled: bool)");
    b.enum("Status", Status);
  }

  // ---- connecting ----------------------------------------------------------------

  /** Records the local address/port the next connect_to_host() binds to ("*" = any). */
  bind(port: number, host = "*"): GodotError {
    const p = int_argument(port);
    if (p === null || p < 0 || p > 65535) {
      ERR_PRINT(`StreamPeerTCP.bind: the local port number must be between 0 and 65535 (inclusive), got ${describe_argument(port)}.`);
      return ERR_INVALID_PARAMETER;
    }
    if (typeof host !== "string" || (host !== "*" && net.isIP(host) === 0)) {
      ERR_PRINT(`StreamPeerTCP.bind: the host must be "*" or an IP address, got ${typeof host === "string" ? `"${host}"` : describe_argument(host)}.`);
      return ERR_INVALID_PARAMETER;
    }
    if (this.#socket !== null || this.#bind_address !== null) {
      ERR_PRINT("StreamPeerTCP.bind: the socket is already bound or open.");
      return ERR_ALREADY_IN_USE;
    }
    this.#bind_address = host;
    this.#bind_port = p;
    return OK;
  }

  /** Starts connecting to an IP address or a host name; poll() then reports CONNECTED or ERROR. */
  connect_to_host(host: string, port: number): GodotError {
    if (typeof host !== "string") {
      ERR_PRINT(`StreamPeerTCP.connect_to_host: the host must be a String, got ${describe_argument(host)}.`);
      return ERR_INVALID_PARAMETER;
    }
    const p = int_argument(port);
    if (p === null || p < 1 || p > 65535) {
      ERR_PRINT(`StreamPeerTCP.connect_to_host: the remote port number must be between 1 and 65535 (inclusive), got ${describe_argument(port)}.`);
      return ERR_INVALID_PARAMETER;
    }
    if (this.#status !== Status.STATUS_NONE) {
      ERR_PRINT("StreamPeerTCP.connect_to_host: already connecting or connected; call disconnect_from_host() first.");
      return ERR_ALREADY_IN_USE;
    }
    if (host === "") {
      ERR_PRINT("StreamPeerTCP.connect_to_host: the host is empty.");
      return ERR_CANT_RESOLVE;
    }
    const is_ip = net.isIP(host) !== 0;
    const options: net.TcpNetConnectOpts = { host, port: p, allowHalfOpen: true, noDelay: true };
    if (!is_ip && tcp_settings.lookup) options.lookup = tcp_settings.lookup;
    if (this.#bind_address !== null) {
      if (this.#bind_address !== "*") options.localAddress = this.#bind_address;
      if (this.#bind_port !== 0) options.localPort = this.#bind_port;
    }
    let socket: net.Socket;
    try {
      socket = net.connect(options);
    } catch (error) {
      ERR_PRINT(`StreamPeerTCP.connect_to_host: connection to remote host failed: ${error instanceof Error ? error.message : String(error)}`);
      this.#reset();
      return FAILED;
    }
    this.#attach(socket, false);
    if (!is_ip) {
      socket.on("lookup", (error: Error | null, address: string) => {
        if (!error && this.#socket === socket) this.#host = ip_address_text(address);
      });
    }
    this.#host = is_ip ? ip_address_text(host) : "";
    this.#port = p;
    this.#status = Status.STATUS_CONNECTING;
    const timeout_ms = Math.max(0, tcp_settings.connect_timeout_seconds * 1000);
    this.#deadline = performance.now() + timeout_ms;
    this.#deadline_timer = setTimeout(notify_io, timeout_ms + 1);
    this.#deadline_timer.unref();
    return OK;
  }

  /** Internal (TCPServer): adopts an accepted socket as a CONNECTED peer. */
  _accept_socket(socket: net.Socket): void {
    this.#reset();
    this.#attach(socket, true);
    socket.setNoDelay(true);
    this.#status = Status.STATUS_CONNECTED;
    this.#host = ip_address_text(socket.remoteAddress);
    this.#port = socket.remotePort ?? 0;
  }

  #attach(socket: net.Socket, connected: boolean): void {
    this.#socket = socket;
    this.#stream = new NetSocketStream(socket, { connected });
    this.#taken = false;
    this.#closer = null;
  }

  // ---- status ----------------------------------------------------------------------

  /**
   * Advances the status from what the socket recorded: CONNECTING becomes
   * CONNECTED (OK) or ERROR (ERR_CANT_RESOLVE, ERR_CONNECTION_ERROR, also on
   * timeout); CONNECTED becomes NONE after the peer's FIN once every received
   * byte was read (OK), or ERROR on a socket error (FAILED).
   */
  poll(): GodotError {
    const stream = this.#stream;
    if (stream === null) return OK;
    if (this.#status === Status.STATUS_CONNECTING) {
      if (stream.connected) {
        this.#status = Status.STATUS_CONNECTED;
        this.#clear_deadline();
        const socket = this.#socket as net.Socket;
        if (socket.remoteAddress) this.#host = ip_address_text(socket.remoteAddress);
        return OK;
      }
      if (stream.error !== null || stream.closed) {
        const code = stream.error !== null && is_resolve_error(stream.error) ? ERR_CANT_RESOLVE : ERR_CONNECTION_ERROR;
        this.#drop(false);
        this.#status = Status.STATUS_ERROR;
        return code;
      }
      if (performance.now() >= this.#deadline) {
        this.#drop(false);
        this.#status = Status.STATUS_ERROR;
        return ERR_CONNECTION_ERROR;
      }
      return OK;
    }
    if (this.#status === Status.STATUS_CONNECTED) {
      if (stream.error !== null) {
        this.#drop(false);
        this.#status = Status.STATUS_ERROR;
        return FAILED;
      }
      if (this.#taken) {
        if (stream.closed) this.#drop(true);
        return OK;
      }
      if ((stream.ended || stream.closed) && stream.available === 0) {
        this.#drop(true);
        return OK;
      }
    }
    return OK;
  }

  get_status(): Status {
    return this.#status;
  }

  /** The peer's IP address ("" until known; IPv4-mapped addresses are shown as IPv4). */
  get_connected_host(): string {
    return this.#host;
  }

  get_connected_port(): number {
    return this.#port;
  }

  /** The local port of the socket (or the one given to bind() before connecting); 0 when none. */
  get_local_port(): number {
    return this.#socket?.localPort ?? this.#bind_port;
  }

  /** Closes the connection (queued data is still sent, then a FIN; a pending connect is aborted) and returns to STATUS_NONE. */
  disconnect_from_host(): void {
    // A pending connection is aborted; an established one is closed gracefully.
    this.#drop(this.#status === Status.STATUS_CONNECTED);
  }

  set_no_delay(enabled: boolean): void {
    const socket = this.#socket;
    if (socket === null || socket.destroyed) {
      ERR_PRINT("StreamPeerTCP.set_no_delay: the socket is not open.");
      return;
    }
    socket.setNoDelay(Boolean(enabled));
  }

  /** Closes the socket (gracefully or at once) and forgets everything: STATUS_NONE. */
  #drop(graceful: boolean): void {
    const stream = this.#stream;
    if (stream !== null) {
      if (this.#taken) {
        // The wrapper owns the socket now; close it only through its closer, or at once after an error.
        if (!stream.closed) {
          if (this.#closer !== null) this.#closer();
          else if (!graceful) stream.destroy();
        }
      } else if (graceful) {
        stream.close_gracefully();
      } else {
        stream.destroy();
      }
    }
    this.#reset();
  }

  #reset(): void {
    this.#clear_deadline();
    this.#socket = null;
    this.#stream = null;
    this.#taken = false;
    this.#closer = null;
    this.#host = "";
    this.#port = 0;
    this.#bind_address = null;
    this.#bind_port = 0;
    this.#status = Status.STATUS_NONE;
  }

  #clear_deadline(): void {
    if (this.#deadline_timer !== null) {
      clearTimeout(this.#deadline_timer);
      this.#deadline_timer = null;
    }
  }

  // ---- StreamPeer hooks ----------------------------------------------------------

  /** The stream to read/write, or null (with the code to return) when that is not possible now. */
  #io_stream(): NetSocketStream | null {
    if (this.#status !== Status.STATUS_CONNECTED || this.#stream === null) return null;
    if (this.#taken) {
      ERR_PRINT("StreamPeerTCP: the socket was handed to another stream (TLS); read and write through that one.");
      return null;
    }
    return this.#stream;
  }

  protected override _put_bytes(data: Uint8Array, partial: boolean): PutResult {
    const stream = this.#io_stream();
    if (stream === null) return { error: FAILED, sent: 0 };
    if (!stream.writable) {
      // A send on a broken socket: the engine disconnects and fails.
      this.#drop(false);
      return { error: FAILED, sent: 0 };
    }
    const n = partial ? Math.min(data.length, stream.outbound_room) : data.length;
    if (n > 0) stream.write(data.slice(0, n));
    return { error: OK, sent: n };
  }

  protected override _get_bytes(length: number, partial: boolean): GetResult {
    const stream = this.#io_stream();
    if (stream === null) return { error: FAILED, data: EMPTY };
    const available = stream.available;
    if (available === 0 || (!partial && available < length)) {
      const end = this.#end_of_input(stream);
      if (end !== null) {
        const rest = end === ERR_FILE_EOF ? plain(stream.read(available)) : EMPTY;
        this.#drop(end === ERR_FILE_EOF);
        return { error: end, data: rest };
      }
      if (partial) return { error: OK, data: EMPTY };
      ERR_PRINT(
        `StreamPeerTCP.get_data: ${length} bytes requested, ${available} available; nothing was read (gdnet can't block: check get_available_bytes() or use get_partial_data()).`,
      );
      return { error: ERR_BUSY, data: EMPTY };
    }
    return { error: OK, data: plain(stream.read(Math.min(length, available))) };
  }

  /** ERR_FILE_EOF after the peer's FIN, FAILED after a socket error, null while more may come. */
  #end_of_input(stream: NetSocketStream): GodotError | null {
    if (stream.error !== null) return FAILED;
    if (stream.ended || stream.closed) return ERR_FILE_EOF;
    return null;
  }

  protected override _get_available_bytes(): number {
    if (this.#stream === null) {
      ERR_PRINT("StreamPeerTCP.get_available_bytes: the socket is not open.");
      return -1;
    }
    return this.#taken ? 0 : this.#stream.available;
  }

  protected override _peek_bytes(length: number): Uint8Array | null | undefined {
    if (this.#status !== Status.STATUS_CONNECTED || this.#stream === null || this.#taken) return undefined;
    return this.#stream.peek(length);
  }

  override _read_partial_into(target: Uint8Array, offset: number, length: number): { error: GodotError; received: number } {
    if (length <= 0) return { error: OK, received: 0 };
    const stream = this.#io_stream();
    if (stream === null) return { error: FAILED, received: 0 };
    if (stream.available === 0) {
      const end = this.#end_of_input(stream);
      if (end !== null) this.#drop(end === ERR_FILE_EOF);
      return { error: end ?? OK, received: 0 };
    }
    return { error: OK, received: stream.read_into(target, offset, length) };
  }

  // ---- hooks for other transports (non-API) ----------------------------------------

  /** The transport of this connection, for protocol layers that read and write it directly; null when none or handed over. */
  _get_socket_stream(): NetSocketStream | null {
    return this.#taken ? null : this.#stream;
  }

  /**
   * Hands the socket to a wrapper (e.g. `new tls.TLSSocket(socket)`): this
   * peer stops reading it, and bytes already received but unread are put back
   * into the socket so the wrapper sees them. The socket is handed over
   * paused: a TLSSocket wrapper reads it by itself, a direct reader calls
   * `resume()`. Status, host and port keep being
   * reported from the socket (CONNECTED until it closes, ERROR on a socket
   * error). Once taken, the wrapper owns the socket's lifetime:
   * disconnect_from_host() calls `closer` if one is given (so the wrapper can
   * close properly, e.g. send TLS close_notify) and otherwise leaves the
   * socket to the wrapper; poll() destroys it only after a socket error.
   * Returns null when there is no socket or it was taken already.
   */
  _take_socket(closer?: () => void): net.Socket | null {
    if (this.#stream === null || this.#taken) return null;
    this.#stream.release_reader();
    this.#taken = true;
    this.#closer = closer ?? null;
    return this.#socket;
  }
}

StreamPeerTCP satisfies StreamPeerTCPStatics;
