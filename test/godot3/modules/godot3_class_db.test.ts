/**
 * gdnet/godot3's ClassDB: it knows the 3.x classes, its WebSocketPeer is the
 * 3.x one standing on the core classes (PacketPeer, RefCounted, Object), and
 * the core ClassDB still has Godot 4's WebSocketPeer under the same name.
 */
import { describe, expect, it } from "vitest";
import { ClassDB as CoreClassDB } from "../../../src/index.js";
import { ClassDB, WebSocketClient, WebSocketServer } from "../../../src/godot3/index.js";

describe("the godot3 ClassDB", () => {
  it("knows the 3.x networking classes", () => {
    for (const name of ["NetworkedMultiplayerPeer", "WebSocketMultiplayerPeer", "WebSocketClient", "WebSocketServer", "WebSocketPeer"]) {
      expect(ClassDB.class_exists(name), name).toBe(true);
    }
    expect(ClassDB.get_parent_class("WebSocketClient")).toBe("WebSocketMultiplayerPeer");
    expect(ClassDB.get_parent_class("WebSocketMultiplayerPeer")).toBe("NetworkedMultiplayerPeer");
    expect(ClassDB.get_parent_class("NetworkedMultiplayerPeer")).toBe("PacketPeer");
    expect(ClassDB.can_instantiate("WebSocketServer")).toBe(true);
    expect(ClassDB.can_instantiate("NetworkedMultiplayerPeer")).toBe(false);
  });

  it("has the 3.x WebSocketPeer, whose parents are the core's PacketPeer, RefCounted and Object", () => {
    expect(ClassDB.class_has_method("WebSocketPeer", "get_write_mode")).toBe(true);
    expect(ClassDB.class_has_method("WebSocketPeer", "is_connected_to_host")).toBe(true);
    expect(ClassDB.class_has_method("WebSocketPeer", "send_text")).toBe(false);
    const chain: string[] = [];
    for (let c = "WebSocketPeer"; c !== ""; c = ClassDB.get_parent_class(c)) chain.push(c);
    expect(chain).toEqual(["WebSocketPeer", "PacketPeer", "RefCounted", "Object"]);
    // The parents are the very classes the core ClassDB registered.
    expect(CoreClassDB.class_exists("PacketPeer")).toBe(true);
    expect(ClassDB.get_record("PacketPeer")).toBe(CoreClassDB.get_record("PacketPeer"));
  });

  it("leaves the core ClassDB's WebSocketPeer the Godot 4 class", () => {
    expect(CoreClassDB.class_has_method("WebSocketPeer", "send_text")).toBe(true);
    expect(CoreClassDB.class_has_method("WebSocketPeer", "get_write_mode")).toBe(false);
    expect(CoreClassDB.class_exists("WebSocketClient")).toBe(false);
    expect(CoreClassDB.class_exists("NetworkedMultiplayerPeer")).toBe(false);
  });

  it("gives instances their 3.x class names, ancestry and signals", () => {
    const client = new WebSocketClient();
    expect(client.get_class()).toBe("WebSocketClient");
    expect(client.is_class("NetworkedMultiplayerPeer")).toBe(true);
    expect(client.is_class("PacketPeer")).toBe(true);
    expect(client.is_class("WebSocketServer")).toBe(false);
    expect(client.has_signal("data_received")).toBe(true);
    expect(client.has_signal("connection_succeeded")).toBe(true);
    expect(client.has_signal("client_connected")).toBe(false);
    const server = new WebSocketServer();
    expect(server.get_class()).toBe("WebSocketServer");
    expect(server.has_signal("client_connected")).toBe(true);
    expect(ClassDB.class_has_signal("WebSocketMultiplayerPeer", "peer_packet")).toBe(true);
  });
});
