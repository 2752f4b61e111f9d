/**
 * Callable: a method of an object (`new Callable(obj, "method")`) or a plain
 * function (`Callable.from_function(fn)`), with optional bound arguments.
 * Signal connections compare callables by target and method, or by function
 * identity, ignoring binds, as the engine does.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFunction = (...args: any[]) => unknown;

export class Callable {
  private target: object | null;
  private method: string;
  private fn: AnyFunction | null = null;
  private binds: readonly unknown[];

  /** `new Callable(object, "method")`, as GDScript's `Callable(object, "method")`. */
  constructor(target: object | null = null, method = "", binds: readonly unknown[] = []) {
    this.target = target;
    this.method = method;
    this.binds = binds;
  }

  /** A callable around a function (what a GDScript lambda is). */
  static from_function(fn: AnyFunction, binds: readonly unknown[] = []): Callable {
    const c = new Callable(null, fn.name, binds);
    c.fn = fn;
    return c;
  }

  /** Functions and callables alike, as `connect` accepts both. */
  static from(value: Callable | AnyFunction): Callable {
    return value instanceof Callable ? value : Callable.from_function(value);
  }

  get_object(): object | null {
    return this.target;
  }

  get_method(): string {
    return this.method;
  }

  get_bound_arguments(): unknown[] {
    return [...this.binds];
  }

  is_null(): boolean {
    return this.fn === null && (this.target === null || this.method === "");
  }

  is_custom(): boolean {
    return this.fn !== null;
  }

  is_standard(): boolean {
    return this.fn === null;
  }

  /** Valid when it wraps a function, or its target has the method. */
  is_valid(): boolean {
    if (this.fn) return true;
    if (!this.target || this.method === "") return false;
    return typeof (this.target as Record<string, unknown>)[this.method] === "function";
  }

  /** A new callable with these arguments bound after the call's own. */
  bind(...args: unknown[]): Callable {
    const c = new Callable(this.target, this.method, [...this.binds, ...args]);
    c.fn = this.fn;
    return c;
  }

  bindv(args: readonly unknown[]): Callable {
    return this.bind(...args);
  }

  call(...args: unknown[]): unknown {
    return this.callv(args);
  }

  callv(args: readonly unknown[]): unknown {
    const all = this.binds.length > 0 ? [...args, ...this.binds] : args;
    if (this.fn) return this.fn(...all);
    const target = this.target as Record<string, unknown> | null;
    const method = target?.[this.method];
    if (typeof method !== "function") {
      throw new TypeError(`Callable: '${this.method}' is not a method of its object.`);
    }
    return (method as AnyFunction).apply(target, all as unknown[]);
  }

  /** Same target and method (or same function); binds are not compared, as in connections. */
  same_target(other: Callable): boolean {
    if (this.fn || other.fn) return this.fn === other.fn;
    return this.target === other.target && this.method === other.method;
  }

  equals(other: Callable): boolean {
    return (
      this.same_target(other) &&
      this.binds.length === other.binds.length &&
      this.binds.every((b, i) => Object.is(b, other.binds[i]))
    );
  }

  to_string(): string {
    if (this.fn) return this.fn.name ? `${this.fn.name}` : "<anonymous lambda>";
    const target = this.target as { get_class?: () => string; get_instance_id?: () => number } | null;
    const owner = target?.get_class ? `${target.get_class()}(#${target.get_instance_id?.() ?? 0})` : "null";
    return `${owner}::${this.method}`;
  }
}
