/**
 * GodotObject, the engine's `Object` (renamed so importing it does not shadow
 * JavaScript's Object; the class XML and ClassDB keep the name `Object`).
 * Reflection goes through ClassDB; signals follow Godot 4's rules and codes.
 */
import {
  ERR_CANT_ACQUIRE_RESOURCE,
  ERR_INVALID_PARAMETER,
  ERR_UNAVAILABLE,
  GodotError,
  OK,
} from "../error/error_list.js";
import { ERR_PRINT } from "../error/error_macros.js";
import { Callable, type AnyFunction } from "./callable.js";
import type { ClassBinder } from "./class_binder.js";
import { type ClassDatabase, ClassDB, type MethodDictionary, type PropertyDictionary } from "./class_db.js";
import { MessageQueue } from "./message_queue.js";
import { ObjectDB } from "./object_db.js";
import type { SignalInfo } from "./type_info.js";
import type { ObjectApi, ObjectStatics } from "../../gen/object.gen.js";

export enum ConnectFlags {
  CONNECT_DEFERRED = 1,
  CONNECT_PERSIST = 2,
  CONNECT_ONE_SHOT = 4,
  CONNECT_REFERENCE_COUNTED = 8,
  CONNECT_APPEND_SOURCE_OBJECT = 16,
}

/** Signal name → argument tuple, declared by each class as `declare readonly __signals: ...`. */
export type SignalsOf<T> = T extends { readonly __signals: infer S } ? S : Record<string, never>;
export type SignalName<T> = keyof SignalsOf<T> & string;
export type SignalArgs<T, K extends SignalName<T>> = SignalsOf<T>[K] extends readonly unknown[] ? SignalsOf<T>[K] : never;

interface Connection {
  readonly callable: Callable;
  readonly flags: number;
  refcount: number;
  removed: boolean;
}

export interface ConnectionDictionary {
  signal: string;
  callable: Callable;
  flags: number;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Names every plain JS object answers to; they are not Godot methods. */
const JS_OBJECT_MEMBERS = new Set(Object.getOwnPropertyNames(Object.prototype));

export class GodotObject implements ObjectApi {
  static readonly NOTIFICATION_POSTINITIALIZE = 0;
  static readonly NOTIFICATION_PREDELETE = 1;
  static readonly NOTIFICATION_EXTENSION_RELOADED = 2;
  static readonly ConnectFlags = ConnectFlags;
  static readonly CONNECT_DEFERRED = ConnectFlags.CONNECT_DEFERRED;
  static readonly CONNECT_PERSIST = ConnectFlags.CONNECT_PERSIST;
  static readonly CONNECT_ONE_SHOT = ConnectFlags.CONNECT_ONE_SHOT;
  static readonly CONNECT_REFERENCE_COUNTED = ConnectFlags.CONNECT_REFERENCE_COUNTED;
  static readonly CONNECT_APPEND_SOURCE_OBJECT = ConnectFlags.CONNECT_APPEND_SOURCE_OBJECT;

  declare readonly __signals: { script_changed: []; property_list_changed: [] };

  #instance_id = 0;
  #freed = false;
  #connections: Map<string, Connection[]> | null = null;
  #user_signals: Map<string, SignalInfo> | null = null;
  #meta: Map<string, unknown> | null = null;
  #blocking_signals = false;


  static _bind_methods(b: ClassBinder): void {
    b.method("get_class() const -> String");
    b.method("is_class(class: String) const -> bool");
    b.method("set(property: StringName, value: Variant)");
    b.method("get(property: StringName) const -> Variant");
    b.method("get_property_list() const -> Dictionary[]");
    b.method("get_method_list() const -> Dictionary[]");
    b.method("notification(what: int, reversed: bool = false)");
    b.method("to_string() -> String");
    b.method("get_instance_id() const -> int");
    b.method("has_method(method: StringName) const -> bool");
    b.method("call(method: StringName) vararg -> Variant");
    b.method("callv(method: StringName, arg_array: Array) -> Variant");
    b.method("call_deferred(method: StringName) vararg -> Variant");
    b.method("set_meta(name: StringName, value: Variant)");
    b.method("get_meta(name: StringName, default: Variant = null) const -> Variant");
    b.method("has_meta(name: StringName) const -> bool");
    b.method("remove_meta(name: StringName)");
    b.method("get_meta_list() const -> StringName[]");
    b.method("add_user_signal(signal: String, arguments: Array = [])");
    b.method("has_user_signal(signal: StringName) const -> bool");
    b.method("has_signal(signal: StringName) const -> bool");
    b.method("emit_signal(signal: StringName) vararg -> Error");
    b.method("connect(signal: StringName, callable: Callable, flags: int = 0) -> Error");
    b.method("disconnect(signal: StringName, callable: Callable)");
    b.method("is_connected(signal: StringName, callable: Callable) const -> bool");
    b.method("get_signal_list() const -> Dictionary[]");
    b.method("get_signal_connection_list(signal: StringName) const -> Dictionary[]");
    b.method("set_block_signals(enable: bool)");
    b.method("is_blocking_signals() const -> bool");
    b.method("free()");
    b.signal("script_changed()");
    b.signal("property_list_changed()");
    b.constant("NOTIFICATION_POSTINITIALIZE", 0);
    b.constant("NOTIFICATION_PREDELETE", 1);
    b.constant("NOTIFICATION_EXTENSION_RELOADED", 2);
    b.enum("ConnectFlags", ConnectFlags, { bitfield: true });
  }

  // ---- identity and reflection -------------------------------------------------

  /** The name of the most-derived registered (native) class, as the engine reports it. */
  get_class(): string {
    return ClassDB.record_of(this)?.name ?? "Object";
  }

  /** The ClassDB layer this object's class lives in (the Godot 4 one, or a compat layer such as gdnet/godot3's). */
  #class_db(): ClassDatabase {
    return ClassDB.record_of(this)?.db ?? ClassDB;
  }

  /** True for this object's class and every class it inherits. */
  is_class(class_name: string): boolean {
    return this.#class_db().is_parent_class(this.get_class(), class_name);
  }

  /** Ids are handed out on first request; from then on instance_from_id() finds the object. */
  get_instance_id(): number {
    if (this.#instance_id === 0) {
      this.#instance_id = ObjectDB.next_id();
      if (!this.#freed) ObjectDB.add_instance_with_id(this, this.#instance_id);
    }
    return this.#instance_id;
  }

  /** True once free() ran (is_instance_valid() reads it). */
  _is_freed(): boolean {
    return this.#freed;
  }

  /** `<Class#id>`, or what a subclass's `_to_string()` returns. */
  to_string(): string {
    const custom = (this as { _to_string?: () => unknown })._to_string;
    if (typeof custom === "function") return String(custom.call(this));
    return `<${this.get_class()}#${this.get_instance_id()}>`;
  }

  toString(): string {
    return this.to_string();
  }

  has_method(method: string): boolean {
    if (this.#class_db().class_has_method(this.get_class(), method)) return true;
    if (method === "constructor" || JS_OBJECT_MEMBERS.has(method)) return false;
    return typeof (this as unknown as Record<string, unknown>)[method] === "function";
  }

  /** Calls a method by name. An unknown name prints one line and returns null, as the engine does. */
  call(method: string, ...args: unknown[]): unknown {
    return this.callv(method, args);
  }

  callv(method: string, arg_array: readonly unknown[]): unknown {
    if (!this.has_method(method)) {
      ERR_PRINT(`Invalid call. Nonexistent function '${method}' in base '${this.get_class()}'.`);
      return null;
    }
    const fn = (this as unknown as Record<string, AnyFunction>)[method];
    return fn?.apply(this, arg_array as unknown[]) ?? null;
  }

  /** Calls the method once the current work is done (see MessageQueue). */
  call_deferred(method: string, ...args: unknown[]): unknown {
    MessageQueue.push(() => {
      this.callv(method, args);
    });
    return null;
  }

  /** Sets a property through its registered setter, or a field a subclass declared (a script variable). */
  set(property: string, value: unknown): void {
    const info = this.#class_db().class_get_property_info(this.get_class(), property);
    const self = this as unknown as Record<string, unknown>;
    if (info) {
      if (info.setter === "") {
        ERR_PRINT(`Invalid set: property '${property}' of '${this.get_class()}' is read-only.`);
        return;
      }
      (self[info.setter] as AnyFunction).call(this, value);
      return;
    }
    if (Object.hasOwn(this, property) && typeof self[property] !== "function") {
      self[property] = value;
      return;
    }
    ERR_PRINT(`Invalid set: '${property}' is not a property of '${this.get_class()}'.`);
  }

  /** Reads a property through its registered getter or a declared field; unknown → one line and null. */
  get(property: string): unknown {
    const info = this.#class_db().class_get_property_info(this.get_class(), property);
    const self = this as unknown as Record<string, unknown>;
    if (info) return (self[info.getter] as AnyFunction).call(this);
    if (Object.hasOwn(this, property) && typeof self[property] !== "function") return self[property];
    ERR_PRINT(`Invalid get: '${property}' is not a property of '${this.get_class()}'.`);
    return null;
  }

  /** Call this when the set of properties changed (emits property_list_changed). */
  notify_property_list_changed(): void {
    this.emit_signal("property_list_changed");
  }

  get_property_list(): PropertyDictionary[] {
    return this.#class_db().class_get_property_list(this.get_class());
  }

  get_method_list(): MethodDictionary[] {
    return this.#class_db().class_get_method_list(this.get_class());
  }

  /**
   * Sends a notification to every `_notification` along the class chain:
   * base classes first, or most-derived first when `reversed`.
   */
  notification(what: number, reversed = false): void {
    const handlers: AnyFunction[] = [];
    for (let proto = Object.getPrototypeOf(this) as object | null; proto; proto = Object.getPrototypeOf(proto) as object | null) {
      const own = Object.getOwnPropertyDescriptor(proto, "_notification")?.value as unknown;
      if (typeof own === "function") handlers.push(own as AnyFunction);
    }
    if (!reversed) handlers.reverse();
    for (const handler of handlers) handler.call(this, what);
  }

  /** Override to receive notifications; every class in the chain gets its own call (see notification()). */
  _notification(what: number): void {
    void what;
  }

  /** Frees an object that is not RefCounted: PREDELETE is sent and is_instance_valid() turns false. */
  free(): void {
    if (this.#freed) {
      ERR_PRINT(`Object ${this.get_class()} was already freed.`);
      return;
    }
    this.notification(GodotObject.NOTIFICATION_PREDELETE, true);
    this.#connections = null;
    this.#freed = true;
    if (this.#instance_id !== 0) ObjectDB.remove_instance(this.#instance_id);
  }

  // ---- metadata ------------------------------------------------------------------

  set_meta(name: string, value: unknown): void {
    if (value === null || value === undefined) {
      this.remove_meta(name);
      return;
    }
    (this.#meta ??= new Map()).set(name, value);
  }

  get_meta(name: string, default_value: unknown = null): unknown {
    if (this.#meta?.has(name)) return this.#meta.get(name);
    if (default_value === null) ERR_PRINT(`The object does not have any 'meta' values with the key '${name}'.`);
    return default_value;
  }

  has_meta(name: string): boolean {
    return this.#meta?.has(name) ?? false;
  }

  remove_meta(name: string): void {
    this.#meta?.delete(name);
  }

  get_meta_list(): string[] {
    return [...(this.#meta?.keys() ?? [])];
  }

  // ---- signals -------------------------------------------------------------------

  /** Declares a signal on this instance only; `arguments` are `{ name, type }` dictionaries. */
  add_user_signal(signal: string, arguments_: readonly { name?: string; type?: number }[] = []): void {
    if (this.#class_db().class_has_signal(this.get_class(), signal) || this.#user_signals?.has(signal)) {
      ERR_PRINT(`Signal '${signal}' already exists in '${this.get_class()}'.`);
      return;
    }
    const args = arguments_.map((a, i) => ({ name: a.name ?? `arg${i}`, type: "Variant" }));
    (this.#user_signals ??= new Map()).set(signal, { name: signal, args });
  }

  has_user_signal(signal: string): boolean {
    return this.#user_signals?.has(signal) ?? false;
  }

  has_signal(signal: string): boolean {
    return this.#class_db().class_has_signal(this.get_class(), signal) || this.has_user_signal(signal);
  }

  get_signal_list(): MethodDictionary[] {
    const list = this.#class_db().class_get_signal_list(this.get_class());
    if (this.#user_signals) {
      for (const info of this.#user_signals.values()) {
        list.push({
          name: info.name,
          args: info.args.map((a) => ({ name: a.name, class_name: "", type: 0, hint: 0, hint_string: "", usage: 131078 })),
          default_args: [],
          flags: 1,
          id: 0,
          return: { name: "", class_name: "", type: 0, hint: 0, hint_string: "", usage: 6 },
        });
      }
    }
    return list;
  }

  connect<K extends SignalName<this>>(
    signal: K,
    callable: Callable | ((...args: SignalArgs<this, K>) => unknown),
    flags?: number,
  ): GodotError;
  connect(signal: string, callable: Callable | AnyFunction, flags?: number): GodotError;
  connect(signal: string, callable: Callable | AnyFunction, flags = 0): GodotError {
    const target = typeof callable === "function" || callable instanceof Callable ? Callable.from(callable) : null;
    if (!target || target.is_null() || !target.is_valid()) {
      ERR_PRINT(`In Object of type '${this.get_class()}': cannot connect signal '${signal}' to an invalid callable.`);
      return ERR_INVALID_PARAMETER;
    }
    if (!this.has_signal(signal)) {
      ERR_PRINT(
        `In Object of type '${this.get_class()}': Attempt to connect nonexistent signal '${signal}' to callable '${target.to_string()}'.`,
      );
      return ERR_INVALID_PARAMETER;
    }
    const connections = (this.#connections ??= new Map<string, Connection[]>());
    const list = connections.get(signal) ?? [];
    const existing = list.find((c) => c.callable.same_target(target));
    if (existing) {
      if (flags & ConnectFlags.CONNECT_REFERENCE_COUNTED) {
        existing.refcount++;
        return OK;
      }
      ERR_PRINT(`Signal '${signal}' is already connected to given callable '${target.to_string()}' in that object.`);
      return ERR_INVALID_PARAMETER;
    }
    list.push({ callable: target, flags, refcount: 1, removed: false });
    connections.set(signal, list);
    return OK;
  }

  disconnect<K extends SignalName<this>>(signal: K, callable: Callable | ((...args: SignalArgs<this, K>) => unknown)): void;
  disconnect(signal: string, callable: Callable | AnyFunction): void;
  disconnect(signal: string, callable: Callable | AnyFunction): void {
    const target = Callable.from(callable);
    const list = this.#connections?.get(signal);
    const index = list?.findIndex((c) => c.callable.same_target(target)) ?? -1;
    const connection = list?.[index];
    if (!list || !connection) {
      ERR_PRINT(
        `Attempt to disconnect a nonexistent connection from '${this.to_string()}'. Signal: '${signal}', callable: '${target.to_string()}'.`,
      );
      return;
    }
    if (connection.flags & ConnectFlags.CONNECT_REFERENCE_COUNTED && --connection.refcount > 0) return;
    connection.removed = true;
    list.splice(index, 1);
  }

  is_connected<K extends SignalName<this>>(signal: K, callable: Callable | ((...args: SignalArgs<this, K>) => unknown)): boolean;
  is_connected(signal: string, callable: Callable | AnyFunction): boolean;
  is_connected(signal: string, callable: Callable | AnyFunction): boolean {
    const target = Callable.from(callable);
    return this.#connections?.get(signal)?.some((c) => c.callable.same_target(target)) ?? false;
  }

  get_signal_connection_list(signal: string): ConnectionDictionary[] {
    return (this.#connections?.get(signal) ?? []).map((c) => ({ signal, callable: c.callable, flags: c.flags }));
  }

  set_block_signals(enable: boolean): void {
    this.#blocking_signals = enable;
  }

  is_blocking_signals(): boolean {
    return this.#blocking_signals;
  }

  /**
   * Calls every connection in connection order. Codes as the engine's:
   * ERR_CANT_ACQUIRE_RESOURCE while blocked, ERR_UNAVAILABLE when nothing is
   * connected (with an error line when the signal does not exist), else OK.
   * A slot that throws is reported in one line; the others still run.
   */
  emit_signal<K extends SignalName<this>>(signal: K, ...args: SignalArgs<this, K>): GodotError;
  emit_signal(signal: string, ...args: unknown[]): GodotError;
  emit_signal(signal: string, ...args: unknown[]): GodotError {
    if (this.#blocking_signals) return ERR_CANT_ACQUIRE_RESOURCE;
    const list = this.#connections?.get(signal);
    if (!list || list.length === 0) {
      if (!this.has_signal(signal)) {
        ERR_PRINT(`Can't emit non-existing signal '${signal}' in '${this.get_class()}'.`);
      }
      return ERR_UNAVAILABLE;
    }
    const snapshot = list.slice();
    for (const c of snapshot) {
      // One-shot connections are removed before any slot runs, as in the engine.
      if (c.flags & ConnectFlags.CONNECT_ONE_SHOT) {
        c.removed = true;
        list.splice(list.indexOf(c), 1);
      }
    }
    for (const c of snapshot) {
      if (c.removed && !(c.flags & ConnectFlags.CONNECT_ONE_SHOT)) continue;
      const call_args = c.flags & ConnectFlags.CONNECT_APPEND_SOURCE_OBJECT ? [...args, this] : args;
      if (c.flags & ConnectFlags.CONNECT_DEFERRED) {
        MessageQueue.push(() => {
          c.callable.callv(call_args);
        });
        continue;
      }
      try {
        c.callable.callv(call_args);
      } catch (error) {
        ERR_PRINT(`Error calling from signal '${signal}' to callable '${c.callable.to_string()}': ${describe(error)}`);
      }
    }
    return OK;
  }
}

// The class reference (doc_classes/Object.xml) is the contract for the statics too.
GodotObject satisfies ObjectStatics;
