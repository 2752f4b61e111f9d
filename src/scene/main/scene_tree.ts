/**
 * A SceneTree-like runner for ported game-style code: it owns a root Node and
 * ticks `_process(delta)` over the tree at a fixed rate (60 Hz by default) —
 * with timers on Node.js, or on requestAnimationFrame in browsers — then runs
 * deferred calls (queue_free, call_deferred, CONNECT_DEFERRED) at the end of
 * each frame, as the engine does.
 */
import { ERR_PRINT } from "../../core/error/error_macros.js";
import type { ClassBinder } from "../../core/object/class_binder.js";
import { MessageQueue } from "../../core/object/message_queue.js";
import { GodotObject } from "../../core/object/object.js";
import type { SceneTreeApi, SceneTreeStatics } from "../../gen/scene_tree.gen.js";
import { Node } from "./node.js";

type Scheduler = (callback: () => void) => void;

function default_scheduler(rate: number): Scheduler {
  const raf = (globalThis as { requestAnimationFrame?: (cb: () => void) => unknown }).requestAnimationFrame;
  if (typeof raf === "function") return (cb) => void raf(cb);
  return (cb) => void setTimeout(cb, 1000 / rate);
}

export class SceneTree extends GodotObject implements SceneTreeApi {
  declare readonly __signals: GodotObject["__signals"] & { process_frame: [] };

  readonly root = new Node();
  #rate: number;
  #running = false;
  #last = 0;
  #frames = 0;
  #quit_resolve: ((code: number) => void) | null = null;
  #exit_code = 0;
  #schedule: Scheduler;

  static override _bind_methods(b: ClassBinder): void {
    b.method("quit(exit_code: int = 0)");
    b.method("get_frame() const -> int");
    b.method("get_root() const -> Node");
    b.signal("process_frame()");
  }

  /** `rate` is frames per second on Node.js; in browsers frames follow requestAnimationFrame. */
  constructor(rate = 60, scheduler?: Scheduler) {
    super();
    this.#rate = rate > 0 ? rate : 60;
    this.#schedule = scheduler ?? default_scheduler(this.#rate);
    this.root.set_name("root");
  }

  get_root(): Node {
    return this.root;
  }

  get_frame(): number {
    return this.#frames;
  }

  /** Puts `scene` under the root and runs frames until quit(); resolves with the exit code. */
  run(scene?: Node): Promise<number> {
    if (this.#running) {
      ERR_PRINT("SceneTree.run: already running.");
      return Promise.resolve(1);
    }
    this.#running = true;
    this.root._propagate_enter_tree(this);
    if (scene) this.root.add_child(scene);
    this.#last = performance.now();
    return new Promise<number>((resolve) => {
      this.#quit_resolve = resolve;
      this.#schedule(() => this.#frame());
    });
  }

  /** Runs one frame by hand (for tests and for hosts with their own loop). */
  step(delta: number): void {
    this.#frames++;
    // As in the engine, process_frame comes first, then the nodes' _process.
    this.emit_signal("process_frame");
    this.root._propagate_process(delta);
    MessageQueue.flush();
  }

  quit(exit_code = 0): void {
    this.#exit_code = exit_code;
    this.#running = false;
  }

  #frame(): void {
    if (!this.#running) {
      this.root._propagate_exit_tree();
      this.#quit_resolve?.(this.#exit_code);
      return;
    }
    const now = performance.now();
    const delta = (now - this.#last) / 1000;
    this.#last = now;
    this.step(delta);
    this.#schedule(() => this.#frame());
  }
}
SceneTree satisfies SceneTreeStatics;
