/**
 * Server side of the opening handshake (RFC 6455 §4.2): checking the
 * client's request, the 101 answer, and HTTP error answers.
 *
 * Differences from the engine, on purpose:
 * - A request line must be exactly `GET <target> HTTP/1.1`; `GET /` (two
 *   tokens) is a plain 400 here, where the engine indexes a missing token and
 *   aborts the process.
 * - Host is required (RFC 6455 §4.1 item 4, RFC 9112 §3.2), Connection must
 *   contain `upgrade`, the key must be base64 of 16 bytes (§4.2.1); the engine
 *   checks none of these values.
 * - A rejected request gets an HTTP error response (400, 405, 426, 431) with
 *   `Connection: close` instead of a silently dropped connection.
 * - Sub-protocols: the first protocol in the *client's* order that we support
 *   is selected. When the client offers protocols and none is supported, the
 *   request is refused with 400, as the engine refuses it (without a
 *   response): RFC 6455 §4.2.2 would allow answering without the header, but
 *   then every browser and the `ws` client fail the connection anyway, after
 *   the server side has already counted it as open. A client that offers no
 *   protocol is accepted without one (the engine refuses it when the server
 *   has supported protocols; RFC 6455 leaves protocols optional).
 */
import {
  DEFAULT_MAX_HEADER_FIELDS,
  header_has_token,
  header_list,
  is_token,
  parse_header_block,
} from "./http_header_block.js";
import type { HttpHeaderFields } from "./http_header_block.js";
import { ERR_INVALID_PARAMETER, OK } from "../../core/error/error_list.js";
import type { GodotError } from "../../core/error/error_list.js";
import {
  check_extra_header_line,
  check_protocol_names,
  compute_accept_key,
  handshake_text_to_bytes,
  is_valid_client_key,
} from "./ws_handshake.js";

export interface WsClientRequestInfo {
  ok: true;
  /** The request-target, as sent (path and query, or an absolute URI). */
  target: string;
  /** The Host header value. */
  host: string;
  /** The Origin header value, "" when absent (§4.2.1 item 7; browsers send it). */
  origin: string;
  /** Sec-WebSocket-Key, needed for the response. */
  key: string;
  /** Sub-protocols the client offered, in its order. */
  protocols: string[];
  /** The one we pick (first in the client's order that we support), "" when none. */
  selected_protocol: string;
  /** All header fields, by lower-cased name. */
  fields: HttpHeaderFields;
}

export interface WsClientRequestRejection {
  ok: false;
  /** HTTP status to answer with (400, 405, 426; 431 comes from the block reader). */
  status: number;
  reason: string;
}

export interface WsServerHandshakeOptions {
  /** Protocols this server speaks; none by default. */
  supported_protocols?: readonly string[];
  /** Bound on the number of header fields (default 100). */
  max_header_fields?: number;
}

function reject(status: number, reason: string): WsClientRequestRejection {
  return { ok: false, status, reason };
}

/** Absolute-form targets are allowed too (§4.1 item 3 / §3 resource names). */
function is_valid_target(target: string): boolean {
  for (let i = 0; i < target.length; i++) {
    const c = target.charCodeAt(i);
    if (c <= 0x20 || c >= 0x7f) return false;
  }
  return target.startsWith("/") || /^(?:https?|wss?):\/\/[^/?#]+/i.test(target);
}

/** Checks a client's handshake request (header block without the final empty line). */
export function parse_client_request(
  header_text: string,
  options: WsServerHandshakeOptions = {},
): WsClientRequestInfo | WsClientRequestRejection {
  const parsed = parse_header_block(header_text, options.max_header_fields ?? DEFAULT_MAX_HEADER_FIELDS);
  if (!parsed.ok) return reject(400, parsed.reason);

  // RFC 9112 §3: method SP request-target SP HTTP-version, single spaces.
  const parts = parsed.start_line.split(" ");
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) {
    return reject(400, "Malformed request line: expected \"GET <target> HTTP/1.1\".");
  }
  const [method, target, version] = parts as [string, string, string];
  if (!is_token(method)) return reject(400, "Malformed request method.");
  if (method !== "GET") return reject(405, `Method ${method} is not allowed: a WebSocket handshake is a GET (RFC 6455 §4.1).`);
  if (version !== "HTTP/1.1") return reject(400, "A WebSocket handshake must use HTTP/1.1 (RFC 6455 §4.1).");
  if (!is_valid_target(target)) return reject(400, "Invalid request target.");

  const fields = parsed.fields;
  const host = fields.get("host");
  if (host === undefined || host.length !== 1 || (host[0] as string).length === 0) {
    return reject(400, "The request needs exactly one non-empty Host header (RFC 6455 §4.1).");
  }
  if (!header_has_token(fields, "upgrade", "websocket")) {
    return reject(400, 'The request\'s Upgrade header does not contain "websocket".');
  }
  if (!header_has_token(fields, "connection", "upgrade")) {
    return reject(400, 'The request\'s Connection header does not contain "upgrade".');
  }
  const version_field = fields.get("sec-websocket-version");
  if (version_field === undefined) return reject(400, "The request has no Sec-WebSocket-Version header.");
  if (version_field.length !== 1 || version_field[0] !== "13") {
    return reject(426, "Unsupported Sec-WebSocket-Version: only 13 is supported (RFC 6455 §4.4).");
  }
  const key = fields.get("sec-websocket-key");
  if (key === undefined || key.length !== 1 || !is_valid_client_key(key[0] as string)) {
    return reject(400, "The request needs one Sec-WebSocket-Key that is base64 of 16 bytes (RFC 6455 §4.2.1).");
  }
  const protocols = header_list(fields, "sec-websocket-protocol");
  for (const p of protocols) {
    if (!is_token(p)) return reject(400, "Invalid sub-protocol name in Sec-WebSocket-Protocol.");
  }
  let selected_protocol = "";
  const supported = options.supported_protocols ?? [];
  for (const p of protocols) {
    if (supported.includes(p)) {
      selected_protocol = p;
      break;
    }
  }
  if (protocols.length > 0 && selected_protocol === "") {
    return reject(400, `None of the offered sub-protocols (${protocols.join(", ").slice(0, 200)}) is supported here.`);
  }
  return {
    ok: true,
    target,
    host: host[0] as string,
    origin: fields.get("origin")?.[0] ?? "",
    key: key[0] as string,
    protocols,
    selected_protocol,
    fields,
  };
}

export interface WsServerResponse {
  error: GodotError;
  reason: string;
  text: string;
  bytes: Uint8Array;
}

const SERVER_RESERVED = new Set([
  "upgrade",
  "connection",
  "sec-websocket-accept",
  "sec-websocket-protocol",
  "sec-websocket-extensions",
  "sec-websocket-version",
  "content-length",
  "transfer-encoding",
]);

/** Builds the 101 Switching Protocols response (§4.2.2 item 5). */
export function build_server_response(
  key: string,
  selected_protocol: string,
  extra_headers: readonly string[] = [],
): WsServerResponse {
  if (selected_protocol !== "") {
    const problem = check_protocol_names([selected_protocol]);
    if (problem !== "") return { error: ERR_INVALID_PARAMETER, reason: problem, text: "", bytes: new Uint8Array(0) };
  }
  for (const line of extra_headers) {
    const problem = check_extra_header_line(line, SERVER_RESERVED);
    if (problem !== "") return { error: ERR_INVALID_PARAMETER, reason: problem, text: "", bytes: new Uint8Array(0) };
  }
  let text =
    "HTTP/1.1 101 Switching Protocols\r\n" +
    "Upgrade: websocket\r\n" +
    "Connection: Upgrade\r\n" +
    `Sec-WebSocket-Accept: ${compute_accept_key(key)}\r\n`;
  if (selected_protocol !== "") text += `Sec-WebSocket-Protocol: ${selected_protocol}\r\n`;
  for (const line of extra_headers) text += `${line}\r\n`;
  text += "\r\n";
  return { error: OK, reason: "", text, bytes: handshake_text_to_bytes(text) };
}

const STATUS_TEXT: Record<number, string> = {
  400: "Bad Request",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  426: "Upgrade Required",
  431: "Request Header Fields Too Large",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

/**
 * An HTTP error response that ends the exchange (`Connection: close`), with
 * `detail` as a plain-text body. 405 carries `Allow: GET`; 426 carries
 * `Sec-WebSocket-Version: 13` (RFC 6455 §4.4) and, as RFC 9110 §15.5.22
 * requires, `Upgrade: websocket` (so `Connection` also lists `upgrade`).
 */
export function build_http_error_response(status: number, detail = ""): { text: string; bytes: Uint8Array } {
  const code = Number.isInteger(status) && status >= 100 && status <= 999 ? status : 400;
  const body = detail.replace(/§/g, "section ").replace(/[^\x20-\x7e]/g, "?");
  let text = `HTTP/1.1 ${code} ${STATUS_TEXT[code] ?? "Error"}\r\n`;
  if (code === 426) {
    text += "Connection: Upgrade, close\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n";
  } else {
    text += "Connection: close\r\n";
  }
  if (code === 405) text += "Allow: GET\r\n";
  text += `Content-Type: text/plain; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n${body}`;
  return { text, bytes: handshake_text_to_bytes(text) };
}
