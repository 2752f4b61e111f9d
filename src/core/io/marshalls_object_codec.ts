/**
 * How the marshaller reaches the object model without depending on it: the
 * object layer installs a codec (wired to ClassDB), the marshaller asks it
 * for ids, class names and properties. Without one, objects travel as id 0
 * and full-object encoding/decoding is unavailable.
 */

export interface ObjectCodec {
  /** Class name and the properties to send (the engine's STORAGE properties), or null if not a Godot object. */
  describe(obj: object): { class_name: string; properties: [string, unknown][] } | null;
  /** Creates an instance of `class_name` and applies the properties; null if the class cannot be instantiated. */
  instantiate(class_name: string, properties: [string, unknown][]): object | null;
  /** The instance id (int64), or null if the object is not one the object model knows. */
  instance_id(obj: object): bigint | null;
}

let current: ObjectCodec | null = null;

/** Installs the codec; returns the previous one so tests can restore it. */
export function set_object_codec(codec: ObjectCodec | null): ObjectCodec | null {
  const previous = current;
  current = codec;
  return previous;
}

export function get_object_codec(): ObjectCodec | null {
  return current;
}
