/**
 * gdnet's relay server for bench/lobby_relay_bench.ts: a
 * WebSocketMultiplayerPeer server (Godot 4 wire protocol: a new client is
 * sent its 4-byte id first) that sends every packet it receives to every
 * other peer, as a lobby relaying a game's traffic does. The loop is the
 * lobby example's: poll, drain, then sleep in wait_for_io(). Driven over IPC
 * (request: stats).
 */
import { OK, WebSocketMultiplayerPeer, wait_for_io } from "../../src/index.js";
import { cpu_us, say_ready, serve_requests } from "../lib/child_side.js";

const server = new WebSocketMultiplayerPeer();
if (server.create_server(0, "127.0.0.1") !== OK) {
  process.stderr.write("gdnet relay server: could not listen\n");
  process.exit(1);
}

let connections = 0;
server.connect("peer_connected", () => connections++);
server.connect("peer_disconnected", () => connections--);

let running = true;
serve_requests(
  (cmd) => {
    if (cmd === "stats") return { connections, send_failures: 0, cpu_us: cpu_us(), wall_ms: performance.now() };
    throw new Error(`unknown command ${cmd}`);
  },
  () => {
    running = false;
    server.close();
  },
);

async function main(): Promise<void> {
  say_ready({ port: server._get_local_port() });
  while (running) {
    server.poll();
    while (server.get_available_packet_count() > 0) {
      const from = server.get_packet_peer();
      const packet = server.get_packet();
      // Everyone but the sender.
      server.set_target_peer(-from);
      server.put_packet(packet);
    }
    await wait_for_io(100);
    // As the lobby example: let socket reads run even when writes keep waking the loop.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

void main();
