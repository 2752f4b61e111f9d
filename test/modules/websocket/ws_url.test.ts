import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { ERR_INVALID_PARAMETER, OK } from "../../../src/core/error/error_list.js";
import { is_ipv6_literal, parse_ws_url } from "../../../src/modules/websocket/ws_url.js";

const ok = (scheme: string, host: string, port: number, path: string, is_ipv6 = false) => ({
  error: OK,
  reason: "",
  scheme,
  host,
  port,
  path,
  is_ipv6,
});

describe("parse_ws_url", () => {
  const good: [string, ReturnType<typeof ok>][] = [
    ["ws://example.com", ok("ws", "example.com", 80, "/")],
    ["wss://example.com", ok("wss", "example.com", 443, "/")],
    ["WSS://Example.COM:8443/Chat", ok("wss", "example.com", 8443, "/Chat")],
    ["example.com:9000/x", ok("ws", "example.com", 9000, "/x")],
    ["localhost", ok("ws", "localhost", 80, "/")],
    ["ws://127.0.0.1:1/", ok("ws", "127.0.0.1", 1, "/")],
    ["ws://h:65535", ok("ws", "h", 65535, "/")],
    ["ws://h:0080", ok("ws", "h", 80, "/")],
    ["ws://h:", ok("ws", "h", 80, "/")],
    ["ws://host?x=1", ok("ws", "host", 80, "/?x=1")],
    ["ws://host:81?x=1&y=2", ok("ws", "host", 81, "/?x=1&y=2")],
    ["ws://host/a/b?q=1#frag", ok("ws", "host", 80, "/a/b?q=1")],
    ["ws://host#frag", ok("ws", "host", 80, "/")],
    ["ws://user:pass@host:90/p", ok("ws", "host", 90, "/p")],
    ["ws://a@b@host/p", ok("ws", "host", 80, "/p")],
    ["ws://[::1]:8080/x", ok("ws", "::1", 8080, "/x", true)],
    ["wss://[2001:DB8::1]", ok("wss", "2001:db8::1", 443, "/", true)],
    ["ws://[::ffff:192.0.2.1]:5/", ok("ws", "::ffff:192.0.2.1", 5, "/", true)],
    ["ws://[::1]?a", ok("ws", "::1", 80, "/?a", true)],
    ["  ws://host/  ", ok("ws", "host", 80, "/")],
    ["ws://host/a b/é?q=\"x\"", ok("ws", "host", 80, "/a%20b/%C3%A9?q=%22x%22")],
    ["ws://host/%41", ok("ws", "host", 80, "/%41")],
  ];
  for (const [url, expected] of good) {
    it(`parses ${JSON.stringify(url)}`, () => {
      expect(parse_ws_url(url)).toEqual(expected);
    });
  }

  const bad: [string, RegExp][] = [
    ["", /empty/],
    ["   ", /empty/],
    ["http://example.com", /scheme "http"/],
    ["https://example.com", /scheme/],
    ["ftp://x", /scheme/],
    ["1ws://x", /scheme/],
    ["w s://x", /scheme/],
    ["ws://", /no host/],
    ["ws:///path", /no host/],
    ["ws://:80/", /no host/],
    ["ws://user@/", /no host/],
    ["ws://host:0", /out of range/],
    ["ws://host:65536", /out of range/],
    ["ws://host:99999", /out of range/],
    ["ws://host:123456", /Invalid port/],
    ["ws://host:-1", /Invalid port/],
    ["ws://host:8a", /Invalid port/],
    ["ws://host:80:81", /Too many ':'/],
    ["ws://::1/", /Too many ':'/],
    ["ws://[::1/", /Unterminated/],
    ["ws://[::1]x/", /after the IPv6/],
    ["ws://[1::2::3]/", /Invalid IPv6/],
    ["ws://[fe80::1%25eth0]/", /Invalid IPv6/],
    ["ws://[example.com]/", /Invalid IPv6/],
    ["ws://ho st/", /Invalid characters/],
    ["ws://ho\\st/", /Invalid characters/],
    ["ws://ho%st/", /Invalid characters/],
    ["ws://a\nb/", /Invalid characters/],
  ];
  for (const [url, reason] of bad) {
    it(`rejects ${JSON.stringify(url)}`, () => {
      const r = parse_ws_url(url);
      expect(r.error).toBe(ERR_INVALID_PARAMETER);
      expect(r.reason).toMatch(reason);
    });
  }

  it("never throws, and valid results are well-formed (property)", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 60 }),
          fc.string({ unit: "binary", maxLength: 60 }),
          fc.tuple(fc.constantFrom("ws://", "wss://", "WS://", "", "http://"), fc.string({ maxLength: 40 })).map(([a, b]) => a + b),
          fc.webUrl().map((u) => u.replace(/^https?/, "ws")),
        ),
        (url) => {
          const r = parse_ws_url(url);
          if (r.error === OK) {
            expect(["ws", "wss"]).toContain(r.scheme);
            expect(r.host.length).toBeGreaterThan(0);
            expect(r.port).toBeGreaterThanOrEqual(1);
            expect(r.port).toBeLessThanOrEqual(65535);
            expect(r.path.startsWith("/")).toBe(true);
            expect(r.path).toMatch(/^[\x21-\x7e]*$/);
            expect(r.path).not.toContain("#");
          } else {
            expect(r.error).toBe(ERR_INVALID_PARAMETER);
            expect(r.reason.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("is_ipv6_literal", () => {
  for (const s of ["::", "::1", "1::", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7::", "::2:3:4:5:6:7:8", "fe80::1", "::ffff:1.2.3.4", "1:2:3:4:5:6:1.2.3.4", "ABCD::ef"]) {
    it(`accepts ${s}`, () => expect(is_ipv6_literal(s)).toBe(true));
  }
  for (const s of ["", ":", ":::", "1", "1:2", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "12345::", "g::", "1::2::3", "::1.2.3", "::256.1.1.1", "1:2:3:4:5:6:7:1.2.3.4", "::01.2.3.4", "1.2.3.4"]) {
    it(`rejects ${JSON.stringify(s)}`, () => expect(is_ipv6_literal(s)).toBe(false));
  }
});
