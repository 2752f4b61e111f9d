/**
 * Client side of the opening handshake (RFC 6455 §4.1): the request we send
 * and the checks on the server's 101 response.
 *
 * Differences from the engine, on purpose:
 * - IPv6 hosts get brackets in `Host` (RFC 9110 §7.2 / RFC 3986 §3.2.2); the
 *   engine sends `Host: ::1:8080`.
 * - `Connection` only has to contain the `upgrade` token (RFC 6455 §4.1
 *   item 3 of the response checks; RFC 9110 §7.6.1 makes it a list), where
 *   the engine wants exactly "upgrade" and so fails on "Upgrade, keep-alive".
 * - Offering sub-protocols and getting none back is accepted with an empty
 *   selection, as RFC 6455 §4.1 (response item 6) and browsers do; a protocol
 *   we did not offer still fails.
 */
import { ERR_INVALID_PARAMETER, OK } from "../../core/error/error_list.js";
import type { GodotError } from "../../core/error/error_list.js";
import { header_has_token, header_list, parse_header_block } from "./http_header_block.js";
import {
  check_extra_header_line,
  check_protocol_names,
  compute_accept_key,
  generate_client_key,
  handshake_text_to_bytes,
} from "./ws_handshake.js";

export interface WsClientRequestOptions {
  /** Host name or IP literal, IPv6 without brackets (as ws_url returns it). */
  host: string;
  port: number;
  is_ipv6: boolean;
  /** wss:// — only changes which port is the default (443 instead of 80). */
  tls: boolean;
  /** Request target: path plus query, starting with "/". */
  path: string;
  /** Sub-protocols to offer, in order of preference. */
  protocols?: readonly string[];
  /** Extra `Name: value` lines, sent verbatim after validation. */
  extra_headers?: readonly string[];
  /** Sec-WebSocket-Key to use; a fresh random one by default (tests pin it). */
  key?: string;
}

export interface WsClientRequest {
  /** OK, or ERR_INVALID_PARAMETER with `reason`. */
  error: GodotError;
  reason: string;
  /** The request text, ending with the empty line. */
  text: string;
  /** `text` as bytes for the socket. */
  bytes: Uint8Array;
  /** The key sent; needed to check the response. */
  key: string;
}

/** Header names the request sets itself; extra headers may not repeat them. */
const CLIENT_RESERVED = new Set([
  "host",
  "upgrade",
  "connection",
  "sec-websocket-key",
  "sec-websocket-version",
  "sec-websocket-protocol",
  "sec-websocket-extensions",
  "sec-websocket-accept",
]);

function has_ctl_or_space(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x20 || c === 0x7f) return true;
  }
  return false;
}

function request_failure(reason: string): WsClientRequest {
  return { error: ERR_INVALID_PARAMETER, reason, text: "", bytes: new Uint8Array(0), key: "" };
}

/** Builds the opening handshake request (§4.1 items 1-12). */
export function build_client_request(options: WsClientRequestOptions): WsClientRequest {
  const { host, port, is_ipv6, tls, path } = options;
  if (host.length === 0 || has_ctl_or_space(host) || /[/?#@[\]]/.test(host)) {
    return request_failure(`Invalid host "${host}".`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) return request_failure(`Invalid port ${port}.`);
  if (!path.startsWith("/") || has_ctl_or_space(path)) {
    return request_failure("The request path must start with \"/\" and contain no spaces or control characters.");
  }
  const protocols = options.protocols ?? [];
  const protocol_problem = check_protocol_names(protocols);
  if (protocol_problem !== "") return request_failure(protocol_problem);
  const extra = options.extra_headers ?? [];
  for (const line of extra) {
    const problem = check_extra_header_line(line, CLIENT_RESERVED);
    if (problem !== "") return request_failure(problem);
  }
  const key = options.key ?? generate_client_key();

  // §4.1 item 4: the port is given only when it is not the scheme's default.
  const default_port = tls ? 443 : 80;
  const host_header = (is_ipv6 ? `[${host}]` : host) + (port === default_port ? "" : `:${port}`);
  let text =
    `GET ${path} HTTP/1.1\r\n` +
    `Host: ${host_header}\r\n` +
    "Upgrade: websocket\r\n" +
    "Connection: Upgrade\r\n" +
    `Sec-WebSocket-Key: ${key}\r\n` +
    "Sec-WebSocket-Version: 13\r\n";
  // Joined with "," and no space, like the engine; any server splits on commas.
  if (protocols.length > 0) text += `Sec-WebSocket-Protocol: ${protocols.join(",")}\r\n`;
  for (const line of extra) text += `${line}\r\n`;
  text += "\r\n";
  return { error: OK, reason: "", text, bytes: handshake_text_to_bytes(text), key };
}

export type WsServerResponseCheck =
  | { ok: true; /** The protocol the server chose, "" when none. */ selected_protocol: string }
  | { ok: false; reason: string };

/**
 * Checks the server's response header block (without the final empty line)
 * against the request we sent (§4.1, the numbered response checks).
 */
export function validate_server_response(
  header_text: string,
  sent: { key: string; protocols?: readonly string[] },
): WsServerResponseCheck {
  const parsed = parse_header_block(header_text);
  if (!parsed.ok) return { ok: false, reason: `Malformed handshake response: ${parsed.reason}` };
  const status = /^HTTP\/1\.1 (\d{3})(?: .*)?$/.exec(parsed.start_line);
  if (status === null) return { ok: false, reason: "Malformed status line in the handshake response." };
  if (status[1] !== "101") {
    return { ok: false, reason: `The server answered "${parsed.start_line.slice(0, 100)}" instead of 101 Switching Protocols.` };
  }
  const fields = parsed.fields;
  const upgrade = header_list(fields, "upgrade");
  if (upgrade.length !== 1 || (upgrade[0] as string).toLowerCase() !== "websocket") {
    return { ok: false, reason: 'The response\'s Upgrade header is not "websocket".' };
  }
  if (!header_has_token(fields, "connection", "upgrade")) {
    return { ok: false, reason: 'The response\'s Connection header lacks the "upgrade" token.' };
  }
  const accept = fields.get("sec-websocket-accept");
  if (accept === undefined) return { ok: false, reason: "The response has no Sec-WebSocket-Accept header." };
  if (accept.length !== 1 || accept[0] !== compute_accept_key(sent.key)) {
    return { ok: false, reason: "The response's Sec-WebSocket-Accept does not match the key sent." };
  }
  if (header_list(fields, "sec-websocket-extensions").length > 0) {
    return { ok: false, reason: "The server accepted extensions that were not offered." };
  }
  const offered = sent.protocols ?? [];
  const chosen = fields.get("sec-websocket-protocol");
  if (chosen === undefined) return { ok: true, selected_protocol: "" };
  if (chosen.length !== 1) return { ok: false, reason: "The response has more than one Sec-WebSocket-Protocol header." };
  const value = chosen[0] as string;
  if (offered.length === 0) return { ok: false, reason: "The server selected a sub-protocol although none was offered." };
  if (!offered.includes(value)) {
    return { ok: false, reason: `The server selected sub-protocol "${value.slice(0, 100)}", which was not offered.` };
  }
  return { ok: true, selected_protocol: value };
}
