/**
 * Lookups over a set of class docs: the class chain, where a method, member,
 * signal, constant or enum lives, who inherits from whom. Shared by the
 * checks (references and type names must resolve) and the generators (links).
 */
import { is_builtin_type } from "../../src/core/object/type_info.js";
import { GLOBAL_SCOPE, type ClassDoc, type ConstantDoc } from "./class_doc.js";

export interface Found {
  /** The class that declares the item. */
  readonly owner: string;
  /** What the name turned out to be (a method reference may name a property's setter). */
  readonly kind: "method" | "member" | "signal" | "constant" | "enum";
  readonly name: string;
}

/**
 * A layer's docs see the layer below (gdnet/godot3's over the core's): own
 * classes first, then the fallback's, so `inherits="PacketPeer"` and
 * `[method PacketPeer.put_var]` resolve from doc_classes/godot3/. `docs` is
 * that merged view; a class found below keeps resolving its own parents and
 * children below (a shadowed name such as WebSocketPeer means the lower
 * layer's class there).
 */
export class DocIndex {
  /** Every class visible from this layer: the fallback's, overridden by the layer's own. */
  readonly docs: ReadonlyMap<string, ClassDoc>;

  constructor(
    /** The layer's own class docs (the only ones its generators write). */
    readonly own: ReadonlyMap<string, ClassDoc>,
    readonly fallback?: DocIndex,
  ) {
    this.docs = fallback ? new Map([...fallback.docs, ...own]) : own;
  }

  /** 0 for the layer's own classes, 1 for the fallback's, 2 below that; -1 when unknown. */
  depth_of(name: string): number {
    if (this.own.has(name)) return 0;
    const below = this.fallback?.depth_of(name) ?? -1;
    return below < 0 ? -1 : below + 1;
  }

  has_class(name: string): boolean {
    return this.docs.has(name) && name !== GLOBAL_SCOPE;
  }

  /** A builtin Variant type (int, String, PackedByteArray, ...) or `void`. */
  is_builtin(name: string): boolean {
    return name === "void" || (is_builtin_type(name) && !name.endsWith("[]") && name !== "Object");
  }

  /** A type attribute value that names something real: builtin, known class, or a typed array of one. */
  is_known_type(type: string): boolean {
    const base = type.endsWith("[]") ? type.slice(0, -2) : type;
    if (type.endsWith("[]") && base === "void") return false;
    return this.is_builtin(base) || this.has_class(base) || base === "Object";
  }

  /** The class and its ancestors, nearest first (stops at unknown parents). */
  chain(class_name: string): ClassDoc[] {
    if (this.fallback && !this.own.has(class_name)) return this.fallback.chain(class_name);
    const out: ClassDoc[] = [];
    const seen = new Set<string>();
    let doc = this.own.get(class_name);
    for (; doc && !seen.has(doc.name); doc = doc.inherits ? this.own.get(doc.inherits) : undefined) {
      seen.add(doc.name);
      out.push(doc);
    }
    const last = out[out.length - 1];
    if (this.fallback && last?.inherits !== undefined && !this.own.has(last.inherits)) out.push(...this.fallback.chain(last.inherits));
    return out;
  }

  /** Direct children of a class, sorted (a lower layer's class never counts as the child of a class that shadows its parent's name). */
  children(class_name: string): string[] {
    const own_parent = this.depth_of(class_name) === 0;
    return [...this.docs.values()]
      .filter((d) => d.inherits === class_name && !(own_parent && this.depth_of(d.name) > 0))
      .map((d) => d.name)
      .sort();
  }

  /** "Class.name" → ["Class", "name"]; "name" → [current, "name"]. */
  private split(current: string, target: string): [string, string] {
    const dot = target.lastIndexOf(".");
    return dot < 0 ? [current, target] : [target.slice(0, dot), target.slice(dot + 1)];
  }

  find_method(current: string, target: string): Found | null {
    const [cls, name] = this.split(current, target);
    for (const doc of this.chain(cls)) {
      if (doc.methods.some((m) => m.name === name)) return { owner: doc.name, kind: "method", name };
      // A property's setter/getter is a method too; link it to the property.
      const member = doc.members.find((m) => m.overrides === undefined && (m.setter === name || m.getter === name));
      if (member) return { owner: doc.name, kind: "member", name: member.name };
    }
    return null;
  }

  find_member(current: string, target: string): Found | null {
    const [cls, name] = this.split(current, target);
    for (const doc of this.chain(cls)) {
      if (doc.members.some((m) => m.name === name && m.overrides === undefined)) return { owner: doc.name, kind: "member", name };
    }
    return null;
  }

  find_signal(current: string, target: string): Found | null {
    const [cls, name] = this.split(current, target);
    for (const doc of this.chain(cls)) if (doc.signals.some((s) => s.name === name)) return { owner: doc.name, kind: "signal", name };
    return null;
  }

  /** Constants (and enum values) of the class chain, then @GlobalScope when no class was named. */
  find_constant(current: string, target: string): Found | null {
    const [cls, name] = this.split(current, target);
    const chains = target.includes(".") ? this.chain(cls) : [...this.chain(cls), ...this.chain(GLOBAL_SCOPE)];
    for (const doc of chains) if (doc.constants.some((c) => c.name === name)) return { owner: doc.name, kind: "constant", name };
    return null;
  }

  /** `Enum`, `Class.Enum`; global enums (`Error`) are found from anywhere. */
  find_enum(current: string, target: string): Found | null {
    // Global enums may carry a dot themselves (`Variant.Type`).
    if (this.docs.get(GLOBAL_SCOPE)?.constants.some((c) => c.enum === target)) return { owner: GLOBAL_SCOPE, kind: "enum", name: target };
    const [cls, name] = this.split(current, target);
    const chains = target.includes(".") ? this.chain(cls) : [...this.chain(cls), ...this.chain(GLOBAL_SCOPE)];
    for (const doc of chains) if (doc.constants.some((c) => c.enum === name)) return { owner: doc.name, kind: "enum", name };
    return null;
  }

  /** Enums of one class in order of first appearance: name → its constants. */
  enums_of(class_name: string): Map<string, ConstantDoc[]> {
    const out = new Map<string, ConstantDoc[]>();
    for (const c of this.docs.get(class_name)?.constants ?? []) {
      if (c.enum === undefined) continue;
      const list = out.get(c.enum) ?? [];
      list.push(c);
      out.set(c.enum, list);
    }
    return out;
  }
}
