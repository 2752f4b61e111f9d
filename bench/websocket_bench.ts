/**
 * gdnet's WebSocket echo server against the `ws` library's (and a raw TCP
 * echo), in one run with alternating rounds and one load client for all.
 * Prints medians and ratios against the targets; see bench/README.md.
 *
 *   npm run bench
 *   npx tsx bench/websocket_bench.ts [--rounds 5] [--duration 1500] [--warmup 400]
 *       [--only memory,handshakes,binary,text,large] [--connections 32] [--window 128]
 *       [--large-connections 4] [--large-window 2] [--idle 2000] [--memory-rounds 3]
 *       [--handshake-concurrency 32] [--profile gdnet] [--profile-dir DIR (default: a temp dir)]
 *       [--runtime compiled|tsx] [--json results.json]
 *
 * Loopback only; every process it starts exits with it.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { ALL_TESTS, DEFAULT_OPTIONS, run_bench, type BenchOptions, type ServerName, type TestName } from "./lib/bench_runner.js";
import { render_report } from "./lib/bench_report.js";

const { values } = parseArgs({
  options: {
    rounds: { type: "string" },
    "memory-rounds": { type: "string" },
    duration: { type: "string" },
    warmup: { type: "string" },
    only: { type: "string" },
    connections: { type: "string" },
    window: { type: "string" },
    "large-connections": { type: "string" },
    "large-window": { type: "string" },
    idle: { type: "string" },
    "handshake-concurrency": { type: "string" },
    profile: { type: "string" },
    "profile-dir": { type: "string" },
    json: { type: "string" },
    runtime: { type: "string" },
    help: { type: "boolean", short: "h" },
  },
});

if (values.help) {
  process.stdout.write(`Usage: npx tsx bench/websocket_bench.ts [options]; see the comment at the top of this file.\n`);
  process.exit(0);
}

function int_option(name: keyof typeof values, fallback: number, min = 1): number {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`--${name} must be an integer >= ${min}, got ${String(raw)}\n`);
    process.exit(2);
  }
  return n;
}

let tests: TestName[] = [...ALL_TESTS];
if (values.only) {
  tests = values.only.split(",").map((t) => t.trim()) as TestName[];
  const unknown = tests.filter((t) => !ALL_TESTS.includes(t));
  if (unknown.length > 0) {
    process.stderr.write(`--only: unknown test(s) ${unknown.join(", ")}; known: ${ALL_TESTS.join(", ")}\n`);
    process.exit(2);
  }
}
const profile = values.profile ?? null;
if (profile !== null && !["gdnet", "ws", "tcp"].includes(profile)) {
  process.stderr.write("--profile must be gdnet, ws or tcp\n");
  process.exit(2);
}

const runtime = values.runtime ?? DEFAULT_OPTIONS.runtime;
if (runtime !== "compiled" && runtime !== "tsx") {
  process.stderr.write("--runtime must be compiled or tsx\n");
  process.exit(2);
}

const options: BenchOptions = {
  ...DEFAULT_OPTIONS,
  rounds: int_option("rounds", DEFAULT_OPTIONS.rounds),
  memory_rounds: int_option("memory-rounds", DEFAULT_OPTIONS.memory_rounds),
  duration_ms: int_option("duration", DEFAULT_OPTIONS.duration_ms),
  warmup_ms: int_option("warmup", DEFAULT_OPTIONS.warmup_ms, 0),
  connections: int_option("connections", DEFAULT_OPTIONS.connections),
  window: int_option("window", DEFAULT_OPTIONS.window),
  large_connections: int_option("large-connections", DEFAULT_OPTIONS.large_connections),
  large_window: int_option("large-window", DEFAULT_OPTIONS.large_window),
  idle_connections: int_option("idle", DEFAULT_OPTIONS.idle_connections),
  handshake_concurrency: int_option("handshake-concurrency", DEFAULT_OPTIONS.handshake_concurrency),
  tests,
  profile: profile as ServerName | null,
  profile_dir: values["profile-dir"] ?? DEFAULT_OPTIONS.profile_dir,
  runtime,
};

const results = await run_bench(options);
process.stdout.write(`${render_report(results)}\n`);
if (values.json) writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
