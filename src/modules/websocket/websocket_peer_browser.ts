/**
 * WebSocketPeer for browsers (the engine's EMWSPeer): the same API over the
 * browser's native `WebSocket`. As in the Node backend, the socket's events
 * only record (messages into a bounded inbox, open/close as flags) and
 * poll() moves what they recorded into the packet queue and the state, so a
 * ported `_process()` loop sees the same sequence on both runtimes.
 *
 * What the browser does not allow, and what gdnet does instead (the class
 * XML says the same in its "in browsers" notes):
 * - no server side: accept_stream() returns ERR_UNAVAILABLE; there is no TCP
 *   socket to ask for its host/port or to set no-delay on (error line, "" / 0);
 * - no custom handshake headers (one warning per connect) and no custom TLS
 *   trust (the browser verifies certificates itself; one warning when other
 *   options were asked for); no heartbeat (browsers answer pings but cannot
 *   send them);
 * - close() can only send 1000 and 3000-4999: the other codes a Close frame
 *   may carry are replaced by 1000 with a warning line, invalid ones refused
 *   as in the Node backend; the browser is never allowed to throw;
 * - no inbound backpressure: a message arriving while the queue is full (or
 *   one larger than inbound_buffer_size) is dropped with an error line, as
 *   the engine's Web export does; the outbound limits are checked against
 *   the browser's `bufferedAmount`;
 * - a connection that ends without a clean closing handshake reports close
 *   code -1 (the browser says 1006), as the Node backend and the engine's
 *   native peer do.
 */
import {
  ERR_ALREADY_IN_USE,
  ERR_INVALID_PARAMETER,
  ERR_OUT_OF_MEMORY,
  ERR_UNAVAILABLE,
  FAILED,
  OK,
  type GodotError,
} from "../../core/error/error_list.js";
import { ERR_PRINT, WARN_PRINT } from "../../core/error/error_macros.js";
import { TLSOptions } from "../../core/crypto/tls_options.js";
import type { X509Certificate } from "../../core/crypto/x509_certificate.js";
import { notify_io } from "../../core/io/io_wait.js";
import { utf8_length } from "../../core/io/marshalls_utf8.js";
import type { StreamPeer } from "../../core/io/stream_peer.js";
import type { StreamPeerApi } from "../../gen/stream_peer.gen.js";
import type { WebSocketPeerApi, WebSocketPeerStatics } from "../../gen/web_socket_peer.gen.js";
import { State, WebSocketPeerBase, WriteMode } from "./websocket_peer.js";
import { check_protocol_names } from "./ws_handshake.js";
import { WsPacketQueue } from "./ws_packet_queue.js";
import { CLOSE_NO_STATUS, MAX_CLOSE_REASON_BYTES, is_valid_close_code } from "./ws_protocol.js";
import { parse_ws_url } from "./ws_url.js";

const utf8 = new TextEncoder();
/** fatal: a text message must be valid UTF-8; ignoreBOM: keep a leading BOM byte for byte. */
const strict_utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The part of the browser's WebSocket this backend uses (a test may provide its own). */
export interface BrowserWebSocket {
  binaryType: string;
  readonly bufferedAmount: number;
  readonly protocol: string;
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onclose: ((event: { code: number; reason: string; wasClean: boolean }) => void) | null;
  send(data: string | Uint8Array): void;
  close(code?: number, reason?: string): void;
}

export type BrowserWebSocketConstructor = new (url: string, protocols?: string[]) => BrowserWebSocket;

function now_ms(): number {
  return performance.now();
}

function describe_exception(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Codes the browser's close() accepts (WebSocket standard, close() step 1). */
function browser_may_send(code: number): boolean {
  return code === 1000 || (code >= 3000 && code <= 4999);
}

/** One connection's socket and everything its events recorded; dropped as a whole. */
class Connection {
  opened = false;
  /** The close event, once it came. */
  closed: { code: number; reason: string; clean: boolean } | null = null;
  /** Messages received and not yet moved to the packet queue by poll(). */
  readonly inbox = new WsPacketQueue();
  /** Inbound limits, read when the connection opens (as the engine reads them). */
  in_limit_packets = 0;
  in_limit_bytes = 0;
  dropped_full = 0;
  dropped_big = 0;
  dropped_big_size = 0;
  /** close() was called: no more sends, and the Close reply has a deadline. */
  local_close = false;
  deadline: number;
  /** Payload bytes handed to send() so far, and the running total where each unsent message ends. */
  sent_total = 0;
  readonly in_flight: number[] = [];
  in_flight_head = 0;

  constructor(
    readonly ws: BrowserWebSocket,
    timeout_ms: number,
  ) {
    this.deadline = now_ms() + timeout_ms;
  }

  detach(): void {
    this.ws.onopen = null;
    this.ws.onmessage = null;
    this.ws.onerror = null;
    this.ws.onclose = null;
  }
}

export class WebSocketPeer extends WebSocketPeerBase implements WebSocketPeerApi {
  #conn: Connection | null = null;

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
    let custom_trust = false;
    if (typeof options === "boolean") {
      // Godot 4.0: connect_to_url(url, verify_tls, trusted_tls_certificate).
      custom_trust = !options || (trusted_tls_certificate !== null && trusted_tls_certificate !== undefined);
    } else if (options instanceof TLSOptions) {
      if (options.is_server()) {
        return this.fail(ERR_INVALID_PARAMETER, "connect_to_url: server TLS options cannot be used by a client.");
      }
      custom_trust = options.is_unsafe_client() || options.get_trusted_ca_chain() !== null || options.get_common_name_override() !== "";
    } else if (options !== null && options !== undefined) {
      return this.fail(ERR_INVALID_PARAMETER, "connect_to_url: tls_client_options must be a TLSOptions or null.");
    }
    if (this.ready_state === State.STATE_CONNECTING || this.ready_state === State.STATE_OPEN) {
      return this.fail(ERR_ALREADY_IN_USE, "connect_to_url: the peer is already connecting or connected; close() it first.");
    }
    this.#reset();
    const parsed = parse_ws_url(url);
    if (parsed.error !== OK) return this.fail(ERR_INVALID_PARAMETER, `connect_to_url: ${parsed.reason}`);
    const protocols = this.settings.supported_protocols;
    const bad_protocols = check_protocol_names(protocols);
    if (bad_protocols !== "") return this.fail(ERR_INVALID_PARAMETER, `connect_to_url: ${bad_protocols}`);
    const WebSocketCtor = (globalThis as { WebSocket?: BrowserWebSocketConstructor }).WebSocket;
    if (typeof WebSocketCtor !== "function") {
      return this.fail(ERR_UNAVAILABLE, "connect_to_url: this runtime has no WebSocket (the browser build of gdnet needs a browser).");
    }
    if (this.settings.handshake_headers.length > 0) {
      WARN_PRINT("WebSocketPeer.connect_to_url: browsers cannot send custom handshake headers; handshake_headers are ignored.");
    }
    if (custom_trust && parsed.scheme === "wss") {
      WARN_PRINT("WebSocketPeer.connect_to_url: browsers verify TLS certificates against their own trust store; the TLS options are ignored.");
    }
    const host = parsed.is_ipv6 ? `[${parsed.host}]` : parsed.host;
    const target = `${parsed.scheme}://${host}:${parsed.port}${parsed.path}`;
    let ws: BrowserWebSocket;
    try {
      ws = new WebSocketCtor(target, [...protocols]);
      ws.binaryType = "arraybuffer";
    } catch (e) {
      // A page served over https may not open ws:// (mixed content), a port may be blocked, ...
      return this.fail(FAILED, `connect_to_url: the browser refused to connect to ${target}: ${describe_exception(e)}`);
    }
    const conn = new Connection(ws, this.settings.handshake_timeout * 1000);
    this.#listen(conn);
    this.#conn = conn;
    this.requested_url = url;
    this.ready_state = State.STATE_CONNECTING;
    return OK;
  }

  /** The socket's events only record; poll() acts on what they recorded. */
  #listen(conn: Connection): void {
    const ws = conn.ws;
    ws.onopen = () => {
      conn.opened = true;
      conn.in_limit_bytes = Math.max(0, this.settings.inbound_buffer_size);
      conn.in_limit_packets = Math.max(0, this.settings.max_queued_packets);
      notify_io();
    };
    ws.onmessage = (event) => {
      this.#record_message(conn, event.data);
      notify_io();
    };
    ws.onerror = () => {
      // Always followed by a close event, which carries what there is to know.
      notify_io();
    };
    ws.onclose = (event) => {
      conn.closed = { code: event.code, reason: event.reason, clean: event.wasClean };
      conn.detach();
      notify_io();
    };
  }

  #record_message(conn: Connection, data: unknown): void {
    let bytes: Uint8Array;
    let is_text: boolean;
    if (typeof data === "string") {
      bytes = utf8.encode(data);
      is_text = true;
    } else if (data instanceof ArrayBuffer) {
      bytes = new Uint8Array(data);
      is_text = false;
    } else {
      return; // binaryType is "arraybuffer": nothing else arrives.
    }
    if (bytes.length > conn.in_limit_bytes) {
      conn.dropped_big++;
      conn.dropped_big_size = bytes.length;
      return;
    }
    const count = this.inbox.count + conn.inbox.count;
    const held = this.inbox.bytes + conn.inbox.bytes;
    // The same bound the Node backend reads under: room while fewer packets and bytes are held than the limits.
    if (count >= conn.in_limit_packets || held >= conn.in_limit_bytes) {
      conn.dropped_full++;
      return;
    }
    conn.inbox.push(bytes, is_text);
  }

  /** Browsers cannot accept connections: a gdnet server runs on Node. */
  accept_stream(_stream: StreamPeer | StreamPeerApi | null): GodotError {
    return this.fail(ERR_UNAVAILABLE, "accept_stream: browsers cannot accept connections (run the server on Node).");
  }

  // ---- polling ---------------------------------------------------------------------

  poll(): void {
    const conn = this.#conn;
    if (!conn) return;
    this.#report_drops(conn);
    if (this.ready_state === State.STATE_CONNECTING) {
      if (conn.opened) {
        this.selected_protocol = conn.ws.protocol ?? "";
        this.ready_state = State.STATE_OPEN;
      } else if (conn.closed) {
        this.#drop(`Could not connect to ${this.requested_url}.`);
        return;
      } else if (now_ms() > conn.deadline) {
        this.#drop(`Connecting timed out after ${this.settings.handshake_timeout} s.`);
        return;
      } else {
        return;
      }
    }
    for (let packet = conn.inbox.shift(); packet; packet = conn.inbox.shift()) this.inbox.push(packet.data, packet.is_text);
    const closed = conn.closed;
    if (closed) {
      if (closed.clean) {
        this.closed_by_peer = !this.local_close;
        this.close_code = closed.code;
        this.close_reason = closed.reason;
      } else {
        ERR_PRINT("WebSocketPeer: the connection was closed without a closing handshake.");
      }
      this.#conn = null;
      this.ready_state = State.STATE_CLOSED;
      return;
    }
    if (conn.local_close && now_ms() > conn.deadline) {
      this.#drop(`The peer did not answer our Close within ${this.settings.handshake_timeout} s.`);
    }
  }

  #report_drops(conn: Connection): void {
    if (conn.dropped_big > 0) {
      ERR_PRINT(
        `WebSocketPeer: dropped ${conn.dropped_big === 1 ? "a message" : `${conn.dropped_big} messages`} larger than inbound_buffer_size ` +
          `(${conn.in_limit_bytes} bytes; the last was ${conn.dropped_big_size}): browsers cannot refuse a message, raise the limit.`,
      );
      conn.dropped_big = 0;
    }
    if (conn.dropped_full > 0) {
      ERR_PRINT(
        `WebSocketPeer: dropped ${conn.dropped_full} incoming message${conn.dropped_full === 1 ? "" : "s"}: the inbound queue was full ` +
          `(max_queued_packets = ${conn.in_limit_packets}, inbound_buffer_size = ${conn.in_limit_bytes}); poll and read packets more often, or raise the limits.`,
      );
      conn.dropped_full = 0;
    }
  }

  // ---- sending ---------------------------------------------------------------------

  protected _put_packet_impl(data: Uint8Array): GodotError {
    return this.#send(data, data.length);
  }

  send(message: Uint8Array, write_mode: WriteMode = WriteMode.WRITE_MODE_BINARY): GodotError {
    if (!(message instanceof Uint8Array)) {
      return this.fail(ERR_INVALID_PARAMETER, "send: the message must be a PackedByteArray (Uint8Array).");
    }
    if (write_mode !== WriteMode.WRITE_MODE_TEXT) return this.#send(message, message.length);
    let text: string;
    try {
      text = strict_utf8.decode(message);
    } catch {
      // A browser sends text only as a string; invalid UTF-8 cannot be one.
      return this.fail(ERR_INVALID_PARAMETER, "send: a text message must be valid UTF-8 (browsers send text as strings).");
    }
    return this.#send(text, message.length);
  }

  send_text(message: string): GodotError {
    const text = String(message);
    return this.#send(text, utf8_length(text));
  }

  #send(payload: string | Uint8Array, size: number): GodotError {
    const conn = this.#conn;
    if (!conn || this.ready_state !== State.STATE_OPEN || conn.local_close) {
      return this.fail(FAILED, "send: the WebSocket is not open.");
    }
    const queued = this.#settle_outbound(conn);
    if (queued >= this.outbound_packet_limit) {
      return this.fail(ERR_OUT_OF_MEMORY, `send: the outbound queue is full (max_queued_packets = ${this.outbound_packet_limit}).`);
    }
    const limit = this.settings.outbound_buffer_size;
    const buffered = conn.ws.bufferedAmount;
    if (limit > 0 && buffered + size > limit) {
      return this.fail(ERR_OUT_OF_MEMORY, `send: ${size} more bytes would exceed outbound_buffer_size (${limit}; ${buffered} buffered).`);
    }
    try {
      // The browser copies the bytes at once, so the caller's array stays its own.
      conn.ws.send(payload);
    } catch (e) {
      return this.fail(FAILED, `send: the browser refused the message: ${describe_exception(e)}`);
    }
    conn.sent_total += size;
    conn.in_flight.push(conn.sent_total);
    return OK;
  }

  /** How many sent messages the browser still holds, from bufferedAmount (bytes not yet handed to the network). */
  #settle_outbound(conn: Connection): number {
    const transmitted = conn.sent_total - conn.ws.bufferedAmount;
    const fifo = conn.in_flight;
    while (conn.in_flight_head < fifo.length && (fifo[conn.in_flight_head] as number) <= transmitted) conn.in_flight_head++;
    if (conn.in_flight_head === fifo.length) {
      fifo.length = 0;
      conn.in_flight_head = 0;
    } else if (conn.in_flight_head > 1024 && conn.in_flight_head * 2 > fifo.length) {
      fifo.splice(0, conn.in_flight_head);
      conn.in_flight_head = 0;
    }
    return fifo.length - conn.in_flight_head;
  }

  // ---- closing ---------------------------------------------------------------------

  close(code = 1000, reason = ""): void {
    const conn = this.#conn;
    if (code < 0 || !conn || this.ready_state === State.STATE_CONNECTING) {
      if (conn || this.ready_state !== State.STATE_CLOSED) this.#drop("");
      if (code < 0) this.inbox.clear();
      return;
    }
    if (this.ready_state !== State.STATE_OPEN || conn.local_close) return;
    const reason_text = String(reason ?? "");
    const reason_size = utf8_length(reason_text);
    if (reason_size > MAX_CLOSE_REASON_BYTES) {
      ERR_PRINT(`WebSocketPeer.close: the reason is ${reason_size} bytes; at most ${MAX_CLOSE_REASON_BYTES} fit in a Close frame.`);
      return;
    }
    let send_code: number | undefined = code;
    if (code === CLOSE_NO_STATUS) {
      if (reason_size > 0) {
        ERR_PRINT("WebSocketPeer.close: a reason needs a status code; 1005 means a Close without one.");
        return;
      }
      send_code = undefined;
    } else if (!Number.isInteger(code) || !is_valid_close_code(code)) {
      ERR_PRINT(`WebSocketPeer.close: ${code} is not a status code that may be sent (RFC 6455 §7.4).`);
      return;
    } else if (!browser_may_send(code)) {
      WARN_PRINT(`WebSocketPeer.close: browsers may only send 1000 or 3000-4999; closing with 1000 instead of ${code}.`);
      send_code = 1000;
    }
    try {
      if (send_code === undefined) conn.ws.close();
      else conn.ws.close(send_code, reason_text);
    } catch (e) {
      // Not expected after the checks above; end the connection rather than throw.
      this.#drop(`close: the browser refused to close: ${describe_exception(e)}`);
      return;
    }
    conn.local_close = true;
    conn.deadline = now_ms() + this.settings.handshake_timeout * 1000;
    this.local_close = true;
    this.ready_state = State.STATE_CLOSING;
  }

  /** Ends the connection at once (close(-1), failures, timeouts): close code and reason stay as they are. */
  #drop(why: string): void {
    if (why !== "") ERR_PRINT(`WebSocketPeer: ${why}`);
    const conn = this.#conn;
    this.#conn = null;
    this.ready_state = State.STATE_CLOSED;
    if (!conn) return;
    conn.detach();
    if (!conn.closed) {
      try {
        conn.ws.close();
      } catch {
        // Closing a socket the browser already gave up on: nothing left to do.
      }
    }
  }

  #reset(): void {
    if (this.#conn) this.#drop("");
    this.reset_session();
  }

  // ---- state and info --------------------------------------------------------------

  get_connected_host(): string {
    ERR_PRINT("WebSocketPeer.get_connected_host: browsers do not tell the address of a WebSocket's peer.");
    return "";
  }

  get_connected_port(): number {
    ERR_PRINT("WebSocketPeer.get_connected_port: browsers do not tell the address of a WebSocket's peer.");
    return 0;
  }

  set_no_delay(_enabled: boolean): void {
    ERR_PRINT("WebSocketPeer.set_no_delay: not supported in browsers (they manage the socket).");
  }

  get_current_outbound_buffered_amount(): number {
    const conn = this.#conn;
    if (!conn || this.ready_state !== State.STATE_OPEN) return 0;
    return conn.ws.bufferedAmount;
  }
}
WebSocketPeer satisfies WebSocketPeerStatics;
