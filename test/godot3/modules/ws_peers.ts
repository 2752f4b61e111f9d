/**
 * Independent WebSocket peers for the 3.x class tests, built on the `ws`
 * library: they record what arrives exactly as the wire carried it (frame
 * type, bytes, close code and the raw close reason), plus the handshake
 * headers each side saw. Every event calls notify_io() so a test loop
 * waiting in wait_for_io() wakes at once.
 */
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import WebSocket, { WebSocketServer } from "ws";
import { notify_io } from "../../../src/core/io/io_wait.js";
import { on_cleanup } from "../helpers/mp_pump.js";

export interface WsMessage {
  data: Uint8Array;
  binary: boolean;
}

export interface WsClose {
  code: number;
  /** The reason exactly as received (a trailing NUL would show here). */
  reason: Uint8Array;
}

function bytes_of(data: WebSocket.RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return new Uint8Array(data instanceof ArrayBuffer ? data : Uint8Array.from(data));
}

/** Records one ws socket's messages and its end. */
class WsRecord {
  readonly messages: WsMessage[] = [];
  closed: WsClose | null = null;

  constructor(readonly socket: WebSocket) {
    socket.on("message", (data, binary) => {
      this.messages.push({ data: bytes_of(data), binary });
      notify_io();
    });
    socket.on("close", (code, reason) => {
      this.closed = { code, reason: new Uint8Array(reason) };
      notify_io();
    });
    socket.on("error", () => notify_io());
  }

  texts(): string[] {
    return this.messages.map((m) => Buffer.from(m.data).toString("utf8"));
  }
}

export class WsTestClient extends WsRecord {
  open = false;
  /** The server's handshake response headers (lower-cased names). */
  response_headers: IncomingHttpHeaders | null = null;

  constructor(url: string) {
    super(new WebSocket(url, { perMessageDeflate: false }));
    this.socket.on("upgrade", (response: IncomingMessage) => {
      this.response_headers = response.headers;
    });
    this.socket.on("open", () => {
      this.open = true;
      notify_io();
    });
  }

  /** The client end's own address, as the server sees it. */
  local(): { address: string; port: number } {
    const s = (this.socket as unknown as { _socket: { localAddress: string; localPort: number } })._socket;
    return { address: s.localAddress, port: s.localPort };
  }
}

/** Connects a ws client (closed hard after the test). */
export function ws_client(url: string): WsTestClient {
  const client = new WsTestClient(url);
  on_cleanup(() => client.socket.terminate());
  return client;
}

export interface WsServerOptions {
  /** Picks the subprotocol from what the client offered (ws's handleProtocols). */
  choose_protocol?: (offered: string[]) => string | false;
}

/** A ws server on 127.0.0.1 with one record per connected client. */
export class WsTestServer {
  readonly clients: WsRecord[] = [];
  readonly requests: IncomingHttpHeaders[] = [];

  private constructor(
    readonly server: WebSocketServer,
    readonly port: number,
  ) {
    server.on("connection", (socket, request) => {
      this.requests.push(request.headers);
      this.clients.push(new WsRecord(socket));
      notify_io();
    });
  }

  static async start(options: WsServerOptions = {}): Promise<WsTestServer> {
    const choose = options.choose_protocol;
    const server = new WebSocketServer({
      host: "127.0.0.1",
      port: 0,
      perMessageDeflate: false,
      ...(choose ? { handleProtocols: (offered: Set<string>) => choose([...offered]) } : {}),
    });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    const ws = new WsTestServer(server, (server.address() as AddressInfo).port);
    on_cleanup(() => ws.close());
    return ws;
  }

  /** The first connected client (throws when there is none yet). */
  get first(): WsRecord {
    const c = this.clients[0];
    if (!c) throw new Error("no ws client connected");
    return c;
  }

  url(path = "/"): string {
    return `ws://127.0.0.1:${this.port}${path}`;
  }

  async close(): Promise<void> {
    for (const c of this.clients) c.socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
