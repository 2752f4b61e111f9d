/**
 * gdnet's echo server for the bench, written the way examples/echo_server.ts
 * is (and a Godot server would be): a TCPServer, one WebSocketPeer per
 * connection through accept_stream(), all work in poll(), and the loop
 * sleeping in wait_for_io(). Buffers are sized for 1 MiB messages. Started
 * and driven by bench/websocket_bench.ts over IPC (requests: stats, memory,
 * snapshot {file} for bench/heap_growth.ts).
 */
import { writeHeapSnapshot } from "node:v8";
import { OK, TCPServer, WebSocketPeer, wait_for_io } from "../../src/index.js";
import { cpu_us, measured_memory, say_ready, serve_requests } from "../lib/child_side.js";

const BUFFER_SIZE = 16 * 1024 * 1024 + 1024;

const server = new TCPServer();
if (server.listen(0, "127.0.0.1") !== OK) {
  process.stderr.write("gdnet echo server: could not listen\n");
  process.exit(1);
}

const peers = new Set<WebSocketPeer>();
let send_failures = 0;

function accept(): void {
  while (server.is_connection_available()) {
    const tcp = server.take_connection();
    if (!tcp) return;
    const peer = new WebSocketPeer();
    peer.inbound_buffer_size = BUFFER_SIZE;
    peer.outbound_buffer_size = BUFFER_SIZE;
    if (peer.accept_stream(tcp) === OK) peers.add(peer);
  }
}

function serve(peer: WebSocketPeer): void {
  peer.poll();
  while (peer.get_available_packet_count() > 0) {
    const message = peer.get_packet();
    const mode = peer.was_string_packet() ? WebSocketPeer.WRITE_MODE_TEXT : WebSocketPeer.WRITE_MODE_BINARY;
    if (peer.send(message, mode) !== OK) send_failures++;
  }
  if (peer.get_ready_state() === WebSocketPeer.STATE_CLOSED) peers.delete(peer);
}

function open_count(): number {
  let n = 0;
  for (const peer of peers) if (peer.get_ready_state() === WebSocketPeer.STATE_OPEN) n++;
  return n;
}

let running = true;
serve_requests(
  (cmd, msg) => {
    if (cmd === "snapshot") return void writeHeapSnapshot(String((msg as { file?: string }).file));
    if (cmd === "memory") return { ...measured_memory(), connections: open_count() };
    if (cmd === "stats") return { connections: open_count(), send_failures, cpu_us: cpu_us() };
    throw new Error(`unknown command ${cmd}`);
  },
  () => {
    running = false;
    server.stop();
  },
);

async function main(): Promise<void> {
  say_ready({ port: server.get_local_port() });
  while (running) {
    accept();
    for (const peer of peers) serve(peer);
    await wait_for_io(1000);
  }
}

void main();
