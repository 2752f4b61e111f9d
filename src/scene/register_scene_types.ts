/** Registers the main-loop classes (Node, SceneTree) in ClassDB. */
import { ClassDB } from "../core/object/class_db.js";
import { Node } from "./main/node.js";
import { SceneTree } from "./main/scene_tree.js";

export function register_scene_types(): void {
  ClassDB.register_class(Node);
  ClassDB.register_class(SceneTree);
}
