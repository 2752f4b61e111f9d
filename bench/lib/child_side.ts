/**
 * Child side of the bench's IPC: answers {id, cmd} requests with a handler,
 * and exits when asked or when the parent goes away.
 */

type Handler = (cmd: string, msg: Record<string, unknown>) => Promise<unknown> | unknown;

export function serve_requests(handler: Handler, on_exit: () => void = () => {}): void {
  const exit = (): void => {
    try {
      on_exit();
    } finally {
      process.exit(0);
    }
  };
  process.on("disconnect", exit);
  process.on("message", (raw: unknown) => {
    const msg = raw as Record<string, unknown>;
    const id = msg.id;
    const cmd = String(msg.cmd);
    if (cmd === "exit") {
      exit();
      return;
    }
    Promise.resolve()
      .then(() => handler(cmd, msg))
      .then(
        (result) => process.send?.({ id, result }),
        (error: unknown) => process.send?.({ id, error: error instanceof Error ? error.message : String(error) }),
      );
  });
}

export function say_ready(info: Record<string, unknown> = {}): void {
  process.send?.({ type: "ready", ...info });
}

/** Forced full GCs, then the process's memory figures (needs --expose-gc). */
export function measured_memory(): { rss: number; heap_used: number; external: number; array_buffers: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return { rss: m.rss, heap_used: m.heapUsed, external: m.external, array_buffers: m.arrayBuffers };
}

/** CPU time this process has used so far (user + system), in microseconds. */
export function cpu_us(): number {
  const u = process.cpuUsage();
  return u.user + u.system;
}
