/**
 * The browser build (tools/browser_bundle.ts, `npm run build:browser`): it
 * builds, imports no Node built-in, and fails naming the importer when a
 * Node-only file sneaks in.
 */
import { afterAll, describe, expect, it } from "vitest";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { REPO_ROOT, build_browser_bundle, find_node_imports } from "../../tools/browser_bundle.js";

const scratch = mkdtempSync(path.join(tmpdir(), "gdnet-bundle-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("gdnet's browser bundle", () => {
  it("builds src/index.browser.ts into one ES module without Node imports", async () => {
    const r = await build_browser_bundle();
    expect(r.errors).toEqual([]);
    expect(find_node_imports(r.code)).toEqual([]);
    expect(r.code).toMatch(/^export \{[^}]*\bWebSocketPeer\b/m);
    // Node-only files are not in it; the browser backend is.
    expect(r.inputs).toContain("src/modules/websocket/websocket_peer_browser.ts");
    for (const file of ["src/core/io/tcp_server.ts", "src/core/io/stream_peer_tcp.ts", "src/modules/websocket/wsl_peer.ts", "src/core/crypto/crypto.ts"]) {
      expect(r.inputs).not.toContain(file);
    }
    // Node modules are reached only through ws_platform.ts's process.getBuiltinModule (with Web fallbacks).
    const reaching = r.inputs.filter((f) => f.startsWith("src/") && readFileSync(path.join(REPO_ROOT, f), "utf8").includes("getBuiltinModule("));
    expect(reaching).toEqual(["src/modules/websocket/ws_platform.ts"]);
  }, 60_000);

  it("exports what src/index.ts exports, minus the Node-only classes", async () => {
    const esbuild = await import("esbuild");
    const exports_of = async (entry: string, platform: "node" | "browser"): Promise<string[]> => {
      const r = await esbuild.build({ entryPoints: [path.join(REPO_ROOT, entry)], bundle: true, format: "esm", platform, write: false, metafile: true, logLevel: "silent", outdir: scratch });
      return Object.values(r.metafile.outputs).flatMap((o) => o.exports).sort();
    };
    const node_only = [
      "StreamPeerTCP", "StreamPeerTCPStatus", "StreamPeerTLS", "StreamPeerTLSStatus", "TCPServer",
      "Crypto", "CryptoKey", "X509Certificate", "HashingContext", "HashingContextHashType", "WebSocketMultiplayerPeer",
    ];
    const node = await exports_of("src/index.ts", "node");
    const browser = await exports_of("src/index.browser.ts", "browser");
    expect(browser).toEqual(node.filter((name) => !node_only.includes(name)));
  }, 60_000);

  it("fails, naming the file, when something imports a Node built-in", async () => {
    const entry = path.join(scratch, "entry.ts");
    writeFileSync(entry, `export { StreamPeerTCP } from ${JSON.stringify(path.join(REPO_ROOT, "src/core/io/stream_peer_tcp.ts"))};\n`);
    const r = await build_browser_bundle({ entry });
    expect(r.code).toBe("");
    expect(r.errors.join("\n")).toMatch(/src\/core\/io\/stream_peer_tcp\.ts imports the Node built-in "node:net"/);

    writeFileSync(entry, 'import * as fs from "fs";\nexport const x = fs;\n');
    const bare = await build_browser_bundle({ entry });
    expect(bare.errors.join("\n")).toMatch(/imports the Node built-in "fs"/);
  }, 60_000);

  it("makes a page script import the bundle by URL instead of carrying a copy", async () => {
    const entry = path.join(scratch, "page.ts");
    writeFileSync(entry, `import { WebSocketPeer } from ${JSON.stringify(path.join(REPO_ROOT, "src/index.browser.js"))};\nexport const peer = new WebSocketPeer();\n`);
    const r = await build_browser_bundle({ entry, gdnet_url: "/gdnet.js" });
    expect(r.errors).toEqual([]);
    expect(r.code).toMatch(/from "\/gdnet\.js"/);
    expect(r.inputs.filter((f) => f.startsWith("src/"))).toEqual([]);
  }, 60_000);
});
