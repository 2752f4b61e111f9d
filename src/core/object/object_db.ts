/**
 * ObjectDB: instance ids and the liveness test behind is_instance_valid().
 * Entries hold weak references, so JavaScript's GC still frees objects; free()
 * removes an object at once, as the engine's memdelete does.
 */

const instances = new Map<number, WeakRef<object>>();
const forget = new FinalizationRegistry<number>((id) => {
  const ref = instances.get(id);
  if (ref && ref.deref() === undefined) instances.delete(id);
});
let next_id = 1;

export const ObjectDB = {
  add_instance(obj: object): number {
    const id = next_id++;
    instances.set(id, new WeakRef(obj));
    forget.register(obj, id);
    return id;
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
  const id = (value as { get_instance_id?: () => number }).get_instance_id;
  if (typeof id !== "function") return false;
  return ObjectDB.get_instance(id.call(value)) === value;
}

export function is_instance_id_valid(id: number): boolean {
  return ObjectDB.get_instance(id) !== null;
}
