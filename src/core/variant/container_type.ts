/**
 * The element type of a typed Array (Array[int], Array[Node]) or the key or
 * value type of a typed Dictionary: a builtin type, plus a class name or a
 * script path when the builtin type is OBJECT. TYPE_NIL means untyped.
 */
import { VariantType } from "./variant_type.js";

export interface ContainerType {
  readonly builtin: VariantType;
  /** Native class name, e.g. "Node", when builtin is TYPE_OBJECT. */
  readonly class_name: string;
  /** Script path ("res://player.gd") when typed by a script. */
  readonly script: string;
}

export const UNTYPED: ContainerType = Object.freeze({ builtin: VariantType.TYPE_NIL, class_name: "", script: "" });

/**
 * Builds a ContainerType from a builtin type id, or from a class name (then
 * the builtin type is OBJECT). TYPE_OBJECT alone means class "Object", as
 * GDScript's Array[Object] has it.
 */
export function container_type(type: VariantType | string, script = ""): ContainerType {
  if (typeof type === "string") return Object.freeze({ builtin: VariantType.TYPE_OBJECT, class_name: type, script });
  const class_name = type === VariantType.TYPE_OBJECT && script === "" ? "Object" : "";
  return Object.freeze({ builtin: type, class_name, script });
}

export function is_typed(type: ContainerType): boolean {
  return type.builtin !== VariantType.TYPE_NIL;
}

export function same_container_type(a: ContainerType, b: ContainerType): boolean {
  return a.builtin === b.builtin && a.class_name === b.class_name && a.script === b.script;
}
