/**
 * Deferred calls (CONNECT_DEFERRED, call_deferred): queued and run together
 * once the current synchronous work is done, as the engine runs them at the
 * end of the frame. A main loop may also flush() at a point of its choosing.
 */
import { ERR_PRINT } from "../error/error_macros.js";

type Deferred = () => void;

const queue: Deferred[] = [];
let scheduled = false;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export const MessageQueue = {
  push(call: Deferred): void {
    queue.push(call);
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(() => MessageQueue.flush());
    }
  },

  /** Runs every queued call, including ones queued while flushing. A throwing call is reported and skipped. */
  flush(): void {
    scheduled = false;
    for (let i = 0; i < queue.length; i++) {
      const call = queue[i];
      try {
        call?.();
      } catch (error) {
        ERR_PRINT(`Error in deferred call: ${describe(error)}`);
      }
    }
    queue.length = 0;
  },

  get pending(): number {
    return queue.length;
  },
};
