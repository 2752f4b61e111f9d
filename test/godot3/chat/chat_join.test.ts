/**
 * Joining the Godot 3 chat: the opening signals on both sides with and
 * without a subprotocol, and a client that finds nobody listening.
 */
import { afterEach, describe, expect, it } from "vitest";
import { capture_output } from "../../../src/godot3/index.js";
import { ChatScene } from "./chat_scene.js";
import { closed_port } from "./closed_port.js";

let scene: ChatScene;
afterEach(() => scene?.close());

describe("Godot 3 chat: joining", () => {
  it("without a subprotocol: connection_established(\"\") on the client, client_connected(id, \"\") then data_received(id) for /name on the server", async () => {
    scene = new ChatScene();
    const server = await scene.start_server();
    const alice = await scene.join(server, { nick: "alice" });
    expect(alice.id).toBeGreaterThanOrEqual(2);
    expect(alice.events).toEqual([["connection_established", ""]]);
    expect(server.events).toEqual([
      ["client_connected", alice.id, ""],
      ["data_received", alice.id],
    ]);
    expect(server.log).toEqual([`Client ${alice.id} connected with protocol ''`, `Data from ${alice.id} (text): /name alice`]);
    expect(alice.log).toEqual(["Connected with protocol ''"]);
    expect(server.node._names.get(alice.id)).toBe("alice");
  });

  it("with the subprotocol \"chat\" on both sides: both report \"chat\"", async () => {
    scene = new ChatScene();
    const server = await scene.start_server(["chat"]);
    const bob = await scene.join(server, { nick: "bob", protocols: ["chat"] });
    expect(bob.events).toEqual([["connection_established", "chat"]]);
    expect(server.events).toEqual([
      ["client_connected", bob.id, "chat"],
      ["data_received", bob.id],
    ]);
    expect(bob.log).toEqual(["Connected with protocol 'chat'"]);
  });

  it("gives every client its own id, each reported once by client_connected", async () => {
    scene = new ChatScene();
    const server = await scene.start_server();
    const ids = [];
    for (const nick of ["a", "b", "c"]) ids.push((await scene.join(server, { nick })).id);
    expect(new Set(ids).size).toBe(3);
    expect(server.events.filter((e) => e[0] === "client_connected")).toEqual(ids.map((id) => ["client_connected", id, ""]));
    for (const id of ids) expect(server.node._server.has_peer(id)).toBe(true);
  });

  it("emits connection_error() alone when nothing listens on the port", async () => {
    scene = new ChatScene();
    const url = `ws://127.0.0.1:${await closed_port()}`;
    const cap = capture_output(); // the failed connection prints one error line
    let errors: string[];
    const lost = scene.add_client(url, { nick: "lost" });
    try {
      await scene.until(() => lost.events.length > 0, "the client to give up");
      await scene.settle();
      errors = cap.lines("error");
    } finally {
      cap.restore();
    }
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/connect/i);
    expect(lost.events).toEqual([["connection_error"]]);
    expect(lost.log).toEqual([`Could not connect to ${url}`]);
    expect(lost.node.is_processing()).toBe(false);
  });
});
