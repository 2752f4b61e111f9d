/**
 * NodePath: names separated by "/", then optional subnames after ":".
 * "/root/Main:position:x" is absolute with names [root, Main] and subnames
 * [position, x]. Kept as parts because that is what goes on the wire.
 */
export class NodePath {
  readonly names: readonly string[];
  readonly subnames: readonly string[];
  readonly absolute: boolean;

  constructor(path?: string);
  constructor(names: readonly string[], subnames: readonly string[], absolute: boolean);
  constructor(a: string | readonly string[] = "", subnames: readonly string[] = [], absolute = false) {
    if (typeof a === "string") {
      const parsed = parse(a);
      this.names = parsed.names;
      this.subnames = parsed.subnames;
      this.absolute = parsed.absolute;
    } else {
      this.names = [...a];
      this.subnames = [...subnames];
      this.absolute = absolute;
    }
  }

  is_absolute(): boolean {
    return this.absolute;
  }

  is_empty(): boolean {
    return !this.absolute && this.names.length === 0 && this.subnames.length === 0;
  }

  get_name_count(): number {
    return this.names.length;
  }

  get_name(index: number): string {
    return this.names[index] ?? "";
  }

  get_subname_count(): number {
    return this.subnames.length;
  }

  get_subname(index: number): string {
    return this.subnames[index] ?? "";
  }

  get_concatenated_names(): string {
    return (this.absolute ? "/" : "") + this.names.join("/");
  }

  get_concatenated_subnames(): string {
    return this.subnames.join(":");
  }

  equals(other: unknown): boolean {
    return (
      other instanceof NodePath &&
      other.absolute === this.absolute &&
      same(other.names, this.names) &&
      same(other.subnames, this.subnames)
    );
  }

  to_string(): string {
    let out = this.get_concatenated_names();
    if (this.subnames.length > 0) out += `:${this.subnames.join(":")}`;
    return out;
  }

  toString(): string {
    return this.to_string();
  }
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

function parse(path: string): { names: string[]; subnames: string[]; absolute: boolean } {
  const absolute = path.startsWith("/");
  const body = absolute ? path.slice(1) : path;
  const colon = body.indexOf(":");
  const main = colon < 0 ? body : body.slice(0, colon);
  const sub = colon < 0 ? "" : body.slice(colon + 1);
  // Empty segments ("a//b", "a::b") carry no name; the engine drops or rejects them.
  return {
    names: main.split("/").filter((n) => n !== ""),
    subnames: sub.split(":").filter((n) => n !== ""),
    absolute,
  };
}
