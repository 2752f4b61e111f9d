/**
 * One chat connection, shared by the web page (gdnet's browser bundle) and
 * the terminal client (gdnet on Node): the same code runs over either
 * WebSocketPeer, which is the point of gdnet.
 *
 * Everything is driven by poll(), as a Godot node's _process() drives a
 * WebSocketPeer: it polls the peer, joins once the socket is OPEN, hands
 * server messages to `on_event`, and when the peer is CLOSED schedules a new
 * connect_to_url() with exponential backoff (the same peer object, which the
 * API allows from CLOSED).
 *
 * Only types are imported from gdnet, so the page bundle does not carry a
 * second copy of it.
 */
import type { WebSocketPeerApi, WebSocketPeerStatics } from "../../src/gen/web_socket_peer.gen.js";
import { parse_server_message, type ClientMessage, type ServerMessage } from "./chat_protocol.js";

/** connecting: socket opening or joining; online: joined; offline: lost, a retry is scheduled; closed: done. */
export type ChatStatus = "connecting" | "online" | "offline" | "closed";

export type WebSocketPeerClass = WebSocketPeerStatics & (new () => WebSocketPeerApi);

export interface ChatClientOptions {
  /** Retry after the connection is lost (default true). */
  reconnect?: boolean;
  /** Also retry when the very first connection fails (default true; the terminal client says false). */
  retry_first_connect?: boolean;
  /** First retry delay and its cap, in milliseconds (doubling in between). */
  backoff_initial_ms?: number;
  backoff_max_ms?: number;
  on_event?: (message: ServerMessage) => void;
  on_status?: (status: ChatStatus, detail: string) => void;
}

const MAX_PENDING = 100;

export class ChatClient {
  readonly peer: WebSocketPeerApi;
  #ws: WebSocketPeerClass;
  #url: string;
  #name: string;
  #options: Required<Omit<ChatClientOptions, "on_event" | "on_status">>;
  #on_event: (message: ServerMessage) => void;
  #on_status: (status: ChatStatus, detail: string) => void;
  #status: ChatStatus = "connecting";
  #connected_once = false;
  #join_sent = false;
  #joined = false;
  #quitting = false;
  #refused = "";
  #pending: string[] = [];
  #backoff_ms: number;
  #retry_at = 0;
  #idle = false;
  #now: () => number;

  constructor(ws_class: WebSocketPeerClass, url: string, name: string, options: ChatClientOptions = {}) {
    this.#ws = ws_class;
    this.peer = new ws_class();
    this.#url = url;
    this.#name = name;
    this.#options = {
      reconnect: options.reconnect ?? true,
      retry_first_connect: options.retry_first_connect ?? true,
      backoff_initial_ms: options.backoff_initial_ms ?? 500,
      backoff_max_ms: options.backoff_max_ms ?? 8000,
    };
    this.#on_event = options.on_event ?? (() => {});
    this.#on_status = options.on_status ?? (() => {});
    this.#backoff_ms = this.#options.backoff_initial_ms;
    this.#now = () => performance.now();
  }

  get status(): ChatStatus {
    return this.#status;
  }

  /** The name the server gave us (it may add a number to make it unique). */
  get name(): string {
    return this.#name;
  }

  /** Starts the first connection; false (and status "closed") if the URL was refused. */
  start(): boolean {
    return this.#connect();
  }

  /** Sends a chat line now if joined, else once joined (up to 100 lines wait). */
  say(text: string): void {
    if (this.#joined && !this.#quitting) {
      this.#send({ type: "say", text });
    } else if (this.#pending.length < MAX_PENDING) {
      this.#pending.push(text);
    }
  }

  /** Leaves: lines still waiting are sent first (once joined), then the socket closes with 1000. */
  quit(): void {
    if (this.#status === "closed") return;
    this.#quitting = true;
    const state = this.peer.get_ready_state();
    if (this.#idle || state === this.#ws.STATE_CLOSED) {
      this.peer.close();
      this.#set_status("closed", "left");
    } else if (this.#joined) {
      this.#flush_pending();
      this.peer.close(1000, "bye");
    } else if (this.#pending.length === 0) {
      this.peer.close(1000, "bye"); // still connecting: this ends it at once, poll() reports it
    }
    // Otherwise lines are waiting for the welcome: #handle() sends them, then closes.
  }

  /** Call often (every frame, or after wait_for_io()). */
  poll(): void {
    if (this.#status === "closed") return;
    if (this.#idle) {
      if (this.#now() >= this.#retry_at) this.#connect();
      return;
    }
    this.peer.poll();
    if (this.peer.get_ready_state() === this.#ws.STATE_OPEN && !this.#join_sent) {
      this.#join_sent = true;
      this.#connected_once = true;
      this.#send({ type: "join", name: this.#name });
    }
    // Read in every state, CLOSING included: gdnet reports the end only once
    // the packets received before it were taken.
    while (this.peer.get_available_packet_count() > 0) {
      const packet = this.peer.get_packet();
      if (!this.peer.was_string_packet()) continue;
      const message = parse_server_message(new TextDecoder().decode(packet));
      if (message) this.#handle(message);
    }
    if (this.peer.get_ready_state() === this.#ws.STATE_CLOSED) this.#lost();
  }

  #handle(message: ServerMessage): void {
    if (message.type === "error" && !this.#joined) {
      // The server refused the join (an empty name, say): retrying would not help.
      this.#on_event(message);
      this.#refused = message.text;
      this.#quitting = true;
      this.peer.close(1000, "bye");
      return;
    }
    if (message.type === "welcome") {
      this.#name = message.name;
      this.#joined = true;
      this.#backoff_ms = this.#options.backoff_initial_ms;
      this.#set_status("online", `as ${message.name}`);
      this.#flush_pending();
      if (this.#quitting) this.peer.close(1000, "bye");
    }
    this.#on_event(message);
  }

  #flush_pending(): void {
    const lines = this.#pending;
    this.#pending = [];
    for (const text of lines) this.#send({ type: "say", text });
  }

  #send(message: ClientMessage): void {
    this.peer.send_text(JSON.stringify(message));
  }

  #connect(): boolean {
    this.#idle = false;
    this.#join_sent = false;
    this.#joined = false;
    this.#set_status("connecting", this.#url);
    if (this.peer.connect_to_url(this.#url) !== 0 /* OK */) {
      this.#set_status("closed", `cannot connect to ${this.#url}`);
      return false;
    }
    return true;
  }

  #lost(): void {
    const code = this.peer.get_close_code();
    const reason = this.peer.get_close_reason();
    const how = code === -1 ? "connection lost" : `closed with ${code}${reason ? ` (${reason})` : ""}`;
    const may_retry = this.#options.reconnect && (this.#connected_once || this.#options.retry_first_connect);
    if (this.#refused) {
      this.#set_status("closed", `refused: ${this.#refused}`);
      return;
    }
    if (this.#quitting || !may_retry) {
      this.#set_status("closed", this.#connected_once ? how : `could not connect to ${this.#url}`);
      return;
    }
    // Exponential backoff with a little jitter, so clients of a restarted server do not all return at once.
    const delay = Math.round(this.#backoff_ms * (0.8 + Math.random() * 0.4));
    this.#backoff_ms = Math.min(this.#backoff_ms * 2, this.#options.backoff_max_ms);
    this.#retry_at = this.#now() + delay;
    this.#idle = true;
    this.#set_status("offline", `${this.#connected_once ? how : "server unreachable"}; retrying in ${(delay / 1000).toFixed(1)} s`);
  }

  #set_status(status: ChatStatus, detail: string): void {
    if (status === this.#status && status !== "offline") return;
    this.#status = status;
    this.#on_status(status, detail);
  }
}
