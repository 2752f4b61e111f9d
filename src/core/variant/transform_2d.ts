import { Vector2 } from "./vector2.js";

/** Transform2D: the x and y basis columns and the origin. Defaults to identity. */
export class Transform2D {
  constructor(
    public x: Vector2 = new Vector2(1, 0),
    public y: Vector2 = new Vector2(0, 1),
    public origin: Vector2 = new Vector2(0, 0),
  ) {}

  equals(other: unknown): boolean {
    return (
      other instanceof Transform2D && other.x.equals(this.x) && other.y.equals(this.y) && other.origin.equals(this.origin)
    );
  }

  /** `[X: (1, 0), Y: (0, 1), O: (0, 0)]` */
  to_string(): string {
    return `[X: ${this.x.to_string()}, Y: ${this.y.to_string()}, O: ${this.origin.to_string()}]`;
  }

  toString(): string {
    return this.to_string();
  }
}
