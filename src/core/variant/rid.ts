import { to_int64 } from "./int64.js";

/** RID: an opaque server resource id (int64 on the wire; 0 is the invalid RID). */
export class RID {
  readonly id: bigint;

  constructor(id: bigint | number = 0n) {
    this.id = to_int64(id);
  }

  get_id(): bigint {
    return this.id;
  }

  is_valid(): boolean {
    return this.id !== 0n;
  }

  equals(other: unknown): boolean {
    return other instanceof RID && other.id === this.id;
  }

  /** `RID(1234)` */
  to_string(): string {
    return `RID(${this.id})`;
  }

  toString(): string {
    return this.to_string();
  }
}
