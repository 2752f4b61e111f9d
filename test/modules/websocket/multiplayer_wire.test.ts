/**
 * Godot 4's multiplayer wire protocol, checked from an independent
 * implementation: the `ws` library plays a Godot 4 client against the gdnet
 * server and a Godot 4 server against the gdnet client, byte for byte (one
 * binary message per packet, no header; the server's first message is the
 * client's id as a 4-byte little-endian int32). Then hostile peers: a wrong
 * id, oversized and flooding messages, a peer that stops answering, a peer
 * that stops reading; each is dropped while the others keep playing.
 */
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import WebSocket, { WebSocketServer } from "ws";
import { OK } from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import "../../../src/index.js";
import { WebSocketMultiplayerPeer } from "../../../src/modules/websocket/websocket_multiplayer_peer.js";
import { Recorded, bytes, mp_client, mp_server, mp_session, on_cleanup, pump, run_cleanups } from "./multiplayer_harness.js";

afterEach(run_cleanups);

const CONNECTED = WebSocketMultiplayerPeer.CONNECTION_CONNECTED;
const DISCONNECTED = WebSocketMultiplayerPeer.CONNECTION_DISCONNECTED;

interface WireMessage {
  data: Buffer;
  binary: boolean;
}

/** A `ws` client behaving as Godot 4's WebSocketMultiplayerPeer client does on the wire. */
class GodotLikeClient {
  readonly ws: WebSocket;
  readonly messages: WireMessage[] = [];
  close_code: number | null = null;
  open = false;

  constructor(url: string, options: WebSocket.ClientOptions = {}) {
    // Godot offers no extensions, so no permessage-deflate.
    this.ws = new WebSocket(url, { perMessageDeflate: false, maxPayload: 1 << 24, ...options });
    this.ws.on("open", () => (this.open = true));
    this.ws.on("message", (data, binary) => this.messages.push({ data: data as Buffer, binary }));
    this.ws.on("close", (code) => (this.close_code = code));
    this.ws.on("error", () => {});
    on_cleanup(() => this.ws.terminate());
  }

  /** The id from the first message, or null while none came. */
  id(): number | null {
    const first = this.messages[0];
    return first ? first.data.readInt32LE(0) : null;
  }

  packets(): number[][] {
    return this.messages.slice(1).map((m) => [...m.data]);
  }
}

interface GodotLikeServer {
  wss: WebSocketServer;
  url: string;
  sockets: WebSocket[];
  received: WireMessage[];
  closes: number[];
}

/** A `ws` server behaving as Godot 4's WebSocketMultiplayerPeer server does on the wire; `on_open` speaks first. */
async function godot_like_server(on_open: (socket: WebSocket) => void): Promise<GodotLikeServer> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
  const server: GodotLikeServer = {
    wss,
    url: `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`,
    sockets: [],
    received: [],
    closes: [],
  };
  wss.on("connection", (socket) => {
    server.sockets.push(socket);
    socket.on("message", (data, binary) => server.received.push({ data: data as Buffer, binary }));
    socket.on("close", (code) => server.closes.push(code));
    socket.on("error", () => {});
    on_open(socket);
  });
  on_cleanup(
    () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close(() => resolve());
      }),
  );
  return server;
}

function id_bytes(id: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeInt32LE(id, 0);
  return b;
}

describe("a ws client playing Godot 4 against the gdnet server", () => {
  it("gets exactly one 4-byte binary id message first, then raw packets; its binary messages arrive as packets from its id", async () => {
    const { server, port } = mp_server();
    const a = new GodotLikeClient(`ws://127.0.0.1:${port}`);
    const b = new GodotLikeClient(`ws://127.0.0.1:${port}`);
    await pump([server], () => a.messages.length === 1 && b.messages.length === 1, "ids sent");
    for (const c of [a, b]) {
      expect(c.messages[0]?.binary).toBe(true);
      expect(c.messages[0]?.data.length).toBe(4);
      expect(c.id()).toBeGreaterThanOrEqual(2);
    }
    const [ida, idb] = [a.id()!, b.id()!];
    expect([...server.ids("connected")].sort()).toEqual([ida, idb].sort());

    a.ws.send(Buffer.from([1, 2, 3]));
    a.ws.send(Buffer.from([4]));
    b.ws.send(Buffer.from([5, 6]));
    await pump([server], () => server.packets().length === 3, "three packets");
    expect(server.packets().filter((p) => p.from === ida)).toEqual([
      { from: ida, data: [1, 2, 3] },
      { from: ida, data: [4] },
    ]);
    expect(server.packets().filter((p) => p.from === idb)).toEqual([{ from: idb, data: [5, 6] }]);

    server.mp.set_target_peer(0);
    server.mp.put_packet(bytes(9, 9));
    server.mp.set_target_peer(-ida);
    server.mp.put_packet(bytes(8));
    server.mp.set_target_peer(ida);
    server.mp.put_packet(bytes(7));
    await pump([server], () => a.messages.length === 3 && b.messages.length === 3, "server packets");
    expect(a.packets()).toEqual([[9, 9], [7]]);
    expect(b.packets()).toEqual([[9, 9], [8]]);
    expect([...a.messages, ...b.messages].every((m) => m.binary)).toBe(true);
  });

  it("a client that closes is reported with peer_disconnected; the server answers its Close", async () => {
    const { server, port } = mp_server();
    const a = new GodotLikeClient(`ws://127.0.0.1:${port}`);
    await pump([server], () => a.id() !== null, "id");
    a.ws.close(1000);
    await pump([server], () => server.ids("disconnected").length === 1 && a.close_code !== null, "closed");
    expect(server.ids("disconnected")).toEqual([a.id()]);
    expect(a.close_code).toBe(1000);
  });
});

describe("a ws server playing Godot 4 against the gdnet client", () => {
  it("takes the id, then packets; the client's packets are raw binary messages", async () => {
    const ws_server = await godot_like_server((socket) => {
      // Id and two packets in one go: they may arrive in the same poll.
      socket.send(id_bytes(0x12345678));
      socket.send(Buffer.from([1, 2, 3]));
      socket.send(Buffer.from([4]));
    });
    const client = mp_client(ws_server.url);
    await pump([client], () => client.packets().length === 2, "packets after the id");
    expect(client.mp.get_unique_id()).toBe(0x12345678);
    expect(client.mp.get_connection_status()).toBe(CONNECTED);
    expect(client.events[0]).toEqual(["connected", 1]);
    expect(client.packets()).toEqual([
      { from: 1, data: [1, 2, 3] },
      { from: 1, data: [4] },
    ]);
    client.mp.set_target_peer(777);
    expect(client.mp.put_packet(bytes(0xaa, 0xbb))).toBe(OK);
    expect(client.mp.put_packet(bytes(0xcc))).toBe(OK);
    await pump([client], () => ws_server.received.length === 2, "client packets");
    expect(ws_server.received.map((m) => [m.binary, [...m.data]])).toEqual([
      [true, [0xaa, 0xbb]],
      [true, [0xcc]],
    ]);
    ws_server.sockets[0]?.close(1001, "bye");
    const cap = capture_output();
    try {
      await pump([client], () => client.mp.get_connection_status() === DISCONNECTED, "server left");
    } finally {
      cap.restore();
    }
    expect(client.events.filter((e) => e[0] !== "packet")).toEqual([
      ["connected", 1],
      ["disconnected", 1],
    ]);
  });

  it("waits for the id however late it comes", async () => {
    let socket_ref: WebSocket | null = null;
    const ws_server = await godot_like_server((socket) => (socket_ref = socket));
    const client = mp_client(ws_server.url);
    await pump([client], () => client.mp.get_peer(1)?.get_ready_state() === 1 && socket_ref !== null, "socket open");
    for (let i = 0; i < 20; i++) client.poll();
    expect(client.mp.get_connection_status()).toBe(WebSocketMultiplayerPeer.CONNECTION_CONNECTING);
    (socket_ref as unknown as WebSocket).send(id_bytes(99));
    await pump([client], () => client.mp.get_connection_status() === CONNECTED, "id arrived");
    expect(client.mp.get_unique_id()).toBe(99);
  });

  it.each([
    ["3 bytes", Buffer.from([5, 0, 0])],
    ["5 bytes", Buffer.from([5, 0, 0, 0, 0])],
    ["id 1", id_bytes(1)],
    ["id 0", id_bytes(0)],
    ["a negative id", id_bytes(-5)],
  ])("refuses %s as an id: closes with 1000, never announces the server", async (_name, message) => {
    const ws_server = await godot_like_server((socket) => {
      socket.send(message);
      socket.send(Buffer.from([1]));
    });
    const cap = capture_output();
    try {
      const client = mp_client(ws_server.url);
      await pump([client], () => client.mp.get_connection_status() === DISCONNECTED && ws_server.closes.length === 1, "client gave up");
      expect(client.events).toEqual([]);
      expect(client.mp.get_unique_id()).toBe(0);
      expect(ws_server.closes).toEqual([1000]);
      expect(cap.lines("error").some((l) => l.includes("invalid ID received from server"))).toBe(true);
    } finally {
      cap.restore();
    }
  });

  it("gives up when the id never comes within handshake_timeout", async () => {
    const ws_server = await godot_like_server(() => {});
    const cap = capture_output();
    try {
      const client = mp_client(ws_server.url, { handshake_timeout: 0.3 });
      await pump([client], () => client.mp.get_connection_status() === DISCONNECTED, "client gave up");
      expect(client.events).toEqual([]);
    } finally {
      cap.restore();
    }
  });
});

describe("hostile clients are dropped while the others keep playing", () => {
  async function keeps_playing(server: Recorded, good: Recorded, all: Recorded[], marker: number): Promise<void> {
    good.mp.put_packet(bytes(marker));
    server.mp.set_target_peer(good.mp.get_unique_id());
    server.mp.put_packet(bytes(marker));
    await pump(all, () => server.packets().some((p) => p.data[0] === marker) && good.packets().some((p) => p.data[0] === marker), "good client plays");
  }

  it("a message over inbound_buffer_size: closed with 1009", async () => {
    const { server, port, clients, all } = await mp_session(1, { inbound_buffer_size: 4096 });
    const evil = new GodotLikeClient(`ws://127.0.0.1:${port}`);
    await pump(all, () => evil.id() !== null, "evil joined");
    const cap = capture_output();
    try {
      evil.ws.send(Buffer.alloc(5000, 1));
      await pump(all, () => evil.close_code !== null && server.ids("disconnected").length === 1, "evil dropped");
    } finally {
      cap.restore();
    }
    expect(evil.close_code).toBe(1009);
    expect(server.ids("disconnected")).toEqual([evil.id()]);
    await keeps_playing(server, clients[0]!, all, 77);
  });

  it("a flood beyond the queue limits: nothing lost, the queue stays bounded, the others are served alongside", async () => {
    const LIMIT = 64;
    const FLOOD = 20_000;
    const { server, port, clients, all } = await mp_session(1, { max_queued_packets: LIMIT });
    const good = clients[0]!;
    const evil = new GodotLikeClient(`ws://127.0.0.1:${port}`);
    await pump(all, () => evil.id() !== null, "evil joined");
    const evil_id = evil.id()!;
    server.collect = false;
    const payload = Buffer.alloc(200);
    for (let i = 0; i < FLOOD; i++) {
      payload.writeUInt32LE(i, 0);
      evil.ws.send(Buffer.from(payload));
    }
    // Without reading, the queue never grows past its bound, however often it is polled.
    for (let i = 0; i < 50; i++) {
      server.poll();
      expect(server.mp.get_available_packet_count()).toBeLessThanOrEqual(LIMIT);
      await new Promise((r) => setImmediate(r));
    }
    good.mp.put_packet(bytes(0xee));
    let flood_seen = 0;
    let good_seen_at = -1;
    let in_order = true;
    await pump(
      all,
      () => flood_seen === FLOOD && good_seen_at >= 0,
      "flood and good packet delivered",
      () => {
        expect(server.mp.get_available_packet_count()).toBeLessThanOrEqual(LIMIT);
        while (server.mp.get_available_packet_count() > 0) {
          const from = server.mp.get_packet_peer();
          const data = server.mp.get_packet();
          if (from === evil_id) {
            if (Buffer.from(data).readUInt32LE(0) !== flood_seen) in_order = false;
            flood_seen++;
          } else if (from === good.mp.get_unique_id()) {
            good_seen_at = flood_seen;
          }
        }
      },
      60_000,
    );
    expect(in_order).toBe(true);
    // Served alongside the flood, not after it.
    expect(good_seen_at).toBeLessThan(FLOOD);
    expect(evil.close_code).toBeNull();
  });

  it("a peer that stops answering (no pongs, as a half-open connection) is noticed by the heartbeat", async () => {
    const { server, port, clients, all } = await mp_session(1, { heartbeat_interval: 0.1 });
    const silent = new GodotLikeClient(`ws://127.0.0.1:${port}`, { autoPong: false });
    await pump(all, () => silent.id() !== null, "silent joined");
    const cap = capture_output();
    try {
      await pump(all, () => server.ids("disconnected").length === 1, "silent dropped");
      expect(cap.lines("error").some((l) => l.includes("pong"))).toBe(true);
    } finally {
      cap.restore();
    }
    expect(server.ids("disconnected")).toEqual([silent.id()]);
    // The gdnet client answers pings: after many intervals it is still there.
    await keeps_playing(server, clients[0]!, all, 55);
    expect(clients[0]!.mp.get_connection_status()).toBe(CONNECTED);
  });

  it("a peer that stops reading is disconnected (1008) once its outbound queue is full, not silently skipped", async () => {
    const { server, port, clients, all } = await mp_session(1, { outbound_buffer_size: 1 << 16, handshake_timeout: 1 });
    const good = clients[0]!;
    const stuck = new GodotLikeClient(`ws://127.0.0.1:${port}`);
    await pump(all, () => stuck.id() !== null, "stuck joined");
    const stuck_id = stuck.id()!;
    stuck.ws.pause();
    let sent = 0;
    const cap = capture_output();
    try {
      await pump(
        all,
        () => server.ids("disconnected").includes(stuck_id),
        "stuck peer dropped",
        () => {
          server.mp.set_target_peer(0);
          // Less than the good client's outbound_buffer_size per poll: it keeps up, the stuck one cannot.
          for (let i = 0; i < 3; i++) {
            const chunk = new Uint8Array(16 * 1024);
            chunk[0] = sent++ & 0xff;
            expect(server.mp.put_packet(chunk)).toBe(OK);
          }
        },
        60_000,
      );
      expect(cap.lines("error").some((l) => l.includes(`peer ${stuck_id}`))).toBe(true);
      // The good client got every broadcast, in order.
      await pump(all, () => good.packets().length === sent, "good client has every broadcast");
      expect(good.packets().map((p) => p.data[0])).toEqual(Array.from({ length: sent }, (_, i) => i & 0xff));
      expect(good.mp.get_connection_status()).toBe(CONNECTED);
      stuck.ws.resume();
      await pump(all, () => stuck.close_code !== null, "stuck client sees the close");
    } finally {
      cap.restore();
    }
    expect(stuck.close_code).toBe(1008);
  });
});
