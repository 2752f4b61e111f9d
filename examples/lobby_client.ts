/**
 * A chat client for examples/lobby_server.ts, written with gdnet: it joins
 * with WebSocketMultiplayerPeer.create_client() and talks the way a Godot 4
 * game does with `multiplayer.send_bytes(text.to_utf8_buffer())`, so it chats
 * with Godot clients in the same lobby (they receive the lines through
 * `multiplayer.peer_packet`).
 *
 *   npx tsx examples/lobby_client.ts [ws://127.0.0.1:9080] [--say TEXT] [--exit-after N]
 *
 * Every line typed on stdin goes to everyone in the lobby. --say sends one
 * line once joined; --exit-after leaves after N lines from others.
 */
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { OK, WebSocketMultiplayerPeer, error_string, print, printerr, wait_for_io } from "../src/index.js";
import {
  SYS_ADD_PEER,
  SYS_DEL_PEER,
  SYS_RELAY,
  parse_raw,
  parse_sys,
  raw_message,
  relay_message,
} from "./scene_multiplayer_relay.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    say: { type: "string" },
    "exit-after": { type: "string" },
  },
});

const url = positionals[0] ?? "ws://127.0.0.1:9080";
const exit_after = values["exit-after"] === undefined ? Infinity : Number(values["exit-after"]);

const client = new WebSocketMultiplayerPeer();
const err = client.create_client(url);
if (err !== OK) {
  printerr(`Could not connect to ${url}: ${error_string(err)}`);
  process.exit(1);
}

let heard = 0;
let joined = false;
let running = true;

/** Sends a line to every other player: what multiplayer.send_bytes() does in a Godot client. */
function say(text: string): void {
  if (!joined) return;
  client.set_target_peer(1);
  client.put_packet(relay_message(0, raw_message(Buffer.from(text, "utf8"))));
}

client.connect("peer_connected", () => {
  joined = true;
  print(`joined the lobby as ${client.get_unique_id()}`);
  if (values.say !== undefined) say(values.say);
});

client.connect("peer_disconnected", () => {
  print("the lobby closed");
  running = false;
});

function receive(packet: Uint8Array): void {
  const sys = parse_sys(packet);
  if (!sys) return;
  if (sys.command === SYS_ADD_PEER) print(`peer ${sys.peer} is here`);
  else if (sys.command === SYS_DEL_PEER) print(`peer ${sys.peer} left`);
  else if (sys.command === SYS_RELAY) {
    const text = parse_raw(sys.payload);
    if (!text) return;
    print(`${sys.peer}: ${Buffer.from(text).toString("utf8")}`);
    if (++heard >= exit_after) running = false;
  }
}

const stdin = createInterface({ input: process.stdin });
stdin.on("line", (line) => say(line));

process.on("SIGINT", () => (running = false));
process.on("SIGTERM", () => (running = false));

async function main(): Promise<number> {
  while (running) {
    client.poll();
    while (client.get_available_packet_count() > 0) receive(client.get_packet());
    if (client.get_connection_status() === WebSocketMultiplayerPeer.CONNECTION_DISCONNECTED) {
      if (!joined) printerr(`Could not join the lobby at ${url}.`);
      return joined ? 0 : 1;
    }
    await wait_for_io(100);
  }
  client.close();
  return 0;
}

void main().then((code) => {
  stdin.close();
  process.exit(code);
});
