/** Turns BenchResults into the Markdown summary the bench prints (and bench/README.md records). */
import type { BenchResults, RateTest, ServerName } from "./bench_runner.js";
import { fmt, fmt_ratio, markdown_table, median } from "./stats.js";

interface Target {
  /** Which ratio the target is about. */
  against: "ws" | "tcp";
  min: number;
  aim?: number;
  /** True when lower is better (memory). */
  lower_is_better?: boolean;
}

const TARGETS: Record<RateTest | "memory", Target> = {
  binary: { against: "ws", min: 5, aim: 10 },
  text: { against: "ws", min: 5, aim: 10 },
  large: { against: "tcp", min: 0.5, aim: 0.8 },
  handshakes: { against: "ws", min: 1 },
  memory: { against: "ws", min: 1, lower_is_better: true },
};

function verdict(ratio: number, t: Target): string {
  if (!Number.isFinite(ratio)) return "n/a";
  if (t.lower_is_better) return ratio <= t.min ? "met" : "**not met**";
  if (ratio < t.min) return "**not met**";
  if (t.aim !== undefined) return ratio >= t.aim ? "met, aim reached" : "met, below aim";
  return "met";
}

function target_text(t: Target): string {
  const base = t.against === "ws" ? "ws" : "raw TCP";
  if (t.lower_is_better) return `≤ ${base}`;
  return `≥ ${t.min}× ${base}${t.aim !== undefined ? ` (aim ${t.aim}×)` : ""}`;
}

export function render_report(r: BenchResults): string {
  const o = r.options;
  const out: string[] = [];
  const m = r.machine;
  out.push(
    `Machine: ${m.cpus} CPUs (${m.cpu_model}), Node ${m.node}, ${m.platform}; load average ${m.load_before.map((x) => x.toFixed(2)).join(" ")} before, ${m.load_after.map((x) => x.toFixed(2)).join(" ")} after; ${r.elapsed_s.toFixed(0)} s.`,
  );
  out.push(`Code: commit ${r.source.commit}${r.source.changed_src_files > 0 ? ` with ${r.source.changed_src_files} file(s) under src/ changed since` : ""}.`);
  out.push(
    `Rounds: ${o.rounds} (memory: ${o.memory_rounds}), each ${o.warmup_ms} ms warm-up + ${o.duration_ms} ms measured; medians over rounds. Children run ${o.runtime === "compiled" ? "as compiled JavaScript" : "through tsx"}.`,
  );
  out.push("");
  const rows: string[][] = [];
  const desc: Record<RateTest, string> = {
    binary: `${o.small_size} B binary, messages/s (${o.connections} conn × ${o.window} in flight)`,
    text: `${o.small_size} B text, messages/s (${o.connections} conn × ${o.window} in flight)`,
    large: `${fmt_size(o.large_size)} binary, MiB/s (${o.large_connections} conn × ${o.large_window} in flight)`,
    handshakes: `handshakes/s (${o.handshake_concurrency} concurrent, each closed)`,
  };
  const med = (test: RateTest, s: ServerName): number => median(r.rates[test]?.[s] ?? []);
  for (const test of ["binary", "text", "large", "handshakes"] as const) {
    if (!r.rates[test]) continue;
    const g = med(test, "gdnet");
    const w = med(test, "ws");
    const t = med(test, "tcp");
    const target = TARGETS[test];
    const ratio = target.against === "ws" ? g / w : g / t;
    rows.push([desc[test], fmt(g), fmt(w), fmt(t), fmt_ratio(g / w), fmt_ratio(g / t), target_text(target), verdict(ratio, target)]);
  }
  if (r.memory.gdnet && r.memory.ws) {
    const g = r.memory.gdnet;
    const w = r.memory.ws;
    const target = TARGETS.memory;
    const gh = median(g.map((x) => x.heap_external));
    const wh = median(w.map((x) => x.heap_external));
    const gr = median(g.map((x) => x.rss));
    const wr = median(w.map((x) => x.rss));
    const idle = Math.max(...g.map((x) => x.server_connections), ...w.map((x) => x.server_connections));
    rows.push([`memory per idle connection, heap+external B (${idle} conn)`, fmt(gh), fmt(wh), "", fmt_ratio(gh / wh), "", target_text(target), verdict(gh / wh, target)]);
    rows.push([`memory per idle connection, RSS B (${idle} conn)`, fmt(gr), fmt(wr), "", fmt_ratio(gr / wr), "", target_text(target), verdict(gr / wr, target)]);
  }
  out.push(markdown_table(["test", "gdnet", "ws", "raw TCP", "gdnet/ws", "gdnet/TCP", "target", "status"], rows));
  out.push("");
  out.push("Every round (in run order of rounds; servers alternate within each):");
  for (const [test, per] of Object.entries(r.rates)) {
    for (const [server, values] of Object.entries(per ?? {})) {
      out.push(`- ${test} ${server}: ${(values as number[]).map(fmt).join(", ")}`);
    }
  }
  for (const [server, samples] of Object.entries(r.memory)) {
    out.push(
      `- memory ${server}: heap+external ${(samples ?? []).map((s) => fmt(s.heap_external)).join(", ")}; rss ${(samples ?? []).map((s) => fmt(s.rss)).join(", ")}`,
    );
  }
  const cpu_lines: string[] = [];
  for (const [test, per] of Object.entries(r.cpu)) {
    const parts = Object.entries(per ?? {}).map(
      ([server, c]) => `${server} ${median(c?.server ?? []).toFixed(2)} / ${median(c?.client ?? []).toFixed(2)}`,
    );
    cpu_lines.push(`- ${test}: ${parts.join("; ")}`);
  }
  if (cpu_lines.length > 0) {
    out.push("");
    out.push("CPU in the measured window, server / load client, as a share of one core (medians; near 1.00 = saturated):");
    out.push(...cpu_lines);
  }
  if (r.warnings.length > 0) {
    out.push("");
    out.push("Warnings:");
    for (const w of r.warnings) out.push(`- ${w}`);
  }
  return out.join("\n");
}

function fmt_size(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} B`;
}
