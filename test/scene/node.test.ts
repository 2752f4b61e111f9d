import { beforeAll, describe, expect, it } from "vitest";
import { capture_output } from "../../src/core/error/error_sink.js";
import { is_instance_valid } from "../../src/core/object/object_db.js";
import { register_core_types } from "../../src/core/register_core_types.js";
import { Node } from "../../src/scene/main/node.js";
import { SceneTree } from "../../src/scene/main/scene_tree.js";
import { register_scene_types } from "../../src/scene/register_scene_types.js";

beforeAll(() => {
  register_core_types();
  register_scene_types();
});

const log: string[] = [];

class Logged extends Node {
  constructor(name: string) {
    super();
    this.set_name(name);
  }
  override _enter_tree(): void {
    log.push(`enter ${this.get_name()}`);
  }
  override _ready(): void {
    log.push(`ready ${this.get_name()}`);
  }
  override _exit_tree(): void {
    log.push(`exit ${this.get_name()}`);
  }
}

class Ticker extends Node {
  deltas: number[] = [];
  override _process(delta: number): void {
    this.deltas.push(delta);
  }
}

describe("Node", () => {
  it("enters the tree top-down and is ready bottom-up, once", () => {
    log.length = 0;
    const tree = new SceneTree(60, () => {});
    const a = new Logged("a");
    const b = new Logged("b");
    const c = new Logged("c");
    a.add_child(b);
    b.add_child(c);
    void tree.run(a);
    expect(log).toEqual(["enter a", "enter b", "enter c", "ready c", "ready b", "ready a"]);
    expect(c.get_tree()).toBe(tree);
    expect(c.is_inside_tree()).toBe(true);
    a.remove_child(b);
    expect(log.slice(6)).toEqual(["exit c", "exit b"]);
    expect(c.is_inside_tree()).toBe(false);
    a.add_child(b);
    expect(log.slice(8)).toEqual(["enter b", "enter c"]); // no second _ready
  });

  it("processes nodes that override _process, until set_process(false)", () => {
    const tree = new SceneTree(60, () => {});
    const t = new Ticker();
    const plain = new Node();
    expect(t.is_processing()).toBe(true);
    expect(plain.is_processing()).toBe(false);
    void tree.run(t);
    tree.step(0.5);
    tree.step(0.25);
    expect(t.deltas).toEqual([0.5, 0.25]);
    t.set_process(false);
    tree.step(0.1);
    expect(t.deltas).toEqual([0.5, 0.25]);
    expect(tree.get_frame()).toBe(3);
  });

  it("queue_free frees the node and its children at the end of the frame", () => {
    const tree = new SceneTree(60, () => {});
    const parent = new Node();
    const child = new Ticker();
    const grandchild = new Node();
    child.add_child(grandchild);
    parent.add_child(child);
    void tree.run(parent);
    child.queue_free();
    expect(child.is_queued_for_deletion()).toBe(true);
    expect(is_instance_valid(child)).toBe(true);
    tree.step(0.016);
    expect(child.deltas).toEqual([]); // queued nodes are not processed
    expect(is_instance_valid(child)).toBe(false);
    expect(is_instance_valid(grandchild)).toBe(false);
    expect(parent.get_child_count()).toBe(0);
  });

  it("refuses bad tree edits with one line each", () => {
    const a = new Node();
    const b = new Node();
    a.add_child(b);
    const cap = capture_output();
    a.add_child(b);
    b.add_child(a);
    a.remove_child(new Node());
    expect(a.get_child(5)).toBeNull();
    cap.restore();
    expect(cap.lines("error")).toHaveLength(4);
  });

  it("runs at a fixed rate on timers and resolves run() with quit()'s code", async () => {
    const tree = new SceneTree(200);
    const t = new Ticker();
    t._process = function (delta: number): void {
      Ticker.prototype._process.call(this, delta);
      if (this.deltas.length === 5) this.get_tree()?.quit(7);
    };
    const code = await tree.run(t);
    expect(code).toBe(7);
    expect(t.deltas).toHaveLength(5);
    expect(t.deltas.every((d) => d > 0 && d < 1)).toBe(true);
  });
});

describe("SceneTree", () => {
  it("emits process_frame before the nodes' _process, as the engine does", () => {
    const tree = new SceneTree(60, () => {});
    const order: string[] = [];
    class Probe extends Node {
      override _process(): void {
        order.push("process");
      }
    }
    tree.connect("process_frame", () => order.push("process_frame"));
    void tree.run(new Probe());
    tree.step(0.016);
    expect(order).toEqual(["process_frame", "process"]);
  });
});
