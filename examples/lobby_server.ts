/**
 * A lobby for Godot 4 games: a WebSocketMultiplayerPeer server that relays
 * each client's packets to the others, the way a Godot server with
 * SceneMultiplayer's server relay does (see scene_multiplayer_relay.ts). A
 * Godot client that sets `multiplayer.multiplayer_peer` to a
 * WebSocketMultiplayerPeer connected here sees the other players come and go
 * (multiplayer.peer_connected / peer_disconnected) and can reach them with
 * rpc() and multiplayer.send_bytes(). The lobby itself has no scene: RPCs
 * addressed to the server only are dropped; bytes sent to it with
 * send_bytes() are logged.
 *
 *   npx tsx examples/lobby_server.ts [--port 9080] [--host "*"] [--cert cert.pem --key key.pem]
 *
 * Logs joins and leaves. Idle, it sleeps in wait_for_io() and uses no CPU.
 */
import { parseArgs } from "node:util";
import {
  CryptoKey,
  OK,
  TLSOptions,
  WebSocketMultiplayerPeer,
  X509Certificate,
  error_string,
  print,
  printerr,
  wait_for_io,
} from "../src/index.js";
import {
  SYS_RELAY,
  add_peer_message,
  del_peer_message,
  parse_raw,
  parse_sys,
  relay_message,
} from "./scene_multiplayer_relay.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "9080" },
    host: { type: "string", default: "*" },
    cert: { type: "string" },
    key: { type: "string" },
  },
});

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

const server = new WebSocketMultiplayerPeer();
const err = server.create_server(Number(values.port), values.host, tls);
if (err !== OK) {
  printerr(`Could not start the lobby on port ${values.port}: ${error_string(err)}`);
  process.exit(1);
}

/** Players in the lobby, in the order they joined. */
const players = new Set<number>();

function send(to: number, packet: Uint8Array): void {
  server.set_target_peer(to);
  server.put_packet(packet);
}

server.connect("peer_connected", (id: number) => {
  // Introduce the newcomer and the others to each other.
  for (const other of players) {
    send(other, add_peer_message(id));
    send(id, add_peer_message(other));
  }
  players.add(id);
  print(`peer ${id} joined from ${server.get_peer_address(id)}:${server.get_peer_port(id)} (${players.size} in the lobby)`);
});

server.connect("peer_disconnected", (id: number) => {
  players.delete(id);
  for (const other of players) send(other, del_peer_message(id));
  print(`peer ${id} left (${players.size} in the lobby)`);
});

/** A packet for the lobby itself: bytes from send_bytes() are logged, anything else is ignored. */
function to_lobby(from: number, packet: Uint8Array): void {
  const raw = parse_raw(packet);
  if (raw) print(`peer ${from} says to the lobby: ${Buffer.from(raw).toString("utf8")}`);
}

function relay(from: number, packet: Uint8Array): void {
  const sys = parse_sys(packet);
  if (!sys || sys.command !== SYS_RELAY) {
    to_lobby(from, packet);
    return;
  }
  const target = sys.peer;
  if (target === 1) {
    to_lobby(from, sys.payload);
    return;
  }
  const forwarded = relay_message(from, sys.payload);
  if (target > 0) {
    if (players.has(target)) send(target, forwarded);
    return;
  }
  for (const other of players) {
    if (other !== from && other !== -target) send(other, forwarded);
  }
  if (target !== -1) to_lobby(from, sys.payload);
}

let running = true;
process.on("SIGINT", () => (running = false));
process.on("SIGTERM", () => (running = false));

async function main(): Promise<void> {
  const host = values.host === "*" ? "0.0.0.0" : values.host.includes(":") ? `[${values.host}]` : values.host;
  // Tests wait for this line.
  print(`lobby listening on ${tls ? "wss" : "ws"}://${host}:${server._get_local_port()}`);
  while (running) {
    server.poll();
    while (server.get_available_packet_count() > 0) {
      const from = server.get_packet_peer();
      relay(from, server.get_packet());
    }
    await wait_for_io(100);
    // Let socket reads run even when writes keep waking the loop.
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  server.close();
  print("lobby closed");
}

void main();
