/**
 * The benchmark runs end to end: one very short round of the small-message
 * and memory tests, through the real CLI. Asserts only that figures came
 * out; the figures themselves are not tested (shared machines are noisy).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("bench/websocket_bench.ts", () => {
  it("runs a short round against every server and reports positive figures", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "gdnet-bench-smoke-"));
    const json = path.join(dir, "results.json");
    try {
      const args = [
        "--import",
        pathToFileURL(require.resolve("tsx")).href,
        path.join(ROOT, "bench", "websocket_bench.ts"),
        "--only",
        "binary,memory",
        "--rounds",
        "1",
        "--memory-rounds",
        "1",
        "--warmup",
        "50",
        "--duration",
        "200",
        "--idle",
        "20",
        "--json",
        json,
      ];
      const stdout = await new Promise<string>((resolve, reject) => {
        execFile(process.execPath, args, { cwd: ROOT, timeout: 60_000 }, (error, out, err) =>
          error ? reject(new Error(`${error.message}\n${err}`)) : resolve(out),
        );
      });
      expect(stdout).toContain("gdnet/ws");
      const results = JSON.parse(readFileSync(json, "utf8")) as {
        rates: { binary: Record<string, number[]> };
        memory: Record<string, { heap_external: number; server_connections: number }[]>;
      };
      for (const server of ["gdnet", "ws", "tcp"]) {
        expect(results.rates.binary[server]?.[0]).toBeGreaterThan(0);
      }
      for (const server of ["gdnet", "ws"]) {
        expect(results.memory[server]?.[0]?.server_connections).toBe(20);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
