import { to_int64 } from "./int64.js";

/**
 * What an Object sent without full_objects decodes to: just its instance id
 * (EncodedObjectAsID in the engine). Encoding one writes the id back, so a
 * relay can pass object references through unchanged. A plain value class
 * here; the object model may register it in ClassDB later.
 */
export class EncodedObjectAsID {
  object_id: bigint;

  constructor(object_id: bigint | number = 0n) {
    this.object_id = to_int64(object_id);
  }

  get_object_id(): bigint {
    return this.object_id;
  }

  set_object_id(id: bigint | number): void {
    this.object_id = to_int64(id);
  }

  get_class(): string {
    return "EncodedObjectAsID";
  }

  equals(other: unknown): boolean {
    return other instanceof EncodedObjectAsID && other.object_id === this.object_id;
  }

  /** Objects print as `<Class#id>`. */
  to_string(): string {
    return `<EncodedObjectAsID#${this.object_id}>`;
  }

  toString(): string {
    return this.to_string();
  }
}
