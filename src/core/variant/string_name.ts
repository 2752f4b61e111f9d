/**
 * StringName (`&"name"` in GDScript). A separate class so that it keeps its
 * own wire type id (21) instead of becoming a String.
 */
export class StringName {
  constructor(public readonly name: string = "") {}

  equals(other: unknown): boolean {
    return other instanceof StringName && other.name === this.name;
  }

  is_empty(): boolean {
    return this.name === "";
  }

  to_string(): string {
    return this.name;
  }

  toString(): string {
    return this.name;
  }
}
