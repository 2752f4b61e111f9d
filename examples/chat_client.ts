/**
 * A terminal chat client for the chat demo (`npm start`):
 *
 *   npx tsx examples/chat_client.ts ws://127.0.0.1:8080/chat NAME
 *
 * Prints what the room says, sends each line typed on stdin, and leaves
 * cleanly (Close 1000) at end of input (Ctrl-D) or on Ctrl-C. After the
 * server restarts it reconnects, as the web page does: both run the same
 * ChatClient over gdnet's WebSocketPeer, here the Node one.
 */
import { createInterface } from "node:readline";
import { WebSocketPeer, print, printerr, wait_for_io } from "../src/index.js";
import { ChatClient } from "./chat/chat_client_core.js";
import type { ServerMessage } from "./chat/chat_protocol.js";

const [url, name] = process.argv.slice(2);
if (!url || !name) {
  printerr("usage: npx tsx examples/chat_client.ts ws://127.0.0.1:8080/chat NAME");
  process.exit(2);
}

function show(message: ServerMessage): void {
  switch (message.type) {
    case "welcome":
      print(`* joined as ${message.name}`);
      break;
    case "presence":
      print(`* online: ${message.names.join(", ")}`);
      break;
    case "message":
      print(`${message.from}: ${message.text}`);
      break;
    case "system":
      print(`* ${message.text}`);
      break;
    case "error":
      print(`! ${message.text}`);
      break;
  }
}

let exit_code = 0;
const client = new ChatClient(WebSocketPeer, url, name, {
  retry_first_connect: false,
  on_event: show,
  on_status: (status, detail) => {
    if (status === "offline") print(`* ${detail}`);
    if (status === "closed" && (detail.startsWith("could not") || detail.startsWith("refused"))) {
      printerr(`chat: ${detail}`);
      exit_code = 1;
    }
  },
});

const input = createInterface({ input: process.stdin, terminal: false });
input.on("line", (line) => {
  if (line.trim() !== "") client.say(line);
});
input.on("close", () => client.quit());
process.on("SIGINT", () => client.quit());

if (!client.start()) process.exit(1);
while (client.status !== "closed") {
  client.poll();
  await wait_for_io(100);
}
input.close();
process.exitCode = exit_code;
