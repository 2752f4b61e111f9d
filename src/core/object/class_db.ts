/**
 * ClassDB: the registry of every class gdnet exposes, with the same queries as
 * the engine's ClassDB singleton. Registration is the single source the doc
 * tool reads, so it holds everything a class XML states: parent, methods with
 * argument names/types/defaults and qualifiers, properties with setter/getter,
 * signals, integer constants, enums and bitfields.
 */
import { ERR_PRINT } from "../error/error_macros.js";
import { ClassBinder, type ClassRecord } from "./class_binder.js";
import type { ArgumentInfo, ConstantInfo, MethodInfo, PropertyInfo, SignalInfo, TypeRef } from "./type_info.js";
import { variant_type_id } from "./type_info.js";

/** A class that can be registered: it may define `static _bind_methods(b)`. */
export interface BindableClass {
  readonly prototype: object;
  readonly name: string;
  _bind_methods?: (b: ClassBinder) => void;
}

export interface RegisterOptions {
  /** The engine's class name when it differs from the JS one (GodotObject → Object). */
  name?: string;
  /** Abstract classes (PacketPeer, StreamPeer) cannot be instantiated through ClassDB. */
  abstract?: boolean;
}

/** The engine's PropertyInfo as a Dictionary (get_property_list and friends). */
export interface PropertyDictionary {
  name: string;
  class_name: string;
  type: number;
  hint: number;
  hint_string: string;
  usage: number;
}

export interface MethodDictionary {
  name: string;
  args: PropertyDictionary[];
  default_args: unknown[];
  flags: number;
  id: number;
  return: PropertyDictionary;
}

const PROPERTY_USAGE_DEFAULT = 6;
const PROPERTY_HINT_NONE = 0;
const PROPERTY_HINT_ENUM = 2;
const METHOD_FLAG_NORMAL = 1;
const METHOD_FLAG_CONST = 4;
const METHOD_FLAG_VIRTUAL = 8;
const METHOD_FLAG_VARARG = 16;
const METHOD_FLAG_STATIC = 32;

/** Turns a default's doc text into a value when it is a plain literal; otherwise keeps the text. */
export function parse_default_literal(text: string): unknown {
  if (text === "null") return null;
  if (text === "true") return true;
  if (text === "false") return false;
  if (/^-?\d+$/.test(text)) return Number(text);
  if (/^-?\d*\.\d+(e[-+]?\d+)?$/i.test(text)) return Number(text);
  if (/^".*"$/.test(text)) {
    try {
      return JSON.parse(text) as string;
    } catch {
      return text;
    }
  }
  return text;
}

function type_dictionary(name: string, t: TypeRef): PropertyDictionary {
  const type = t.type === "void" ? 0 : variant_type_id(t.type);
  return {
    name,
    class_name: t.enum ?? (type === 24 && t.type !== "Object" ? t.type : ""),
    type,
    hint: PROPERTY_HINT_NONE,
    hint_string: "",
    usage: PROPERTY_USAGE_DEFAULT,
  };
}

function method_dictionary(m: MethodInfo, id: number): MethodDictionary {
  let flags = METHOD_FLAG_NORMAL;
  if (m.qualifiers.const) flags |= METHOD_FLAG_CONST;
  if (m.qualifiers.virtual) flags |= METHOD_FLAG_VIRTUAL;
  if (m.qualifiers.vararg) flags |= METHOD_FLAG_VARARG;
  if (m.qualifiers.static) flags |= METHOD_FLAG_STATIC;
  return {
    name: m.name,
    args: m.args.map((a: ArgumentInfo) => type_dictionary(a.name, a)),
    default_args: m.args.filter((a) => a.default !== undefined).map((a) => parse_default_literal(a.default ?? "")),
    flags,
    id,
    return: type_dictionary("", m.return_type),
  };
}

/** Constructor → record, across every ClassDB layer (a constructor belongs to one class). */
const by_ctor = new Map<unknown, ClassRecord>();

/**
 * One registry of classes by name. The engine has a single ClassDB; gdnet
 * has one per API it exposes: the Godot 4 ClassDB (core), and layers above
 * it for other APIs (gdnet/godot3, whose WebSocketPeer is not the Godot 4
 * one). A layer finds its own classes first and falls back to the layer
 * below for the rest (Object, RefCounted, PacketPeer, ...), so each entry
 * point sees the class set its engine version has.
 */
export class ClassDatabase {
  readonly #classes = new Map<string, ClassRecord>();

  /**
   * @param api_name what the layer is called in messages and tools ("core", "godot3")
   * @param fallback the layer whose classes this one sees under its own
   */
  constructor(
    readonly api_name: string,
    readonly fallback: ClassDatabase | null = null,
  ) {}

  #find(class_name: string): ClassRecord | undefined {
    return this.#classes.get(class_name) ?? this.fallback?.get_record(class_name);
  }

  #record_or_error(class_name: string, what: string): ClassRecord | null {
    const record = this.#find(class_name);
    if (!record) ERR_PRINT(`ClassDB.${what}: class '${class_name}' does not exist.`);
    return record ?? null;
  }

  /** The chain from `record` up to the root, most-derived first (parents resolve in the record's own layer). */
  #chain(record: ClassRecord, no_inheritance: boolean): ClassRecord[] {
    const out: ClassRecord[] = [record];
    if (no_inheritance) return out;
    let next = record.parent_record;
    while (next) {
      out.push(next);
      next = next.parent_record;
    }
    return out;
  }

  /**
   * Registers a class whose parent (its JS superclass) is registered already,
   * then runs its `_bind_methods`. Registering the same class again is a no-op,
   * so modules may call their register function more than once.
   */
  register_class(ctor: BindableClass, options: RegisterOptions = {}): void {
    if (by_ctor.has(ctor)) return;
    const name = options.name ?? ctor.name;
    if (this.#classes.has(name)) throw new Error(`ClassDB: class name '${name}' is already registered by another constructor.`);
    // The parent is the nearest registered superclass. Unregistered classes in
    // between (a platform-neutral base such as WebSocketPeerBase) contribute
    // their bindings to this class, base first.
    const intermediates: BindableClass[] = [];
    let super_ctor = Object.getPrototypeOf(ctor) as unknown;
    let parent_record = by_ctor.get(super_ctor);
    while (!parent_record && typeof super_ctor === "function" && super_ctor !== Function.prototype) {
      intermediates.unshift(super_ctor as unknown as BindableClass);
      super_ctor = Object.getPrototypeOf(super_ctor) as unknown;
      parent_record = by_ctor.get(super_ctor);
    }
    if (!parent_record && (this.fallback !== null || this.#classes.size > 0)) {
      throw new Error(`ClassDB: register the parent of '${name}' first.`);
    }
    const record: ClassRecord = {
      name,
      parent: parent_record?.name ?? null,
      parent_record: parent_record ?? null,
      db: this,
      ctor: ctor as unknown as ClassRecord["ctor"],
      instantiable: options.abstract !== true,
      methods: new Map(),
      properties: new Map(),
      signals: new Map(),
      constants: new Map(),
      enums: new Map(),
    };
    const binder = new ClassBinder(record);
    for (const cls of [...intermediates, ctor]) {
      if (Object.hasOwn(cls, "_bind_methods") && typeof cls._bind_methods === "function") cls._bind_methods(binder);
    }
    this.#classes.set(name, record);
    by_ctor.set(ctor, record);
  }

  /** The record of a registered class (for the doc tool and the object model). */
  get_record(class_name: string): ClassRecord | undefined {
    return this.#find(class_name);
  }

  /** The nearest registered class of an instance or constructor: what get_class() reports. */
  record_of(value: object): ClassRecord | undefined {
    let ctor: unknown = typeof value === "function" ? value : (value as { constructor?: unknown }).constructor;
    while (ctor && ctor !== Function.prototype) {
      const record = by_ctor.get(ctor);
      if (record) return record;
      ctor = Object.getPrototypeOf(ctor);
    }
    return undefined;
  }

  class_exists(class_name: string): boolean {
    return this.#find(class_name) !== undefined;
  }

  /** Every class this layer sees: its own, and those of the layers below that it does not shadow. */
  get_class_list(): string[] {
    const names = new Set(this.get_own_class_list());
    for (const n of this.fallback?.get_class_list() ?? []) names.add(n);
    return [...names].sort();
  }

  /** Only the classes registered in this layer (what its doc_classes folder documents). */
  get_own_class_list(): string[] {
    return [...this.#classes.keys()].sort();
  }

  get_parent_class(class_name: string): string {
    return this.#find(class_name)?.parent ?? "";
  }

  /** True when `class_name` is `inherits` or derives from it. */
  is_parent_class(class_name: string, inherits: string): boolean {
    const record = this.#find(class_name);
    if (!record) return false;
    return this.#chain(record, false).some((r) => r.name === inherits);
  }

  /** Every class deriving from `class_name`, directly or not. */
  get_inheriters_from_class(class_name: string): string[] {
    return this.get_class_list().filter((n) => n !== class_name && this.is_parent_class(n, class_name));
  }

  can_instantiate(class_name: string): boolean {
    return this.#find(class_name)?.instantiable === true;
  }

  /** A new instance, or null (with an error line) for an unknown or abstract class. */
  instantiate(class_name: string): object | null {
    const record = this.#record_or_error(class_name, "instantiate");
    if (!record) return null;
    if (!record.instantiable) {
      ERR_PRINT(`ClassDB.instantiate: class '${class_name}' is abstract and cannot be instantiated.`);
      return null;
    }
    return new (record.ctor as unknown as new () => object)();
  }

  /** Methods as the engine's Dictionaries, most-derived class first. */
  class_get_method_list(class_name: string, no_inheritance = false): MethodDictionary[] {
    const record = this.#record_or_error(class_name, "class_get_method_list");
    if (!record) return [];
    let id = 0;
    return this.#chain(record, no_inheritance).flatMap((r) => [...r.methods.values()].map((m) => method_dictionary(m, id++)));
  }

  /** Method infos (names, typed arguments, defaults, qualifiers) for tools. */
  class_get_method_infos(class_name: string, no_inheritance = false): MethodInfo[] {
    const record = this.#find(class_name);
    if (!record) return [];
    return this.#chain(record, no_inheritance).flatMap((r) => [...r.methods.values()]);
  }

  class_has_method(class_name: string, method: string, no_inheritance = false): boolean {
    const record = this.#find(class_name);
    return record !== undefined && this.#chain(record, no_inheritance).some((r) => r.methods.has(method));
  }

  class_get_method(class_name: string, method: string): MethodInfo | undefined {
    const record = this.#find(class_name);
    if (!record) return undefined;
    for (const r of this.#chain(record, false)) {
      const m = r.methods.get(method);
      if (m) return m;
    }
    return undefined;
  }

  class_get_property_list(class_name: string, no_inheritance = false): PropertyDictionary[] {
    const record = this.#record_or_error(class_name, "class_get_property_list");
    if (!record) return [];
    return this.#chain(record, no_inheritance).flatMap((r) =>
      [...r.properties.values()].map((p) => {
        const d = type_dictionary(p.name, p);
        if (p.enum) {
          const e = this.#find(p.enum.split(".")[0] ?? "")?.enums.get(p.enum.split(".")[1] ?? "");
          if (e) {
            d.hint = PROPERTY_HINT_ENUM;
            d.hint_string = e.constants.join(",");
          }
        }
        return d;
      }),
    );
  }

  class_get_property_infos(class_name: string, no_inheritance = false): PropertyInfo[] {
    const record = this.#find(class_name);
    if (!record) return [];
    return this.#chain(record, no_inheritance).flatMap((r) => [...r.properties.values()]);
  }

  class_get_property_info(class_name: string, property: string): PropertyInfo | undefined {
    const record = this.#find(class_name);
    if (!record) return undefined;
    for (const r of this.#chain(record, false)) {
      const p = r.properties.get(property);
      if (p) return p;
    }
    return undefined;
  }

  class_get_signal_list(class_name: string, no_inheritance = false): MethodDictionary[] {
    const record = this.#record_or_error(class_name, "class_get_signal_list");
    if (!record) return [];
    return this.#chain(record, no_inheritance).flatMap((r) =>
      [...r.signals.values()].map((s) =>
        method_dictionary({ name: s.name, args: s.args, return_type: { type: "void" }, qualifiers: {} }, 0),
      ),
    );
  }

  class_get_signal(class_name: string, signal: string): SignalInfo | undefined {
    const record = this.#find(class_name);
    if (!record) return undefined;
    for (const r of this.#chain(record, false)) {
      const s = r.signals.get(signal);
      if (s) return s;
    }
    return undefined;
  }

  class_has_signal(class_name: string, signal: string): boolean {
    return this.class_get_signal(class_name, signal) !== undefined;
  }

  class_get_integer_constant_list(class_name: string, no_inheritance = false): string[] {
    const record = this.#find(class_name);
    if (!record) return [];
    return this.#chain(record, no_inheritance).flatMap((r) => [...r.constants.keys()]);
  }

  class_has_integer_constant(class_name: string, name: string): boolean {
    const record = this.#find(class_name);
    return record !== undefined && this.#chain(record, false).some((r) => r.constants.has(name));
  }

  /** The constant's value; 0 with an error line when it does not exist (as the engine). */
  class_get_integer_constant(class_name: string, name: string): number {
    const record = this.#record_or_error(class_name, "class_get_integer_constant");
    if (!record) return 0;
    for (const r of this.#chain(record, false)) {
      const c = r.constants.get(name);
      if (c) return c.value;
    }
    ERR_PRINT(`ClassDB.class_get_integer_constant: '${class_name}' has no constant '${name}'.`);
    return 0;
  }

  class_get_constant_infos(class_name: string, no_inheritance = true): ConstantInfo[] {
    const record = this.#find(class_name);
    if (!record) return [];
    return this.#chain(record, no_inheritance).flatMap((r) => [...r.constants.values()]);
  }

  class_get_enum_list(class_name: string, no_inheritance = false): string[] {
    const record = this.#find(class_name);
    if (!record) return [];
    return this.#chain(record, no_inheritance).flatMap((r) => [...r.enums.keys()]);
  }

  class_has_enum(class_name: string, name: string, no_inheritance = false): boolean {
    return this.class_get_enum_list(class_name, no_inheritance).includes(name);
  }

  class_get_enum_constants(class_name: string, enum_name: string, no_inheritance = false): string[] {
    const record = this.#find(class_name);
    if (!record) return [];
    for (const r of this.#chain(record, no_inheritance)) {
      const e = r.enums.get(enum_name);
      if (e) return [...e.constants];
    }
    return [];
  }

  /** The enum a constant belongs to, or "" when it is a plain constant or unknown. */
  class_get_integer_constant_enum(class_name: string, name: string, no_inheritance = false): string {
    const record = this.#find(class_name);
    if (!record) return "";
    for (const r of this.#chain(record, no_inheritance)) {
      const c = r.constants.get(name);
      if (c) return c.enum ?? "";
    }
    return "";
  }

  is_enum_bitfield(class_name: string, enum_name: string, no_inheritance = false): boolean {
    const record = this.#find(class_name);
    if (!record) return false;
    for (const r of this.#chain(record, no_inheritance)) {
      const e = r.enums.get(enum_name);
      if (e) return e.is_bitfield;
    }
    return false;
  }

}

/** The Godot 4 ClassDB: every class of the main entry point. */
export const ClassDB = new ClassDatabase("core");
