/**
 * The protocol core must load outside Node (browser bundles): no static
 * import of a Node built-in in any of its files. ws_platform.ts reaches Node
 * through process.getBuiltinModule instead.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const CORE_FILES = [
  "http_header_block.ts",
  "utf8_validator.ts",
  "ws_frame_parser.ts",
  "ws_frame_writer.ts",
  "ws_handshake.ts",
  "ws_handshake_client.ts",
  "ws_handshake_server.ts",
  "ws_mask.ts",
  "ws_platform.ts",
  "ws_protocol.ts",
  "ws_random.ts",
  "ws_sha1.ts",
  "ws_url.ts",
];

describe("protocol core portability", () => {
  for (const file of CORE_FILES) {
    it(`${file} has no static Node built-in import`, () => {
      const source = readFileSync(fileURLToPath(new URL(`../../../src/modules/websocket/${file}`, import.meta.url)), "utf8");
      expect(source).not.toMatch(/from\s+["'](node:|fs|net|tls|crypto|buffer)["']/);
      expect(source).not.toMatch(/\brequire\(/);
      expect(source).not.toMatch(/\bconsole\./);
    });
  }
});
