import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { get_io_activity_count, notify_io, wait_for_io } from "../../../src/core/io/io_wait.js";
import { Cleanup, expect_no_tcp_handles, register_all, tcp_pair } from "./io_test_helpers.js";

beforeAll(register_all);

const cleanup = new Cleanup();
afterEach(() => cleanup.run());
afterAll(() => expect_no_tcp_handles());

/** Consumes any activity reported so far, so the next wait really waits. */
async function drain(): Promise<void> {
  await wait_for_io(0);
  await wait_for_io(0);
}

describe("wait_for_io", () => {
  it("returns on the next turn of the event loop when there was activity since the previous wait", async () => {
    await drain();
    notify_io();
    let resolved = false;
    const wait = wait_for_io(60_000).then(() => (resolved = true));
    await new Promise((r) => setImmediate(r));
    await Promise.resolve();
    expect(resolved).toBe(true);
    await wait;
  });

  it("times out when nothing happens", async () => {
    await drain();
    const before = get_io_activity_count();
    await wait_for_io(30);
    expect(get_io_activity_count()).toBe(before);
  });

  it("a wait started before the activity wakes on it, every waiter at once", async () => {
    await drain();
    const order: string[] = [];
    const a = wait_for_io(60_000).then(() => order.push("a"));
    const b = wait_for_io().then(() => order.push("b"));
    setImmediate(notify_io);
    await Promise.all([a, b]);
    expect(order.sort()).toEqual(["a", "b"]);
  });

  it("wakes on socket data, and the data is there when it does", async () => {
    const { client, accepted } = await tcp_pair(cleanup);
    await drain();
    setImmediate(() => client.put_data(Uint8Array.of(42)));
    while (accepted.get_available_bytes() === 0) {
      // Each wake must come from activity: the timeout is longer than the test's.
      await wait_for_io(120_000);
    }
    expect(accepted.get_u8()).toBe(42);
  });

  it("does not lose activity that happens while the program is busy", async () => {
    const { client, accepted } = await tcp_pair(cleanup);
    await drain();
    client.put_data(Uint8Array.of(1));
    // Busy (not waiting) while the byte arrives: a macrotask later it has been reported.
    await new Promise<void>((resolve) => setTimeout(resolve, 20));
    while (accepted.get_available_bytes() === 0) await wait_for_io(120_000);
    expect(accepted.get_u8()).toBe(1);
  });
});
