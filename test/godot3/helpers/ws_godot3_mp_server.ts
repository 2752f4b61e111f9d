/**
 * An independent Godot 3 multiplayer server built on the `ws` library, used
 * to check gdnet's 3.x WebSocketClient against someone else's reading of the
 * protocol. It follows the documented rules (with gdnet's fix: a packet whose
 * excluded peer is the server itself, to = -1, is not kept by the server) and
 * records everything it receives for the tests to assert on.
 */
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";
import { notify_io } from "../../../src/core/io/io_wait.js";
import { type MpFrame, SYS_NONE, decode_mp, encode_mp, sys_add, sys_del, sys_id, to_bytes } from "./godot3_mp_wire.js";

export interface ServerReceived {
  /** The id of the connection the message came in on. */
  sender: number;
  frame: MpFrame;
  bytes: Uint8Array;
  binary: boolean;
}

/** A random id as Godot 3 makes them: a positive int32 other than 0 and 1. */
function random_id(taken: ReadonlyMap<number, unknown>): number {
  for (;;) {
    const id = 2 + Math.floor(Math.random() * 0x7ffffffd);
    if (!taken.has(id)) return id;
  }
}

export class WsGodot3MpServer {
  readonly clients = new Map<number, WebSocket>();
  /** Every message that arrived, in order, valid or not. */
  readonly received: ServerReceived[] = [];
  /** Packets the server kept for itself (header stripped), as a Godot 3 server would queue them. */
  readonly kept: { from: number; payload: Uint8Array }[] = [];
  /** Messages refused by the sender/type check. */
  readonly dropped: ServerReceived[] = [];
  readonly joined: number[] = [];
  readonly left: number[] = [];
  /** Upgrade requests are answered with 403 while this is set. */
  refusing = false;

  private constructor(private readonly wss: WebSocketServer) {
    wss.on("connection", (socket) => this.#accept(socket));
  }

  static async start(): Promise<WsGodot3MpServer> {
    let server: WsGodot3MpServer | null = null;
    const wss = new WebSocketServer({
      host: "127.0.0.1",
      port: 0,
      verifyClient: (_info, done) => done(!(server?.refusing ?? false), 403),
    });
    server = new WsGodot3MpServer(wss);
    await new Promise<void>((resolve, reject) => {
      wss.once("listening", resolve);
      wss.once("error", reject);
    });
    return server;
  }

  get port(): number {
    return (this.wss.address() as AddressInfo).port;
  }

  get url(): string {
    return `ws://127.0.0.1:${this.port}`;
  }

  #accept(socket: WebSocket): void {
    const id = random_id(this.clients);
    socket.on("error", () => notify_io());
    // The join sequence: tell the newcomer its id and that the server (1) is there...
    socket.send(sys_id(id));
    socket.send(sys_add(1));
    // ...then introduce it to every connected peer and every peer to it.
    for (const [other_id, other] of this.clients) {
      other.send(sys_add(id));
      socket.send(sys_add(other_id));
    }
    this.clients.set(id, socket);
    this.joined.push(id);
    socket.on("message", (data, binary) => this.#receive(id, to_bytes(data), binary));
    socket.on("close", () => this.#remove(id));
    notify_io();
  }

  #receive(sender: number, bytes: Uint8Array, binary: boolean): void {
    notify_io();
    const frame = decode_mp(bytes);
    if (frame === null) return;
    const record = { sender, frame, bytes, binary };
    this.received.push(record);
    if (frame.type !== SYS_NONE || frame.from !== sender) {
      this.dropped.push(record);
      return;
    }
    const { to } = frame;
    if (to === 1 || to === 0 || (to < 0 && to !== -1)) this.kept.push({ from: sender, payload: frame.payload });
    // Relayed bytes keep the original header.
    for (const id of this.#recipients(to, sender)) this.clients.get(id)?.send(bytes);
  }

  /** The client ids a message addressed to `to` goes to (never back to `sender`, never the server). */
  #recipients(to: number, sender: number): number[] {
    if (to === 1) return [];
    if (to > 1) return to !== sender && this.clients.has(to) ? [to] : [];
    return [...this.clients.keys()].filter((id) => id !== sender && id !== -to);
  }

  #remove(id: number): void {
    if (!this.clients.delete(id)) return;
    this.left.push(id);
    for (const other of this.clients.values()) other.send(sys_del(id));
    notify_io();
  }

  /** Sends a payload as the server (from = 1) to `to`, following the same addressing. */
  send(to: number, payload: Uint8Array | readonly number[]): void {
    const bytes = encode_mp(SYS_NONE, 1, to, payload);
    for (const id of this.#recipients(to, 1)) this.clients.get(id)?.send(bytes);
  }

  /** Closes one client's connection with a clean Close handshake. */
  close_client(id: number, code = 1000, reason = ""): void {
    this.clients.get(id)?.close(code, reason);
  }

  async shutdown(): Promise<void> {
    for (const socket of this.clients.values()) socket.terminate();
    for (const socket of this.wss.clients) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
