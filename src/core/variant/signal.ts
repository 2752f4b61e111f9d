/** Signal as data: the signal name and the emitting object's instance id (what the wire carries). */
export class Signal {
  constructor(
    public readonly name: string = "",
    public readonly object_id: bigint = 0n,
  ) {}

  is_null(): boolean {
    return this.object_id === 0n && this.name === "";
  }

  get_name(): string {
    return this.name;
  }

  get_object_id(): bigint {
    return this.object_id;
  }

  equals(other: unknown): boolean {
    return other instanceof Signal && other.name === this.name && other.object_id === this.object_id;
  }

  /** Like the engine with no live object behind the id: "null::name" ("null::null" when empty). */
  to_string(): string {
    return this.is_null() ? "null::null" : `null::${this.name}`;
  }

  toString(): string {
    return this.to_string();
  }
}
