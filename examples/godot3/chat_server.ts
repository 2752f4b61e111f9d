/**
 * The Godot 3 chat server (chat/chat_server_node.ts) as a program: the node
 * runs in a SceneTree, which polls it every frame as the engine would.
 *
 *   npx tsx examples/godot3/chat_server.ts [--port 8000] [--protocols a,b]
 *
 * Prints "listening on ws://127.0.0.1:PORT" once bound (--port 0 picks a
 * free port and prints it), then what the clients do. Ctrl-C stops it.
 */
import { parseArgs } from "node:util";
import { SceneTree, print, printerr, wait_for_io } from "../../src/godot3/index.js";
import { ChatServer } from "./chat/chat_server_node.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8000" },
    protocols: { type: "string", default: "" },
  },
});

const server = new ChatServer();
server.port = Number(values.port);
server.protocols = values.protocols ? values.protocols.split(",").map((p) => p.trim()) : [];

const tree = new SceneTree();
const finished = tree.run(server); // _ready() listens
if (!server._server.is_listening()) {
  printerr(`chat_server: could not listen on port ${values.port}.`);
  tree.quit(1);
} else {
  // The socket binds asynchronously: wait for the chosen port before announcing it (tests wait for this line).
  while (server._server._get_local_port() === 0 && server._server.is_listening()) await wait_for_io(10);
  print(`listening on ws://127.0.0.1:${server._server._get_local_port()}`);
}
process.on("SIGINT", () => tree.quit(0));
process.on("SIGTERM", () => tree.quit(0));
process.exitCode = await finished; // leaving the tree stops the server (_exit_tree)
