/**
 * The `ws` library's echo server for the bench: WebSocketServer with its
 * defaults (no compression, UTF-8 validation on), each message sent back with
 * its type. Started and driven by bench/websocket_bench.ts over IPC
 * (requests: stats, memory, snapshot {file} for bench/heap_growth.ts).
 */
import { writeHeapSnapshot } from "node:v8";
import { WebSocketServer } from "ws";
import { cpu_us, measured_memory, say_ready, serve_requests } from "../lib/child_side.js";

const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false, maxPayload: 16 * 1024 * 1024 + 1024 });

wss.on("connection", (socket) => {
  socket.on("message", (data, is_binary) => socket.send(data as Buffer, { binary: is_binary }));
  socket.on("error", () => {});
});

serve_requests(
  (cmd, msg) => {
    if (cmd === "snapshot") return void writeHeapSnapshot(String((msg as { file?: string }).file));
    if (cmd === "memory") return { ...measured_memory(), connections: wss.clients.size };
    if (cmd === "stats") return { connections: wss.clients.size, send_failures: 0, cpu_us: cpu_us() };
    throw new Error(`unknown command ${cmd}`);
  },
  () => wss.close(),
);

wss.on("listening", () => {
  const address = wss.address();
  say_ready({ port: typeof address === "object" && address !== null ? address.port : 0 });
});
