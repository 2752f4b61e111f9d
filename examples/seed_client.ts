/**
 * The WebSocketPeer class reference's GDScript client example, ported line
 * for line. The GDScript original:
 *
 *   extends Node
 *   var socket = WebSocketPeer.new()
 *   func _ready():
 *       socket.connect_to_url("wss://example.com")
 *   func _process(delta):
 *       socket.poll()
 *       var state = socket.get_ready_state()
 *       if state == WebSocketPeer.STATE_OPEN: ...
 *
 *   npx tsx examples/seed_client.ts [URL]      (default ws://127.0.0.1:8080)
 */
import { Node, SceneTree, WebSocketPeer, print } from "../src/index.js";

const url = process.argv[2] ?? "ws://127.0.0.1:8080";

class Client extends Node {
  socket = new WebSocketPeer();

  override _ready(): void {
    this.socket.connect_to_url(url);
  }

  override _process(_delta: number): void {
    this.socket.poll();
    const state = this.socket.get_ready_state();
    if (state === WebSocketPeer.STATE_OPEN) {
      while (this.socket.get_available_packet_count()) {
        print("Packet: ", this.socket.get_packet());
      }
    } else if (state === WebSocketPeer.STATE_CLOSING) {
      // Keep polling to achieve proper close.
    } else if (state === WebSocketPeer.STATE_CLOSED) {
      const code = this.socket.get_close_code();
      const reason = this.socket.get_close_reason();
      print(`WebSocket closed with code: ${code}, reason ${reason}. Clean: ${code !== -1}`);
      this.set_process(false); // Stop processing.
      this.get_tree()?.quit(); // Not in the original: a command-line program ends here.
    }
  }
}

void new SceneTree().run(new Client());
