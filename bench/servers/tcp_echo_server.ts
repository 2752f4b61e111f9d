/**
 * A raw TCP echo in Node (socket.pipe(socket)): the ceiling a WebSocket echo
 * server in this runtime could approach, and a check that the load client is
 * faster than the servers it measures. Driven by bench/websocket_bench.ts.
 */
import * as net from "node:net";
import { cpu_us, measured_memory, say_ready, serve_requests } from "../lib/child_side.js";

const sockets = new Set<net.Socket>();
const server = net.createServer((socket) => {
  socket.setNoDelay(true);
  socket.on("error", () => {});
  sockets.add(socket);
  socket.on("close", () => sockets.delete(socket));
  socket.pipe(socket);
});

serve_requests(
  (cmd) => {
    if (cmd === "memory") return { ...measured_memory(), connections: sockets.size };
    if (cmd === "stats") return { connections: sockets.size, send_failures: 0, cpu_us: cpu_us() };
    throw new Error(`unknown command ${cmd}`);
  },
  () => server.close(),
);

server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  say_ready({ port: typeof address === "object" && address !== null ? address.port : 0 });
});
