/**
 * Just enough HTTP/1.1 for the chat demo to serve its page on the same port
 * as its WebSocket: look at a new connection's request head *without
 * consuming it*, so a WebSocket upgrade can go to WebSocketPeer.accept_stream
 * with every byte still in the stream, and answer anything else with one
 * response and `Connection: close`.
 *
 * The engine's StreamPeerTCP cannot peek. gdnet's carries a non-API hook,
 * `_get_socket_stream()`, whose `peek()` looks at received bytes without
 * taking them; it is used here and nowhere else in the demo.
 */
import type { StreamPeerTCP } from "../../src/index.js";

/** The most a request head may take before it is refused (as the engine's 4096-byte handshake buffer, doubled). */
export const MAX_REQUEST_HEAD = 8192;

export interface RequestHead {
  method: string;
  /** The request target's path, without the query. */
  path: string;
  version: string;
  /** Field names in lower case; repeated fields joined with ", ". */
  headers: Map<string, string>;
  /** Bytes the head takes, the final empty line included. */
  size: number;
}

export type PeekResult =
  | { kind: "head"; head: RequestHead }
  | { kind: "incomplete" }
  | { kind: "bad"; status: number; reason: string };

const latin1 = new TextDecoder("latin1");

function find_head_end(bytes: Uint8Array): number {
  for (let i = 3; i < bytes.length; i++) {
    if (bytes[i] === 10 && bytes[i - 1] === 13 && bytes[i - 2] === 10 && bytes[i - 3] === 13) return i + 1;
  }
  return -1;
}

/** Looks at what the client has sent so far; nothing is consumed. */
export function peek_request_head(tcp: StreamPeerTCP): PeekResult {
  const stream = tcp._get_socket_stream();
  const available = stream ? Math.min(stream.available, MAX_REQUEST_HEAD) : 0;
  const bytes = stream && available > 0 ? stream.peek(available) : null;
  if (!bytes) return { kind: "incomplete" };
  const end = find_head_end(bytes);
  if (end < 0) {
    return available >= MAX_REQUEST_HEAD ? { kind: "bad", status: 431, reason: "Request Header Fields Too Large" } : { kind: "incomplete" };
  }
  const lines = latin1.decode(bytes.subarray(0, end - 4)).split("\r\n");
  const request_line = (lines[0] ?? "").split(" ");
  if (request_line.length !== 3) return { kind: "bad", status: 400, reason: "Bad Request" };
  const [method, target, version] = request_line as [string, string, string];
  if (!version.startsWith("HTTP/1.")) return { kind: "bad", status: 505, reason: "HTTP Version Not Supported" };
  const headers = new Map<string, string>();
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(":");
    if (colon <= 0) return { kind: "bad", status: 400, reason: "Bad Request" };
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    const before = headers.get(name);
    headers.set(name, before === undefined ? value : `${before}, ${value}`);
  }
  const query = target.indexOf("?");
  return { kind: "head", head: { method, path: query >= 0 ? target.slice(0, query) : target, version, headers, size: end } };
}

/** True for a WebSocket opening handshake (RFC 6455 §4.2.1: Upgrade: websocket). */
export function is_websocket_upgrade(head: RequestHead): boolean {
  return (head.headers.get("upgrade") ?? "").toLowerCase().split(/\s*,\s*/).includes("websocket");
}

const utf8 = new TextEncoder();

/**
 * Takes the request head out of the stream, writes one response and closes
 * the connection once it is sent (StreamPeerTCP.disconnect_from_host sends
 * what is queued, then a FIN). HEAD requests get the headers only.
 */
export function respond(
  tcp: StreamPeerTCP,
  head: RequestHead | null,
  status: number,
  reason: string,
  content_type: string,
  body: string | Uint8Array,
): void {
  if (head) tcp.get_partial_data(head.size);
  const bytes = typeof body === "string" ? utf8.encode(body) : body;
  const header =
    `HTTP/1.1 ${status} ${reason}\r\n` +
    `Content-Type: ${content_type}\r\n` +
    `Content-Length: ${bytes.length}\r\n` +
    "Cache-Control: no-store\r\n" +
    "X-Content-Type-Options: nosniff\r\n" +
    "Connection: close\r\n\r\n";
  tcp.put_data(utf8.encode(header));
  if (head?.method !== "HEAD" && bytes.length > 0) tcp.put_data(bytes);
  tcp.disconnect_from_host();
}
