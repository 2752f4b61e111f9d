/**
 * Callable as data. The binary format carries no payload for a Callable
 * (header only), so a decoded one is always empty; the fields exist so code
 * can describe one (object id + method) before another layer resolves it.
 * A JavaScript function also encodes as a Callable.
 */
export class Callable {
  constructor(
    public readonly object_id: bigint = 0n,
    public readonly method: string = "",
  ) {}

  is_null(): boolean {
    return this.object_id === 0n && this.method === "";
  }

  get_method(): string {
    return this.method;
  }

  get_object_id(): bigint {
    return this.object_id;
  }

  equals(other: unknown): boolean {
    return other instanceof Callable && other.object_id === this.object_id && other.method === this.method;
  }

  /** An empty Callable prints "null::null"; with no object to name the class, "null::method". */
  to_string(): string {
    return this.is_null() ? "null::null" : `null::${this.method}`;
  }

  toString(): string {
    return this.to_string();
  }
}
