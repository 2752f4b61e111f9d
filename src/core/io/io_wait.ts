/**
 * Sleeping until the network has something to say.
 *
 * Godot's peers do nothing until `poll()`; Node delivers socket events on its
 * own loop. A gdnet main loop therefore polls its peers and then awaits
 * `wait_for_io()`, which resolves as soon as any gdnet socket or server had
 * activity (data, connect, FIN, error, close, drain, a new connection, a DNS
 * answer, a connect deadline) since the previous wait returned, or when the
 * timeout passes:
 *
 *   while (running) {
 *     server_poll();           // take_connection(), peer.poll(), get_packet(), ...
 *     await wait_for_io(100);  // idle: sleeps (no spinning); busy: returns at once
 *   }
 *
 * The timeout bounds the latency of timer-driven work (heartbeats, game
 * ticks); activity wakes the loop immediately. No wakeup is lost: activity
 * that happens while the program is busy polling makes the next wait return
 * at once.
 *
 * Process-wide, and cheap on the event path: reporting activity is a counter
 * increment plus, only when someone is waiting, one wake-up of the waiters.
 * Other transports (TLS, WebSocket) report their own events with `notify_io()`.
 */

let activity = 0;
/** The activity count when the last wait returned; a difference means "something happened since". */
let seen = 0;
let waiters: (() => void)[] = [];

/**
 * Waits resolve through a macrotask, never as a bare microtask: a loop that
 * writes a lot causes activity ('drain' arrives on the nextTick queue), and if
 * each wait resumed at once as a microtask, Node would never reach its I/O
 * phase and no 'data' event would ever be read. setImmediate runs right after
 * the I/O phase, so a busy loop still reacts at once.
 */
const defer: (callback: () => void) => void =
  typeof setImmediate === "function" ? (callback) => void setImmediate(callback) : (callback) => void setTimeout(callback, 0);

function wake_waiters(): void {
  const list = waiters;
  waiters = [];
  seen = activity;
  for (const wake of list) defer(wake);
}

/** Reports I/O activity: wakes every pending `wait_for_io()`. Call it from socket event handlers. */
export function notify_io(): void {
  activity = (activity + 1) | 0;
  if (waiters.length > 0) wake_waiters();
}

/**
 * Resolves when there was I/O activity since the previous wait returned (at
 * once if there already was), or after `timeout_ms` milliseconds. Without a
 * timeout (or with a non-finite one) it waits for activity only; note that a
 * promise alone does not keep Node's process alive.
 */
export function wait_for_io(timeout_ms?: number): Promise<void> {
  if (activity !== seen) {
    seen = activity;
    return new Promise<void>((resolve) => defer(resolve));
  }
  return new Promise<void>((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const wake = (): void => {
      if (timer !== undefined) clearTimeout(timer);
      resolve();
    };
    waiters.push(wake);
    if (typeof timeout_ms === "number" && Number.isFinite(timeout_ms)) {
      timer = setTimeout(
        () => {
          const index = waiters.indexOf(wake);
          if (index >= 0) waiters.splice(index, 1);
          resolve();
        },
        Math.max(0, timeout_ms),
      );
    }
  });
}

/** How many activity reports there have been (wrapping 32-bit); for tests and diagnostics. */
export function get_io_activity_count(): number {
  return activity;
}
