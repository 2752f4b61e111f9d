/**
 * Shared helpers for the core I/O tests: registration, waiting on conditions
 * (never on fixed sleeps), loopback TCP pairs, and cleanup of every socket.
 */
import { register_io_types } from "../../../src/core/io/register_io_types.js";
import { wait_for_io } from "../../../src/core/io/io_wait.js";
import { StreamPeerTCP } from "../../../src/core/io/stream_peer_tcp.js";
import { TCPServer } from "../../../src/core/io/tcp_server.js";
import { register_core_types } from "../../../src/core/register_core_types.js";

export function register_all(): void {
  register_core_types();
  register_io_types();
}

export const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex");
/** Byte equality that stays fast on large arrays (vitest's deep equality walks them element by element). */
export const same_bytes = (a: Uint8Array | undefined, b: Uint8Array): boolean =>
  a !== undefined && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
export const bytes = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text.replace(/\s+/g, ""), "hex"));

/** Polls `step` (which returns true when done) after every I/O wake-up until it succeeds; fails after `timeout_ms`. */
export async function wait_until(step: () => boolean, what: string, timeout_ms = 15_000): Promise<void> {
  const deadline = Date.now() + timeout_ms;
  for (;;) {
    if (step()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await wait_for_io(50);
  }
}

/** Waits until the process holds no TCP socket or server handle (every test closed what it opened). */
export async function expect_no_tcp_handles(timeout_ms = 10_000): Promise<void> {
  const tcp = (): string[] => process.getActiveResourcesInfo().filter((r) => r.startsWith("TCP"));
  const deadline = Date.now() + timeout_ms;
  while (tcp().length > 0) {
    if (Date.now() > deadline) throw new Error(`TCP handles left open: ${tcp().join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Things to close after a test. */
export class Cleanup {
  readonly #actions: (() => void)[] = [];

  add<T>(value: T, close: (v: T) => void): T {
    this.#actions.push(() => close(value));
    return value;
  }

  server(server: TCPServer): TCPServer {
    return this.add(server, (s) => s.stop());
  }

  peer(peer: StreamPeerTCP): StreamPeerTCP {
    return this.add(peer, (p) => {
      // Abrupt close: tests must not leave lingering sockets behind.
      p._get_socket_stream()?.destroy();
      p.disconnect_from_host();
    });
  }

  run(): void {
    while (this.#actions.length > 0) {
      try {
        this.#actions.pop()?.();
      } catch {
        // Cleanup keeps going.
      }
    }
  }
}

/** A listening server, a connected client and the server-side peer, all CONNECTED. */
export async function tcp_pair(
  cleanup: Cleanup,
  address = "127.0.0.1",
): Promise<{ server: TCPServer; client: StreamPeerTCP; accepted: StreamPeerTCP }> {
  const server = cleanup.server(new TCPServer());
  const err = server.listen(0, address);
  if (err !== 0) throw new Error(`listen failed: ${err}`);
  const client = cleanup.peer(new StreamPeerTCP());
  const connect_err = client.connect_to_host(address, server.get_local_port());
  if (connect_err !== 0) throw new Error(`connect failed: ${connect_err}`);
  let accepted: StreamPeerTCP | null = null;
  await wait_until(() => {
    client.poll();
    if (accepted === null) {
      accepted = server.take_connection();
      if (accepted !== null) cleanup.peer(accepted);
    }
    return accepted !== null && client.get_status() === StreamPeerTCP.STATUS_CONNECTED;
  }, "a loopback connection");
  return { server, client, accepted: accepted as unknown as StreamPeerTCP };
}

/** Deterministic pseudo-random bytes (so a large transfer can be checked byte for byte). */
export function pattern(length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}
