import { num_real } from "./number_format.js";
import { Vector3 } from "./vector3.js";

/** Plane: normal and distance d (a*x + b*y + c*z = d). */
export class Plane {
  normal: Vector3;
  d: number;

  constructor();
  constructor(normal: Vector3, d?: number);
  constructor(a: number, b: number, c: number, d: number);
  constructor(a?: Vector3 | number, b = 0, c = 0, d = 0) {
    if (a instanceof Vector3) {
      this.normal = a;
      this.d = b;
    } else {
      this.normal = new Vector3(a ?? 0, b, c);
      this.d = d;
    }
  }

  equals(other: unknown): boolean {
    return other instanceof Plane && other.normal.equals(this.normal) && other.d === this.d;
  }

  /** `[N: (0, 1, 0), D: 5]` */
  to_string(): string {
    return `[N: ${this.normal.to_string()}, D: ${num_real(this.d, false)}]`;
  }

  toString(): string {
    return this.to_string();
  }
}
