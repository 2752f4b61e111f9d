/**
 * Godot 4 counterparts for the Godot 3 chat (gdnet's core entry, not the
 * godot3 one): a server made the 4.x way (TCPServer + WebSocketPeer
 * accept_stream) and a 4.x WebSocketPeer client. Each peer keeps what it
 * received with its type, taken out at every poll.
 */
import { OK, TCPServer, WebSocketPeer } from "../../../src/index.js";

export interface Received {
  text: string;
  is_string: boolean;
}

const decoder = new TextDecoder();

/** A 4.x peer and everything it received so far. */
export class Godot4Peer {
  readonly received: Received[] = [];

  constructor(readonly ws: WebSocketPeer) {}

  poll(): void {
    this.ws.poll();
    while (this.ws.get_available_packet_count() > 0) {
      const packet = this.ws.get_packet();
      this.received.push({ text: decoder.decode(packet), is_string: this.ws.was_string_packet() });
    }
  }

  get open(): boolean {
    return this.ws.get_ready_state() === WebSocketPeer.STATE_OPEN;
  }

  get closed(): boolean {
    return this.ws.get_ready_state() === WebSocketPeer.STATE_CLOSED;
  }
}

/** A 4.x client peer connecting to `url`. */
export function godot4_client(url: string, protocols: string[] = []): Godot4Peer {
  const ws = new WebSocketPeer();
  ws.set_supported_protocols(protocols);
  if (ws.connect_to_url(url) !== OK) throw new Error(`the Godot 4 client could not start connecting to ${url}`);
  return new Godot4Peer(ws);
}

/** A 4.x server on a free loopback port: every connection accepted and polled. */
export class Godot4Server {
  readonly tcp = new TCPServer();
  readonly peers: Godot4Peer[] = [];

  constructor(readonly protocols: string[] = []) {
    if (this.tcp.listen(0, "127.0.0.1") !== OK || this.tcp.get_local_port() === 0) throw new Error("the Godot 4 server could not listen");
  }

  get url(): string {
    return `ws://127.0.0.1:${this.tcp.get_local_port()}`;
  }

  poll(): void {
    while (this.tcp.is_connection_available()) {
      const stream = this.tcp.take_connection();
      if (!stream) break;
      const ws = new WebSocketPeer();
      ws.set_supported_protocols(this.protocols);
      if (ws.accept_stream(stream) === OK) this.peers.push(new Godot4Peer(ws));
    }
    for (const peer of this.peers) peer.poll();
  }

  close(): void {
    for (const peer of this.peers) peer.ws.close(-1);
    this.tcp.stop();
  }
}
