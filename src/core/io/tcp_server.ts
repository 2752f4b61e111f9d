/**
 * TCPServer: listens for TCP connections and hands them out as connected
 * StreamPeerTCP objects through take_connection(), as the engine's.
 *
 * listen() and Node. Node's `server.listen()` binds synchronously when no
 * host is given, but resolves a given host first (even an IP literal), which
 * makes the outcome asynchronous. The engine's listen() returns the outcome,
 * so gdnet binds synchronously in both cases: "*" listens without a host
 * (dual stack, falling back to IPv4 when IPv6 is unavailable), and an IP
 * address goes straight to the server's bind step (`Server#_listen2`, the
 * step `listen()` itself takes once the host is resolved; an internal of
 * Node's that has been stable for many major versions). Right after listen()
 * returns, the result is known: OK (is_listening() is true and
 * get_local_port() reports the port, also for port 0) or ERR_ALREADY_IN_USE
 * (address in use, not a local address, or a privileged port; the engine
 * returns that code for any bind failure) with one error line. Only inside
 * a `cluster` worker, or should `_listen2` disappear, is the public
 * asynchronous path used: listen() returns OK, is_listening() stays false
 * until the bind completes, and a failure is reported then, as one error
 * line, with is_listening() staying false.
 *
 * Pending connections. Node accepts connections itself as they come. Each
 * accepted socket waits paused (nothing is read from it, so it holds no
 * buffer) until take_connection(). At most 128 wait (changeable with the
 * non-API _set_max_pending_connections()); beyond that new connections are
 * reset at once, so a server that never takes connections cannot grow
 * without bound. A waiting connection is not read, so a client that gives up
 * in the meantime is only noticed once the connection is taken (its poll()
 * then reports it), as with the engine's accept queue.
 *
 * Taken connections are CONNECTED and have Nagle's algorithm off
 * (set_no_delay(true)), unlike the engine's.
 */
import cluster from "node:cluster";
import * as net from "node:net";
import { ERR_ALREADY_IN_USE, ERR_CANT_CREATE, ERR_INVALID_PARAMETER, GodotError, OK } from "../error/error_list.js";
import { ERR_PRINT } from "../error/error_macros.js";
import type { ClassBinder } from "../object/class_binder.js";
import { RefCounted } from "../object/ref_counted.js";
import { describe_argument, int_argument } from "./io_arguments.js";
import { notify_io } from "./io_wait.js";
import { StreamPeerTCP } from "./stream_peer_tcp.js";
import type { TCPServerApi, TCPServerStatics } from "../../gen/tcp_server.gen.js";

/** The kernel's accept queue; Node drains it continuously, the bound that matters is the pending queue. */
const BACKLOG = 511;
const DEFAULT_MAX_PENDING = 128;
/** libuv's UV_TCP_IPV6ONLY: a concrete IPv6 address listens on IPv6 only, as the engine's socket does. */
const UV_TCP_IPV6ONLY = 1;

type ListenStep = (address: string, port: number, family: number, backlog: number, fd: undefined, flags: number) => void;

function swallow_error(): void {
  // A waiting socket is not read, so errors are rare (a failed reset); the taker sees the socket's state.
}

function error_text(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e.code ? `${e.code} (${e.message})` : String(error);
}

export class TCPServer extends RefCounted implements TCPServerApi {
  #server: net.Server | null = null;
  #listening = false;
  #pending: net.Socket[] = [];
  #max_pending = DEFAULT_MAX_PENDING;
  #reported_accept_error = false;

  static override _bind_methods(b: ClassBinder): void {
    b.method('listen(port: int, bind_address: String = "*") -> Error');
    b.method("is_connection_available() const -> bool");
    b.method("is_listening() const -> bool");
    b.method("get_local_port() const -> int");
    b.method("take_connection() -> StreamPeerTCP");
    b.method("stop()");
  }

  /** Listens on `port` (0 = any free port) at `bind_address` ("*" = every address, IPv4 and IPv6). */
  listen(port: number, bind_address = "*"): GodotError {
    const p = int_argument(port);
    if (p === null || p < 0 || p > 65535) {
      ERR_PRINT(`TCPServer.listen: the local port number must be between 0 and 65535 (inclusive), got ${describe_argument(port)}.`);
      return ERR_INVALID_PARAMETER;
    }
    if (typeof bind_address !== "string" || (bind_address !== "*" && net.isIP(bind_address) === 0)) {
      ERR_PRINT(
        `TCPServer.listen: the bind address must be "*" or an IP address, got ${typeof bind_address === "string" ? `"${bind_address}"` : describe_argument(bind_address)}.`,
      );
      return ERR_INVALID_PARAMETER;
    }
    if (this.#server !== null) {
      ERR_PRINT("TCPServer.listen: already listening; call stop() first.");
      return ERR_ALREADY_IN_USE;
    }
    const server = net.createServer({ allowHalfOpen: true, pauseOnConnect: true });
    server.on("connection", this.#on_connection);
    server.on("listening", () => {
      // A late bind (asynchronous path) after stop() must not leave an orphan listening.
      if (this.#server === server) this.#listening = true;
      else server.close();
      notify_io();
    });
    server.on("error", (error: Error) => this.#on_server_error(server, error));
    server.on("close", notify_io);
    this.#server = server;
    this.#reported_accept_error = false;

    const family = net.isIP(bind_address);
    const listen_step = (server as unknown as { _listen2?: ListenStep })._listen2;
    const synchronous = !cluster.isWorker && (bind_address === "*" || typeof listen_step === "function");
    try {
      if (bind_address === "*") {
        server.listen({ port: p, backlog: BACKLOG });
      } else if (synchronous && listen_step) {
        listen_step.call(server, bind_address, p, family, BACKLOG, undefined, family === 6 ? UV_TCP_IPV6ONLY : 0);
      } else {
        server.listen({ port: p, host: bind_address, backlog: BACKLOG, ipv6Only: family === 6 });
      }
    } catch (error) {
      this.#discard_server();
      ERR_PRINT(`TCPServer.listen: can't create the server socket: ${error_text(error)}`);
      return ERR_CANT_CREATE;
    }
    if (server.listening) {
      this.#listening = true;
      return OK;
    }
    if (synchronous) {
      // The bind failed; Node emits the error on the next tick, where it is ignored (this line tells it now).
      this.#discard_server();
      ERR_PRINT(
        `TCPServer.listen: can't listen on ${bind_address === "*" ? "*" : bind_address}:${p}: the port is in use, the address is not local, or the port needs privileges.`,
      );
      return ERR_ALREADY_IN_USE;
    }
    return OK;
  }

  #on_server_error(server: net.Server, error: Error): void {
    notify_io();
    if (server !== this.#server) return;
    if (!this.#listening) {
      // Only the asynchronous path gets here: the bind failed after listen() returned OK.
      this.#discard_server();
      ERR_PRINT(`TCPServer.listen: can't listen: ${error_text(error)}`);
      return;
    }
    if (!this.#reported_accept_error) {
      this.#reported_accept_error = true;
      ERR_PRINT(`TCPServer: accepting a connection failed: ${error_text(error)}`);
    }
  }

  readonly #on_connection = (socket: net.Socket): void => {
    if (this.#pending.length >= this.#max_pending) this.#prune();
    if (this.#pending.length >= this.#max_pending) {
      socket.on("error", swallow_error);
      socket.resetAndDestroy();
      return;
    }
    socket.on("error", swallow_error);
    this.#pending.push(socket);
    notify_io();
  };

  /** Drops waiting sockets that were destroyed (by stop() or a failed write) before being taken. */
  #prune(): void {
    let kept = 0;
    for (const socket of this.#pending) {
      if (!socket.destroyed) this.#pending[kept++] = socket;
    }
    this.#pending.length = kept;
  }

  #discard_server(): void {
    const server = this.#server;
    this.#server = null;
    this.#listening = false;
    for (const socket of this.#pending) socket.destroy();
    this.#pending = [];
    if (server?.listening) server.close();
  }

  is_connection_available(): boolean {
    if (!this.#listening) return false;
    this.#prune();
    return this.#pending.length > 0;
  }

  is_listening(): boolean {
    return this.#listening;
  }

  /** The port listened on (the chosen one when listening on port 0); 0 when not listening. */
  get_local_port(): number {
    if (!this.#listening || this.#server === null) return 0;
    const address = this.#server.address();
    return typeof address === "object" && address !== null ? address.port : 0;
  }

  /** The next waiting connection as a CONNECTED StreamPeerTCP, or null when none is waiting. */
  take_connection(): StreamPeerTCP | null {
    if (!this.is_connection_available()) return null;
    const socket = this.#pending.shift() as net.Socket;
    const peer = new StreamPeerTCP();
    peer._accept_socket(socket);
    socket.off("error", swallow_error);
    return peer;
  }

  /** Stops listening; connections not taken yet are closed. Taken ones are not affected. */
  stop(): void {
    this.#discard_server();
  }

  /** Non-API: how many accepted connections may wait for take_connection() (default 128). */
  _set_max_pending_connections(count: number): void {
    const n = int_argument(count);
    if (n === null || n < 1) {
      ERR_PRINT(`TCPServer._set_max_pending_connections: the count must be at least 1, got ${describe_argument(count)}.`);
      return;
    }
    this.#max_pending = n;
  }

  /** Non-API: connections accepted and waiting for take_connection(). */
  _get_pending_connection_count(): number {
    this.#prune();
    return this.#pending.length;
  }
}

TCPServer satisfies TCPServerStatics;
