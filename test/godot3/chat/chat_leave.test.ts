/**
 * Leaving the Godot 3 chat: a client says "Bye" (Close 1000), a client is
 * kicked (Close 4000 "Kicked"), and the server stops without a Close frame.
 * Both sides' signals are compared as whole sequences.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { capture_output } from "../../../src/godot3/index.js";
import { ChatScene, type ClientSide, type ServerSide } from "./chat_scene.js";

let scene: ChatScene;
let server: ServerSide;
let alice: ClientSide & { id: number };
let bob: ClientSide & { id: number };

beforeEach(async () => {
  scene = new ChatScene();
  server = await scene.start_server();
  alice = await scene.join(server, { nick: "alice" });
  bob = await scene.join(server, { nick: "bob" });
  for (const side of [server, alice, bob]) {
    side.events.length = 0;
    side.log.length = 0;
  }
});
afterEach(() => scene.close());

describe("Godot 3 chat: leaving", () => {
  it("a client's disconnect_from_host(1000, \"Bye\"): client_close_request then client_disconnected(id, true); the client's connection_closed(true)", async () => {
    alice.node.leave();
    await scene.until(() => server.events.length >= 2 && alice.events.length >= 1, "both ends of the close");
    // A later line from bob marks a point after which nothing more may come for alice.
    bob.node.say("still here");
    await scene.until(() => bob.log.length === 1, "bob's line");
    await scene.settle();
    expect(server.events).toEqual([
      ["client_close_request", alice.id, 1000, "Bye"],
      ["client_disconnected", alice.id, true],
      ["data_received", bob.id],
    ]);
    expect(alice.events).toEqual([["connection_closed", true]]);
    expect(alice.log).toEqual(["Disconnected, clean: true"]);
    expect(bob.events).toEqual([["data_received"]]);
    expect(bob.log).toEqual([`[${bob.id}] bob: still here`]);
    expect(server.node._server.has_peer(alice.id)).toBe(false);
    expect(server.log).toContain(`Client ${alice.id} is leaving: code 1000, reason 'Bye'`);
    expect(server.log).toContain(`Client ${alice.id} disconnected, clean: true`);
  });

  it("/kick ID: the kicked client's server_close_request(4000, \"Kicked\") then connection_closed(true); the server's client_disconnected(id, true)", async () => {
    alice.node.say(`/kick ${bob.id}`);
    await scene.until(() => bob.events.length >= 2 && server.events.length >= 2, "the kick to complete");
    alice.node.say("bye bob");
    await scene.until(() => alice.log.length === 1, "alice's next line");
    await scene.settle();
    expect(bob.events).toEqual([
      ["server_close_request", 4000, "Kicked"],
      ["connection_closed", true],
    ]);
    expect(bob.log).toEqual(["Server closes the connection: code 4000, reason 'Kicked'", "Disconnected, clean: true"]);
    // The server started the close: no client_close_request for bob.
    expect(server.events).toEqual([
      ["data_received", alice.id],
      ["client_disconnected", bob.id, true],
      ["data_received", alice.id],
    ]);
    expect(alice.events).toEqual([["data_received"]]);
    expect(alice.log).toEqual([`[${alice.id}] alice: bye bob`]);
    expect(server.log).toContain(`Client ${alice.id} kicks ${bob.id}`);
  });

  it("server stop(): every client's connection_closed(false), without server_close_request", async () => {
    const cap = capture_output(); // each client prints one line about the missing Close frame
    let errors: string[];
    try {
      server.node._server.stop();
      expect(server.node._server.is_listening()).toBe(false);
      await scene.until(() => alice.events.length >= 1 && bob.events.length >= 1, "both clients to notice");
      await scene.settle();
      errors = cap.lines("error");
    } finally {
      cap.restore();
    }
    expect(errors).toHaveLength(2);
    for (const line of errors) expect(line).toMatch(/Close frame/);
    for (const client of [alice, bob]) {
      expect(client.events).toEqual([["connection_closed", false]]);
      expect(client.log).toEqual(["Disconnected, clean: false"]);
    }
    // stop() drops the clients without reporting them, as 3.x does.
    expect(server.events).toEqual([]);
  });
});
