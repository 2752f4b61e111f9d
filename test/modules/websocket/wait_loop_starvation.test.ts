/**
 * A loop that sends a lot every round and then awaits wait_for_io() must still
 * let Node read sockets: its own writes cause activity ('drain'), and if the
 * wait resumed as a bare microtask, the event loop would never reach its I/O
 * phase (seen with WebSocketMultiplayerPeer: 1.4 MB written, nothing read).
 */
import { expect, it } from "vitest";
import { OK } from "../../../src/core/error/error_list.js";
import { wait_for_io } from "../../../src/core/io/io_wait.js";
import "../../../src/index.js";
import { WebSocketPeer } from "../../../src/modules/websocket/wsl_peer.js";
import { GdEchoServer } from "./ws_harness.js";

it("a busy send loop on wait_for_io still receives", async () => {
  const server = new GdEchoServer({ keep: true, buffer_size: 1 << 20 });
  await server.start();
  const peer = new WebSocketPeer();
  peer.outbound_buffer_size = 1 << 20;
  try {
    expect(peer.connect_to_url(`ws://127.0.0.1:${server.port}/`)).toBe(OK);
    // One process, one loop: the client and the server are both polled here.
    server.stop_loop();
    const deadline = Date.now() + 20_000;
    while (peer.get_ready_state() !== WebSocketPeer.STATE_OPEN && Date.now() < deadline) {
      peer.poll();
      server.poll();
      await wait_for_io(5);
    }
    const chunk = new Uint8Array(16 * 1024);
    for (let round = 0; round < 40 && server.received.length < 60; round++) {
      peer.poll();
      server.poll();
      for (let i = 0; i < 3; i++) peer.send(chunk);
      await wait_for_io(5);
    }
    expect(server.received.length).toBeGreaterThanOrEqual(60);
  } finally {
    peer.close(-1);
    await server.stop();
  }
});
