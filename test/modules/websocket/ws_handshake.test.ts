import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createHash } from "node:crypto";
import { ERR_INVALID_PARAMETER, OK } from "../../../src/core/error/error_list.js";
import {
  check_extra_header_line,
  compute_accept_key,
  generate_client_key,
  is_valid_client_key,
} from "../../../src/modules/websocket/ws_handshake.js";
import { build_client_request, validate_server_response } from "../../../src/modules/websocket/ws_handshake_client.js";
import {
  build_http_error_response,
  build_server_response,
  parse_client_request,
} from "../../../src/modules/websocket/ws_handshake_server.js";
import { base64_encode, sha1 } from "../../../src/modules/websocket/ws_sha1.js";

const RFC_KEY = "dGhlIHNhbXBsZSBub25jZQ==";
// RFC 6455 §1.3 (also what node:crypto computes). Note: the value "s3pPLMBiTxaQ9kYGJRbzOXOo2xw="
// that circulates in some write-ups is not the RFC's and does not match this key.
const RFC_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

describe("keys", () => {
  it("computes the RFC 6455 §1.3 example accept value", () => {
    expect(compute_accept_key(RFC_KEY)).toBe(RFC_ACCEPT);
  });

  it("sha1 and base64 agree with node:crypto (property)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (data) => {
        expect(base64_encode(sha1(data))).toBe(createHash("sha1").update(data).digest("base64"));
        expect(base64_encode(data)).toBe(Buffer.from(data).toString("base64"));
      }),
      { numRuns: 300 },
    );
    for (const n of [55, 56, 63, 64, 65, 119, 120]) {
      const data = new Uint8Array(n).fill(0x61);
      expect(base64_encode(sha1(data))).toBe(createHash("sha1").update(data).digest("base64"));
    }
  });

  it("generates fresh base64 keys of 16 bytes", () => {
    const a = generate_client_key();
    const b = generate_client_key();
    expect(is_valid_client_key(a)).toBe(true);
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(a).not.toBe(b);
    expect(is_valid_client_key(RFC_KEY)).toBe(true);
    for (const bad of ["", "abc", "dGhlIHNhbXBsZSBub25jZQ=", "dGhlIHNhbXBsZSBub25jZQ===", "dGhlIHNhbXBsZSBub25jZ!==", "dGhlIHNhbXBsZSBub25jZSE="]) {
      expect(is_valid_client_key(bad), bad).toBe(false);
    }
  });

  it("checks extra header lines against injection and reserved names", () => {
    const reserved = new Set(["upgrade"]);
    expect(check_extra_header_line("X-Token: abc def", reserved)).toBe("");
    expect(check_extra_header_line("X-Empty:", reserved)).toBe("");
    expect(check_extra_header_line("X: a\r\nEvil: 1", reserved)).toMatch(/control character/);
    expect(check_extra_header_line("X: a\nb", reserved)).toMatch(/control character/);
    expect(check_extra_header_line("X: a\u0000", reserved)).toMatch(/control character/);
    expect(check_extra_header_line("X\r\n: a", reserved)).toMatch(/invalid field name/);
    expect(check_extra_header_line("no colon", reserved)).toMatch(/Name: value/);
    expect(check_extra_header_line("UPGRADE: x", reserved)).toMatch(/handshake itself/);
  });
});

describe("client request", () => {
  const base = { host: "example.com", port: 80, is_ipv6: false, tls: false, path: "/chat", key: RFC_KEY };

  it("builds the exact request", () => {
    const r = build_client_request({ ...base, protocols: ["chat", "superchat"], extra_headers: ["Origin: http://example.com"] });
    expect(r.error).toBe(OK);
    expect(r.key).toBe(RFC_KEY);
    expect(r.text).toBe(
      "GET /chat HTTP/1.1\r\n" +
        "Host: example.com\r\n" +
        "Upgrade: websocket\r\n" +
        "Connection: Upgrade\r\n" +
        `Sec-WebSocket-Key: ${RFC_KEY}\r\n` +
        "Sec-WebSocket-Version: 13\r\n" +
        "Sec-WebSocket-Protocol: chat,superchat\r\n" +
        "Origin: http://example.com\r\n" +
        "\r\n",
    );
    expect(new TextDecoder().decode(r.bytes)).toBe(r.text);
  });

  it("adds the port only when it is not the default, and brackets IPv6 hosts", () => {
    const host_of = (o: Partial<typeof base>) => /\r\nHost: ([^\r]*)\r\n/.exec(build_client_request({ ...base, ...o }).text)?.[1];
    expect(host_of({})).toBe("example.com");
    expect(host_of({ port: 8080 })).toBe("example.com:8080");
    expect(host_of({ tls: true, port: 443 })).toBe("example.com");
    expect(host_of({ tls: true, port: 80 })).toBe("example.com:80");
    expect(host_of({ host: "::1", is_ipv6: true, port: 8080 })).toBe("[::1]:8080");
    expect(host_of({ host: "::1", is_ipv6: true })).toBe("[::1]");
  });

  it("omits Sec-WebSocket-Protocol without protocols and uses a random key by default", () => {
    const r = build_client_request({ host: "h", port: 80, is_ipv6: false, tls: false, path: "/" });
    expect(r.text).not.toContain("Sec-WebSocket-Protocol");
    expect(is_valid_client_key(r.key)).toBe(true);
    expect(r.text).toContain(`Sec-WebSocket-Key: ${r.key}\r\n`);
  });

  it("refuses bad input with a reason", () => {
    const fails = (o: Record<string, unknown>, pattern: RegExp) => {
      const r = build_client_request({ ...base, ...o });
      expect(r.error).toBe(ERR_INVALID_PARAMETER);
      expect(r.reason).toMatch(pattern);
      expect(r.text).toBe("");
    };
    fails({ extra_headers: ["X: 1\r\nHost: evil"] }, /control character/);
    fails({ extra_headers: ["Sec-WebSocket-Key: x"] }, /handshake itself/);
    fails({ extra_headers: ["Host: other"] }, /handshake itself/);
    fails({ protocols: ["a b"] }, /token/);
    fails({ protocols: [""] }, /token/);
    fails({ protocols: ["a", "a"] }, /twice/);
    fails({ path: "chat" }, /path/);
    fails({ path: "/a b" }, /path/);
    fails({ host: "" }, /host/);
    fails({ host: "a\r\nb" }, /host/);
    fails({ port: 0 }, /port/);
    fails({ port: 65536 }, /port/);
  });
});

describe("server response validation (client side)", () => {
  const ok_response = [
    "HTTP/1.1 101 Switching Protocols",
    "Upgrade: websocket",
    "Connection: Upgrade",
    `Sec-WebSocket-Accept: ${RFC_ACCEPT}`,
  ];
  const check = (lines: string[], protocols?: string[]) =>
    validate_server_response(lines.join("\r\n"), protocols ? { key: RFC_KEY, protocols } : { key: RFC_KEY });

  it("accepts a correct response, tolerating case and token lists", () => {
    expect(check(ok_response)).toEqual({ ok: true, selected_protocol: "" });
    expect(check(["HTTP/1.1 101", "upgrade: WebSocket", "connection: keep-alive, UPGRADE", `sec-websocket-accept: ${RFC_ACCEPT}`, "Set-Cookie: a=b"])).toEqual({
      ok: true,
      selected_protocol: "",
    });
    expect(check([...ok_response.slice(0, 2), "Connection: keep-alive", "Connection: upgrade", ok_response[3]!])).toMatchObject({ ok: true });
  });

  it("accepts a protocol we offered, and no protocol at all", () => {
    expect(check([...ok_response, "Sec-WebSocket-Protocol: b"], ["a", "b"])).toEqual({ ok: true, selected_protocol: "b" });
    expect(check(ok_response, ["a", "b"])).toEqual({ ok: true, selected_protocol: "" });
  });

  const failures: [string, string[], string[] | undefined, RegExp][] = [
    ["not 101", ["HTTP/1.1 200 OK", ...ok_response.slice(1)], undefined, /instead of 101/],
    ["a 404 page", ["HTTP/1.1 404 Not Found", "Content-Length: 0"], undefined, /404 Not Found/],
    ["HTTP/1.0", ["HTTP/1.0 101 Switching Protocols", ...ok_response.slice(1)], undefined, /status line/],
    ["garbage status", ["ICY 200 OK"], undefined, /status line/],
    ["missing Upgrade", ok_response.filter((l) => !l.startsWith("Upgrade")), undefined, /Upgrade/],
    ["wrong Upgrade", [ok_response[0]!, "Upgrade: h2c", ...ok_response.slice(2)], undefined, /Upgrade/],
    ["missing Connection", ok_response.filter((l) => !l.startsWith("Connection")), undefined, /Connection/],
    ["Connection without upgrade", [...ok_response.slice(0, 2), "Connection: keep-alive", ok_response[3]!], undefined, /Connection/],
    ["missing Accept", ok_response.slice(0, 3), undefined, /no Sec-WebSocket-Accept/],
    ["wrong Accept", [...ok_response.slice(0, 3), "Sec-WebSocket-Accept: AAAA"], undefined, /does not match/],
    ["Accept in another case", [...ok_response.slice(0, 3), `Sec-WebSocket-Accept: ${RFC_ACCEPT.toLowerCase()}`], undefined, /does not match/],
    ["two Accept headers", [...ok_response, `Sec-WebSocket-Accept: ${RFC_ACCEPT}`], undefined, /does not match/],
    ["extension not offered", [...ok_response, "Sec-WebSocket-Extensions: permessage-deflate"], undefined, /extensions/],
    ["protocol when none offered", [...ok_response, "Sec-WebSocket-Protocol: chat"], undefined, /none was offered/],
    ["protocol not offered", [...ok_response, "Sec-WebSocket-Protocol: c"], ["a", "b"], /not offered/],
    ["protocol list", [...ok_response, "Sec-WebSocket-Protocol: a, b"], ["a", "b"], /not offered/],
    ["two protocol headers", [...ok_response, "Sec-WebSocket-Protocol: a", "Sec-WebSocket-Protocol: b"], ["a", "b"], /more than one/],
    ["malformed header", [...ok_response, "Bad header"], undefined, /Malformed/],
  ];
  for (const [name, lines, protocols, reason] of failures) {
    it(`rejects ${name}`, () => {
      const r = check(lines, protocols);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(reason);
    });
  }
});

describe("client request parsing (server side)", () => {
  const rfc_request = [
    "GET /chat HTTP/1.1",
    "Host: server.example.com",
    "Upgrade: websocket",
    "Connection: Upgrade",
    `Sec-WebSocket-Key: ${RFC_KEY}`,
    "Origin: http://example.com",
    "Sec-WebSocket-Protocol: chat, superchat",
    "Sec-WebSocket-Version: 13",
  ];
  const parse = (lines: string[], supported?: string[]) =>
    parse_client_request(lines.join("\r\n"), supported ? { supported_protocols: supported } : {});

  it("accepts the RFC 6455 §1.2 request", () => {
    const r = parse(rfc_request, ["superchat", "chat"]);
    expect(r).toMatchObject({
      ok: true,
      target: "/chat",
      host: "server.example.com",
      origin: "http://example.com",
      key: RFC_KEY,
      protocols: ["chat", "superchat"],
      selected_protocol: "chat", // the client's order wins
    });
  });

  it("tolerates case, token lists and absolute targets", () => {
    const r = parse([
      "GET ws://server.example.com/chat?x=1 HTTP/1.1",
      "host: server.example.com:8080",
      "UPGRADE: WebSocket",
      "connection: keep-alive, Upgrade",
      `sec-websocket-key: ${RFC_KEY}`,
      "sec-websocket-version: 13",
    ]);
    expect(r).toMatchObject({ ok: true, target: "ws://server.example.com/chat?x=1", protocols: [], selected_protocol: "" });
  });

  it("refuses offered protocols when none is supported (as the engine), accepts a client that offers none", () => {
    expect(parse(rfc_request, ["other"])).toMatchObject({ ok: false, status: 400, reason: expect.stringMatching(/chat, superchat/) });
    expect(parse(rfc_request)).toMatchObject({ ok: false, status: 400 });
    expect(parse(rfc_request.filter((l) => !l.startsWith("Sec-WebSocket-Protocol")), ["chat"])).toMatchObject({
      ok: true,
      selected_protocol: "",
      protocols: [],
    });
  });

  const without = (prefix: string) => rfc_request.filter((l) => !l.startsWith(prefix));
  const replace = (prefix: string, line: string) => rfc_request.map((l) => (l.startsWith(prefix) ? line : l));
  const failures: [string, string[], number, RegExp][] = [
    ["a two-token request line (engine crash)", replace("GET", "GET /"), 400, /request line/],
    ["a one-token request line", replace("GET", "GET"), 400, /request line/],
    ["four tokens", replace("GET", "GET /chat HTTP/1.1 x"), 400, /request line/],
    ["double spaces", replace("GET", "GET  /chat HTTP/1.1"), 400, /request line/],
    ["POST", replace("GET", "POST /chat HTTP/1.1"), 405, /POST/],
    ["lower-case get", replace("GET", "get /chat HTTP/1.1"), 405, /get/],
    ["HTTP/1.0", replace("GET", "GET /chat HTTP/1.0"), 400, /HTTP\/1.1/],
    ["a relative target", replace("GET", "GET chat HTTP/1.1"), 400, /target/],
    ["an asterisk target", replace("GET", "GET * HTTP/1.1"), 400, /target/],
    ["no Host", without("Host"), 400, /Host/],
    ["two Host headers", [...rfc_request, "Host: other"], 400, /Host/],
    ["no Upgrade", without("Upgrade"), 400, /Upgrade/],
    ["wrong Upgrade", replace("Upgrade", "Upgrade: h2c"), 400, /Upgrade/],
    ["no Connection", without("Connection"), 400, /Connection/],
    ["Connection: keep-alive", replace("Connection", "Connection: keep-alive"), 400, /Connection/],
    ["no key", without("Sec-WebSocket-Key"), 400, /Key/],
    ["a short key", replace("Sec-WebSocket-Key", "Sec-WebSocket-Key: abc"), 400, /Key/],
    ["two keys", [...rfc_request, `Sec-WebSocket-Key: ${RFC_KEY}`], 400, /Key/],
    ["no version", without("Sec-WebSocket-Version"), 400, /Version/],
    ["version 8", replace("Sec-WebSocket-Version", "Sec-WebSocket-Version: 8"), 426, /13/],
    ["two versions", [...rfc_request, "Sec-WebSocket-Version: 13"], 426, /13/],
    ["an invalid protocol name", replace("Sec-WebSocket-Protocol", "Sec-WebSocket-Protocol: a b"), 400, /sub-protocol/],
    ["obs-fold", [...rfc_request, " folded"], 400, /folding/],
    ["an empty block", [], 400, /Empty/],
  ];
  for (const [name, lines, status, reason] of failures) {
    it(`rejects ${name} with ${status}`, () => {
      const r = parse(lines, ["chat"]);
      expect(r).toMatchObject({ ok: false, status });
      if (!r.ok) expect(r.reason).toMatch(reason);
    });
  }

  it("never throws on arbitrary header text (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (text) => {
        const r = parse_client_request(text);
        expect(typeof r.ok).toBe("boolean");
        const prefixed = parse_client_request(rfc_request.join("\r\n") + "\r\n" + text);
        expect(typeof prefixed.ok).toBe("boolean");
      }),
      { numRuns: 1000 },
    );
  });
});

describe("server responses", () => {
  it("builds the 101 response", () => {
    const r = build_server_response(RFC_KEY, "chat", ["X-Server: gdnet"]);
    expect(r.error).toBe(OK);
    expect(r.text).toBe(
      "HTTP/1.1 101 Switching Protocols\r\n" +
        "Upgrade: websocket\r\n" +
        "Connection: Upgrade\r\n" +
        `Sec-WebSocket-Accept: ${RFC_ACCEPT}\r\n` +
        "Sec-WebSocket-Protocol: chat\r\n" +
        "X-Server: gdnet\r\n" +
        "\r\n",
    );
    expect(build_server_response(RFC_KEY, "").text).not.toContain("Sec-WebSocket-Protocol");
    // What we build, our client accepts.
    expect(validate_server_response(r.text.slice(0, -4), { key: RFC_KEY, protocols: ["chat"] })).toEqual({
      ok: true,
      selected_protocol: "chat",
    });
  });

  it("refuses injected extra headers", () => {
    const r = build_server_response(RFC_KEY, "", ["X: 1\r\n\r\nHTTP/1.1 200 OK"]);
    expect(r.error).toBe(ERR_INVALID_PARAMETER);
    expect(r.reason).toMatch(/control character/);
    expect(build_server_response(RFC_KEY, "", ["Sec-WebSocket-Accept: x"]).error).toBe(ERR_INVALID_PARAMETER);
  });

  it("builds HTTP error responses that close the connection", () => {
    const bad = build_http_error_response(400, "Missing Host (RFC 6455 §4.1).");
    expect(bad.text).toBe(
      "HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 36\r\n\r\nMissing Host (RFC 6455 section 4.1).",
    );
    const upgrade = build_http_error_response(426).text;
    expect(upgrade).toMatch(/^HTTP\/1.1 426 Upgrade Required\r\n/);
    expect(upgrade).toContain("\r\nSec-WebSocket-Version: 13\r\n");
    expect(upgrade).toContain("\r\nUpgrade: websocket\r\n");
    expect(upgrade).toContain("\r\nConnection: Upgrade, close\r\n");
    const method = build_http_error_response(405).text;
    expect(method).toMatch(/^HTTP\/1.1 405 Method Not Allowed\r\n/);
    expect(method).toContain("\r\nAllow: GET\r\n");
    expect(build_http_error_response(431).text).toMatch(/^HTTP\/1.1 431 Request Header Fields Too Large\r\n/);
    expect(build_http_error_response(400, "a\r\nb").text.endsWith("a??b")).toBe(true);
  });
});
