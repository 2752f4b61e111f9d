/**
 * Argument checks for the I/O classes. Plain-JS callers can pass anything;
 * the engine's bindings would have converted or rejected it. These helpers
 * convert what GDScript would convert (a float to an int by truncation, a
 * bigint to an int) and report what it would reject, so the public methods
 * can answer with an error code and one line instead of throwing.
 */

/** An int argument as a JS number: numbers are truncated, bigints converted; anything else (or NaN/inf) is null. */
export function int_argument(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? Math.trunc(value) : null;
  if (typeof value === "bigint") return Number(value);
  return null;
}

/** A float argument: numbers as they are, bigints converted; anything else is null. */
export function float_argument(value: unknown): number | null {
  if (typeof value === "number") return value;
  if (typeof value === "bigint") return Number(value);
  return null;
}

/** A PackedStringArray argument as strings: each element converted with String(); anything but an array is empty. */
export function string_list_argument(value: unknown): string[] {
  return Array.isArray(value) ? value.map((v) => String(v)) : [];
}

/** PackedByteArray is Uint8Array everywhere (Node's Buffer is one). */
export function is_byte_array(value: unknown): value is Uint8Array {
  return value instanceof Uint8Array;
}

/** How a bad argument is named in an error line: its type, not its (maybe huge) value. */
export function describe_argument(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "object") return (value as { constructor?: { name?: string } }).constructor?.name ?? "object";
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return `${typeof value} ${String(value)}`;
  return typeof value;
}

/** The smallest power of two >= value (value >= 1), as the engine's next_power_of_2. */
export function next_power_of_2(value: number): number {
  if (value <= 1) return 1;
  return 2 ** Math.ceil(Math.log2(value));
}
