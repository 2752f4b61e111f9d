/**
 * The Godot 3 chat server with Godot 4 WebSocketPeer clients (and a Godot 3
 * chat client in the same room): the same signals on the 3.x side; on the
 * 4.x side the relayed lines with the right type, and the close code and
 * reason of a kick ("Kicked" with no trailing NUL: gdnet's fix of a 3.x bug).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OK } from "../../../src/godot3/index.js";
import { ChatScene, type ServerSide } from "./chat_scene.js";
import { type Godot4Peer, godot4_client } from "./godot4_sides.js";

let scene: ChatScene;
let server: ServerSide;
const clients: Godot4Peer[] = [];

beforeEach(async () => {
  scene = new ChatScene();
  server = await scene.start_server(["chat"]);
});
afterEach(() => {
  for (const client of clients.splice(0)) client.ws.close(-1);
  scene.close();
});

/** A 4.x client in the room under `nick`; returns it with the id the server gave it. */
async function join_godot4(nick: string, protocols: string[] = []): Promise<{ peer: Godot4Peer; id: number }> {
  const connected = () => server.events.filter((e) => e[0] === "client_connected");
  const before = connected().length;
  const peer = godot4_client(server.url, protocols);
  clients.push(peer);
  scene.extra.push(peer);
  await scene.until(() => connected().length > before && peer.open, "client_connected, and the Godot 4 client open");
  const id = connected()[before]?.[1] as number;
  expect(peer.ws.send_text(`/name ${nick}`)).toBe(OK);
  await scene.until(() => server.node._names.get(id) === nick, "the Godot 4 client's /name");
  return { peer, id };
}

describe("Godot 3 chat server with Godot 4 clients", () => {
  it("client_connected(id, \"chat\") for a 4.x client asking for \"chat\", and its text and binary lines relayed in their type", async () => {
    const { peer, id } = await join_godot4("dora", ["chat"]);
    expect(peer.ws.get_selected_protocol()).toBe("chat");
    expect(peer.ws.send_text("hey")).toBe(OK);
    expect(peer.ws.send(new TextEncoder().encode("bin"))).toBe(OK);
    await scene.until(() => peer.received.length === 2, "both lines back");
    expect(peer.received).toEqual([
      { text: `[${id}] dora: hey`, is_string: true },
      { text: `[${id}] dora: bin`, is_string: false },
    ]);
    expect(server.events).toEqual([
      ["client_connected", id, "chat"],
      ["data_received", id],
      ["data_received", id],
      ["data_received", id],
    ]);
    expect(server.log.slice(-2)).toEqual([`Data from ${id} (text): hey`, `Data from ${id} (binary): bin`]);
  });

  it("client_connected(id, \"\") for a 4.x client asking for no subprotocol", async () => {
    const { peer, id } = await join_godot4("eve");
    expect(peer.ws.get_selected_protocol()).toBe("");
    expect(server.events[0]).toEqual(["client_connected", id, ""]);
  });

  it("shares the room with a Godot 3 chat client, each way", async () => {
    const { peer, id } = await join_godot4("frank");
    const gd3 = await scene.join(server, { nick: "gina", protocols: ["chat"] });
    gd3.node.say("from 3.x");
    await scene.until(() => peer.received.length === 1, "the 3.x line on the 4.x client");
    expect(peer.received).toEqual([{ text: `[${gd3.id}] gina: from 3.x`, is_string: true }]);
    expect(peer.ws.send(new TextEncoder().encode("from 4.x"))).toBe(OK);
    await scene.until(() => gd3.log.length === 3, "the 4.x line on the 3.x client");
    expect(gd3.log).toEqual(["Connected with protocol 'chat'", `[${gd3.id}] gina: from 3.x`, `(binary) [${id}] frank: from 4.x`]);
    expect(gd3.events).toEqual([["connection_established", "chat"], ["data_received"], ["data_received"]]);
  });

  it("a 4.x client's close(1000, \"Bye\"): client_close_request(id, 1000, \"Bye\") then client_disconnected(id, true)", async () => {
    const { peer, id } = await join_godot4("hal");
    server.events.length = 0;
    peer.ws.close(1000, "Bye");
    await scene.until(() => peer.closed && server.events.length === 2, "the close to finish on both sides");
    await scene.settle();
    expect(server.events).toEqual([
      ["client_close_request", id, 1000, "Bye"],
      ["client_disconnected", id, true],
    ]);
    expect(peer.ws.get_close_code()).toBe(1000);
    expect(server.node._server.has_peer(id)).toBe(false);
  });

  it("/kick: the kicked 4.x client gets Close 4000 \"Kicked\" (no NUL); the server's client_disconnected(id, true)", async () => {
    const kicker = await join_godot4("ivy");
    const kicked = await join_godot4("jon");
    server.events.length = 0;
    expect(kicker.peer.ws.send_text(`/kick ${kicked.id}`)).toBe(OK);
    await scene.until(() => kicked.peer.closed && server.events.length === 2, "the kick to finish on both sides");
    await scene.settle();
    expect(kicked.peer.ws.get_close_code()).toBe(4000);
    expect(kicked.peer.ws.get_close_reason()).toBe("Kicked");
    expect(server.events).toEqual([
      ["data_received", kicker.id],
      ["client_disconnected", kicked.id, true],
    ]);
    expect(kicker.peer.closed).toBe(false);
  });
});
