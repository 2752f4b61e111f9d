/**
 * Relay bench of the "Multiplayer" issue: a lobby relaying 64-byte packets
 * among 100 clients, gdnet's WebSocketMultiplayerPeer server
 * (servers/gdnet_relay_server.ts) beside the same relay written with `ws`
 * (servers/ws_relay_server.ts). Each server and the load client
 * (relay_load_client.ts) run in their own process; rounds alternate the
 * servers (the order rotates each round); medians of delivered messages/s
 * (each packet counts once per client it reaches) and their ratio.
 *
 *   npm run bench:relay
 *   npx tsx bench/lobby_relay_bench.ts --rounds 3 --duration 1500 --clients 100 --rate 300 --window 8 --json out.json
 *
 * Loopback only; the whole run is bounded (a watchdog ends it after 85 s)
 * and every child exits with it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import * as os from "node:os";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { BenchChild } from "./lib/child_process_rpc.js";
import { compile_for_bench } from "./lib/compile_for_bench.js";
import { fmt, fmt_ratio, markdown_table, median } from "./lib/stats.js";

type Name = "gdnet" | "ws";
const NAMES: readonly Name[] = ["gdnet", "ws"];

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "3" },
    warmup: { type: "string", default: "500" },
    duration: { type: "string", default: "1500" },
    clients: { type: "string", default: "100" },
    rate: { type: "string", default: "300" }, // packets/s per client
    window: { type: "string", default: "8" }, // undelivered packets per client
    size: { type: "string", default: "64" },
    runtime: { type: "string", default: "compiled" },
    json: { type: "string" },
  },
});
const o = {
  rounds: Number(values.rounds),
  warmup_ms: Number(values.warmup),
  duration_ms: Number(values.duration),
  clients: Number(values.clients),
  rate: Number(values.rate),
  window: Number(values.window),
  payload_size: Number(values.size),
  runtime: values.runtime === "tsx" ? "tsx" : "compiled",
};

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const entry = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

interface RunResult {
  delivered_per_s: number;
  offered_per_s: number;
  sent_per_s: number;
  client_cpu: number;
  window_full_share: number;
  undrained: number;
  extra: number;
  errors: number;
}

/** Clock ticks per second of /proc's CPU times (100 on Linux almost everywhere). */
const CLOCK_TICKS = ((): number => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

const children: BenchChild[] = [];
const watchdog = setTimeout(() => {
  log("lobby relay bench: over 85 s, stopping");
  for (const c of children) c.process.kill("SIGKILL");
  process.exit(1);
}, 85000);

/** User + system CPU time of a process from /proc/<pid>/stat, in ms; null where that cannot be read. */
function proc_cpu_ms(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th of the line.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

async function wait_connections(server: BenchChild, want: number, timeout_ms: number): Promise<number> {
  const deadline = performance.now() + timeout_ms;
  for (;;) {
    const { connections } = await server.request<{ connections: number }>("stats");
    if (connections === want || performance.now() > deadline) return connections;
    await sleep(20);
  }
}

async function round_for(client: BenchChild, server: BenchChild, name: Name, warnings: string[]): Promise<RunResult & { server_cpu: number }> {
  await wait_connections(server, 0, 5000);
  const opened = await client.request<{ opened: number; failures: number; without_id: number }>("open", { port: server.port, clients: o.clients });
  if (opened.failures > 0 || opened.without_id > 0) warnings.push(`${name}: ${opened.failures} connections failed, ${opened.without_id} got no id`);
  const seen = await wait_connections(server, opened.opened, 5000);
  if (seen !== opened.opened) warnings.push(`${name}: the server counted ${seen} peers, not ${opened.opened}`);
  // The server's CPU over the client's measured window, on the same schedule.
  const server_cpu = (async (): Promise<number> => {
    await sleep(o.warmup_ms);
    // Read from /proc where there is one: a saturated server answers IPC late, which skews its own figures.
    const pid = server.process.pid ?? 0;
    const proc_a = proc_cpu_ms(pid);
    const a = proc_a === null ? await server.request<{ cpu_us: number; wall_ms: number }>("stats") : null;
    const t0 = performance.now();
    await sleep(o.duration_ms);
    const proc_b = proc_cpu_ms(pid);
    if (proc_a !== null && proc_b !== null) return (proc_b - proc_a) / (performance.now() - t0);
    const b = await server.request<{ cpu_us: number; wall_ms: number }>("stats");
    return a ? (b.cpu_us - a.cpu_us) / 1000 / Math.max(1, b.wall_ms - a.wall_ms) : Number.NaN;
  })();
  const r = await client.request<RunResult>("run", {
    rate: o.rate,
    window: o.window,
    payload_size: o.payload_size,
    warmup_ms: o.warmup_ms,
    duration_ms: o.duration_ms,
  });
  const closed = await client.request<{ forced_closes: number }>("close");
  const problems = Object.entries({ undrained: r.undrained, extra: r.extra, errors: r.errors, forced_closes: closed.forced_closes }).filter(([, v]) => v > 0);
  if (problems.length > 0) warnings.push(`${name}: ${problems.map(([k, v]) => `${k}=${v}`).join(", ")}`);
  return { ...r, server_cpu: await server_cpu };
}

async function main(): Promise<void> {
  const started = performance.now();
  const load_before = os.loadavg();
  const sources = [entry("./relay_load_client.ts"), entry("./servers/gdnet_relay_server.ts"), entry("./servers/ws_relay_server.ts")];
  const [client_entry, gdnet_entry, ws_entry] = (o.runtime === "compiled" ? compile_for_bench(sources) : sources) as [string, string, string];
  const client = new BenchChild("relay load client", client_entry);
  const servers: Record<Name, BenchChild> = {
    gdnet: new BenchChild("gdnet relay server", gdnet_entry),
    ws: new BenchChild("ws relay server", ws_entry),
  };
  children.push(client, servers.gdnet, servers.ws);
  const warnings: string[] = [];
  const rounds: Record<Name, (RunResult & { server_cpu: number })[]> = { gdnet: [], ws: [] };
  try {
    await Promise.all(children.map((c) => c.ready()));
    for (let round = 0; round < o.rounds; round++) {
      const order = round % 2 === 0 ? NAMES : [...NAMES].reverse();
      const parts: string[] = [];
      for (const name of order) {
        const r = await round_for(client, servers[name], name, warnings);
        rounds[name].push(r);
        parts.push(`${name} ${fmt(r.delivered_per_s)} (server cpu ${r.server_cpu.toFixed(2)}, client ${r.client_cpu.toFixed(2)})`);
        await sleep(150);
      }
      log(`relay round ${round + 1}/${o.rounds}: ${parts.join(", ")}`);
    }
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    for (const c of children) {
      if (c.stderr_line_count > 0) warnings.push(`${c.name} wrote ${c.stderr_line_count} line(s) to stderr, first: ${c.stderr_lines.slice(0, 3).join(" / ")}`);
    }
  }
  const med = (name: Name, key: keyof RunResult | "server_cpu"): number => median(rounds[name].map((r) => r[key]));
  const g = med("gdnet", "delivered_per_s");
  const w = med("ws", "delivered_per_s");
  const row = (name: Name): string[] => [
    name,
    fmt(med(name, "delivered_per_s")),
    fmt(med(name, "offered_per_s")),
    med(name, "server_cpu").toFixed(2),
    med(name, "client_cpu").toFixed(2),
    med(name, "window_full_share").toFixed(2),
  ];
  const elapsed = (performance.now() - started) / 1000;
  const out: string[] = [];
  out.push(
    `Lobby relay: ${o.clients} clients, ${o.payload_size}-byte binary packets, each relayed to the ${o.clients - 1} others; ` +
      `offered ${o.rate} packets/s per client, at most ${o.window} per client undelivered; ` +
      `${o.rounds} rounds of ${o.warmup_ms} ms warm-up + ${o.duration_ms} ms, medians.`,
  );
  out.push("");
  out.push(
    markdown_table(
      ["server", "delivered messages/s", "offered messages/s", "server CPU", "client CPU", "window-bound share"],
      [row("gdnet"), row("ws")],
    ),
  );
  out.push("");
  out.push(`gdnet/ws: ${fmt_ratio(g / w)}`);
  for (const name of NAMES) out.push(`${name} rounds: ${rounds[name].map((r) => fmt(r.delivered_per_s)).join(", ")}`);
  out.push(
    `Machine: ${os.availableParallelism()} CPUs, ${os.cpus()[0]?.model ?? "unknown"}, Node ${process.version}; ` +
      `load ${load_before.map((l) => l.toFixed(2)).join(" ")} -> ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}; ${elapsed.toFixed(1)} s`,
  );
  for (const warning of warnings) out.push(`warning: ${warning}`);
  process.stdout.write(`${out.join("\n")}\n`);
  if (values.json) writeFileSync(values.json, JSON.stringify({ options: o, rounds, medians: { gdnet: g, ws: w }, ratio: g / w, warnings, elapsed_s: elapsed }, null, 2));
}

main().then(
  () => clearTimeout(watchdog),
  (error: unknown) => {
    clearTimeout(watchdog);
    log(`lobby relay bench failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
