import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { DOC_DIR, REPO_ROOT } from "../../tools/doc/paths.js";
import { compare_seed } from "../../tools/doc/seed_compare.js";

/**
 * gdnet's WebSocketPeer against the Godot 4.0 class XML (seed 001). The set is
 * exact: a change to WebSocketPeer's API makes this fail until it is explained
 * in docs/websocket_peer_vs_godot_4_0.md and listed here.
 */
const EXPECTED = [
  'WebSocketPeer: method "connect_to_url": 3 argument(s) in the seed, 2 in gdnet',
  'WebSocketPeer: method "connect_to_url": argument 1 name: "verify_tls" in the seed, "tls_client_options" in gdnet',
  'WebSocketPeer: method "connect_to_url": argument 1 "tls_client_options" type: bool in the seed, TLSOptions in gdnet',
  'WebSocketPeer: method "connect_to_url": argument 1 "tls_client_options" default: "true" in the seed, "null" in gdnet',
  'WebSocketPeer: method "connect_to_url": argument 2 "trusted_tls_certificate" is in the seed but not in gdnet',
  'WebSocketPeer: member "max_queued_packets": default: "2048" in the seed, "4096" in gdnet',
  'WebSocketPeer: member "handshake_timeout" is in gdnet but not in the seed',
  'WebSocketPeer: member "heartbeat_interval" is in gdnet but not in the seed',
];

const seed = resolve(REPO_ROOT, "..", "shared", "seeds", "001_6bf053b8d429f821.txt");

describe("WebSocketPeer against the Godot 4.0 reference (seed 001)", () => {
  it.skipIf(!existsSync(seed))("differs exactly in the documented ways", () => {
    const { diagnostics, differences } = compare_seed(seed, join(DOC_DIR, "WebSocketPeer.xml"));
    expect(diagnostics).toEqual([]);
    // Each line ends with " [file:line, file:line]"; the lines move as the XML is edited.
    expect(differences.map((d) => d.replace(/ \[[^\]]*\]$/, "")).sort()).toEqual([...EXPECTED].sort());
  });

  it("every difference is explained in docs/websocket_peer_vs_godot_4_0.md", () => {
    const page = readFileSync(join(REPO_ROOT, "docs", "websocket_peer_vs_godot_4_0.md"), "utf8");
    for (const line of EXPECTED) {
      const shown = line.replace(/^WebSocketPeer: /, "");
      expect(page, shown).toContain(`\`${shown}\``);
    }
  });
});
