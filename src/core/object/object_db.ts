/**
 * ObjectDB: instance ids and the liveness test behind is_instance_valid().
 * Entries hold weak references, so JavaScript's GC still frees objects; free()
 * removes an object at once, as the engine's memdelete does.
 *
 * An object enters the table only when its id is first asked for: most
 * objects (a server's peers and streams) are never looked up by id, and a
 * WeakRef plus a finalization cell per object is memory a busy server would
 * pay for every idle connection. Liveness itself is a flag on the object.
 */

const instances = new Map<number, WeakRef<object>>();
const forget = new FinalizationRegistry<number>((id) => {
  const ref = instances.get(id);
  if (ref && ref.deref() === undefined) instances.delete(id);
});
let next_id = 1;

export const ObjectDB = {
  /** A fresh id; the object is not in the table yet. */
  next_id(): number {
    return next_id++;
  },

  /** Puts an object in the table under an id from next_id(). */
  add_instance_with_id(obj: object, id: number): void {
    instances.set(id, new WeakRef(obj));
    forget.register(obj, id);
  },

  remove_instance(id: number): void {
    instances.delete(id);
  },

  get_instance(id: number): object | null {
    return instances.get(id)?.deref() ?? null;
  },

  get_object_count(): number {
    return instances.size;
  },
};

/** The object with that instance id, or null when it was freed or collected. */
export function instance_from_id(id: number): object | null {
  return ObjectDB.get_instance(id);
}

/** False for null, for freed objects, and for values that are not Godot objects. */
export function is_instance_valid(value: unknown): boolean {
  if (value === null || typeof value !== "object") return false;
  const freed = (value as { _is_freed?: () => boolean })._is_freed;
  return typeof freed === "function" && !freed.call(value);
}

export function is_instance_id_valid(id: number): boolean {
  return ObjectDB.get_instance(id) !== null;
}
