/**
 * Chat lines between Godot 3 chat clients through the Godot 3 chat server:
 * each line relayed to every client with the sender's id and name, in the
 * type it was sent (a text-mode client's lines stay text, a binary-mode
 * client's stay binary), one data_received per message on each side.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { WebSocketPeer } from "../../../src/godot3/index.js";
import { ChatScene, type ClientSide, type ServerSide } from "./chat_scene.js";

let scene: ChatScene;
let server: ServerSide;
let alice: ClientSide & { id: number };
let bob: ClientSide & { id: number };
let carol: ClientSide & { id: number };
/** was_string_packet() right after each message was read, on the server and on each client. */
let server_types: [number, boolean][];
let client_types: Map<ClientSide, boolean[]>;

beforeEach(async () => {
  scene = new ChatScene();
  server = await scene.start_server();
  alice = await scene.join(server, { nick: "alice" }); // text mode, the client's default
  bob = await scene.join(server, { nick: "bob", write_mode: WebSocketPeer.WRITE_MODE_BINARY });
  carol = await scene.join(server, { nick: "carol" });
  // Connected after the nodes' own handlers, which have just taken the packet.
  server_types = [];
  server.node._server.connect("data_received", (id) => {
    server_types.push([id, server.node._server.get_peer(id)?.was_string_packet() ?? false]);
  });
  client_types = new Map();
  for (const client of [alice, bob, carol]) {
    const types: boolean[] = [];
    client_types.set(client, types);
    client.node._client.connect("data_received", () => types.push(client.node._client.get_peer(1)?.was_string_packet() ?? false));
  }
  // The joins are chat_join.test.ts's business: start every record afresh.
  for (const side of [server, alice, bob, carol]) {
    side.events.length = 0;
    side.log.length = 0;
  }
});
afterEach(() => scene.close());

const everyone = () => [alice, bob, carol];

async function all_logged(line: string): Promise<void> {
  await scene.until(() => everyone().every((c) => c.log.includes(line)), `every client to show ${JSON.stringify(line)}`);
}

describe("Godot 3 chat: messages", () => {
  it.each([
    { mode: "text", is_string: true },
    { mode: "binary", is_string: false },
  ])("relays a $mode-mode client's line as $mode to every client, sender included, with its id", async ({ mode, is_string }) => {
    const sender = is_string ? alice : bob;
    const nick = is_string ? "alice" : "bob";
    const write_mode = is_string ? WebSocketPeer.WRITE_MODE_TEXT : WebSocketPeer.WRITE_MODE_BINARY;
    expect(sender.node._client.get_peer(1)?.get_write_mode()).toBe(write_mode);
    sender.node.say("hello");
    const line = `${is_string ? "" : "(binary) "}[${sender.id}] ${nick}: hello`;
    await all_logged(line);
    await scene.settle();
    expect(server.events).toEqual([["data_received", sender.id]]);
    expect(server.log).toEqual([`Data from ${sender.id} (${mode}): hello`]);
    expect(server_types).toEqual([[sender.id, is_string]]);
    for (const client of everyone()) {
      expect(client.events).toEqual([["data_received"]]);
      expect(client.log).toEqual([line]);
      expect(client_types.get(client)).toEqual([is_string]);
    }
  });

  it("keeps each sender's order and one data_received per message when several talk at once", async () => {
    alice.node.say("a1");
    bob.node.say("b1");
    alice.node.say("a2");
    carol.node.say("héllo ☃ 👋");
    bob.node.say("b2");
    const last = `[${carol.id}] carol: héllo ☃ 👋`;
    await scene.until(() => everyone().every((c) => c.log.length === 5), "five lines on every client");
    await scene.settle();
    expect(server.events.filter((e) => e[1] === alice.id)).toEqual([["data_received", alice.id], ["data_received", alice.id]]);
    expect(server.events).toHaveLength(5);
    // The server relays in the order it read: every client sees the same sequence.
    for (const client of everyone()) {
      expect(client.events).toEqual(Array.from({ length: 5 }, () => ["data_received"]));
      expect(client.log).toEqual(alice.log);
      expect(client_types.get(client)).toEqual(alice.log.map((l) => !l.startsWith("(binary)")));
    }
    const from = (id: number) => alice.log.filter((l) => l.includes(`[${id}]`));
    expect(from(alice.id)).toEqual([`[${alice.id}] alice: a1`, `[${alice.id}] alice: a2`]);
    expect(from(bob.id)).toEqual([`(binary) [${bob.id}] bob: b1`, `(binary) [${bob.id}] bob: b2`]);
    expect(from(carol.id)).toEqual([last]);
  });

  it("answers an unknown command or a kick of nobody to the sender alone", async () => {
    carol.node.say("/dance");
    carol.node.say("/kick 12");
    carol.node.say("after");
    await all_logged(`[${carol.id}] carol: after`);
    expect(carol.log).toEqual(["* unknown command /dance", "* no client 12", `[${carol.id}] carol: after`]);
    expect(alice.log).toEqual([`[${carol.id}] carol: after`]);
    expect(bob.log).toEqual([`[${carol.id}] carol: after`]);
    expect(server.events).toEqual(Array.from({ length: 3 }, () => ["data_received", carol.id]));
  });

  it("uses the name a client sets with /name", async () => {
    alice.node.say("/name Alice B.");
    alice.node.say("renamed");
    await all_logged(`[${alice.id}] Alice B.: renamed`);
    expect(bob.log).toEqual([`[${alice.id}] Alice B.: renamed`]);
    expect(server.node._names.get(alice.id)).toBe("Alice B.");
  });
});
