import { num_real } from "./number_format.js";

/** Quaternion (x, y, z, w); defaults to identity (0, 0, 0, 1). */
export class Quaternion {
  constructor(
    public x = 0,
    public y = 0,
    public z = 0,
    public w = 1,
  ) {}

  equals(other: unknown): boolean {
    return (
      other instanceof Quaternion &&
      other.x === this.x &&
      other.y === this.y &&
      other.z === this.z &&
      other.w === this.w
    );
  }

  /** `(0, 0, 0, 1)` */
  to_string(): string {
    return `(${num_real(this.x, false)}, ${num_real(this.y, false)}, ${num_real(this.z, false)}, ${num_real(this.w, false)})`;
  }

  toString(): string {
    return this.to_string();
  }
}
