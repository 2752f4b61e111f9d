import { Vector2 } from "./vector2.js";

/** Rect2: position and size (real_t). */
export class Rect2 {
  position: Vector2;
  size: Vector2;

  constructor();
  constructor(position: Vector2, size: Vector2);
  constructor(x: number, y: number, width: number, height: number);
  constructor(a?: Vector2 | number, b?: Vector2 | number, width = 0, height = 0) {
    if (a instanceof Vector2 || b instanceof Vector2) {
      this.position = a instanceof Vector2 ? a : new Vector2();
      this.size = b instanceof Vector2 ? b : new Vector2();
    } else {
      this.position = new Vector2(a ?? 0, b ?? 0);
      this.size = new Vector2(width, height);
    }
  }

  equals(other: unknown): boolean {
    return other instanceof Rect2 && other.position.equals(this.position) && other.size.equals(this.size);
  }

  /** `[P: (0, 0), S: (1, 1)]` */
  to_string(): string {
    return `[P: ${this.position.to_string()}, S: ${this.size.to_string()}]`;
  }

  toString(): string {
    return this.to_string();
  }
}
