/**
 * Parsing of ws:// and wss:// URLs for connect_to_url (RFC 6455 §3), in the
 * spirit of the engine's String.parse_url but without its mistakes:
 * - the authority ends at the first "/" *or* "?", so `ws://host?x=1` is host
 *   "host" and path "/?x=1" (the engine makes "host?x=1" the host name);
 * - the fragment is dropped (§3: fragments are meaningless in WebSocket URIs;
 *   engine 4.3 sent it in the request line);
 * - IPv6 literals are checked and returned without brackets, with `is_ipv6`
 *   set so the request can put them back in the Host header (the engine
 *   forgets them there).
 * Path characters that cannot appear in a request line (space, controls,
 * non-ASCII, `"<>\^`{|}`) are percent-encoded as UTF-8, as browsers do.
 * Never throws.
 */
import { ERR_INVALID_PARAMETER, OK } from "../../core/error/error_list.js";
import type { GodotError } from "../../core/error/error_list.js";

export interface WsUrl {
  /** OK, or ERR_INVALID_PARAMETER with `reason` (and the other fields empty). */
  error: GodotError;
  reason: string;
  /** "ws" or "wss" (lower-cased; a URL without a scheme is "ws"). */
  scheme: string;
  /** Lower-cased host name or IP literal; IPv6 without brackets. */
  host: string;
  /** 1-65535; 80 for ws and 443 for wss when the URL has none. */
  port: number;
  /** Request target: path (at least "/") plus "?query" if any. */
  path: string;
  is_ipv6: boolean;
}

function failure(reason: string): WsUrl {
  return { error: ERR_INVALID_PARAMETER, reason, scheme: "", host: "", port: 0, path: "", is_ipv6: false };
}

/** WHATWG "forbidden domain code points", plus whitespace: never valid in a host name. */
const FORBIDDEN_HOST = /[\u0000-\u0020#%/:<>?@[\\\]^|\u007f]/;

function is_hex_group(g: string): boolean {
  return /^[0-9a-fA-F]{1,4}$/.test(g);
}

function is_ipv4(s: string): boolean {
  const parts = s.split(".");
  return parts.length === 4 && parts.every((p) => /^(?:0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
}

/** RFC 4291 §2.2 textual forms (no zone identifiers). */
export function is_ipv6_literal(s: string): boolean {
  if (s.length === 0 || s.length > 45) return false;
  let groups_text = s;
  let ipv4_groups = 0;
  const last_colon = s.lastIndexOf(":");
  if (last_colon >= 0 && s.indexOf(".", last_colon) >= 0) {
    // Trailing dotted IPv4 (e.g. ::ffff:192.0.2.1) stands for two groups.
    if (!is_ipv4(s.slice(last_colon + 1))) return false;
    groups_text = s.slice(0, last_colon + 1) + "0";
    ipv4_groups = 1;
  }
  const halves = groups_text.split("::");
  if (halves.length > 2) return false;
  const count = (h: string): number => {
    if (h === "") return 0;
    const gs = h.split(":");
    return gs.every(is_hex_group) ? gs.length : -1;
  };
  if (halves.length === 1) {
    const n = count(halves[0] as string);
    return n >= 0 && n + ipv4_groups === 8;
  }
  const a = count(halves[0] as string);
  const b = count(halves[1] as string);
  // Note `groups_text` replaced the IPv4 part by one group, so add the second one here.
  return a >= 0 && b >= 0 && a + b + ipv4_groups <= 7;
}

/** Percent-encodes what may not appear verbatim in a request target. */
function encode_path(path: string): string {
  if (!/[^\u0021-\u007e]|["<>\\^`{|}]/.test(path)) return path;
  let out = "";
  for (const ch of path) {
    const c = ch.codePointAt(0) as number;
    if (c > 0x20 && c < 0x7f && !'"<>\\^`{|}'.includes(ch)) {
      out += ch;
      continue;
    }
    for (const byte of new TextEncoder().encode(ch)) out += "%" + byte.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

/** Parses a WebSocket URL; see WsUrl for the result. */
export function parse_ws_url(url: string): WsUrl {
  // Like browsers, ignore leading/trailing spaces and control characters.
  let s = url.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, "");
  if (s.length === 0) return failure("The URL is empty.");

  let scheme = "ws";
  const scheme_match = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(s);
  if (scheme_match !== null) {
    scheme = (scheme_match[1] as string).toLowerCase();
    s = s.slice(scheme_match[0].length);
  } else {
    const sep = s.indexOf("://");
    if (sep >= 0 && !/[/?#]/.test(s.slice(0, sep))) return failure(`Invalid URL scheme "${s.slice(0, sep)}".`);
  }
  if (scheme !== "ws" && scheme !== "wss") {
    return failure(`Unsupported URL scheme "${scheme}": use ws:// or wss://.`);
  }

  const hash = s.indexOf("#");
  if (hash >= 0) s = s.slice(0, hash);
  const authority_end = s.search(/[/?]/);
  let authority = authority_end >= 0 ? s.slice(0, authority_end) : s;
  let path = authority_end >= 0 ? s.slice(authority_end) : "/";
  if (path.startsWith("?")) path = "/" + path;

  const at = authority.lastIndexOf("@");
  if (at >= 0) authority = authority.slice(at + 1); // credentials are never sent

  let host: string;
  let port_text: string | null = null;
  let is_ipv6 = false;
  if (authority.startsWith("[")) {
    const close = authority.indexOf("]");
    if (close < 0) return failure("Unterminated IPv6 address in the URL.");
    host = authority.slice(1, close);
    if (!is_ipv6_literal(host)) return failure(`Invalid IPv6 address "${host}" in the URL.`);
    is_ipv6 = true;
    const after = authority.slice(close + 1);
    if (after.startsWith(":")) port_text = after.slice(1);
    else if (after !== "") return failure("Unexpected characters after the IPv6 address in the URL.");
  } else {
    const colon = authority.indexOf(":");
    if (colon >= 0) {
      if (authority.indexOf(":", colon + 1) >= 0) {
        return failure("Too many ':' in the URL host (IPv6 addresses need brackets).");
      }
      port_text = authority.slice(colon + 1);
      host = authority.slice(0, colon);
    } else {
      host = authority;
    }
    if (host.length === 0) return failure("The URL has no host.");
    if (FORBIDDEN_HOST.test(host)) return failure(`Invalid characters in the URL host "${host}".`);
  }

  let port = scheme === "wss" ? 443 : 80;
  // An empty port ("host:") means the default, as in WHATWG URLs.
  if (port_text !== null && port_text !== "") {
    if (!/^\d{1,5}$/.test(port_text)) return failure(`Invalid port "${port_text}" in the URL.`);
    port = Number(port_text);
    if (port < 1 || port > 65535) return failure(`Port ${port} is out of range (1-65535).`);
  }

  return { error: OK, reason: "", scheme, host: host.toLowerCase(), port, path: encode_path(path), is_ipv6 };
}
