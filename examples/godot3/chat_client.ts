/**
 * The Godot 3 chat client (chat/chat_client_node.ts) as a program: the node
 * runs in a SceneTree, which polls it every frame as the engine would.
 *
 *   npx tsx examples/godot3/chat_client.ts ws://127.0.0.1:8000 NAME
 *
 * Sends each stdin line (typed before the connection opens, they wait for
 * it), prints what the room says, and leaves with Close 1000 "Bye" at end
 * of input or on Ctrl-C. Exits 0 after a clean close, 1 otherwise.
 */
import { createInterface } from "node:readline";
import { SceneTree, printerr } from "../../src/godot3/index.js";
import { ChatClient } from "./chat/chat_client_node.js";

const [url, name] = process.argv.slice(2);
if (!url || !name) {
  printerr("usage: npx tsx examples/godot3/chat_client.ts ws://127.0.0.1:8000 NAME");
  process.exit(2);
}

const client = new ChatClient();
client.url = url;
client.nick = name;

const tree = new SceneTree();
let connected = false;
let leaving = false;
const waiting: string[] = [];

function leave(): void {
  leaving = true;
  // Closing while still connecting would drop the connection: wait for it to open.
  if (connected) client.leave();
}

// Connected after the node's own handlers, so "/name" goes out before the waiting lines.
client._client.connect("connection_established", () => {
  connected = true;
  for (const line of waiting.splice(0)) client.say(line);
  if (leaving) client.leave();
});
client._client.connect("connection_closed", (was_clean) => tree.quit(was_clean ? 0 : 1));
client._client.connect("connection_error", () => tree.quit(1));

const input = createInterface({ input: process.stdin, terminal: false });
input.on("line", (line) => {
  if (line.trim() === "" || leaving) return;
  if (connected) client.say(line);
  else waiting.push(line);
});
input.on("close", leave);
process.on("SIGINT", leave);

process.exitCode = await tree.run(client);
input.close();
