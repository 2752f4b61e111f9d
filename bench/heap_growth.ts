/**
 * What an idle connection costs a server, object by object: opens N idle
 * WebSocket connections to one bench server (compiled, as in the bench),
 * takes a heap snapshot before and after, and prints the heap growth per
 * connection grouped by object kind and constructor.
 *
 *   npx tsx bench/heap_growth.ts [--server gdnet|ws] [--idle 2000] [--top 30]
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { BenchChild } from "./lib/child_process_rpc.js";
import { compile_for_bench } from "./lib/compile_for_bench.js";

const { values } = parseArgs({
  options: {
    server: { type: "string", default: "gdnet" },
    idle: { type: "string", default: "2000" },
    top: { type: "string", default: "30" },
  },
});
const server_name = values.server;
if (server_name !== "gdnet" && server_name !== "ws") {
  process.stderr.write("--server must be gdnet or ws\n");
  process.exit(2);
}
const count = Number(values.idle);

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Self size and count per "type:name" (names kept for objects, closures and arrays). */
function tally(file: string): Map<string, { bytes: number; count: number }> {
  const snap = JSON.parse(readFileSync(file, "utf8")) as Snapshot;
  const fields = snap.snapshot.meta.node_fields;
  const types = snap.snapshot.meta.node_types[0];
  const width = fields.length;
  const i_type = fields.indexOf("type");
  const i_name = fields.indexOf("name");
  const i_size = fields.indexOf("self_size");
  const out = new Map<string, { bytes: number; count: number }>();
  const nodes = snap.nodes;
  for (let i = 0; i < nodes.length; i += width) {
    const type = types[nodes[i + i_type] as number] ?? "?";
    const named = type === "object" || type === "closure" || type === "array" || type === "native";
    const key = named ? `${type} ${(snap.strings[nodes[i + i_name] as number] ?? "").slice(0, 60)}` : type;
    const entry = out.get(key) ?? { bytes: 0, count: 0 };
    entry.bytes += nodes[i + i_size] as number;
    entry.count++;
    out.set(key, entry);
  }
  return out;
}

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));
const [server_js, client_js] = compile_for_bench([here(`servers/${server_name}_echo_server.ts`), here("load_client.ts")]);
const server = new BenchChild(`${server_name} server`, server_js as string);
const client = new BenchChild("load client", client_js as string);
const dir = mkdtempSync(path.join(tmpdir(), "gdnet-heap-"));
try {
  await Promise.all([server.ready(), client.ready()]);
  // Warm-up, so compiled code and lazily built tables are in both snapshots.
  await client.request("open_idle", { port: server.port, count: 200, concurrency: 50 });
  await client.request("close_idle");
  await new Promise((r) => setTimeout(r, 500));
  const before_file = path.join(dir, "before.heapsnapshot");
  const after_file = path.join(dir, "after.heapsnapshot");
  await server.request("snapshot", { file: before_file }, 120000);
  const opened = await client.request<{ opened: number }>("open_idle", { port: server.port, count, concurrency: 50 }, 120000);
  await new Promise((r) => setTimeout(r, 500));
  await server.request("snapshot", { file: after_file }, 120000);
  await client.request("close_idle", {}, 60000);
  const before = tally(before_file);
  const after = tally(after_file);
  const rows: { key: string; bytes: number; count: number }[] = [];
  for (const [key, a] of after) {
    const b = before.get(key) ?? { bytes: 0, count: 0 };
    rows.push({ key, bytes: (a.bytes - b.bytes) / opened.opened, count: (a.count - b.count) / opened.opened });
  }
  rows.sort((x, y) => y.bytes - x.bytes);
  const total = rows.reduce((s, r) => s + r.bytes, 0);
  process.stdout.write(`${server_name}: ${opened.opened} idle connections, heap growth ${total.toFixed(0)} B per connection\n`);
  for (const r of rows.slice(0, Number(values.top))) {
    process.stdout.write(`${r.bytes.toFixed(0).padStart(7)} B ${r.count.toFixed(2).padStart(6)}×  ${r.key}\n`);
  }
} finally {
  await Promise.all([server.stop(), client.stop()]);
  rmSync(dir, { recursive: true, force: true });
}
