import { Vector2i } from "./vector2i.js";

/** Rect2i: position and size with int32 components. */
export class Rect2i {
  position: Vector2i;
  size: Vector2i;

  constructor();
  constructor(position: Vector2i, size: Vector2i);
  constructor(x: number, y: number, width: number, height: number);
  constructor(a?: Vector2i | number, b?: Vector2i | number, width = 0, height = 0) {
    if (a instanceof Vector2i || b instanceof Vector2i) {
      this.position = a instanceof Vector2i ? a : new Vector2i();
      this.size = b instanceof Vector2i ? b : new Vector2i();
    } else {
      this.position = new Vector2i(a ?? 0, b ?? 0);
      this.size = new Vector2i(width, height);
    }
  }

  equals(other: unknown): boolean {
    return other instanceof Rect2i && other.position.equals(this.position) && other.size.equals(this.size);
  }

  /** `[P: (0, 0), S: (1, 1)]` */
  to_string(): string {
    return `[P: ${this.position.to_string()}, S: ${this.size.to_string()}]`;
  }

  toString(): string {
    return this.to_string();
  }
}
