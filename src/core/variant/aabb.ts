import { Vector3 } from "./vector3.js";

/** AABB: position and size. */
export class AABB {
  constructor(
    public position: Vector3 = new Vector3(),
    public size: Vector3 = new Vector3(),
  ) {}

  equals(other: unknown): boolean {
    return other instanceof AABB && other.position.equals(this.position) && other.size.equals(this.size);
  }

  /** `[P: (0, 0, 0), S: (1, 1, 1)]` */
  to_string(): string {
    return `[P: ${this.position.to_string()}, S: ${this.size.to_string()}]`;
  }

  toString(): string {
    return this.to_string();
  }
}
