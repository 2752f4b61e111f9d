/**
 * JavaScript has one number type; Godot has int and float. A whole JS number
 * is taken as an int, so `float(1)` marks a value that must stay a float
 * (encodes as TYPE_FLOAT, prints "1.0").
 */
import { num_real } from "./number_format.js";

export class Float {
  constructor(public value: number) {}

  /** Arithmetic and comparisons see the plain number. */
  valueOf(): number {
    return this.value;
  }

  equals(other: unknown): boolean {
    const v = other instanceof Float ? other.value : other;
    return typeof v === "number" && v === this.value;
  }

  /** As str() prints a float in Godot 4.3: "1.0", "0.5", "0.333333". */
  to_string(): string {
    return num_real(this.value, true);
  }

  toString(): string {
    return this.to_string();
  }
}

/** Marks a number as a Godot float. */
export function float(value: number): Float {
  return new Float(value);
}
