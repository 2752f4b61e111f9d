/**
 * WebSocketMultiplayerPeer server and clients against each other over real
 * loopback sockets: ids, signals, addressing, refusing, disconnecting,
 * shutdown, timeouts and wss.
 */
import * as net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ERR_INVALID_PARAMETER, OK } from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import { TCPServer } from "../../../src/core/io/tcp_server.js";
import { TLSOptions } from "../../../src/core/crypto/tls_options.js";
import "../../../src/index.js";
import { WebSocketMultiplayerPeer } from "../../../src/modules/websocket/websocket_multiplayer_peer.js";
import { make_test_pki } from "../../helpers/test_pki.js";
import { Recorded, bytes, mp_client, mp_server, mp_session, on_cleanup, pump, run_cleanups } from "./multiplayer_harness.js";

afterEach(run_cleanups);

const CONNECTED = WebSocketMultiplayerPeer.CONNECTION_CONNECTED;
const DISCONNECTED = WebSocketMultiplayerPeer.CONNECTION_DISCONNECTED;

/** Sends a marker broadcast and waits until every client has it; returns each client's packets up to it. */
/** Broadcasts a marker and waits until every client has it: anything sent to a client before it has arrived too. */
async function until_marker(server: Recorded, clients: Recorded[], all: Recorded[], marker: number): Promise<void> {
  server.mp.set_target_peer(0);
  expect(server.mp.put_packet(bytes(marker))).toBe(OK);
  await pump(all, () => clients.every((c) => c.packets().some((p) => p.data[0] === marker)), `marker ${marker}`);
}

describe("sessions", () => {
  it("assigns distinct ids, announces each client to the server and the server to each client", async () => {
    const { server, clients } = await mp_session(4);
    const ids = clients.map((c) => c.mp.get_unique_id());
    for (const id of ids) {
      expect(id).toBeGreaterThanOrEqual(2);
      expect(id).toBeLessThanOrEqual(0x7fffffff);
    }
    expect(new Set(ids).size).toBe(4);
    expect(server.mp.get_unique_id()).toBe(1);
    expect(server.mp.get_connection_status()).toBe(CONNECTED);
    expect([...server.ids("connected")].sort()).toEqual([...ids].sort());
    for (const c of clients) {
      expect(c.events).toEqual([["connected", 1]]);
      expect(c.mp.get_connection_status()).toBe(CONNECTED);
    }
    for (const id of ids) {
      expect(server.mp.get_peer(id)?.get_ready_state()).toBe(1);
      expect(server.mp.get_peer_address(id)).toBe("127.0.0.1");
      expect(server.mp.get_peer_port(id)).toBeGreaterThan(0);
    }
    expect(clients[0]?.mp.get_peer_port(1)).toBe(server.mp._get_local_port());
  });

  it("the server announces a client before any packet of it, and the client only has its id once announced", async () => {
    const { server, port } = mp_server();
    const client = mp_client(`ws://127.0.0.1:${port}`);
    let id_at_signal = -1;
    client.mp.connect("peer_connected", () => {
      id_at_signal = client.mp.get_unique_id();
      // Sent from inside the signal: the server must still announce the client first.
      client.mp.put_packet(bytes(7, 7));
    });
    await pump([server, client], () => server.packets().length === 1, "first packet");
    expect(id_at_signal).toBe(client.mp.get_unique_id());
    expect(server.events.map((e) => e.slice(0, 2))).toEqual([
      ["connected", id_at_signal],
      ["packet", id_at_signal],
    ]);
  });

  it("a client's packets reach the server in order, with get_packet_peer() naming the sender; set_target_peer does not matter on a client", async () => {
    const { server, clients, all } = await mp_session(3);
    const [a, b] = [clients[0]!, clients[1]!];
    a.mp.set_target_peer(b.mp.get_unique_id());
    for (let i = 0; i < 20; i++) {
      expect(a.mp.put_packet(bytes(1, i))).toBe(OK);
      expect(b.mp.put_packet(bytes(2, i))).toBe(OK);
    }
    const big = new Uint8Array(60_000).map((_, i) => i * 7);
    expect(a.mp.put_packet(big)).toBe(OK);
    await pump(all, () => server.packets().length === 41, "41 packets");
    const from_a = server.packets().filter((p) => p.from === a.mp.get_unique_id());
    const from_b = server.packets().filter((p) => p.from === b.mp.get_unique_id());
    expect(from_a.slice(0, 20).map((p) => p.data)).toEqual(Array.from({ length: 20 }, (_, i) => [1, i]));
    expect(from_b.map((p) => p.data)).toEqual(Array.from({ length: 20 }, (_, i) => [2, i]));
    expect(from_a[20]?.data).toEqual([...big]);
    expect(b.packets()).toEqual([]);
  });

  it("broadcast (0) reaches every client; a positive target one; a negative one all but that one", async () => {
    const { server, clients, all } = await mp_session(3);
    const [a, b, c] = [clients[0]!, clients[1]!, clients[2]!];
    const s = server.mp;
    s.set_target_peer(WebSocketMultiplayerPeer.TARGET_PEER_BROADCAST);
    expect(s.put_packet(bytes(10))).toBe(OK);
    s.set_target_peer(b.mp.get_unique_id());
    expect(s.put_packet(bytes(20))).toBe(OK);
    s.set_target_peer(-b.mp.get_unique_id());
    expect(s.put_packet(bytes(30))).toBe(OK);
    await until_marker(server, clients, all, 99);
    const seen = (r: Recorded): number[] => r.packets().map((p) => p.data[0] ?? -1);
    expect(seen(a)).toEqual([10, 30, 99]);
    expect(seen(b)).toEqual([10, 20, 99]);
    expect(seen(c)).toEqual([10, 30, 99]);
    for (const r of clients) expect(r.packets().every((p) => p.from === 1)).toBe(true);
  });

  it("relays client-to-client traffic the way a lobby does (server forwards with exclusion)", async () => {
    const { server, clients, all } = await mp_session(3);
    server.collect = false;
    const relay = (): void => {
      while (server.mp.get_available_packet_count() > 0) {
        const from = server.mp.get_packet_peer();
        const data = server.mp.get_packet();
        server.mp.set_target_peer(-from);
        server.mp.put_packet(data);
      }
    };
    clients[0]!.mp.put_packet(bytes(1, 2, 3));
    await pump(all, () => clients[1]!.packets().length === 1 && clients[2]!.packets().length === 1, "relayed", relay);
    expect(clients[1]!.packets()).toEqual([{ from: 1, data: [1, 2, 3] }]);
    expect(clients[2]!.packets()).toEqual([{ from: 1, data: [1, 2, 3] }]);
    expect(clients[0]!.packets()).toEqual([]);
  });
});

describe("refusing and disconnecting", () => {
  it("refuse_new_connections: newcomers are turned away at once, the others keep playing; lifting it lets them in", async () => {
    const { server, port, clients, all } = await mp_session(1);
    server.mp.refuse_new_connections = true;
    const late = mp_client(`ws://127.0.0.1:${port}`);
    const cap = capture_output();
    try {
      await pump([...all, late], () => late.mp.get_connection_status() === DISCONNECTED, "newcomer turned away");
    } finally {
      cap.restore();
    }
    expect(late.events).toEqual([]);
    expect(server.ids("connected")).toHaveLength(1);
    clients[0]!.mp.put_packet(bytes(5));
    await pump(all, () => server.packets().length === 1, "old client still plays");
    server.mp.refuse_new_connections = false;
    const later = mp_client(`ws://127.0.0.1:${port}`);
    await pump([...all, later], () => later.mp.get_connection_status() === CONNECTED, "accepted again");
    expect(server.ids("connected")).toHaveLength(2);
  });

  it("disconnect_peer(id): the client is closed with 1000 and peer_disconnected follows on both sides", async () => {
    const { server, clients, all } = await mp_session(2);
    const [a, b] = [clients[0]!, clients[1]!];
    const id = a.mp.get_unique_id();
    let code = 0;
    a.mp.connect("peer_disconnected", () => {
      code = a.mp.get_peer(1)?.get_close_code() ?? -2;
    });
    server.mp.disconnect_peer(id);
    expect(server.mp.get_peer(id)).not.toBeNull();
    await pump(all, () => server.ids("disconnected").length === 1 && a.mp.get_connection_status() === DISCONNECTED, "disconnected");
    expect(server.ids("disconnected")).toEqual([id]);
    expect(a.ids("disconnected")).toEqual([1]);
    expect(code).toBe(1000);
    const cap = capture_output();
    try {
      expect(server.mp.get_peer(id)).toBeNull();
    } finally {
      cap.restore();
    }
    b.mp.put_packet(bytes(1));
    await pump(all, () => server.packets().length === 1, "the other client still plays");
    expect(b.mp.get_connection_status()).toBe(CONNECTED);
  });

  it("disconnect_peer(id, true): forgotten at once, without peer_disconnected; the client still sees a clean close", async () => {
    const { server, clients, all } = await mp_session(2);
    const a = clients[0]!;
    const id = a.mp.get_unique_id();
    let code = 0;
    a.mp.connect("peer_disconnected", () => {
      code = a.mp.get_peer(1)?.get_close_code() ?? -2;
    });
    server.mp.disconnect_peer(id, true);
    const cap = capture_output();
    try {
      expect(server.mp.get_peer(id)).toBeNull();
      server.mp.set_target_peer(id);
      expect(server.mp.put_packet(bytes(1))).toBe(ERR_INVALID_PARAMETER);
    } finally {
      cap.restore();
    }
    await pump(all, () => a.mp.get_connection_status() === DISCONNECTED, "client disconnected");
    expect(code).toBe(1000);
    expect(server.ids("disconnected")).toEqual([]);
  });

  it("a client's disconnect_peer(1) and close() are seen by the server", async () => {
    const { server, clients, all } = await mp_session(2);
    const [a, b] = [clients[0]!, clients[1]!];
    const ids = [a.mp.get_unique_id(), b.mp.get_unique_id()].sort();
    a.mp.disconnect_peer(1);
    await pump(all, () => a.mp.get_connection_status() === DISCONNECTED, "a disconnected");
    expect(a.ids("disconnected")).toEqual([1]);
    b.mp.close();
    expect(b.mp.get_connection_status()).toBe(DISCONNECTED);
    expect(b.mp.get_unique_id()).toBe(0);
    const cap = capture_output();
    try {
      await pump(all, () => server.ids("disconnected").length === 2, "server saw both leave");
    } finally {
      cap.restore();
    }
    expect([...server.ids("disconnected")].sort()).toEqual(ids);
    expect(b.ids("disconnected")).toEqual([]);
  });

  it("a client's forced disconnect_peer(1, true) resets it at once, without a signal", async () => {
    const { server, clients, all } = await mp_session(1);
    const a = clients[0]!;
    a.mp.disconnect_peer(1, true);
    expect(a.mp.get_connection_status()).toBe(DISCONNECTED);
    await pump(all, () => server.ids("disconnected").length === 1, "server saw it leave");
    expect(a.events).toEqual([["connected", 1]]);
  });

  it("server shutdown: every client sees peer_disconnected(1); close() itself emits nothing", async () => {
    const { server, clients } = await mp_session(3);
    const cap = capture_output();
    try {
      server.mp.close();
      expect(server.mp.get_connection_status()).toBe(DISCONNECTED);
      expect(server.mp.get_unique_id()).toBe(0);
      await pump(clients, () => clients.every((c) => c.mp.get_connection_status() === DISCONNECTED), "all clients disconnected");
    } finally {
      cap.restore();
    }
    for (const c of clients) expect(c.events).toEqual([["connected", 1], ["disconnected", 1]]);
    expect(server.ids("disconnected")).toEqual([]);
  });

  it("a signal handler may close the peer and start again", async () => {
    const { server, port } = mp_server();
    const client = mp_client(`ws://127.0.0.1:${port}`);
    let restarted = false;
    client.mp.connect("peer_connected", () => {
      if (restarted) return;
      restarted = true;
      client.mp.close();
      expect(client.mp.create_client(`ws://127.0.0.1:${port}`)).toBe(OK);
    });
    const cap = capture_output();
    try {
      await pump([server, client], () => client.ids("connected").length === 2 && client.mp.get_connection_status() === CONNECTED, "reconnected");
      await pump([server, client], () => server.ids("disconnected").length === 1, "first session ended");
    } finally {
      cap.restore();
    }
    expect(server.ids("connected")).toHaveLength(2);
    expect(client.mp.get_unique_id()).toBe(server.ids("connected")[1]);
  });
});

describe("timeouts", () => {
  it("a TCP client that never completes its handshake is dropped at handshake_timeout; the others play on", async () => {
    const { server, port, clients, all } = await mp_session(1, { handshake_timeout: 0.3 });
    const silent = net.connect(port, "127.0.0.1");
    const slow = net.connect(port, "127.0.0.1");
    on_cleanup(() => {
      silent.destroy();
      slow.destroy();
    });
    silent.on("error", () => {});
    slow.on("error", () => {});
    slow.on("connect", () => slow.write("GET / HTTP/1.1\r\nHost: x\r\n"));
    let silent_closed = false;
    let slow_closed = false;
    silent.on("close", () => (silent_closed = true));
    slow.on("close", () => (slow_closed = true));
    silent.resume();
    slow.resume();
    const cap = capture_output();
    try {
      await pump(all, () => silent_closed && slow_closed, "half-done handshakes dropped");
    } finally {
      cap.restore();
    }
    expect(server.ids("connected")).toHaveLength(1);
    clients[0]!.mp.put_packet(bytes(3));
    await pump(all, () => server.packets().length === 1, "the real client still plays");
  });

  it("a client whose server never answers gives up at handshake_timeout, without signals", async () => {
    const tcp = new TCPServer();
    expect(tcp.listen(0, "127.0.0.1")).toBe(OK);
    on_cleanup(() => tcp.stop());
    const client = mp_client(`ws://127.0.0.1:${tcp.get_local_port()}`, { handshake_timeout: 0.3 });
    const taken: { disconnect_from_host(): void }[] = [];
    on_cleanup(() => taken.forEach((t) => t.disconnect_from_host()));
    const cap = capture_output();
    try {
      await pump(
        [client],
        () => client.mp.get_connection_status() === DISCONNECTED,
        "client gave up",
        () => {
          const t = tcp.take_connection();
          if (t) taken.push(t);
        },
      );
      expect(cap.lines("error").some((l) => l.includes("timed out"))).toBe(true);
    } finally {
      cap.restore();
    }
    expect(client.events).toEqual([]);
    expect(taken).toHaveLength(1);
  });

  it("a client that connects to nothing ends disconnected, without signals", async () => {
    const tcp = new TCPServer();
    expect(tcp.listen(0, "127.0.0.1")).toBe(OK);
    const port = tcp.get_local_port();
    tcp.stop();
    const cap = capture_output();
    try {
      const client = mp_client(`ws://127.0.0.1:${port}`);
      await pump([client], () => client.mp.get_connection_status() === DISCONNECTED, "refused");
      expect(client.events).toEqual([]);
    } finally {
      cap.restore();
    }
  });
});

describe("wss", () => {
  it("works over TLS with a generated certificate, and a client that does not trust it never connects", async () => {
    const pki = make_test_pki();
    const { server, port } = mp_server({ tls: TLSOptions.server(pki.server_key, pki.server_chain) });
    const good = mp_client(`wss://localhost:${port}/game`, { tls: TLSOptions.client(pki.ca_cert) });
    await pump([server, good], () => good.mp.get_connection_status() === CONNECTED, "wss client connected");
    const id = good.mp.get_unique_id();
    expect(server.ids("connected")).toEqual([id]);
    expect(server.mp.get_peer(id)?.get_requested_url()).toBe(`wss://localhost:${port}/game`);
    good.mp.put_packet(bytes(1, 2, 3));
    server.mp.set_target_peer(id);
    server.mp.put_packet(bytes(4, 5));
    await pump([server, good], () => server.packets().length === 1 && good.packets().length === 1, "packets both ways");
    expect(server.packets()).toEqual([{ from: id, data: [1, 2, 3] }]);
    expect(good.packets()).toEqual([{ from: 1, data: [4, 5] }]);

    const other_ca = make_test_pki({ ca_name: "CN=someone else,O=gdnet" });
    const cap = capture_output();
    try {
      const bad = mp_client(`wss://localhost:${port}/game`, { tls: TLSOptions.client(other_ca.ca_cert) });
      await pump([server, good, bad], () => bad.mp.get_connection_status() === DISCONNECTED, "untrusting client gave up");
      expect(bad.events).toEqual([]);
    } finally {
      cap.restore();
    }
    expect(server.ids("connected")).toEqual([id]);
    expect(good.mp.get_connection_status()).toBe(CONNECTED);
  });
});
