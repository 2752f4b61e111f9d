import { num } from "./number_format.js";
import { Vector4 } from "./vector4.js";

/** Projection: a 4x4 matrix as four column vectors x, y, z, w; identity by default. */
export class Projection {
  constructor(
    public x: Vector4 = new Vector4(1, 0, 0, 0),
    public y: Vector4 = new Vector4(0, 1, 0, 0),
    public z: Vector4 = new Vector4(0, 0, 1, 0),
    public w: Vector4 = new Vector4(0, 0, 0, 1),
  ) {}

  equals(other: unknown): boolean {
    return (
      other instanceof Projection &&
      other.x.equals(this.x) &&
      other.y.equals(this.y) &&
      other.z.equals(this.z) &&
      other.w.equals(this.w)
    );
  }

  /**
   * Godot 4.3 prints each column on its own line, each line starting with a
   * newline: "\n1, 0, 0, 0\n0, 1, 0, 0\n...". (Later versions print
   * `[X: (...), Y: ..., Z: ..., W: ...]`.)
   */
  to_string(): string {
    let out = "";
    for (const c of [this.x, this.y, this.z, this.w]) {
      out += `\n${num(c.x)}, ${num(c.y)}, ${num(c.z)}, ${num(c.w)}`;
    }
    return out;
  }

  toString(): string {
    return this.to_string();
  }
}
