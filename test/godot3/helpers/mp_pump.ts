/**
 * Test loop plumbing for the 3.x multiplayer tests: poll every gdnet side
 * until a condition holds (bounded by a generous deadline, never a fixed
 * sleep as an assertion), and a cleanup list for afterEach.
 */
import { wait_for_io } from "../../../src/core/io/io_wait.js";

export interface Pollable {
  poll(): void;
}

const DEADLINE_MS = 10_000;

/** Polls `sides` and waits for I/O until `cond()` holds; throws naming `what` after the deadline. */
export async function until(cond: () => boolean, what: string, sides: readonly Pollable[] = []): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  for (;;) {
    for (const side of sides) side.poll();
    if (cond()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    // ws events and gdnet sockets both wake this early (the ws helpers call notify_io).
    await wait_for_io(20);
  }
}

/**
 * Keeps polling for a while to give an unwanted event every chance to show
 * up, for "this did NOT arrive" assertions. Paired with a later positive
 * marker where possible, so the negative check is not just a race.
 */
export async function settle(sides: readonly Pollable[], rounds = 10): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    for (const side of sides) side.poll();
    await wait_for_io(10);
  }
}

const cleanups: (() => Promise<void> | void)[] = [];

/** Registers something to close after the current test (last-in, first-out). */
export function on_cleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

/** Call from afterEach. */
export async function run_cleanups(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()?.();
}
