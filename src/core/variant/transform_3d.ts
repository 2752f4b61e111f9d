import { Basis } from "./basis.js";
import { Vector3 } from "./vector3.js";

/** Transform3D: a basis and an origin; identity by default. */
export class Transform3D {
  constructor(
    public basis: Basis = new Basis(),
    public origin: Vector3 = new Vector3(),
  ) {}

  equals(other: unknown): boolean {
    return other instanceof Transform3D && other.basis.equals(this.basis) && other.origin.equals(this.origin);
  }

  /** `[X: (1, 0, 0), Y: (0, 1, 0), Z: (0, 0, 1), O: (0, 0, 0)]` */
  to_string(): string {
    const b = this.basis;
    return `[X: ${b.x.to_string()}, Y: ${b.y.to_string()}, Z: ${b.z.to_string()}, O: ${this.origin.to_string()}]`;
  }

  toString(): string {
    return this.to_string();
  }
}
