/**
 * The in-process stage for the Godot 3 chat tests: one SceneTree whose
 * frames the test runs by hand (its scheduler never fires), the chat nodes
 * in it, a recorder of every signal with its arguments, and a loop that
 * steps the tree until a condition holds (generous deadline, never a timed
 * assertion). close() drops every connection at once, so nothing leaks.
 */
import { SceneTree, WebSocketPeerWriteMode, wait_for_io, type GodotObject } from "../../../src/godot3/index.js";
import { ChatClient } from "../../../examples/godot3/chat/chat_client_node.js";
import { ChatServer } from "../../../examples/godot3/chat/chat_server_node.js";

const DEADLINE_MS = 10_000;

export type SignalEvent = [signal: string, ...args: unknown[]];

export const SERVER_SIGNALS = ["client_connected", "client_disconnected", "client_close_request", "data_received"];
export const CLIENT_SIGNALS = ["connection_established", "connection_closed", "connection_error", "server_close_request", "data_received"];

/** Records `[signal, ...args]` for each named signal of `emitter`, in emission order. */
export function record(emitter: GodotObject, signals: readonly string[]): SignalEvent[] {
  const events: SignalEvent[] = [];
  for (const name of signals) emitter.connect(name, (...args: unknown[]) => void events.push([name, ...args]));
  return events;
}

export interface Pollable {
  poll(): void;
}

export interface ServerSide {
  node: ChatServer;
  events: SignalEvent[];
  log: string[];
  port: number;
  url: string;
}

export interface ClientSide {
  node: ChatClient;
  events: SignalEvent[];
  log: string[];
}

export interface ClientOptions {
  nick?: string;
  protocols?: string[];
  write_mode?: WebSocketPeerWriteMode;
}

export class ChatScene {
  readonly tree = new SceneTree(60, () => {});
  /** Other things to poll every round (Godot 4 peers and servers of the test). */
  readonly extra: Pollable[] = [];
  readonly #servers: ChatServer[] = [];
  readonly #clients: ChatClient[] = [];

  constructor() {
    void this.tree.run(); // enters the tree; frames come from step()
  }

  /** Steps the tree (every node's _process polls) and the extras until `cond()` holds. */
  async until(cond: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + DEADLINE_MS;
    for (;;) {
      this.#round();
      if (cond()) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
      await wait_for_io(20);
    }
  }

  /** Keeps stepping a while, for "this did not happen" checks (paired with a later positive event where possible). */
  async settle(rounds = 10): Promise<void> {
    for (let i = 0; i < rounds; i++) {
      this.#round();
      await wait_for_io(10);
    }
  }

  #round(): void {
    this.tree.step(1 / 60);
    for (const side of this.extra) side.poll();
  }

  /** A chat server on a free port, listening once it is in the tree. */
  async start_server(protocols: string[] = []): Promise<ServerSide> {
    const node = new ChatServer();
    node.port = 0;
    node.protocols = protocols;
    const log: string[] = [];
    node.output = (line) => void log.push(line);
    const events = record(node._server, SERVER_SIGNALS);
    this.#servers.push(node);
    this.tree.root.add_child(node); // _ready() listens
    await this.until(() => node._server._get_local_port() !== 0, "the chat server to bind");
    const port = node._server._get_local_port();
    return { node, events, log, port, url: `ws://127.0.0.1:${port}` };
  }

  /** A chat client for `url`, connecting once it is in the tree (not waited for). */
  add_client(url: string, options: ClientOptions = {}): ClientSide {
    const node = new ChatClient();
    node.url = url;
    node.nick = options.nick ?? "guest";
    node.protocols = options.protocols ?? [];
    if (options.write_mode !== undefined) node.write_mode = options.write_mode;
    const log: string[] = [];
    node.output = (line) => void log.push(line);
    const events = record(node._client, CLIENT_SIGNALS);
    this.#clients.push(node);
    this.tree.root.add_child(node); // _ready() connects
    return { node, events, log };
  }

  /**
   * Joins a client to `server` and waits until the server received its /name:
   * returns the client and the id the server gave it (from client_connected).
   */
  async join(server: ServerSide, options: ClientOptions = {}): Promise<ClientSide & { id: number }> {
    const before = server.events.filter((e) => e[0] === "client_connected").length;
    const client = this.add_client(server.url, options);
    const joined = () => server.events.filter((e) => e[0] === "client_connected");
    await this.until(() => joined().length > before, "client_connected on the server");
    const id = joined()[before]?.[1] as number;
    const named = () => server.events.some((e) => e[0] === "data_received" && e[1] === id) && client.events.length > 0;
    await this.until(named, "the client's /name to reach the server");
    return { ...client, id };
  }

  /** Drops every connection at once and takes the nodes out of the tree. */
  close(): void {
    for (const node of this.#clients.splice(0)) {
      node._client.disconnect_from_host(-1); // -1: no closing handshake, the socket goes now
      if (node.get_parent()) this.tree.root.remove_child(node);
    }
    for (const node of this.#servers.splice(0)) {
      if (node.get_parent()) this.tree.root.remove_child(node); // _exit_tree() stops the server
      node._server.stop();
    }
    this.tree.quit();
  }
}
