/**
 * A minimal Node, enough for ported game-style code: a tree with add_child /
 * remove_child / queue_free, `_ready()` once a node is in the tree (children
 * first, as in the engine) and `_process(delta)` every frame while processing
 * is on. As in Godot 4, processing starts on by itself for a node whose class
 * overrides `_process`.
 */
import { ERR_PRINT } from "../../core/error/error_macros.js";
import type { ClassBinder } from "../../core/object/class_binder.js";
import { MessageQueue } from "../../core/object/message_queue.js";
import { GodotObject } from "../../core/object/object.js";
import type { NodeApi, NodeStatics } from "../../gen/node.gen.js";
import type { SceneTree } from "./scene_tree.js";

export class Node extends GodotObject implements NodeApi {
  static readonly NOTIFICATION_ENTER_TREE = 10;
  static readonly NOTIFICATION_EXIT_TREE = 11;
  static readonly NOTIFICATION_READY = 13;
  static readonly NOTIFICATION_PROCESS = 17;

  declare readonly __signals: GodotObject["__signals"] & {
    ready: [];
    tree_entered: [];
    tree_exiting: [];
    tree_exited: [];
  };
  declare name: string;

  #name = "";
  #parent: Node | null = null;
  #children: Node[] = [];
  #tree: SceneTree | null = null;
  #processing: boolean | null = null;
  #ready_done = false;
  #queued_for_deletion = false;

  static override _bind_methods(b: ClassBinder): void {
    b.method("add_child(node: Node)");
    b.method("remove_child(node: Node)");
    b.method("get_child(idx: int) const -> Node");
    b.method("get_child_count() const -> int");
    b.method("get_children() const -> Node[]");
    b.method("get_parent() const -> Node");
    b.method("is_inside_tree() const -> bool");
    b.method("get_tree() const -> SceneTree");
    b.method("set_process(enable: bool)");
    b.method("is_processing() const -> bool");
    b.method("queue_free()");
    b.method("is_queued_for_deletion() const -> bool");
    b.virtual_method("_ready()");
    b.virtual_method("_process(delta: float)");
    b.virtual_method("_enter_tree()");
    b.virtual_method("_exit_tree()");
    b.property("name: StringName", "set_name", "get_name");
    b.signal("ready()");
    b.signal("tree_entered()");
    b.signal("tree_exiting()");
    b.signal("tree_exited()");
    b.constant("NOTIFICATION_ENTER_TREE", 10);
    b.constant("NOTIFICATION_EXIT_TREE", 11);
    b.constant("NOTIFICATION_READY", 13);
    b.constant("NOTIFICATION_PROCESS", 17);
  }

  set_name(name: string): void {
    this.#name = String(name);
  }

  get_name(): string {
    return this.#name;
  }

  add_child(node: Node): void {
    if (!(node instanceof Node)) {
      ERR_PRINT("Node.add_child: the child must be a Node.");
      return;
    }
    if (node === this || node.#parent !== null) {
      ERR_PRINT(`Node.add_child: ${node} already has a parent (or is this node).`);
      return;
    }
    for (let up: Node | null = this; up; up = up.#parent) {
      if (up === node) {
        ERR_PRINT("Node.add_child: a node cannot become its own descendant.");
        return;
      }
    }
    node.#parent = this;
    this.#children.push(node);
    if (this.#tree) node._propagate_enter_tree(this.#tree);
  }

  remove_child(node: Node): void {
    const index = this.#children.indexOf(node);
    if (index < 0) {
      ERR_PRINT(`Node.remove_child: ${node} is not a child of ${this}.`);
      return;
    }
    if (this.#tree) node._propagate_exit_tree();
    this.#children.splice(index, 1);
    node.#parent = null;
  }

  get_child(idx: number): Node | null {
    const i = idx < 0 ? this.#children.length + idx : idx;
    const child = this.#children[i];
    if (!child) ERR_PRINT(`Node.get_child: index ${idx} is out of bounds (${this.#children.length} children).`);
    return child ?? null;
  }

  get_child_count(): number {
    return this.#children.length;
  }

  get_children(): Node[] {
    return [...this.#children];
  }

  get_parent(): Node | null {
    return this.#parent;
  }

  is_inside_tree(): boolean {
    return this.#tree !== null;
  }

  get_tree(): SceneTree | null {
    return this.#tree;
  }

  set_process(enable: boolean): void {
    this.#processing = Boolean(enable);
  }

  /** On by default when the class overrides `_process`, as in Godot 4. */
  is_processing(): boolean {
    if (this.#processing !== null) return this.#processing;
    return this._process !== Node.prototype._process;
  }

  /** Frees the node at the end of the current frame (after it leaves the tree). */
  queue_free(): void {
    if (this.#queued_for_deletion) return;
    this.#queued_for_deletion = true;
    MessageQueue.push(() => {
      this.#parent?.remove_child(this);
      for (const child of [...this.#children]) child.queue_free();
      this.free();
    });
  }

  is_queued_for_deletion(): boolean {
    return this.#queued_for_deletion;
  }

  _ready(): void {}

  _process(delta: number): void {
    void delta;
  }

  _enter_tree(): void {}

  _exit_tree(): void {}

  /** Enters the tree top-down, then readies bottom-up (children before parents). */
  _propagate_enter_tree(tree: SceneTree): void {
    this.#tree = tree;
    this.notification(Node.NOTIFICATION_ENTER_TREE);
    this._enter_tree();
    this.emit_signal("tree_entered");
    for (const child of [...this.#children]) child._propagate_enter_tree(tree);
    if (!this.#ready_done) {
      this.#ready_done = true;
      this.notification(Node.NOTIFICATION_READY);
      this._ready();
      this.emit_signal("ready");
    }
  }

  _propagate_exit_tree(): void {
    for (const child of [...this.#children].reverse()) child._propagate_exit_tree();
    this.emit_signal("tree_exiting");
    this._exit_tree();
    this.notification(Node.NOTIFICATION_EXIT_TREE);
    this.#tree = null;
    this.emit_signal("tree_exited");
  }

  /** Calls `_process` on this node and its subtree, in tree order. */
  _propagate_process(delta: number): void {
    if (this.#queued_for_deletion) return;
    if (this.is_processing()) {
      this.notification(Node.NOTIFICATION_PROCESS);
      this._process(delta);
    }
    for (const child of [...this.#children]) child._propagate_process(delta);
  }
}
Node satisfies NodeStatics;
