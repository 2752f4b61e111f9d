/**
 * What a class's static `_bind_methods(b)` receives: the TS counterpart of the
 * engine's ClassDB::bind_method / ADD_PROPERTY / ADD_SIGNAL / BIND_ENUM_CONSTANT.
 * Each call checks the registration against the implementation (the method
 * exists, its required-argument count matches), so a registration that lies
 * fails at startup, not in a user's program.
 */
import type { ClassDatabase } from "./class_db.js";
import type { ConstantInfo, MethodInfo, PropertyInfo, SignalInfo } from "./type_info.js";
import { parse_method_signature, parse_property_signature, parse_signal_signature } from "./signature.js";

export interface ClassRecord {
  readonly name: string;
  readonly parent: string | null;
  /** The parent's record (resolved at registration, so layers with clashing names stay apart). */
  readonly parent_record: ClassRecord | null;
  /** The ClassDB layer the class is registered in; reflection on an instance goes through it. */
  readonly db: ClassDatabase;
  readonly ctor: abstract new (...args: never[]) => object;
  readonly instantiable: boolean;
  readonly methods: Map<string, MethodInfo>;
  readonly properties: Map<string, PropertyInfo>;
  readonly signals: Map<string, SignalInfo>;
  readonly constants: Map<string, ConstantInfo>;
  /** Enum name → constant names, in registration order. */
  readonly enums: Map<string, { readonly is_bitfield: boolean; readonly constants: string[] }>;
}

type EnumLike = Readonly<Record<string, string | number>>;

/** Own numeric members of a TS enum or a plain constant object (TS enums also map numbers back to names). */
function enum_entries(values: EnumLike): [string, number][] {
  return Object.entries(values).filter((e): e is [string, number] => typeof e[1] === "number" && !/^\d+$/.test(e[0]));
}

function required_arg_count(info: MethodInfo): number {
  return info.args.filter((a) => a.default === undefined).length;
}

export class ClassBinder {
  constructor(private readonly record: ClassRecord) {}

  private fail(message: string): never {
    throw new Error(`ClassDB: ${this.record.name}: ${message}`);
  }

  private implementation(name: string, is_static: boolean): unknown {
    const holder = is_static ? this.record.ctor : (this.record.ctor.prototype as object);
    return (holder as Record<string, unknown>)[name];
  }

  private add_method(info: MethodInfo): MethodInfo {
    if (this.record.methods.has(info.name)) this.fail(`method '${info.name}' bound twice.`);
    const impl = this.implementation(info.name, info.qualifiers.static === true);
    if (typeof impl !== "function") {
      if (!info.qualifiers.virtual) this.fail(`method '${info.name}' is bound but not implemented.`);
    } else if (!info.qualifiers.vararg && impl.length !== required_arg_count(info)) {
      this.fail(
        `method '${info.name}' takes ${impl.length} required argument(s) but is registered with ${required_arg_count(info)}.`,
      );
    }
    this.record.methods.set(info.name, info);
    return info;
  }

  /** Binds an implemented method: `b.method("get_packet() -> PackedByteArray")`. */
  method(signature: string): void {
    this.add_method(parse_method_signature(signature));
  }

  /** Binds a virtual method that scripts (subclasses) may override; it need not be implemented here. */
  virtual_method(signature: string): void {
    const info = parse_method_signature(signature);
    this.add_method({ ...info, qualifiers: { ...info.qualifiers, virtual: true } });
  }

  /**
   * ADD_PROPERTY: `b.property("inbound_buffer_size: int", "set_inbound_buffer_size", "get_inbound_buffer_size")`.
   * Binds the setter and getter if not bound yet, and installs an accessor of the
   * same name on the prototype, so `peer.inbound_buffer_size = 1024` works as in GDScript.
   * The default is not declared: the doc tool reads it from a fresh instance, as the engine's does.
   */
  property(signature: string, setter: string, getter: string): void {
    const { name, type } = parse_property_signature(signature);
    if (this.record.properties.has(name)) this.fail(`property '${name}' added twice.`);
    if (getter === "") this.fail(`property '${name}' needs a getter.`);
    if (!this.record.methods.has(getter)) {
      this.add_method({ name: getter, args: [], return_type: type, qualifiers: { const: true }, is_property_accessor: true });
    }
    if (setter !== "" && !this.record.methods.has(setter)) {
      this.add_method({
        name: setter,
        args: [{ name: "value", ...type }],
        return_type: { type: "void" },
        qualifiers: {},
        is_property_accessor: true,
      });
    }
    this.record.properties.set(name, { name, ...type, setter, getter });
    const proto = this.record.ctor.prototype as object;
    if (!Object.getOwnPropertyDescriptor(proto, name)) {
      Object.defineProperty(proto, name, {
        configurable: true,
        enumerable: false,
        get(this: Record<string, () => unknown>) {
          return this[getter]?.();
        },
        set(this: Record<string, (v: unknown) => unknown>, value: unknown) {
          if (setter === "") return;
          this[setter]?.(value);
        },
      });
    }
  }

  /** ADD_SIGNAL: `b.signal("peer_connected(id: int)")`. */
  signal(signature: string): void {
    const info = parse_signal_signature(signature);
    if (this.record.signals.has(info.name)) this.fail(`signal '${info.name}' added twice.`);
    this.record.signals.set(info.name, info);
  }

  private add_constant(info: ConstantInfo): void {
    if (this.record.constants.has(info.name)) this.fail(`constant '${info.name}' bound twice.`);
    const ctor = this.record.ctor as unknown as Record<string, unknown>;
    if (Object.hasOwn(ctor, info.name)) {
      if (ctor[info.name] !== info.value) this.fail(`static ${info.name} is ${String(ctor[info.name])}, registered as ${info.value}.`);
    } else {
      Object.defineProperty(ctor, info.name, { value: info.value, enumerable: true });
    }
    this.record.constants.set(info.name, info);
  }

  /** BIND_CONSTANT: a plain integer constant, reachable as `Class.NAME`. */
  constant(name: string, value: number): void {
    this.add_constant({ name, value });
  }

  /**
   * BIND_ENUM_CONSTANT for every member of `values` (a TS enum or constant object),
   * reachable as `Class.NAME` and `Class.EnumName.NAME`, as GDScript allows both.
   */
  enum(enum_name: string, values: EnumLike, options: { bitfield?: boolean } = {}): void {
    if (this.record.enums.has(enum_name)) this.fail(`enum '${enum_name}' bound twice.`);
    const is_bitfield = options.bitfield === true;
    const names: string[] = [];
    for (const [name, value] of enum_entries(values)) {
      this.add_constant(is_bitfield ? { name, value, enum: enum_name, is_bitfield } : { name, value, enum: enum_name });
      names.push(name);
    }
    this.record.enums.set(enum_name, { is_bitfield, constants: names });
    const ctor = this.record.ctor as unknown as Record<string, unknown>;
    if (!Object.hasOwn(ctor, enum_name)) Object.defineProperty(ctor, enum_name, { value: values, enumerable: true });
  }
}
