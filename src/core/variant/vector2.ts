import { num_real } from "./number_format.js";

/** Vector2 (real_t components; single precision on the wire). */
export class Vector2 {
  constructor(
    public x = 0,
    public y = 0,
  ) {}

  equals(other: unknown): boolean {
    return other instanceof Vector2 && other.x === this.x && other.y === this.y;
  }

  /** Godot 4.3 prints `(1, 2)`, `(0.5, -1.25)`. */
  to_string(): string {
    return `(${num_real(this.x, false)}, ${num_real(this.y, false)})`;
  }

  toString(): string {
    return this.to_string();
  }
}
