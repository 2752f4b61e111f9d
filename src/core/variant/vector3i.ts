/** Vector3i: 32-bit integer components (the constructor truncates and wraps like int32; the encoder writes int32 either way). */
export class Vector3i {
  x: number;
  y: number;
  z: number;

  constructor(x = 0, y = 0, z = 0) {
    this.x = x | 0;
    this.y = y | 0;
    this.z = z | 0;
  }

  equals(other: unknown): boolean {
    return other instanceof Vector3i && other.x === this.x && other.y === this.y && other.z === this.z;
  }

  to_string(): string {
    return `(${this.x}, ${this.y}, ${this.z})`;
  }

  toString(): string {
    return this.to_string();
  }
}
