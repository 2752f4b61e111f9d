/**
 * Runs the comparison: starts each echo server in its own process and the
 * load client in another, then runs every test in rounds that alternate the
 * servers (the order rotates each round, so drift on a shared machine hits
 * all of them alike). Servers are started once and stay idle between rounds.
 */
import { execFileSync } from "node:child_process";
import * as os from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { BenchChild } from "./child_process_rpc.js";
import { compile_for_bench } from "./compile_for_bench.js";

export type ServerName = "gdnet" | "ws" | "tcp";
export type RateTest = "binary" | "text" | "large" | "handshakes";
export type TestName = RateTest | "memory";
export const ALL_TESTS: readonly TestName[] = ["memory", "handshakes", "binary", "text", "large"];

export interface BenchOptions {
  rounds: number;
  memory_rounds: number;
  warmup_ms: number;
  duration_ms: number;
  /** Small-message tests: connections and messages in flight per connection. */
  connections: number;
  window: number;
  small_size: number;
  /** 1 MiB test. */
  large_connections: number;
  large_window: number;
  large_size: number;
  handshake_concurrency: number;
  idle_connections: number;
  tests: readonly TestName[];
  /** Server whose process gets --cpu-prof (its figures are then not comparable). */
  profile: ServerName | null;
  profile_dir: string;
  /**
   * "compiled": children run as JavaScript emitted by TypeScript (as shipped);
   * "tsx": straight from the .ts sources through tsx (slower to start, and see
   * compile_for_bench.ts for what the loader changes).
   */
  runtime: "compiled" | "tsx";
  /** Progress lines (stderr by default). */
  log: (line: string) => void;
}

export const DEFAULT_OPTIONS: BenchOptions = {
  rounds: 5,
  memory_rounds: 3,
  warmup_ms: 400,
  duration_ms: 1500,
  connections: 32,
  window: 128,
  small_size: 64,
  large_connections: 4,
  large_window: 2,
  large_size: 1024 * 1024,
  handshake_concurrency: 32,
  idle_connections: 2000,
  tests: ALL_TESTS,
  profile: null,
  profile_dir: path.join(os.tmpdir(), "gdnet-bench-profiles"),
  runtime: "compiled",
  log: (line) => process.stderr.write(`${line}\n`),
};

export interface MemorySample {
  /** Growth of heapUsed + external per connection, bytes. */
  heap_external: number;
  /** Growth of the resident set per connection, bytes. */
  rss: number;
  /** Connections the server itself counted as open when measured. */
  server_connections: number;
}

export interface BenchResults {
  machine: { cpus: number; cpu_model: string; node: string; platform: string; load_before: number[]; load_after: number[] };
  /** The code measured: the commit, and how many files under src/ differed from it (others edit in parallel). */
  source: { commit: string; changed_src_files: number };
  options: Omit<BenchOptions, "log">;
  /** Per test, per server: one figure per round (messages/s, MiB/s or handshakes/s). */
  rates: Partial<Record<RateTest, Partial<Record<ServerName, number[]>>>>;
  memory: Partial<Record<ServerName, MemorySample[]>>;
  /** Per test, per server: CPU used in the measured window as a share of one core, per round. */
  cpu: Partial<Record<RateTest, Partial<Record<ServerName, { server: number[]; client: number[] }>>>>;
  /** Anything that went wrong and may affect the figures. */
  warnings: string[];
  elapsed_s: number;
}

const SERVERS: Record<ServerName, string> = {
  gdnet: "../servers/gdnet_echo_server.ts",
  ws: "../servers/ws_echo_server.ts",
  tcp: "../servers/tcp_echo_server.ts",
};
const CLIENT = "../load_client.ts";

const RATE_SERVERS: Record<RateTest, readonly ServerName[]> = {
  binary: ["gdnet", "ws", "tcp"],
  text: ["gdnet", "ws"],
  large: ["gdnet", "ws", "tcp"],
  handshakes: ["gdnet", "ws"],
};

function source_state(): { commit: string; changed_src_files: number } {
  const cwd = fileURLToPath(new URL("../../", import.meta.url));
  try {
    const commit = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd, encoding: "utf8" }).trim();
    const changed = execFileSync("git", ["status", "--porcelain", "--", "src"], { cwd, encoding: "utf8" });
    return { commit, changed_src_files: changed.split("\n").filter((l) => l.trim() !== "").length };
  } catch {
    return { commit: "unknown", changed_src_files: -1 };
  }
}

function entry(relative: string): string {
  return fileURLToPath(new URL(relative, import.meta.url));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function rotate<T>(list: readonly T[], by: number): T[] {
  const k = by % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

interface EchoResult {
  client_cpu: number;
  messages_per_s: number;
  mib_per_s: number;
  connections_failed: number;
  errors: number;
  forced_closes: number;
  bad_sizes: number;
  undrained: number;
}

interface MemoryReport {
  rss: number;
  heap_used: number;
  external: number;
  connections: number;
}

export async function run_bench(options: BenchOptions): Promise<BenchResults> {
  const started = performance.now();
  const log = options.log;
  const { log: _omit, ...plain_options } = options;
  const results: BenchResults = {
    machine: {
      cpus: os.availableParallelism(),
      cpu_model: os.cpus()[0]?.model ?? "unknown",
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      load_before: os.loadavg(),
      load_after: [],
    },
    source: source_state(),
    options: plain_options,
    rates: {},
    memory: {},
    cpu: {},
    warnings: [],
    elapsed_s: 0,
  };
  const needed = new Set<ServerName>();
  for (const test of options.tests) {
    if (test === "memory") {
      needed.add("gdnet");
      needed.add("ws");
    } else {
      for (const s of RATE_SERVERS[test]) needed.add(s);
    }
  }

  const names = [...needed];
  const sources = [entry(CLIENT), ...names.map((n) => entry(SERVERS[n]))];
  const entries = options.runtime === "compiled" ? compile_for_bench(sources) : sources;
  const servers = new Map<ServerName, BenchChild>();
  const client = new BenchChild("load client", entries[0] as string);
  try {
    names.forEach((name, i) => {
      const flags = options.profile === name ? ["--cpu-prof", `--cpu-prof-dir=${options.profile_dir}`] : [];
      servers.set(name, new BenchChild(`${name} server`, entries[i + 1] as string, { node_flags: flags }));
    });
    await Promise.all([client.ready(), ...[...servers.values()].map((s) => s.ready())]);
    if (options.profile) results.warnings.push(`The ${options.profile} server ran under --cpu-prof: its figures are not comparable.`);
    const server = (name: ServerName): BenchChild => servers.get(name) as BenchChild;

    for (const test of options.tests) {
      if (test === "memory") {
        await run_memory(options, client, server, results);
        continue;
      }
      const names = RATE_SERVERS[test];
      const table: Partial<Record<ServerName, number[]>> = {};
      const cpu_table: Partial<Record<ServerName, { server: number[]; client: number[] }>> = {};
      results.rates[test] = table;
      results.cpu[test] = cpu_table;
      for (let round = 0; round < options.rounds; round++) {
        const parts: string[] = [];
        for (const name of rotate(names, round)) {
          const { value, server_cpu, client_cpu } = await run_rate(test, options, client, server(name), name, results.warnings);
          (table[name] ??= []).push(value);
          const cpu = (cpu_table[name] ??= { server: [], client: [] });
          cpu.server.push(server_cpu);
          cpu.client.push(client_cpu);
          parts.push(`${name} ${Math.round(value).toLocaleString("en-US")}`);
          await sleep(150);
        }
        log(`${test.padEnd(10)} round ${round + 1}/${options.rounds}: ${parts.join(", ")}`);
      }
      for (const name of names) {
        const stats = await server(name).request<{ send_failures: number }>("stats");
        if (stats.send_failures > 0) results.warnings.push(`${name} server: ${stats.send_failures} send() calls failed (during ${test} or before).`);
      }
    }
  } finally {
    await Promise.all([client.stop(), ...[...servers.values()].map((s) => s.stop())]);
    for (const child of [client, ...servers.values()]) {
      if (child.stderr_line_count > 0) {
        results.warnings.push(
          `${child.name} wrote ${child.stderr_line_count} line(s) to stderr, first: ${child.stderr_lines.slice(0, 3).join(" / ")}`,
        );
      }
    }
  }
  results.machine.load_after = os.loadavg();
  results.elapsed_s = (performance.now() - started) / 1000;
  return results;
}

async function run_rate(
  test: RateTest,
  o: BenchOptions,
  client: BenchChild,
  server: BenchChild,
  name: ServerName,
  warnings: string[],
): Promise<{ value: number; server_cpu: number; client_cpu: number }> {
  // The server's CPU over the client's measured window, sampled from here on the same schedule.
  const server_cpu = (async (): Promise<number> => {
    await sleep(o.warmup_ms);
    const a = await server.request<{ cpu_us: number }>("stats");
    const t0 = performance.now();
    await sleep(o.duration_ms);
    const b = await server.request<{ cpu_us: number }>("stats");
    return (b.cpu_us - a.cpu_us) / 1000 / (performance.now() - t0);
  })();
  if (test === "handshakes") {
    const r = await client.request<{ handshakes_per_s: number; failures: number; client_cpu: number }>("handshakes", {
      port: server.port,
      concurrency: o.handshake_concurrency,
      warmup_ms: o.warmup_ms,
      duration_ms: o.duration_ms,
    });
    if (r.failures > 0) warnings.push(`handshakes with ${name}: ${r.failures} failed`);
    return { value: r.handshakes_per_s, server_cpu: await server_cpu, client_cpu: r.client_cpu };
  }
  const large = test === "large";
  const r = await client.request<EchoResult>("echo", {
    port: server.port,
    protocol: name === "tcp" ? "tcp" : "ws",
    connections: large ? o.large_connections : o.connections,
    window: large ? o.large_window : o.window,
    payload_size: large ? o.large_size : o.small_size,
    text: test === "text",
    warmup_ms: o.warmup_ms,
    duration_ms: o.duration_ms,
  });
  const problems = (["connections_failed", "errors", "forced_closes", "bad_sizes", "undrained"] as const).filter((k) => r[k] > 0);
  if (problems.length > 0) warnings.push(`${test} with ${name}: ${problems.map((k) => `${k}=${r[k]}`).join(", ")}`);
  return { value: large ? r.mib_per_s : r.messages_per_s, server_cpu: await server_cpu, client_cpu: r.client_cpu };
}

async function wait_for_connections(server: BenchChild, want: number, timeout_ms: number): Promise<number> {
  const deadline = performance.now() + timeout_ms;
  for (;;) {
    const { connections } = await server.request<{ connections: number }>("stats");
    if (connections === want || performance.now() > deadline) return connections;
    await sleep(50);
  }
}

/** The soft limit on open files that children inherit, or Infinity when it cannot be read. */
function open_file_limit(): number {
  try {
    const text = execFileSync("sh", ["-c", "ulimit -n"], { encoding: "utf8" }).trim();
    return text === "unlimited" ? Infinity : Number(text) || Infinity;
  } catch {
    return Infinity;
  }
}

async function run_memory(o: BenchOptions, client: BenchChild, server: (n: ServerName) => BenchChild, results: BenchResults): Promise<void> {
  const names: ServerName[] = ["gdnet", "ws"];
  // Client and server each hold one descriptor per connection, plus ~100 of their own.
  const limit = open_file_limit();
  const n = Math.min(o.idle_connections, limit - 150);
  if (n < o.idle_connections) {
    results.warnings.push(`ulimit -n is ${limit}: memory measured with ${n} idle connections instead of ${o.idle_connections}`);
  }
  // Warm-up: let each server compile its connection path before anything is measured.
  for (const name of names) {
    await client.request("open_idle", { port: server(name).port, count: Math.min(200, n), concurrency: 50 });
    await client.request("close_idle");
    await wait_for_connections(server(name), 0, 10000);
  }
  for (let round = 0; round < o.memory_rounds; round++) {
    const parts: string[] = [];
    for (const name of rotate(names, round)) {
      const s = server(name);
      await wait_for_connections(s, 0, 10000);
      const before = await s.request<MemoryReport>("memory");
      const opened = await client.request<{ opened: number; failures: number }>("open_idle", { port: s.port, count: n, concurrency: 50 }, 120000);
      if (opened.failures > 0) results.warnings.push(`memory with ${name}: ${opened.failures} of ${n} connections failed`);
      const seen = await wait_for_connections(s, opened.opened, 10000);
      await sleep(300);
      const after = await s.request<MemoryReport>("memory");
      await client.request("close_idle", {}, 60000);
      const count = Math.max(1, opened.opened);
      const sample: MemorySample = {
        heap_external: (after.heap_used + after.external - before.heap_used - before.external) / count,
        rss: (after.rss - before.rss) / count,
        server_connections: seen,
      };
      if (seen !== n) results.warnings.push(`memory with ${name}: the server counted ${seen} open connections, not ${n}`);
      (results.memory[name] ??= []).push(sample);
      parts.push(`${name} ${Math.round(sample.heap_external)} B heap+ext, ${Math.round(sample.rss)} B rss`);
      await sleep(150);
    }
    o.log(`memory     round ${round + 1}/${o.memory_rounds}: ${parts.join("; ")} per connection`);
  }
}
