/**
 * The Godot 3 chat client against a Godot 4 server (TCPServer + 4.x
 * WebSocketPeer.accept_stream): the same signals on the 3.x side; on the
 * 4.x side the right message types, and the close code and reason the
 * client sent ("Bye" with no trailing NUL: gdnet's fix of a 3.x bug).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OK, WebSocketPeer } from "../../../src/godot3/index.js";
import { ChatScene, type ClientSide } from "./chat_scene.js";
import { type Godot4Peer, Godot4Server } from "./godot4_sides.js";

let scene: ChatScene;
let server: Godot4Server;

beforeEach(() => {
  scene = new ChatScene();
  server = new Godot4Server(["chat"]);
  scene.extra.push(server);
});
afterEach(() => {
  scene.close();
  server.close();
});

/** A 3.x chat client joined to the 4.x server, with the 4.x end of its connection (its /name already read). */
async function join(options: Parameters<ChatScene["add_client"]>[1]): Promise<{ client: ClientSide; peer: Godot4Peer }> {
  const client = scene.add_client(server.url, options);
  await scene.until(() => server.peers[0]?.received.length === 1 && client.events.length === 1, "the client's /name on the Godot 4 server");
  return { client, peer: server.peers[0] as Godot4Peer };
}

describe("Godot 3 chat client with a Godot 4 server", () => {
  it.each([
    { case: "a text-mode client asking for \"chat\"", protocols: ["chat"], binary: false, selected: "chat" },
    { case: "a binary-mode client asking for no subprotocol", protocols: [], binary: true, selected: "" },
  ])("$case: connection_established with what was negotiated, lines in the client's write mode", async ({ protocols, binary, selected }) => {
    const write_mode = binary ? WebSocketPeer.WRITE_MODE_BINARY : WebSocketPeer.WRITE_MODE_TEXT;
    const { client, peer } = await join({ nick: "alice", protocols, write_mode });
    expect(client.events).toEqual([["connection_established", selected]]);
    expect(peer.ws.get_selected_protocol()).toBe(selected);
    client.node.say("hello 4.x ☃");
    await scene.until(() => peer.received.length === 2, "the line on the Godot 4 server");
    expect(peer.received).toEqual([
      { text: "/name alice", is_string: !binary },
      { text: "hello 4.x ☃", is_string: !binary },
    ]);
  });

  it("emits data_received() once per message the 4.x server sends, showing text and binary apart", async () => {
    const { client, peer } = await join({ nick: "carol" });
    expect(peer.ws.send_text("welcome")).toBe(OK);
    expect(peer.ws.send(new TextEncoder().encode("raw bytes"))).toBe(OK);
    expect(peer.ws.send_text("last")).toBe(OK);
    await scene.until(() => client.log.length === 4, "three lines on the client");
    await scene.settle();
    expect(client.events).toEqual([["connection_established", ""], ["data_received"], ["data_received"], ["data_received"]]);
    expect(client.log).toEqual(["Connected with protocol ''", "welcome", "(binary) raw bytes", "last"]);
  });

  it("leaving: the 4.x server gets Close 1000 \"Bye\" (no NUL), the client connection_closed(true)", async () => {
    const { client, peer } = await join({ nick: "dave" });
    client.node.leave();
    await scene.until(() => peer.closed && client.events.length === 2, "the close to finish on both sides");
    await scene.settle();
    expect(peer.ws.get_close_code()).toBe(1000);
    expect(peer.ws.get_close_reason()).toBe("Bye");
    expect(client.events).toEqual([
      ["connection_established", ""],
      ["connection_closed", true],
    ]);
  });

  it("the 4.x server closing with 4001 \"Go away\": server_close_request(4001, \"Go away\") then connection_closed(true)", async () => {
    const { client, peer } = await join({ nick: "erin" });
    peer.ws.close(4001, "Go away");
    await scene.until(() => peer.closed && client.events.length === 3, "the close to finish on both sides");
    await scene.settle();
    expect(client.events).toEqual([
      ["connection_established", ""],
      ["server_close_request", 4001, "Go away"],
      ["connection_closed", true],
    ]);
    expect(peer.ws.get_close_code()).toBe(4001); // the client echoed the code
  });
});
