import { num_real } from "./number_format.js";

/** Vector3 (real_t components). */
export class Vector3 {
  constructor(
    public x = 0,
    public y = 0,
    public z = 0,
  ) {}

  equals(other: unknown): boolean {
    return other instanceof Vector3 && other.x === this.x && other.y === this.y && other.z === this.z;
  }

  /** `(1, 2, 3)` */
  to_string(): string {
    return `(${num_real(this.x, false)}, ${num_real(this.y, false)}, ${num_real(this.z, false)})`;
  }

  toString(): string {
    return this.to_string();
  }
}
