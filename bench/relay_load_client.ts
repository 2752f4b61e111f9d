/**
 * The load client of bench/lobby_relay_bench.ts: many raw WebSocket client
 * connections (no WebSocket library; masked frames pre-encoded by
 * lib/client_frames.ts) to a relay server. Each waits for its id message,
 * then all of them send 64-byte binary packets at a paced rate, with a bound
 * on packets not yet delivered everywhere, and the messages the server
 * relays to them are counted by walking frame headers. Driven over IPC:
 *
 *   open   {port, clients}                          connect, handshake, wait for every id message
 *   run    {rate, window, payload_size, warmup_ms, duration_ms}
 *   close  {}                                        Close frames, wait for the server to close
 */
import * as net from "node:net";
import { performance } from "node:perf_hooks";
import { FrameCounter, OP_BINARY, close_frame, frame_window, header_block_end, is_valid_upgrade, upgrade_request } from "./lib/client_frames.js";
import { cpu_us, say_ready, serve_requests } from "./lib/child_side.js";

const HOST = "127.0.0.1";
const CLOSE = close_frame();

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Client {
  socket: net.Socket;
  counter: FrameCounter;
}

let clients: Client[] = [];
/** Messages received by all clients since open (id messages included). */
let received = 0;
let errors = 0;

/** Connects and upgrades one socket; resolves with the bytes that followed the 101. */
function open_one(port: number): Promise<{ socket: net.Socket; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: HOST, port, noDelay: true });
    let text = "";
    const fail = (error: Error): void => {
      socket.destroy();
      reject(error);
    };
    const on_data = (chunk: Buffer): void => {
      text += chunk.toString("latin1");
      const end = header_block_end(text);
      if (end < 0) return;
      socket.off("data", on_data);
      socket.off("error", fail);
      if (!is_valid_upgrade(text.slice(0, end))) return fail(new Error(`bad handshake response: ${JSON.stringify(text.slice(0, 60))}`));
      resolve({ socket, rest: Buffer.from(text.slice(end), "latin1") });
    };
    socket.on("connect", () => socket.write(upgrade_request(port)));
    socket.on("data", on_data);
    socket.on("error", fail);
  });
}

async function open(a: { port: number; clients: number }): Promise<Record<string, number>> {
  received = 0;
  errors = 0;
  clients = [];
  let failures = 0;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < a.clients) {
      next++;
      try {
        const { socket, rest } = await open_one(a.port);
        const client: Client = { socket, counter: new FrameCounter() };
        socket.on("data", (chunk: Buffer) => (received += client.counter.push(chunk)));
        socket.on("error", () => errors++);
        if (rest.length > 0) received += client.counter.push(rest);
        clients.push(client);
      } catch {
        failures++;
      }
    }
  };
  await Promise.all(Array.from({ length: 20 }, worker));
  // Every client must have its id before anyone sends, or it would miss packets.
  const deadline = performance.now() + 10000;
  while (clients.some((c) => c.counter.messages < 1) && performance.now() < deadline) await sleep(10);
  const without_id = clients.filter((c) => c.counter.messages < 1).length;
  return { opened: clients.length, failures, without_id };
}

async function run(a: { rate: number; window: number; payload_size: number; warmup_ms: number; duration_ms: number }): Promise<Record<string, number>> {
  const n = clients.length;
  const fanout = n - 1;
  const payload = Buffer.allocUnsafe(a.payload_size);
  for (let i = 0; i < payload.length; i++) payload[i] = (i * 131 + 17) & 0xff;
  const per_write = Math.max(1, a.window);
  const { buffer, frame_size } = frame_window(OP_BINARY, payload, per_write);
  const base = received;
  const limit = a.window * n; // packets sent but not yet seen by all the others
  const rate_total = a.rate * n; // packets/s offered
  let sent = 0;
  let tokens = 0;
  let last = performance.now();
  let turn = 0;
  let window_full_ticks = 0;
  let ticks = 0;
  const pump = (): void => {
    const now = performance.now();
    // At most 10 ms of credit, so a stalled timer cannot burst.
    tokens = Math.min(tokens + ((now - last) * rate_total) / 1000, rate_total / 100 + 1);
    last = now;
    const delivered_packets = Math.floor((received - base) / fanout);
    const room = limit - (sent - delivered_packets);
    let budget = Math.min(Math.floor(tokens), room);
    ticks++;
    if (room <= Math.floor(tokens)) window_full_ticks++;
    if (budget <= 0) return;
    tokens -= budget;
    // Spread over the clients round-robin, one write per client.
    const each = Math.max(1, Math.ceil(budget / n));
    for (let k = 0; k < n && budget > 0; k++) {
      const client = clients[turn] as Client;
      turn = (turn + 1) % n;
      const count = Math.min(each, budget, per_write);
      client.socket.write(buffer.subarray(0, count * frame_size));
      sent += count;
      budget -= count;
    }
  };
  const timer = setInterval(pump, 1);
  await sleep(a.warmup_ms);
  const r0 = received;
  const s0 = sent;
  const c0 = cpu_us();
  const t0 = performance.now();
  const w0 = window_full_ticks;
  const k0 = ticks;
  await sleep(a.duration_ms);
  const r1 = received;
  const s1 = sent;
  const c1 = cpu_us();
  const t1 = performance.now();
  const window_share = (window_full_ticks - w0) / Math.max(1, ticks - k0);
  clearInterval(timer);
  // Drain: every packet sent should reach all the others.
  const want = base + sent * fanout;
  const deadline = performance.now() + 5000;
  while (received < want && performance.now() < deadline) await sleep(10);
  const seconds = (t1 - t0) / 1000;
  return {
    delivered_per_s: (r1 - r0) / seconds,
    offered_per_s: ((s1 - s0) * fanout) / seconds,
    sent_per_s: (s1 - s0) / seconds,
    client_cpu: (c1 - c0) / 1000 / (t1 - t0),
    window_full_share: window_share,
    undrained: Math.max(0, want - received),
    extra: Math.max(0, received - want),
    errors,
  };
}

async function close(): Promise<Record<string, number>> {
  const waits = clients.map((c) => (c.socket.destroyed ? Promise.resolve() : new Promise<void>((r) => c.socket.once("close", () => r()))));
  for (const c of clients) if (!c.socket.destroyed) c.socket.write(CLOSE);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timed_out = await Promise.race([
    Promise.all(waits).then(() => false),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(true), 5000))),
  ]);
  clearTimeout(timer);
  let forced = 0;
  if (timed_out) {
    for (const c of clients) {
      if (!c.socket.destroyed) {
        forced++;
        c.socket.destroy();
      }
    }
  }
  clients = [];
  return { forced_closes: forced };
}

serve_requests(async (cmd, msg) => {
  switch (cmd) {
    case "open":
      return open(msg as unknown as { port: number; clients: number });
    case "run":
      return run(msg as unknown as { rate: number; window: number; payload_size: number; warmup_ms: number; duration_ms: number });
    case "close":
      return close();
    default:
      throw new Error(`unknown command ${cmd}`);
  }
});

say_ready();
