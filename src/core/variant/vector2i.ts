/** Vector2i: 32-bit integer components (the constructor truncates and wraps like int32; the encoder writes int32 either way). */
export class Vector2i {
  x: number;
  y: number;

  constructor(x = 0, y = 0) {
    this.x = x | 0;
    this.y = y | 0;
  }

  equals(other: unknown): boolean {
    return other instanceof Vector2i && other.x === this.x && other.y === this.y;
  }

  to_string(): string {
    return `(${this.x}, ${this.y})`;
  }

  toString(): string {
    return this.to_string();
  }
}
