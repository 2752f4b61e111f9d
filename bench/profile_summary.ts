/**
 * Summarises a V8 .cpuprofile (as written by node --cpu-prof, e.g. from
 * `npx tsx bench/websocket_bench.ts --only binary --profile gdnet`): the
 * functions with the most self time, and self time per source file.
 *
 *   npx tsx bench/profile_summary.ts bench/profiles/<file>.cpuprofile [--top 25]
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ options: { top: { type: "string", default: "25" } }, allowPositionals: true });
const file = positionals[0];
if (!file) {
  process.stderr.write("usage: npx tsx bench/profile_summary.ts <file.cpuprofile> [--top N]\n");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const by_id = new Map(profile.nodes.map((n) => [n.id, n]));
const self_us = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i] as number;
  self_us.set(id, (self_us.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
}
let total = 0;
for (const v of self_us.values()) total += v;
let idle = 0;
for (const [id, us] of self_us) if (by_id.get(id)?.callFrame.functionName === "(idle)") idle += us;
/** Shares are of busy time: an echo server idles while the other servers are measured. */
const busy = Math.max(1, total - idle);

function short_url(url: string): string {
  if (url === "") return "(native)";
  const at = url.search(/\/(src|bench|node_modules)\//);
  return at >= 0 ? url.slice(at + 1) : url.replace(/^file:\/\//, "");
}

const by_function = new Map<string, number>();
const by_file = new Map<string, number>();
for (const [id, us] of self_us) {
  const node = by_id.get(id);
  if (!node) continue;
  const f = node.callFrame;
  const where = short_url(f.url);
  const key = `${f.functionName || "(anonymous)"}  ${where}${f.url ? `:${f.lineNumber + 1}` : ""}`;
  by_function.set(key, (by_function.get(key) ?? 0) + us);
  const file_key = f.url ? where : f.functionName || "(anonymous)";
  by_file.set(file_key, (by_file.get(file_key) ?? 0) + us);
}

const top = Number(values.top);
const pct = (us: number): string => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
process.stdout.write(
  `${file}: ${(total / 1e6).toFixed(2)} s sampled, ${(busy / 1e6).toFixed(2)} s busy; shares below are of busy time.\n\nTop functions by self time:\n`,
);
for (const [key, us] of [...by_function].filter(([k]) => !k.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${pct(us)}  ${key}\n`);
process.stdout.write("\nSelf time by file (or native/GC entry):\n");
for (const [key, us] of [...by_file].filter(([k]) => k !== "(idle)").sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`${pct(us)}  ${key}\n`);
