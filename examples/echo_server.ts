/**
 * A WebSocket echo server built the way a Godot 4 server is: a TCPServer,
 * one WebSocketPeer per connection via accept_stream(), everything driven by
 * poll(). Every message is echoed with its type (text stays text).
 *
 *   npx tsx examples/echo_server.ts --port 8080 [--host 127.0.0.1]
 *       [--cert cert.pem --key key.pem] [--protocols a,b] [--buffer-size BYTES]
 *
 * Idle, it sleeps in wait_for_io() and uses no CPU; loaded, it reacts at once.
 */
import { parseArgs } from "node:util";
import {
  CryptoKey,
  OK,
  StreamPeerTLS,
  TCPServer,
  TLSOptions,
  WebSocketPeer,
  X509Certificate,
  error_string,
  printerr,
  print,
  wait_for_io,
  type StreamPeer,
} from "../src/index.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8080" },
    host: { type: "string", default: "127.0.0.1" },
    cert: { type: "string" },
    key: { type: "string" },
    protocols: { type: "string", default: "" },
    "buffer-size": { type: "string", default: String(16 * 1024 * 1024 + 1024) },
  },
});

const port = Number(values.port);
const buffer_size = Number(values["buffer-size"]);
const protocols = values.protocols ? values.protocols.split(",").map((p) => p.trim()) : [];

let tls: TLSOptions | null = null;
if (values.cert || values.key) {
  const cert = new X509Certificate();
  const key = new CryptoKey();
  if (!values.cert || !values.key || cert.load(values.cert) !== OK || key.load(values.key) !== OK) {
    printerr("Could not load --cert and --key (both are needed, as PEM files).");
    process.exit(1);
  }
  tls = TLSOptions.server(key, cert);
}

const server = new TCPServer();
const err = server.listen(port, values.host);
if (err !== OK) {
  printerr(`Could not listen on ${values.host}:${port}: ${error_string(err)}`);
  process.exit(1);
}

const peers = new Set<WebSocketPeer>();

function accept(): void {
  while (server.is_connection_available()) {
    const tcp = server.take_connection();
    if (!tcp) return;
    let stream: StreamPeer = tcp;
    if (tls) {
      const secure = new StreamPeerTLS();
      if (secure.accept_stream(tcp, tls) !== OK) continue;
      stream = secure;
    }
    const peer = new WebSocketPeer();
    peer.supported_protocols = protocols as never;
    peer.inbound_buffer_size = buffer_size;
    peer.outbound_buffer_size = buffer_size;
    if (peer.accept_stream(stream) === OK) peers.add(peer);
  }
}

function serve(peer: WebSocketPeer): void {
  peer.poll();
  while (peer.get_available_packet_count() > 0) {
    const message = peer.get_packet();
    peer.send(message, peer.was_string_packet() ? WebSocketPeer.WRITE_MODE_TEXT : WebSocketPeer.WRITE_MODE_BINARY);
  }
  if (peer.get_ready_state() === WebSocketPeer.STATE_CLOSED) peers.delete(peer);
}

let running = true;
process.on("SIGINT", () => (running = false));
process.on("SIGTERM", () => (running = false));

async function main(): Promise<void> {
  // Wait until the listening socket is bound, then say so (tests wait for this line).
  while (server.get_local_port() === 0 && server.is_listening()) await wait_for_io(10);
  if (!server.is_listening()) {
    printerr(`Could not listen on ${values.host}:${port}.`);
    process.exit(1);
  }
  const shown_host = values.host.includes(":") ? `[${values.host}]` : values.host;
  print(`listening on ${tls ? "wss" : "ws"}://${shown_host}:${server.get_local_port()}`);
  while (running) {
    accept();
    for (const peer of peers) serve(peer);
    await wait_for_io(1000);
  }
  for (const peer of peers) peer.close(1001, "server shutting down");
  for (let i = 0; i < 50 && peers.size > 0; i++) {
    for (const peer of peers) serve(peer);
    await wait_for_io(20);
  }
  server.stop();
}

void main();
