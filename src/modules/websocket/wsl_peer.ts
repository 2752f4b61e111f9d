/**
 * WebSocketPeer for Node (the engine's WSLPeer): a poll-driven RFC 6455 peer
 * over StreamPeerTCP / StreamPeerTLS. Socket events only fill bounded
 * buffers; poll() does all protocol work. Everything a peer queues between
 * two polls goes out in one write.
 *
 * Where the engine has a bug, gdnet does the right thing (see the class XML):
 * handshake and closing timeouts; malformed handshakes answered with an HTTP
 * error; packets that arrive together with a Close stay readable (CLOSED is
 * reported only once they were taken); close() refuses reasons over 123 bytes
 * and codes that may not be sent instead of hanging in CLOSING; a Close
 * without a status code reports 1005 (RFC 6455 §7.1.5), not 0.
 */
import {
  ERR_ALREADY_IN_USE,
  ERR_INVALID_PARAMETER,
  ERR_OUT_OF_MEMORY,
  FAILED,
  GodotError,
  OK,
} from "../../core/error/error_list.js";
import { ERR_PRINT } from "../../core/error/error_macros.js";
import { TLSOptions } from "../../core/crypto/tls_options.js";
import type { X509Certificate } from "../../core/crypto/x509_certificate.js";
import type { StreamPeer } from "../../core/io/stream_peer.js";
import type { StreamPeerApi } from "../../gen/stream_peer.gen.js";
import { StreamPeerTCP } from "../../core/io/stream_peer_tcp.js";
import { StreamPeerTLS } from "../../core/io/stream_peer_tls.js";
import { HEADER_BLOCK_DONE, HEADER_BLOCK_ERROR, HttpHeaderBlockReader } from "./http_header_block.js";
import { build_client_request, validate_server_response } from "./ws_handshake_client.js";
import { build_http_error_response, build_server_response, parse_client_request } from "./ws_handshake_server.js";
import {
  WS_PARSE_BINARY,
  WS_PARSE_CLOSE,
  WS_PARSE_ERROR,
  WS_PARSE_NEED_MORE,
  WS_PARSE_PING,
  WS_PARSE_PONG,
  WS_PARSE_TEXT,
  WsFrameParser,
} from "./ws_frame_parser.js";
import { outbound_copy_pool } from "./ws_buffer_pool.js";
import { COPY_MAX, WsFrameWriter } from "./ws_frame_writer.js";
import { CLOSE_NO_STATUS, MAX_CLOSE_REASON_BYTES, is_valid_close_code, type WsRole } from "./ws_protocol.js";
import { WsStreamIO } from "./ws_stream_io.js";
import { parse_ws_url } from "./ws_url.js";
import { State, WebSocketPeerBase, WriteMode } from "./websocket_peer.js";
import type { WebSocketPeerApi, WebSocketPeerStatics } from "../../gen/web_socket_peer.gen.js";

const utf8 = new TextEncoder();
const EMPTY = new Uint8Array(0);

type Phase =
  | "transport" // client: DNS/TCP/TLS; server: TLS
  | "write_request" // client: request queued, reading the response
  | "read_request" // server: reading the request
  | "open"
  | "closing"
  | "reject"; // server: an HTTP error is being written, then the socket ends

/** A copy of `s` that does not share storage with the string it was cut from. */
function flatten(s: string): string {
  return Buffer.from(s, "utf8").toString("utf8");
}

function now_ms(): number {
  return performance.now();
}

/** Everything that belongs to one connection; dropped as a whole on reset. */
class Connection {
  phase: Phase = "transport";
  tls: StreamPeerTLS | null = null;
  io: WsStreamIO | null = null;
  /** Only during the opening handshake; dropped once OPEN (an idle peer should cost little). */
  header_reader: HttpHeaderBlockReader | null = new HttpHeaderBlockReader();
  client_key = "";
  request_bytes: Uint8Array = EMPTY;
  request_sent = false;
  /** Made on first use once OPEN: an idle connection should not carry them. */
  parser: WsFrameParser | null = null;
  writer: WsFrameWriter | null = null;
  /** True from OPEN until the connection is finished; parser and writer exist only then. */
  open = false;
  sent_close = false;
  received_close = false;
  /** A deadline in performance.now() milliseconds for the current handshake step. */
  deadline: number;
  last_ping = 0;
  awaiting_pong = false;
  /** Messages and payload bytes queued and not yet handed to the kernel. */
  queued_messages = 0;
  queued_bytes = 0;
  /** Per flushed batch: what it holds, and the socket's running byte total where it ends. */
  in_flight: { messages: number; bytes: number; wire_end: number; copies: Uint8Array[] | null }[] | null = null;
  in_flight_head = 0;
  batch_messages = 0;
  batch_bytes = 0;
  /** Pooled payload copies in the current batch, returned to the pool once written. */
  batch_copies: Uint8Array[] | null = null;
  flush_scheduled = false;

  constructor(
    readonly role: WsRole,
    readonly tcp: StreamPeerTCP,
    readonly use_tls: boolean,
    readonly host: string,
    readonly tls_options: TLSOptions | null,
    timeout_ms: number,
  ) {
    this.deadline = now_ms() + timeout_ms;
  }
}

export class WebSocketPeer extends WebSocketPeerBase implements WebSocketPeerApi {
  #conn: Connection | null = null;
  /** Inbound limits captured when the connection opens, as the engine reads them then. */
  #in_limit_packets = 0;
  #in_limit_bytes = 0;

  // ---- connecting ----------------------------------------------------------------

  connect_to_url(url: string, tls_client_options?: TLSOptions | null): GodotError;
  connect_to_url(url: string, verify_tls: boolean, trusted_tls_certificate?: X509Certificate | null): GodotError;
  connect_to_url(
    url: string,
    options: TLSOptions | boolean | null = null,
    trusted_tls_certificate: X509Certificate | null = null,
  ): GodotError {
    if (typeof url !== "string" || url === "") {
      return this.fail(ERR_INVALID_PARAMETER, "connect_to_url: the URL is empty.");
    }
    let tls_options: TLSOptions | null = null;
    if (typeof options === "boolean") {
      // Godot 4.0: connect_to_url(url, verify_tls, trusted_tls_certificate).
      tls_options = options ? TLSOptions.client(trusted_tls_certificate) : TLSOptions.client_unsafe(trusted_tls_certificate);
    } else if (options instanceof TLSOptions) {
      if (options.is_server()) {
        return this.fail(ERR_INVALID_PARAMETER, "connect_to_url: server TLS options cannot be used by a client.");
      }
      tls_options = options;
    } else if (options !== null && options !== undefined) {
      return this.fail(ERR_INVALID_PARAMETER, "connect_to_url: tls_client_options must be a TLSOptions or null.");
    }
    if (this.ready_state === State.STATE_CONNECTING || this.ready_state === State.STATE_OPEN) {
      return this.fail(ERR_ALREADY_IN_USE, "connect_to_url: the peer is already connecting or connected; close() it first.");
    }
    this.#reset();
    const parsed = parse_ws_url(url);
    if (parsed.error !== OK) return this.fail(ERR_INVALID_PARAMETER, `connect_to_url: ${parsed.reason}`);
    const use_tls = parsed.scheme === "wss";
    const request = build_client_request({
      host: parsed.host,
      port: parsed.port,
      is_ipv6: parsed.is_ipv6,
      tls: use_tls,
      path: parsed.path,
      protocols: this.settings.supported_protocols,
      extra_headers: this.settings.handshake_headers,
    });
    if (request.error !== OK) return this.fail(request.error, `connect_to_url: ${request.reason}`);

    const tcp = new StreamPeerTCP();
    const err = tcp.connect_to_host(parsed.host, parsed.port);
    if (err !== OK) return this.fail(FAILED, `connect_to_url: could not start connecting to ${parsed.host}:${parsed.port}.`);
    const conn = new Connection(
      "client",
      tcp,
      use_tls,
      parsed.host,
      use_tls ? (tls_options ?? TLSOptions.client()) : null,
      this.settings.handshake_timeout * 1000,
    );
    conn.client_key = request.key;
    conn.request_bytes = request.bytes;
    this.#conn = conn;
    this.requested_url = url;
    this.ready_state = State.STATE_CONNECTING;
    return OK;
  }

  /**
   * Serves a connection taken from a TCPServer (optionally wrapped in a server StreamPeerTLS).
   * Typed to take both gdnet's StreamPeer classes and the documented StreamPeerApi: the
   * classes return bigints from get_64() where the API says int, so neither type covers the other.
   */
  accept_stream(stream: StreamPeer | StreamPeerApi | null): GodotError {
    if (stream === null || stream === undefined) {
      return this.fail(ERR_INVALID_PARAMETER, "accept_stream: the stream is null.");
    }
    if (this.ready_state === State.STATE_CONNECTING || this.ready_state === State.STATE_OPEN) {
      return this.fail(ERR_ALREADY_IN_USE, "accept_stream: the peer is already connecting or connected; close() it first.");
    }
    this.#reset();
    let tcp: StreamPeerTCP;
    let tls: StreamPeerTLS | null = null;
    if (stream instanceof StreamPeerTCP) {
      tcp = stream;
    } else if (stream instanceof StreamPeerTLS && stream.get_stream() instanceof StreamPeerTCP) {
      tls = stream;
      tcp = stream.get_stream() as StreamPeerTCP;
    } else {
      return this.fail(ERR_INVALID_PARAMETER, "accept_stream: the stream must be a StreamPeerTCP or a StreamPeerTLS over one.");
    }
    const conn = new Connection("server", tcp, tls !== null, "", null, this.settings.handshake_timeout * 1000);
    conn.tls = tls;
    tcp.set_no_delay(true);
    this.#conn = conn;
    this.ready_state = State.STATE_CONNECTING;
    return OK;
  }

  // ---- polling ---------------------------------------------------------------------

  poll(): void {
    const conn = this.#conn;
    if (!conn) return;
    const now = now_ms();
    if (this.ready_state === State.STATE_CONNECTING) {
      this.#poll_handshake(conn, now);
      if (this.#conn !== conn || (this.ready_state as State) !== State.STATE_OPEN) return;
    }
    this.#poll_connection(conn, now);
  }

  #poll_handshake(conn: Connection, now: number): void {
    if (now > conn.deadline) {
      this.#drop(`${conn.role === "client" ? "Connecting" : "The client handshake"} timed out after ${this.settings.handshake_timeout} s.`);
      return;
    }
    if (conn.phase === "transport" && !this.#advance_transport(conn)) return;
    const io = conn.io;
    if (!io) return;
    const status = io.status();
    if (conn.role === "client") {
      if (!conn.request_sent) {
        io.write([conn.request_bytes]);
        conn.request_sent = true;
        conn.phase = "write_request";
      }
      if (this.#read_header_block(conn, io)) this.#finish_client_handshake(conn, io);
    } else if (conn.phase === "reject") {
      if (io.flushed >= io.handed) this.#drop("");
      return;
    } else {
      conn.phase = "read_request";
      if (this.#read_header_block(conn, io)) this.#finish_server_handshake(conn, io);
    }
    if (this.#conn === conn && this.ready_state === State.STATE_CONNECTING && status !== "open") {
      this.#drop("The connection was closed during the WebSocket handshake.");
    }
  }

  /** DNS, TCP and TLS; true once there is an open byte stream to speak HTTP on. */
  #advance_transport(conn: Connection): boolean {
    conn.tcp.poll();
    const tcp_status = conn.tcp.get_status();
    if (tcp_status === StreamPeerTCP.STATUS_CONNECTING) return false;
    if (tcp_status !== StreamPeerTCP.STATUS_CONNECTED) {
      this.#drop(conn.role === "client" ? `Could not connect to ${conn.host}.` : "The client went away before the handshake.");
      return false;
    }
    if (conn.use_tls) {
      if (!conn.tls) {
        conn.tcp.set_no_delay(true);
        const tls = new StreamPeerTLS();
        const err = tls.connect_to_stream(conn.tcp, conn.host, conn.tls_options);
        conn.tls = tls;
        if (err !== OK) {
          this.#drop(`TLS could not start with ${conn.host}.`);
          return false;
        }
      }
      conn.tls.poll();
      const tls_status = conn.tls.get_status();
      if (tls_status === StreamPeerTLS.STATUS_HANDSHAKING) return false;
      if (tls_status !== StreamPeerTLS.STATUS_CONNECTED) {
        const why = tls_status === StreamPeerTLS.STATUS_ERROR_HOSTNAME_MISMATCH ? "the certificate does not match the host name" : "the TLS handshake failed";
        this.#drop(`TLS with ${conn.host || "the client"} failed: ${why}.`);
        return false;
      }
      conn.io = WsStreamIO.from_tls(conn.tls);
    } else {
      if (conn.role === "client") conn.tcp.set_no_delay(true);
      conn.io = WsStreamIO.from_tcp(conn.tcp);
    }
    if (!conn.io) {
      this.#drop("The connection has no socket.");
      return false;
    }
    conn.phase = conn.role === "client" ? "write_request" : "read_request";
    return true;
  }

  /** Feeds inbound bytes to the header reader; true when the block is complete. */
  #read_header_block(conn: Connection, io: WsStreamIO): boolean {
    const reader = conn.header_reader;
    if (!reader) return false;
    while (reader.status !== HEADER_BLOCK_DONE && reader.status !== HEADER_BLOCK_ERROR) {
      const chunk = io.read_chunk();
      if (!chunk) break;
      reader.push(chunk);
    }
    if (reader.status === HEADER_BLOCK_ERROR) {
      if (conn.role === "server") this.#reject(conn, io, reader.error_status, reader.error_reason);
      else this.#drop(`Invalid handshake response: ${reader.error_reason}`);
      return false;
    }
    return reader.status === HEADER_BLOCK_DONE;
  }

  #finish_client_handshake(conn: Connection, io: WsStreamIO): void {
    const reader = conn.header_reader;
    if (!reader) return;
    const check = validate_server_response(reader.text, {
      key: conn.client_key,
      protocols: this.settings.supported_protocols,
    });
    if (!check.ok) {
      this.#drop(`Handshake with ${conn.host} failed: ${check.reason}`);
      return;
    }
    this.selected_protocol = check.selected_protocol;
    this.#open(conn, io, reader.leftover);
  }

  #finish_server_handshake(conn: Connection, io: WsStreamIO): void {
    const reader = conn.header_reader;
    if (!reader) return;
    const request = parse_client_request(reader.text, {
      supported_protocols: this.settings.supported_protocols,
    });
    if (!request.ok) {
      this.#reject(conn, io, request.status, request.reason);
      return;
    }
    this.selected_protocol = request.selected_protocol;
    // Flattened: a string sliced from the request text would keep all of it alive.
    this.requested_url = flatten(`${conn.use_tls ? "wss" : "ws"}://${request.host}${request.target}`);
    const response = build_server_response(request.key, request.selected_protocol, this.settings.handshake_headers);
    if (response.error !== OK) {
      ERR_PRINT(`WebSocketPeer: invalid handshake_headers: ${response.reason}`);
      this.#reject(conn, io, 500, "The server is misconfigured.");
      return;
    }
    io.write([response.bytes]);
    this.#open(conn, io, reader.leftover);
  }

  /** Answers a bad request with an HTTP error, then ends the connection once it is written. */
  #reject(conn: Connection, io: WsStreamIO, status: number, reason: string): void {
    ERR_PRINT(`WebSocketPeer: rejected a handshake request (HTTP ${status}): ${reason}`);
    io.write([build_http_error_response(status, reason).bytes]);
    io.end();
    conn.phase = "reject";
    conn.deadline = Math.min(conn.deadline, now_ms() + 1000);
  }

  #open(conn: Connection, io: WsStreamIO, leftover: Uint8Array): void {
    this.#in_limit_bytes = Math.max(0, this.settings.inbound_buffer_size);
    this.#in_limit_packets = Math.max(0, this.settings.max_queued_packets);
    conn.open = true;
    if (leftover.length > 0) this.#parser(conn).push(leftover);
    conn.phase = "open";
    conn.last_ping = now_ms();
    conn.header_reader = null;
    conn.request_bytes = EMPTY;
    this.ready_state = State.STATE_OPEN;
  }

  #poll_connection(conn: Connection, now: number): void {
    const io = conn.io;
    if (!io || !conn.open) return;
    this.#settle_outbound(conn);

    if (this.ready_state === State.STATE_OPEN && !conn.sent_close) this.#heartbeat(conn, now);
    if (this.#conn !== conn) return;

    const blocked = this.#receive(conn, io);
    if (this.#conn !== conn) return;
    this.#flush(conn);

    if (conn.sent_close && conn.received_close) {
      this.#finish(conn, true);
      return;
    }
    const status = io.status();
    // While the packet queue is full, unread bytes may still hold messages: keep them.
    if (status !== "open" && !blocked && !io.has_inbound()) {
      if (conn.received_close) this.#finish(conn, true);
      else this.#finish(conn, false, status === "error" ? "The connection failed." : "The connection was closed without a Close frame.");
      return;
    }
    if (conn.sent_close && now > conn.deadline) {
      this.#finish(conn, false, `The peer did not answer our Close within ${this.settings.handshake_timeout} s.`);
    }
  }

  #parser(conn: Connection): WsFrameParser {
    return (conn.parser ??= new WsFrameParser({ role: conn.role, max_message_size: this.#in_limit_bytes }));
  }

  #writer(conn: Connection): WsFrameWriter {
    return (conn.writer ??= new WsFrameWriter({ role: conn.role }));
  }

  #heartbeat(conn: Connection, now: number): void {
    const interval = this.settings.heartbeat_interval * 1000;
    if (interval <= 0 || now - conn.last_ping < interval) return;
    if (conn.awaiting_pong) {
      this.#drop(`No pong within ${this.settings.heartbeat_interval} s: the peer is gone.`);
      return;
    }
    this.#writer(conn).add_ping();
    this.#count_queued(conn, 0);
    conn.awaiting_pong = true;
    conn.last_ping = now;
  }

  /**
   * Moves complete messages into the packet queue while it has room; when it is
   * full, stops (returns true) so unread bytes wait in the socket and TCP
   * backpressure reaches the sender instead of anything being dropped.
   */
  #receive(conn: Connection, io: WsStreamIO): boolean {
    let parser = conn.parser;
    if (!parser) {
      if (!io.has_inbound()) return false;
      parser = this.#parser(conn);
    }
    for (;;) {
      if (this.inbox.count >= this.#in_limit_packets || this.inbox.bytes >= this.#in_limit_bytes) return true;
      const event = parser.next();
      if (event === WS_PARSE_NEED_MORE) {
        if (parser.stopped) return false;
        const chunk = io.read_chunk();
        if (!chunk) return false;
        parser.push(chunk);
        continue;
      }
      switch (event) {
        case WS_PARSE_TEXT:
        case WS_PARSE_BINARY:
          this.inbox.push(parser.payload, event === WS_PARSE_TEXT);
          break;
        case WS_PARSE_PING:
          if (!conn.sent_close) {
            this.#writer(conn).add_pong(parser.payload);
            this.#count_queued(conn, 0);
          }
          break;
        case WS_PARSE_PONG:
          conn.awaiting_pong = false;
          break;
        case WS_PARSE_CLOSE:
          this.#on_close_frame(conn, parser.close_code, parser.close_reason);
          return false;
        case WS_PARSE_ERROR:
          this.#fail_connection(conn, parser.error_code, parser.error_reason);
          return false;
      }
    }
  }

  #on_close_frame(conn: Connection, code: number, reason: string): void {
    conn.received_close = true;
    this.close_code = code;
    this.close_reason = reason;
    if (!conn.sent_close) {
      this.closed_by_peer = true;
      // RFC 6455 §5.5.1: answer with a Close, echoing the status code.
      this.#writer(conn).add_close(code === CLOSE_NO_STATUS ? undefined : code, code === CLOSE_NO_STATUS ? "" : reason);
      this.#count_queued(conn, 0);
      conn.sent_close = true;
    }
    this.ready_state = State.STATE_CLOSING;
  }

  /** RFC 6455 §7.1.7: send a Close with the error's code, then close the connection. */
  #fail_connection(conn: Connection, code: number, reason: string): void {
    ERR_PRINT(`WebSocketPeer: closing with ${code}: ${reason}`);
    if (!conn.sent_close) {
      this.#writer(conn).add_close(code, reason.length <= MAX_CLOSE_REASON_BYTES ? reason : "");
      this.#count_queued(conn, 0);
      conn.sent_close = true;
    }
    this.close_code = code;
    this.close_reason = reason;
    this.#flush(conn);
    conn.io?.end();
    this.#to_closed(conn);
  }

  /** Both Close frames exchanged (clean) or the transport ended (unclean). */
  #finish(conn: Connection, clean: boolean, why = ""): void {
    if (!clean && why !== "") ERR_PRINT(`WebSocketPeer: ${why}`);
    this.#flush(conn);
    conn.io?.end();
    this.#to_closed(conn);
  }

  #to_closed(conn: Connection): void {
    conn.open = false;
    conn.parser = null;
    conn.writer = null;
    this.ready_state = State.STATE_CLOSED;
    if (this.#conn === conn) this.#conn = null;
      }

  // ---- sending ---------------------------------------------------------------------

  protected _put_packet_impl(data: Uint8Array): GodotError {
    return this.#send(data, false);
  }

  send(message: Uint8Array, write_mode: WriteMode = WriteMode.WRITE_MODE_BINARY): GodotError {
    if (!(message instanceof Uint8Array)) {
      return this.fail(ERR_INVALID_PARAMETER, "send: the message must be a PackedByteArray (Uint8Array).");
    }
    return this.#send(message, write_mode === WriteMode.WRITE_MODE_TEXT);
  }

  send_text(message: string): GodotError {
    return this.#send(utf8.encode(String(message)), true);
  }

  #send(data: Uint8Array, is_text: boolean): GodotError {
    const conn = this.#conn;
    if (!conn || !conn.open || this.ready_state !== State.STATE_OPEN || conn.sent_close) {
      return this.fail(FAILED, "send: the WebSocket is not open.");
    }
    this.#settle_outbound(conn);
    if (conn.queued_messages >= this.outbound_packet_limit) {
      return this.fail(ERR_OUT_OF_MEMORY, `send: the outbound queue is full (max_queued_packets = ${this.outbound_packet_limit}).`);
    }
    const limit = this.settings.outbound_buffer_size;
    if (limit > 0 && conn.queued_bytes + data.length > limit) {
      return this.fail(
        ERR_OUT_OF_MEMORY,
        `send: ${data.length} more bytes would exceed outbound_buffer_size (${limit}; ${conn.queued_bytes} queued).`,
      );
    }
    // A PackedByteArray is a value in Godot: later changes by the caller must not
    // reach the wire. Masked (client) frames are copied while masking anyway;
    // large unmasked ones would otherwise be sent by reference, so they are
    // copied here, into a recycled buffer (see ws_buffer_pool.ts).
    let payload = data;
    if (conn.role === "server" && data.length > COPY_MAX) {
      payload = outbound_copy_pool.take(data.length);
      payload.set(data);
      (conn.batch_copies ??= []).push(payload);
    }
    this.#writer(conn).add_message(payload, is_text);
    this.#count_queued(conn, data.length);
    return OK;
  }

  #count_queued(conn: Connection, payload_bytes: number): void {
    conn.queued_messages++;
    conn.queued_bytes += payload_bytes;
    conn.batch_messages++;
    conn.batch_bytes += payload_bytes;
    if (!conn.flush_scheduled) {
      // Everything queued in this synchronous run goes out in one write.
      conn.flush_scheduled = true;
      queueMicrotask(() => {
        if (this.#conn === conn) this.#flush(conn);
      });
    }
  }

  #flush(conn: Connection): void {
    conn.flush_scheduled = false;
    const writer = conn.writer;
    const io = conn.io;
    if (!writer || !io || writer.pending_frames === 0) return;
    io.write(writer.take());
    (conn.in_flight ??= []).push({
      messages: conn.batch_messages,
      bytes: conn.batch_bytes,
      wire_end: io.handed,
      copies: conn.batch_copies,
    });
    conn.batch_copies = null;
    conn.batch_messages = 0;
    conn.batch_bytes = 0;
  }

  /** Releases the batches the kernel has taken from the outbound counts. */
  #settle_outbound(conn: Connection): void {
    const io = conn.io;
    if (!io) return;
    const flushed = io.flushed;
    const fifo = conn.in_flight;
    if (!fifo) return;
    while (conn.in_flight_head < fifo.length) {
      const batch = fifo[conn.in_flight_head];
      if (!batch || batch.wire_end > flushed) break;
      conn.queued_messages -= batch.messages;
      conn.queued_bytes -= batch.bytes;
      // The kernel has these bytes: the copies may be reused.
      if (batch.copies) for (const copy of batch.copies) outbound_copy_pool.give(copy);
      conn.in_flight_head++;
    }
    if (conn.in_flight_head === fifo.length) {
      conn.in_flight = null;
      conn.in_flight_head = 0;
    }
  }

  // ---- closing ---------------------------------------------------------------------

  close(code = 1000, reason = ""): void {
    const conn = this.#conn;
    if (code < 0 || !conn || this.ready_state === State.STATE_CONNECTING) {
      if (conn || this.ready_state !== State.STATE_CLOSED) this.#drop("");
      if (code < 0) this.inbox.clear();
      return;
    }
    if (this.ready_state !== State.STATE_OPEN || conn.sent_close || !conn.open) return;
    const reason_text = String(reason ?? "");
    const reason_bytes = utf8.encode(reason_text);
    if (reason_bytes.length > MAX_CLOSE_REASON_BYTES) {
      ERR_PRINT(`WebSocketPeer.close: the reason is ${reason_bytes.length} bytes; at most ${MAX_CLOSE_REASON_BYTES} fit in a Close frame.`);
      return;
    }
    if (code === CLOSE_NO_STATUS) {
      if (reason_bytes.length > 0) {
        ERR_PRINT("WebSocketPeer.close: a reason needs a status code; 1005 means a Close without one.");
        return;
      }
      this.#writer(conn).add_close();
    } else if (!Number.isInteger(code) || !is_valid_close_code(code)) {
      ERR_PRINT(`WebSocketPeer.close: ${code} is not a status code that may be sent (RFC 6455 §7.4).`);
      return;
    } else {
      this.#writer(conn).add_close(code, reason_bytes);
    }
    this.#count_queued(conn, 0);
    conn.sent_close = true;
    this.local_close = true;
    conn.deadline = now_ms() + this.settings.handshake_timeout * 1000;
    this.ready_state = State.STATE_CLOSING;
  }

  /** Ends the connection at once, without a Close frame (close(-1), failures, timeouts). */
  #drop(why: string): void {
    if (why !== "") ERR_PRINT(`WebSocketPeer: ${why}`);
    const conn = this.#conn;
    this.#conn = null;
    this.ready_state = State.STATE_CLOSED;
    if (!conn) return;
    if (conn.io) {
      conn.io.destroy();
    } else if (conn.tls) {
      conn.tls.disconnect_from_stream();
    }
    conn.tcp.disconnect_from_host();
  }

  #reset(): void {
    if (this.#conn) this.#drop("");
    this.reset_session();
  }

  // ---- state and info --------------------------------------------------------------

  get_connected_host(): string {
    const conn = this.#conn;
    if (!conn) return this.#fail_value("", "get_connected_host: not connected.");
    return conn.tcp.get_connected_host();
  }

  get_connected_port(): number {
    const conn = this.#conn;
    if (!conn) return this.#fail_value(0, "get_connected_port: not connected.");
    return conn.tcp.get_connected_port();
  }

  set_no_delay(enabled: boolean): void {
    const conn = this.#conn;
    if (!conn) {
      ERR_PRINT("WebSocketPeer.set_no_delay: not connected.");
      return;
    }
    conn.tcp.set_no_delay(Boolean(enabled));
  }

  get_current_outbound_buffered_amount(): number {
    const conn = this.#conn;
    if (!conn || this.ready_state !== State.STATE_OPEN) return 0;
    this.#settle_outbound(conn);
    return conn.queued_bytes;
  }

  #fail_value<T>(value: T, message: string): T {
    ERR_PRINT(`WebSocketPeer.${message}`);
    return value;
  }
}
WebSocketPeer satisfies WebSocketPeerStatics;
