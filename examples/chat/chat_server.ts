/**
 * gdnet's chat demo: `npm start` (or `npx tsx examples/chat/chat_server.ts --port 8080`).
 *
 * One port serves the web page (http://127.0.0.1:PORT/) and the chat's
 * WebSocket (ws://127.0.0.1:PORT/chat). The page runs gdnet's browser build;
 * `npx tsx examples/chat_client.ts ws://127.0.0.1:PORT/chat NAME` joins the
 * same room from a terminal. --port 0 picks a free port.
 */
import { parseArgs } from "node:util";
import { print, printerr } from "../../src/index.js";
import { ChatServer } from "./chat_room.js";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8080" },
    host: { type: "string", default: "127.0.0.1" },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  printerr(`--port must be 0-65535, got ${values.port}`);
  process.exit(1);
}

const server = new ChatServer();
try {
  await server.start(port, values.host);
} catch (e) {
  printerr(`chat server: ${(e as Error).message}`);
  process.exit(1);
}
const host = values.host.includes(":") ? `[${values.host}]` : values.host;
print(`chat server on http://${host}:${server.port}/ (WebSocket ws://${host}:${server.port}/chat)`);

let stopping = false;
async function shut_down(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
}
process.on("SIGINT", () => void shut_down());
process.on("SIGTERM", () => void shut_down());
