import { num_real } from "./number_format.js";

/** Vector4 (real_t components). */
export class Vector4 {
  constructor(
    public x = 0,
    public y = 0,
    public z = 0,
    public w = 0,
  ) {}

  equals(other: unknown): boolean {
    return (
      other instanceof Vector4 && other.x === this.x && other.y === this.y && other.z === this.z && other.w === this.w
    );
  }

  /** `(1, 2, 3, 4)` */
  to_string(): string {
    return `(${num_real(this.x, false)}, ${num_real(this.y, false)}, ${num_real(this.z, false)}, ${num_real(this.w, false)})`;
  }

  toString(): string {
    return this.to_string();
  }
}
