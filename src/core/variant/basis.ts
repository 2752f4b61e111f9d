import { Vector3 } from "./vector3.js";

/**
 * Basis as GDScript sees it: three column vectors x, y, z (identity by
 * default). The engine stores rows; the wire format writes rows, i.e.
 * x.x, y.x, z.x, x.y, ... (see marshalls).
 */
export class Basis {
  constructor(
    public x: Vector3 = new Vector3(1, 0, 0),
    public y: Vector3 = new Vector3(0, 1, 0),
    public z: Vector3 = new Vector3(0, 0, 1),
  ) {}

  equals(other: unknown): boolean {
    return other instanceof Basis && other.x.equals(this.x) && other.y.equals(this.y) && other.z.equals(this.z);
  }

  /** `[X: (1, 0, 0), Y: (0, 1, 0), Z: (0, 0, 1)]` (columns) */
  to_string(): string {
    return `[X: ${this.x.to_string()}, Y: ${this.y.to_string()}, Z: ${this.z.to_string()}]`;
  }

  toString(): string {
    return this.to_string();
  }
}
