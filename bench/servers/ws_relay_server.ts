/**
 * The same relay written with the `ws` library, for
 * bench/lobby_relay_bench.ts: WebSocketServer with its defaults (no
 * compression), a new client is sent its id as a 4-byte little-endian int32
 * first (as Godot's WebSocketMultiplayerPeer does), then every binary message
 * is sent to every other open client. Driven over IPC (request: stats).
 */
import { WebSocket, WebSocketServer } from "ws";
import { cpu_us, say_ready, serve_requests } from "../lib/child_side.js";

const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
let next_id = 2;

wss.on("connection", (socket) => {
  const id = Buffer.allocUnsafe(4);
  id.writeInt32LE(next_id++);
  socket.send(id, { binary: true });
  socket.on("message", (data, is_binary) => {
    if (!is_binary) return;
    for (const other of wss.clients) {
      if (other !== socket && other.readyState === WebSocket.OPEN) other.send(data as Buffer, { binary: true });
    }
  });
  socket.on("error", () => {});
});

serve_requests(
  (cmd) => {
    if (cmd === "stats") return { connections: wss.clients.size, send_failures: 0, cpu_us: cpu_us(), wall_ms: performance.now() };
    throw new Error(`unknown command ${cmd}`);
  },
  () => wss.close(),
);

wss.on("listening", () => {
  const address = wss.address();
  say_ready({ port: typeof address === "object" && address !== null ? address.port : 0 });
});
