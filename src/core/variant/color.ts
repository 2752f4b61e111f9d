import { num } from "./number_format.js";

/** Color: r, g, b, a floats (always single precision on the wire); alpha defaults to 1. */
export class Color {
  constructor(
    public r = 0,
    public g = 0,
    public b = 0,
    public a = 1,
  ) {}

  equals(other: unknown): boolean {
    return other instanceof Color && other.r === this.r && other.g === this.g && other.b === this.b && other.a === this.a;
  }

  /** `(1, 0, 0, 1)`; components with up to 4 decimals, as the engine prints. */
  to_string(): string {
    return `(${num(this.r, 4)}, ${num(this.g, 4)}, ${num(this.b, 4)}, ${num(this.a, 4)})`;
  }

  toString(): string {
    return this.to_string();
  }
}
