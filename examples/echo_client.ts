/**
 * A WebSocket client that echoes every message it receives, with its type,
 * until the server closes. Exits 0 after a clean close (printing the close
 * code and reason), non-zero otherwise.
 *
 *   npx tsx examples/echo_client.ts ws://127.0.0.1:8080 [--protocols a,b] [--buffer-size BYTES]
 */
import { parseArgs } from "node:util";
import { OK, WebSocketPeer, error_string, print, printerr, wait_for_io } from "../src/index.js";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    protocols: { type: "string", default: "" },
    "buffer-size": { type: "string", default: String(16 * 1024 * 1024 + 1024) },
  },
});

const url = positionals[0];
if (!url) {
  printerr("usage: echo_client.ts URL [--protocols a,b] [--buffer-size BYTES]");
  process.exit(2);
}

const peer = new WebSocketPeer();
const buffer_size = Number(values["buffer-size"]);
peer.inbound_buffer_size = buffer_size;
peer.outbound_buffer_size = buffer_size;
if (values.protocols) peer.supported_protocols = values.protocols.split(",").map((p) => p.trim()) as never;

const err = peer.connect_to_url(url);
if (err !== OK) {
  printerr(`connect_to_url failed: ${error_string(err)}`);
  process.exit(1);
}

let announced = false;
for (;;) {
  peer.poll();
  const state = peer.get_ready_state();
  if (state === WebSocketPeer.STATE_OPEN && !announced) {
    announced = true;
    print(`connected to ${url}${peer.get_selected_protocol() ? ` (protocol ${peer.get_selected_protocol()})` : ""}`);
  }
  while (peer.get_available_packet_count() > 0) {
    const message = peer.get_packet();
    peer.send(message, peer.was_string_packet() ? WebSocketPeer.WRITE_MODE_TEXT : WebSocketPeer.WRITE_MODE_BINARY);
  }
  if (state === WebSocketPeer.STATE_CLOSED) {
    const code = peer.get_close_code();
    print(`closed with code ${code}, reason "${peer.get_close_reason()}"`);
    process.exit(code === -1 ? 1 : 0);
  }
  await wait_for_io(1000);
}
