/**
 * MultiplayerPeer and WebSocketMultiplayerPeer: registration, constants,
 * defaults, unique ids, and the engine's return codes for every misuse.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  ERR_ALREADY_IN_USE,
  ERR_INVALID_PARAMETER,
  ERR_UNAVAILABLE,
  ERR_UNCONFIGURED,
  OK,
} from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import { TCPServer } from "../../../src/core/io/tcp_server.js";
import { TLSOptions } from "../../../src/core/crypto/tls_options.js";
import { ClassDB } from "../../../src/core/object/class_db.js";
import "../../../src/index.js";
import { WebSocketMultiplayerPeer } from "../../../src/modules/websocket/websocket_multiplayer_peer.js";
import { MultiplayerPeer } from "../../../src/scene/main/multiplayer_peer.js";
import { WebSocketPeer } from "../../../src/modules/websocket/wsl_peer.js";
import { make_test_pki } from "../../helpers/test_pki.js";
import { bytes, mp_session, on_cleanup, pump, run_cleanups } from "./multiplayer_harness.js";

afterEach(run_cleanups);

function fresh(): WebSocketMultiplayerPeer {
  const mp = new WebSocketMultiplayerPeer();
  on_cleanup(() => mp.close());
  return mp;
}

describe("registration", () => {
  it("MultiplayerPeer is abstract under PacketPeer; WebSocketMultiplayerPeer derives from it and can be instantiated", () => {
    expect(ClassDB.get_parent_class("MultiplayerPeer")).toBe("PacketPeer");
    expect(ClassDB.can_instantiate("MultiplayerPeer")).toBe(false);
    expect(ClassDB.get_parent_class("WebSocketMultiplayerPeer")).toBe("MultiplayerPeer");
    expect(ClassDB.can_instantiate("WebSocketMultiplayerPeer")).toBe(true);
    const made = ClassDB.instantiate("WebSocketMultiplayerPeer");
    expect(made).toBeInstanceOf(WebSocketMultiplayerPeer);
    const mp = fresh();
    expect(mp.get_class()).toBe("WebSocketMultiplayerPeer");
    expect(mp.is_class("MultiplayerPeer")).toBe(true);
    expect(mp.is_class("PacketPeer")).toBe(true);
    expect(mp.has_signal("peer_connected")).toBe(true);
    expect(mp.has_signal("peer_disconnected")).toBe(true);
  });

  it("has the engine's enums and constants, reachable both ways", () => {
    expect(MultiplayerPeer.TRANSFER_MODE_UNRELIABLE).toBe(0);
    expect(MultiplayerPeer.TRANSFER_MODE_UNRELIABLE_ORDERED).toBe(1);
    expect(MultiplayerPeer.TRANSFER_MODE_RELIABLE).toBe(2);
    expect(MultiplayerPeer.TransferMode.TRANSFER_MODE_RELIABLE).toBe(2);
    expect(MultiplayerPeer.CONNECTION_DISCONNECTED).toBe(0);
    expect(MultiplayerPeer.CONNECTION_CONNECTING).toBe(1);
    expect(MultiplayerPeer.CONNECTION_CONNECTED).toBe(2);
    expect(MultiplayerPeer.ConnectionStatus.CONNECTION_CONNECTED).toBe(2);
    expect(MultiplayerPeer.TARGET_PEER_BROADCAST).toBe(0);
    expect(MultiplayerPeer.TARGET_PEER_SERVER).toBe(1);
    expect(WebSocketMultiplayerPeer.TARGET_PEER_SERVER).toBe(1);
    const record = ClassDB.get_record("MultiplayerPeer");
    expect([...(record?.constants.keys() ?? [])]).toEqual([
      "CONNECTION_DISCONNECTED",
      "CONNECTION_CONNECTING",
      "CONNECTION_CONNECTED",
      "TARGET_PEER_BROADCAST",
      "TARGET_PEER_SERVER",
      "TRANSFER_MODE_UNRELIABLE",
      "TRANSFER_MODE_UNRELIABLE_ORDERED",
      "TRANSFER_MODE_RELIABLE",
    ]);
  });
});

describe("defaults and settings", () => {
  it("starts disconnected with the engine's defaults", () => {
    const mp = fresh();
    expect(mp.get_connection_status()).toBe(WebSocketMultiplayerPeer.CONNECTION_DISCONNECTED);
    expect(mp.get_unique_id()).toBe(0);
    expect(mp.refuse_new_connections).toBe(false);
    expect(mp.transfer_mode).toBe(WebSocketMultiplayerPeer.TRANSFER_MODE_RELIABLE);
    expect(mp.transfer_channel).toBe(0);
    expect(mp.inbound_buffer_size).toBe(65535);
    expect(mp.outbound_buffer_size).toBe(65535);
    expect(mp.max_queued_packets).toBe(4096);
    expect(mp.handshake_timeout).toBe(3.0);
    expect(mp.heartbeat_interval).toBe(10.0);
    expect([...mp.supported_protocols]).toEqual([]);
    expect([...mp.handshake_headers]).toEqual([]);
    expect(mp.get_available_packet_count()).toBe(0);
    expect(mp.is_server_relay_supported()).toBe(true);
    expect(mp.get_packet_channel()).toBe(0);
    expect(mp.get_packet_mode()).toBe(WebSocketMultiplayerPeer.TRANSFER_MODE_RELIABLE);
  });

  it("stores transfer mode and channel (ignored on the wire) and refuses out-of-range values", () => {
    const mp = fresh();
    mp.transfer_mode = WebSocketMultiplayerPeer.TRANSFER_MODE_UNRELIABLE;
    mp.transfer_channel = 7;
    expect(mp.get_transfer_mode()).toBe(0);
    expect(mp.get_transfer_channel()).toBe(7);
    expect(mp.get_packet_mode()).toBe(WebSocketMultiplayerPeer.TRANSFER_MODE_RELIABLE);
    const cap = capture_output();
    try {
      mp.set_transfer_channel(256);
      mp.set_transfer_mode(3 as never);
      mp.set_handshake_timeout(0);
      mp.set_handshake_timeout(-1);
      mp.set_heartbeat_interval(-0.5);
      expect(cap.lines("error")).toHaveLength(5);
    } finally {
      cap.restore();
    }
    expect(mp.get_transfer_channel()).toBe(7);
    expect(mp.get_transfer_mode()).toBe(0);
    expect(mp.get_handshake_timeout()).toBe(3.0);
    expect(mp.get_heartbeat_interval()).toBe(10.0);
    mp.heartbeat_interval = 0;
    mp.supported_protocols = [" game ", "chat"] as never;
    expect(mp.heartbeat_interval).toBe(0);
    expect([...mp.supported_protocols]).toEqual(["game", "chat"]);
  });

  it("generate_unique_id() gives random positive 31-bit ids, never 0 or 1", () => {
    const mp = fresh();
    const ids = Array.from({ length: 2000 }, () => mp.generate_unique_id());
    expect(ids.filter((id) => !Number.isInteger(id) || id < 2 || id > 0x7fffffff)).toEqual([]);
    expect(new Set(ids).size).toBeGreaterThan(1990);
  });

  it("every setting reaches the WebSocketPeers it creates, on both sides", async () => {
    const options = {
      supported_protocols: ["gdnet-test"],
      handshake_headers: ["X-Game: lobby"],
      inbound_buffer_size: 100_000,
      outbound_buffer_size: 90_000,
      max_queued_packets: 777,
      heartbeat_interval: 4.5,
      handshake_timeout: 6.5,
    };
    const { server, clients } = await mp_session(1, options);
    const client = clients[0]!;
    const id = client.mp.get_unique_id();
    for (const ws of [server.mp.get_peer(id), client.mp.get_peer(1)]) {
      expect(ws).toBeInstanceOf(WebSocketPeer);
      expect(ws?.get_selected_protocol()).toBe("gdnet-test");
      expect([...(ws?.handshake_headers ?? [])]).toEqual(["X-Game: lobby"]);
      expect(ws?.inbound_buffer_size).toBe(100_000);
      expect(ws?.outbound_buffer_size).toBe(90_000);
      expect(ws?.max_queued_packets).toBe(777);
      expect(ws?.heartbeat_interval).toBe(4.5);
      expect(ws?.handshake_timeout).toBe(6.5);
    }
  });
});

describe("misuse gets the engine's codes and one error line", () => {
  it("get_packet and put_packet while not connected → ERR_UNCONFIGURED", () => {
    const mp = fresh();
    const cap = capture_output();
    try {
      expect(mp.put_packet(bytes(1))).toBe(ERR_UNCONFIGURED);
      expect(mp.get_packet()).toEqual(new Uint8Array(0));
      expect(mp.get_packet_error()).toBe(ERR_UNCONFIGURED);
      expect(cap.lines("error")).toHaveLength(2);
    } finally {
      cap.restore();
    }
  });

  it("a client still connecting cannot send or receive", () => {
    const mp = fresh();
    const tcp = new TCPServer();
    expect(tcp.listen(0, "127.0.0.1")).toBe(OK);
    on_cleanup(() => tcp.stop());
    expect(mp.create_client(`ws://127.0.0.1:${tcp.get_local_port()}`)).toBe(OK);
    expect(mp.get_connection_status()).toBe(WebSocketMultiplayerPeer.CONNECTION_CONNECTING);
    expect(mp.get_unique_id()).toBe(0);
    const cap = capture_output();
    try {
      expect(mp.put_packet(bytes(1))).toBe(ERR_UNCONFIGURED);
      mp.get_packet();
      expect(mp.get_packet_error()).toBe(ERR_UNCONFIGURED);
    } finally {
      cap.restore();
    }
  });

  it("create_client / create_server while in use → ERR_ALREADY_IN_USE, leaving the session alone", () => {
    const mp = fresh();
    expect(mp.create_server(0, "127.0.0.1")).toBe(OK);
    const port = mp._get_local_port();
    expect(port).toBeGreaterThan(0);
    const cap = capture_output();
    try {
      expect(mp.create_server(0, "127.0.0.1")).toBe(ERR_ALREADY_IN_USE);
      expect(mp.create_client("ws://127.0.0.1:1")).toBe(ERR_ALREADY_IN_USE);
      expect(cap.lines("error")).toHaveLength(2);
    } finally {
      cap.restore();
    }
    expect(mp.get_connection_status()).toBe(WebSocketMultiplayerPeer.CONNECTION_CONNECTED);
    expect(mp.get_unique_id()).toBe(1);
    expect(mp._get_local_port()).toBe(port);
    mp.close();
    expect(mp.get_connection_status()).toBe(WebSocketMultiplayerPeer.CONNECTION_DISCONNECTED);
    expect(mp.get_unique_id()).toBe(0);
    expect(mp._get_local_port()).toBe(0);
  });

  it("the wrong kind of TLS options → ERR_INVALID_PARAMETER", () => {
    const pki = make_test_pki();
    const mp = fresh();
    const cap = capture_output();
    try {
      expect(mp.create_client("wss://127.0.0.1:1", TLSOptions.server(pki.server_key, pki.server_chain))).toBe(ERR_INVALID_PARAMETER);
      expect(mp.create_server(0, "127.0.0.1", TLSOptions.client())).toBe(ERR_INVALID_PARAMETER);
      expect(mp.create_server(0, "127.0.0.1", "not options" as never)).toBe(ERR_INVALID_PARAMETER);
      expect(cap.lines("error")).toHaveLength(3);
    } finally {
      cap.restore();
    }
    expect(mp.get_connection_status()).toBe(WebSocketMultiplayerPeer.CONNECTION_DISCONNECTED);
  });

  it("a bad URL is refused with the WebSocketPeer's code and nothing starts", () => {
    const mp = fresh();
    const cap = capture_output();
    try {
      expect(mp.create_client("")).toBe(ERR_INVALID_PARAMETER);
      expect(mp.create_client("http://127.0.0.1:80/")).toBe(ERR_INVALID_PARAMETER);
      expect(cap.lines("error").length).toBeGreaterThanOrEqual(2);
    } finally {
      cap.restore();
    }
    expect(mp.get_connection_status()).toBe(WebSocketMultiplayerPeer.CONNECTION_DISCONNECTED);
  });

  it("a port in use → ERR_ALREADY_IN_USE and the peer stays disconnected", () => {
    const tcp = new TCPServer();
    expect(tcp.listen(0, "127.0.0.1")).toBe(OK);
    on_cleanup(() => tcp.stop());
    const mp = fresh();
    const cap = capture_output();
    try {
      expect(mp.create_server(tcp.get_local_port(), "127.0.0.1")).toBe(ERR_ALREADY_IN_USE);
    } finally {
      cap.restore();
    }
    expect(mp.get_connection_status()).toBe(WebSocketMultiplayerPeer.CONNECTION_DISCONNECTED);
    expect(mp.get_unique_id()).toBe(0);
  });

  it("unknown peer ids: an error line and null / \"\" / 0; unknown target → ERR_INVALID_PARAMETER", async () => {
    const { server } = await mp_session(1);
    const mp = server.mp;
    const cap = capture_output();
    try {
      expect(mp.get_peer(12345)).toBeNull();
      expect(mp.get_peer_address(12345)).toBe("");
      expect(mp.get_peer_port(12345)).toBe(0);
      mp.disconnect_peer(12345);
      expect(cap.lines("error")).toHaveLength(4);
      mp.set_target_peer(12345);
      expect(mp.put_packet(bytes(1, 2))).toBe(ERR_INVALID_PARAMETER);
      expect(cap.lines("error")).toHaveLength(5);
      // Nothing queued: get_packet_peer() reports it and answers 1; get_packet() is ERR_UNAVAILABLE.
      expect(mp.get_packet_peer()).toBe(1);
      expect(cap.lines("error")).toHaveLength(6);
      mp.get_packet();
      expect(mp.get_packet_error()).toBe(ERR_UNAVAILABLE);
    } finally {
      cap.restore();
    }
  });

  it("an empty packet is OK and sends nothing, as PacketPeer's", async () => {
    const { server, clients, all } = await mp_session(1);
    const client = clients[0]!;
    expect(client.mp.put_packet(new Uint8Array(0))).toBe(OK);
    expect(client.mp.put_packet(bytes(42))).toBe(OK);
    await pump(all, () => server.packets().length > 0, "the packet");
    expect(server.packets()).toEqual([{ from: client.mp.get_unique_id(), data: [42] }]);
  });
});
