/**
 * gdnet's main job for now: show what exists. It registers every class,
 * prints the class tree from ClassDB, and runs a tiny signal round trip.
 * (It grows into the chat demo as the WebSocket classes land.)
 */
import { ClassDB, GodotObject, OK, RefCounted, error_string, print } from "../src/index.js";

function print_tree(class_name: string, depth: number): void {
  const methods = ClassDB.class_get_method_infos(class_name, true).filter((m) => !m.is_property_accessor).length;
  const properties = ClassDB.class_get_property_infos(class_name, true).length;
  const signals = ClassDB.class_get_signal_list(class_name, true).length;
  print(`${"  ".repeat(depth)}${class_name}  (${methods} methods, ${properties} properties, ${signals} signals)`);
  for (const child of ClassDB.get_class_list().filter((c) => ClassDB.get_parent_class(c) === class_name)) {
    print_tree(child, depth + 1);
  }
}

print("gdnet: Godot's networking API surface in TypeScript");
print("");
print("Classes registered in ClassDB:");
print_tree("Object", 1);
print("");

const emitter = new RefCounted();
emitter.add_user_signal("hello");
const err = emitter.connect("hello", (who: string) => print(`signal received: hello, ${who}`));
print(`connect() -> ${err === OK ? "OK" : error_string(err)}`);
emitter.emit_signal("hello", "world");
print(`${emitter} is_class("Object") = ${emitter.is_class("Object")}; plain Object: ${new GodotObject()}`);
