/**
 * The chat server, built the way a Godot 4 server is: a TCPServer, and for
 * each connection either one HTTP response (the page and its scripts) or a
 * WebSocketPeer via accept_stream(); everything advanced by poll() in one
 * loop that sleeps in wait_for_io() while nothing happens.
 *
 *   connection → request head peeked (nothing consumed)
 *     GET /chat + Upgrade: websocket  → WebSocketPeer.accept_stream(tcp)
 *     GET / , /gdnet.js, /chat_page.js → the file, then the connection closes
 *     anything else                   → 404 / 405 / 400
 */
import {
  OK,
  StreamPeerTCP,
  TCPServer,
  WebSocketPeer,
  error_string,
  print,
  wait_for_io,
} from "../../src/index.js";
import { parse_client_message, type ServerMessage } from "./chat_protocol.js";
import { is_websocket_upgrade, peek_request_head, respond, type RequestHead } from "./http_responder.js";
import { build_page_assets, type PageAssets } from "./page_assets.js";

/** How long a connection may take to send its request head. */
const REQUEST_TIMEOUT_MS = 10_000;
/** How long stop() lets clients answer the server's Close. */
const STOP_GRACE_MS = 2_000;

interface Member {
  /** Null until the client has joined. */
  name: string | null;
}

export interface ChatServerOptions {
  /** Where the server's lines go (default: gdnet's print()). */
  log?: (line: string) => void;
}

export class ChatServer {
  #tcp = new TCPServer();
  #assets: PageAssets | null = null;
  #waiting: { tcp: StreamPeerTCP; deadline: number }[] = [];
  #members = new Map<WebSocketPeer, Member>();
  #running = false;
  #loop: Promise<void> | null = null;
  #log: (line: string) => void;
  #port = 0;

  constructor(options: ChatServerOptions = {}) {
    this.#log = options.log ?? ((line) => print(line));
  }

  /** The port it listens on (0 when stopped). */
  get port(): number {
    return this.#port;
  }

  /** Names of everyone who joined, in joining order. */
  get names(): string[] {
    return [...this.#members.values()].flatMap((m) => (m.name === null ? [] : [m.name]));
  }

  /** Builds the page files (first start only), listens, and starts serving. Resolves with the port. */
  async start(port: number, host = "127.0.0.1"): Promise<number> {
    if (this.#running) throw new Error("ChatServer.start: already running");
    if (!this.#assets) {
      this.#assets = await build_page_assets();
      for (const error of this.#assets.errors) this.#log(`page build error: ${error}`);
    }
    const err = this.#tcp.listen(port, host);
    if (err !== OK) throw new Error(`cannot listen on ${host}:${port}: ${error_string(err)}`);
    while (this.#tcp.is_listening() && this.#tcp.get_local_port() === 0) await wait_for_io(10);
    if (!this.#tcp.is_listening()) throw new Error(`cannot listen on ${host}:${port}`);
    this.#port = this.#tcp.get_local_port();
    this.#running = true;
    this.#loop = this.#run();
    return this.#port;
  }

  /** Closes every chat connection with 1001 (waiting a little for the replies), then stops listening. */
  async stop(reason = "server shutting down"): Promise<void> {
    if (!this.#running) return;
    this.#running = false;
    await this.#loop;
    for (const peer of this.#members.keys()) peer.close(1001, reason);
    const deadline = performance.now() + STOP_GRACE_MS;
    while (this.#members.size > 0 && performance.now() < deadline) {
      for (const peer of this.#members.keys()) {
        peer.poll();
        while (peer.get_available_packet_count() > 0) peer.get_packet();
        if (peer.get_ready_state() === WebSocketPeer.STATE_CLOSED) this.#members.delete(peer);
      }
      await wait_for_io(20);
    }
    for (const peer of this.#members.keys()) peer.close(-1);
    this.#members.clear();
    for (const { tcp } of this.#waiting) tcp.disconnect_from_host();
    this.#waiting = [];
    this.#tcp.stop();
    this.#port = 0;
  }

  async #run(): Promise<void> {
    while (this.#running) {
      this.poll();
      await wait_for_io(250);
    }
  }

  /** One pass: take new connections, route requests, serve every chat peer. */
  poll(): void {
    while (this.#tcp.is_connection_available()) {
      const tcp = this.#tcp.take_connection();
      if (tcp) this.#waiting.push({ tcp, deadline: performance.now() + REQUEST_TIMEOUT_MS });
    }
    if (this.#waiting.length > 0) this.#route_requests();
    for (const [peer, member] of this.#members) this.#serve(peer, member);
  }

  #route_requests(): void {
    const now = performance.now();
    this.#waiting = this.#waiting.filter(({ tcp, deadline }) => {
      tcp.poll();
      if (tcp.get_status() !== StreamPeerTCP.STATUS_CONNECTED) return false;
      const peeked = peek_request_head(tcp);
      if (peeked.kind === "incomplete") {
        if (now <= deadline) return true;
        respond(tcp, null, 408, "Request Timeout", "text/plain; charset=utf-8", "Request Timeout\n");
        return false;
      }
      if (peeked.kind === "bad") respond(tcp, null, peeked.status, peeked.reason, "text/plain; charset=utf-8", `${peeked.reason}\n`);
      else this.#route(tcp, peeked.head);
      return false;
    });
  }

  #route(tcp: StreamPeerTCP, head: RequestHead): void {
    const text = "text/plain; charset=utf-8";
    if (is_websocket_upgrade(head)) {
      if (head.path !== "/chat") {
        respond(tcp, head, 404, "Not Found", text, "The chat's WebSocket is at /chat.\n");
        return;
      }
      const peer = new WebSocketPeer();
      peer.inbound_buffer_size = 16 * 1024;
      peer.outbound_buffer_size = 1024 * 1024;
      // The request is still unread in tcp: the peer reads it and answers the handshake.
      if (peer.accept_stream(tcp) === OK) this.#members.set(peer, { name: null });
      return;
    }
    if (head.method !== "GET" && head.method !== "HEAD") {
      respond(tcp, head, 405, "Method Not Allowed", text, "Only GET is served here.\n");
      return;
    }
    const file = this.#assets?.files.get(head.path === "/index.html" ? "/" : head.path);
    if (file) {
      respond(tcp, head, 200, "OK", file.content_type, file.body);
    } else if (head.path === "/" || head.path.endsWith(".js")) {
      // A page file failed to build: say why instead of a bare 404.
      respond(tcp, head, 500, "Internal Server Error", text, `The page could not be built:\n${this.#assets?.errors.join("\n") ?? ""}\n`);
    } else {
      respond(tcp, head, 404, "Not Found", text, "Not Found\n");
    }
  }

  #serve(peer: WebSocketPeer, member: Member): void {
    peer.poll();
    // Take every packet first: gdnet reports a closed connection as OPEN until
    // its last packets are read, so only then does the state say whether
    // answers can still be sent (what arrived with a Close is still relayed).
    const texts: string[] = [];
    let binary = false;
    while (peer.get_available_packet_count() > 0) {
      const packet = peer.get_packet();
      if (peer.was_string_packet()) texts.push(new TextDecoder().decode(packet));
      else binary = true;
    }
    if (binary) this.#send(peer, { type: "error", text: "send JSON as text messages" });
    for (const text of texts) this.#on_message(peer, member, text);
    if (peer.get_ready_state() === WebSocketPeer.STATE_CLOSED) {
      this.#members.delete(peer);
      if (member.name !== null) {
        this.#log(`${member.name} left (${this.names.length} online)`);
        this.#broadcast({ type: "system", text: `${member.name} left` });
        this.#broadcast({ type: "presence", names: this.names });
      }
    }
  }

  #on_message(peer: WebSocketPeer, member: Member, text: string): void {
    const message = parse_client_message(text);
    if (typeof message === "string") {
      this.#send(peer, { type: "error", text: message });
    } else if (message.type === "join") {
      if (member.name !== null) {
        this.#send(peer, { type: "error", text: `you joined already, as ${member.name}` });
        return;
      }
      member.name = this.#unique_name(message.name);
      this.#log(`${member.name} joined (${this.names.length} online)`);
      this.#send(peer, { type: "welcome", name: member.name });
      this.#broadcast({ type: "system", text: `${member.name} joined` });
      this.#broadcast({ type: "presence", names: this.names });
    } else if (member.name === null) {
      this.#send(peer, { type: "error", text: "join with a name first" });
    } else {
      this.#broadcast({ type: "message", from: member.name, text: message.text });
    }
  }

  #unique_name(wanted: string): string {
    const taken = new Set(this.names);
    if (!taken.has(wanted)) return wanted;
    let n = 2;
    while (taken.has(`${wanted} (${n})`)) n++;
    return `${wanted} (${n})`;
  }

  #send(peer: WebSocketPeer, message: ServerMessage): void {
    if (peer.get_ready_state() !== WebSocketPeer.STATE_OPEN) return;
    // A client too slow to take what the room says is let go rather than buffered without end.
    if (peer.send_text(JSON.stringify(message)) !== OK) peer.close(1013, "too slow, try again later");
  }

  #broadcast(message: ServerMessage): void {
    for (const [peer, member] of this.#members) if (member.name !== null) this.#send(peer, message);
  }
}
