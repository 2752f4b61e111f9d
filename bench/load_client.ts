/**
 * The bench's load client, one process for every server so each is measured
 * by the same thing. Raw sockets, no WebSocket library: frames are
 * pre-encoded (lib/client_frames.ts), a window of messages stays in flight on
 * each connection, and every echoed message is answered by sending one more,
 * batched per received chunk. Driven by bench/websocket_bench.ts over IPC:
 *
 *   echo        {port, protocol: "ws"|"tcp", connections, window, payload_size, text, warmup_ms, duration_ms}
 *   handshakes  {port, concurrency, warmup_ms, duration_ms}
 *   open_idle   {port, count, concurrency}     then   close_idle {}
 */
import * as net from "node:net";
import { performance } from "node:perf_hooks";
import {
  FrameCounter,
  OP_BINARY,
  OP_TEXT,
  close_frame,
  frame_window,
  header_block_end,
  is_valid_upgrade,
  upgrade_request,
} from "./lib/client_frames.js";
import { cpu_us, say_ready, serve_requests } from "./lib/child_side.js";

const HOST = "127.0.0.1";
const CLOSE = close_frame();

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A payload of exactly `size` bytes: random for binary, valid UTF-8 text (mostly ASCII, some 2-byte letters) for text. */
function make_payload(size: number, text: boolean): Buffer {
  if (!text) {
    const out = Buffer.allocUnsafe(size);
    for (let i = 0; i < size; i++) out[i] = (i * 131 + 17) & 0xff;
    return out;
  }
  const sample = "gdnet bench: héllo wörld, ünïcode and plain ASCII text {\"n\":42} ";
  let s = "";
  while (Buffer.byteLength(s) < size) s += sample;
  let out = Buffer.from(s);
  // Trim to size on a character boundary, padding with ASCII.
  let cut = size;
  while (cut > 0 && ((out[cut] as number) & 0xc0) === 0x80) cut--;
  out = Buffer.concat([out.subarray(0, cut), Buffer.alloc(size - cut, 0x2e)]);
  return out;
}

/** Resolves with the leftover bytes after a valid 101 response, or rejects. */
function handshake(socket: net.Socket, port: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    let text = "";
    const on_data = (chunk: Buffer): void => {
      text += chunk.toString("latin1");
      const end = header_block_end(text);
      if (end < 0) {
        if (text.length > 8192) fail(new Error("handshake response too long"));
        return;
      }
      cleanup();
      if (!is_valid_upgrade(text.slice(0, end))) {
        reject(new Error(`bad handshake response: ${JSON.stringify(text.slice(0, 60))}`));
        return;
      }
      resolve(Buffer.from(text.slice(end), "latin1"));
    };
    const fail = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const on_close = (): void => fail(new Error("closed during the handshake"));
    const cleanup = (): void => {
      socket.off("data", on_data);
      socket.off("error", fail);
      socket.off("close", on_close);
    };
    socket.on("data", on_data);
    socket.on("error", fail);
    socket.on("close", on_close);
    socket.write(upgrade_request(port));
  });
}

function connect(port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: HOST, port, noDelay: true });
    socket.once("connect", () => {
      socket.off("error", reject);
      resolve(socket);
    });
    socket.once("error", reject);
  });
}

/** Waits until every socket has closed, destroying the rest after `timeout_ms`. */
async function close_all(sockets: net.Socket[], timeout_ms: number): Promise<number> {
  const waits = sockets.map((s) => (s.destroyed ? Promise.resolve() : new Promise<void>((r) => s.once("close", () => r()))));
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timed_out = await Promise.race([
    Promise.all(waits).then(() => false),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(true), timeout_ms))),
  ]);
  clearTimeout(timer);
  let forced = 0;
  if (timed_out) {
    for (const s of sockets) {
      if (!s.destroyed) {
        forced++;
        s.destroy();
      }
    }
  }
  return forced;
}

/** Sums of the measured quantity, sampled at the start and the end of the window. */
async function measure_window(
  warmup_ms: number,
  duration_ms: number,
  sample: () => number,
): Promise<{ count: number; elapsed_ms: number; client_cpu: number }> {
  await sleep(warmup_ms);
  const c0 = sample();
  const t0 = performance.now();
  const u0 = cpu_us();
  await sleep(duration_ms);
  const c1 = sample();
  const t1 = performance.now();
  const u1 = cpu_us();
  // The client's share of one core while measuring: near 1 means it may be the bottleneck.
  return { count: c1 - c0, elapsed_ms: t1 - t0, client_cpu: (u1 - u0) / 1000 / (t1 - t0) };
}

// ---- echo: messages per second with a window in flight ---------------------------

interface EchoArgs {
  port: number;
  protocol: "ws" | "tcp";
  connections: number;
  window: number;
  payload_size: number;
  text: boolean;
  warmup_ms: number;
  duration_ms: number;
}

async function run_echo(a: EchoArgs): Promise<Record<string, number>> {
  const payload = make_payload(a.payload_size, a.text);
  const { buffer, frame_size } = frame_window(a.text ? OP_TEXT : OP_BINARY, payload, a.window);
  let total_messages = 0;
  let running = true;
  let errors = 0;
  const sockets: net.Socket[] = [];
  const counters: FrameCounter[] = [];
  /** Messages sent and not yet echoed, over all connections; the window drains to 0 before closing. */
  let outstanding = 0;
  let drained: () => void = () => {};

  const start_one = async (): Promise<void> => {
    const socket = await connect(a.port);
    sockets.push(socket);
    socket.on("error", () => errors++);
    const leftover = a.protocol === "ws" ? await handshake(socket, a.port) : Buffer.alloc(0);
    const counter = new FrameCounter();
    counters.push(counter);
    const on_chunk = (chunk: Buffer): void => {
      const done = counter.push(chunk);
      if (done === 0) return;
      total_messages += done;
      if (running) {
        socket.write(buffer.subarray(0, done * frame_size));
      } else {
        outstanding -= done;
        if (outstanding === 0) drained();
      }
    };
    socket.on("data", on_chunk);
    outstanding += a.window;
    socket.write(buffer);
    if (leftover.length > 0) on_chunk(leftover);
  };
  const started = await Promise.allSettled(Array.from({ length: a.connections }, start_one));
  const failed = started.filter((r) => r.status === "rejected").length;
  if (failed === a.connections) throw new Error(`no connection could start: ${String((started[0] as PromiseRejectedResult).reason)}`);

  const { count, elapsed_ms, client_cpu } = await measure_window(a.warmup_ms, a.duration_ms, () => total_messages);
  running = false;
  // Let every message in flight come back before the Close, so no server is
  // left echoing into a closing connection.
  if (outstanding > 0) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await new Promise<void>((resolve) => {
      drained = resolve;
      timer = setTimeout(resolve, 5000);
    });
    clearTimeout(timer);
  }
  const undrained = outstanding;
  for (const s of sockets) {
    if (a.protocol === "ws") s.write(CLOSE);
    s.end();
  }
  const forced = await close_all(sockets, 5000);
  let bad_sizes = 0;
  for (const c of counters) if (c.payload_bytes !== c.messages * a.payload_size) bad_sizes++;
  return {
    messages: count,
    elapsed_ms,
    client_cpu,
    messages_per_s: (count * 1000) / elapsed_ms,
    mib_per_s: (count * a.payload_size * 1000) / elapsed_ms / (1024 * 1024),
    connections_failed: failed,
    errors,
    forced_closes: forced,
    bad_sizes,
    undrained,
  };
}

// ---- handshakes per second ----------------------------------------------------------

interface HandshakeArgs {
  port: number;
  concurrency: number;
  warmup_ms: number;
  duration_ms: number;
}

async function run_handshakes(a: HandshakeArgs): Promise<Record<string, number>> {
  let done = 0;
  let failures = 0;
  let running = true;
  const live = new Set<net.Socket>();
  let finished_all: () => void = () => {};
  const all_finished = new Promise<void>((r) => (finished_all = r));

  // One slot: connect, upgrade, count the 101, send Close, wait for the end, repeat.
  const cycle = (): void => {
    if (!running) {
      if (live.size === 0) finished_all();
      return;
    }
    const socket = net.connect({ host: HOST, port: a.port, noDelay: true });
    live.add(socket);
    let text = "";
    let upgraded = false;
    socket.on("connect", () => socket.write(upgrade_request(a.port)));
    socket.on("data", (chunk: Buffer) => {
      if (upgraded) return;
      text += chunk.toString("latin1");
      const end = header_block_end(text);
      if (end < 0) return;
      upgraded = true;
      if (is_valid_upgrade(text.slice(0, end))) {
        done++;
        socket.write(CLOSE);
      } else {
        failures++;
        socket.destroy();
      }
    });
    socket.on("error", () => {
      if (!upgraded) failures++;
    });
    socket.on("close", () => {
      live.delete(socket);
      cycle();
    });
  };
  for (let i = 0; i < a.concurrency; i++) cycle();
  const { count, elapsed_ms, client_cpu } = await measure_window(a.warmup_ms, a.duration_ms, () => done);
  running = false;
  if (live.size > 0) {
    const timer = setTimeout(() => {
      for (const s of live) s.destroy();
    }, 5000);
    await all_finished;
    clearTimeout(timer);
  }
  return { handshakes: count, elapsed_ms, client_cpu, handshakes_per_s: (count * 1000) / elapsed_ms, failures };
}

// ---- idle connections (server memory) -------------------------------------------

const idle: net.Socket[] = [];

async function open_idle(a: { port: number; count: number; concurrency: number }): Promise<Record<string, number>> {
  let next = 0;
  let failures = 0;
  const t0 = performance.now();
  const worker = async (): Promise<void> => {
    while (next < a.count) {
      next++;
      try {
        const socket = await connect(a.port);
        socket.on("error", () => {});
        idle.push(socket);
        await handshake(socket, a.port);
      } catch {
        failures++;
      }
    }
  };
  await Promise.all(Array.from({ length: a.concurrency }, worker));
  return { opened: a.count - failures, failures, elapsed_ms: performance.now() - t0 };
}

async function close_idle(): Promise<Record<string, number>> {
  const list = idle.splice(0);
  for (const s of list) {
    if (!s.destroyed) {
      s.write(CLOSE);
      s.end();
    }
  }
  const forced = await close_all(list, 10000);
  return { closed: list.length, forced_closes: forced };
}

serve_requests(async (cmd, msg) => {
  switch (cmd) {
    case "echo":
      return run_echo(msg as unknown as EchoArgs);
    case "handshakes":
      return run_handshakes(msg as unknown as HandshakeArgs);
    case "open_idle":
      return open_idle(msg as unknown as { port: number; count: number; concurrency: number });
    case "close_idle":
      return close_idle();
    default:
      throw new Error(`unknown command ${cmd}`);
  }
});
say_ready();
