/**
 * ClassDB → ClassDoc, as the engine's `--doctool` builds its DocData: the
 * structure comes from registration alone (names, types, defaults,
 * qualifiers, enum values, signal arguments), descriptions are left empty
 * for doc_merge.ts to fill from the hand-written XML.
 */
import type { ClassRecord } from "../../src/core/object/class_binder.js";
import type { ClassDatabase } from "../../src/core/object/class_db.js";
import { CoreConstants } from "../../src/core/object/core_constants.js";
import type { ArgumentInfo, MethodInfo, TypeRef } from "../../src/core/object/type_info.js";
import {
  GLOBAL_SCOPE,
  empty_class_doc,
  type ClassDoc,
  type ConstantDoc,
  type MemberDoc,
  type MethodDoc,
  type ParamDoc,
  type SignalDoc,
  type TypeDoc,
} from "./class_doc.js";
import type { DefaultFormatter } from "./default_value.js";

export interface GenerateOptions {
  /** The layer whose own classes are documented (the core ClassDB, gdnet/godot3's). */
  class_db: ClassDatabase;
  /** Formats a property's default (see default_value.ts). */
  format_default: DefaultFormatter;
  /** Reports a class whose instance could not be made (defaults are then omitted). */
  warn?: (message: string) => void;
}

function type_doc(t: TypeRef): TypeDoc {
  const out: TypeDoc = { type: t.type };
  if (t.enum !== undefined) out.enum = t.enum;
  if (t.is_bitfield) out.is_bitfield = true;
  return out;
}

function params_of(args: readonly ArgumentInfo[]): ParamDoc[] {
  return args.map((a, index) => {
    const p: ParamDoc = { index, name: a.name, ...type_doc(a) };
    if (a.default !== undefined) p.default = a.default;
    return p;
  });
}

/** The engine's order: virtual, const, vararg, static. */
export function qualifiers_of(m: MethodInfo): string | undefined {
  const words: string[] = [];
  if (m.qualifiers.virtual) words.push("virtual");
  if (m.qualifiers.const) words.push("const");
  if (m.qualifiers.vararg) words.push("vararg");
  if (m.qualifiers.static) words.push("static");
  return words.length > 0 ? words.join(" ") : undefined;
}

class DefaultReader {
  private readonly instances = new Map<string, object | null>();
  private readonly texts = new Map<string, string | undefined>();

  constructor(private readonly options: GenerateOptions) {}

  /** A fresh instance of the class, or of its first instantiable direct child for an abstract class. */
  instance(record: ClassRecord): object | null {
    if (this.instances.has(record.name)) return this.instances.get(record.name) ?? null;
    let source: ClassRecord | undefined = record;
    if (!record.instantiable) {
      const db = this.options.class_db;
      source = db
        .get_inheriters_from_class(record.name)
        .map((n) => db.get_record(n))
        .find((r): r is ClassRecord => r !== undefined && r.parent === record.name && r.instantiable);
    }
    let obj: object | null = null;
    if (source) {
      try {
        obj = new (source.ctor as unknown as new () => object)();
      } catch (error) {
        this.options.warn?.(`${record.name}: cannot instantiate ${source.name} for defaults: ${String(error)}`);
      }
    }
    this.instances.set(record.name, obj);
    return obj;
  }

  /** The default text of `property` as seen from `record`'s instance, or undefined. */
  text(record: ClassRecord, property: { name: string; getter: string; type: string }): string | undefined {
    const key = `${record.name}.${property.name}`;
    if (this.texts.has(key)) return this.texts.get(key);
    let text: string | undefined;
    const obj = this.instance(record);
    const getter = obj ? (obj as Record<string, unknown>)[property.getter] : undefined;
    if (typeof getter === "function") {
      try {
        const value = (getter as () => unknown).call(obj);
        // Objects have no constructor string; the engine leaves such defaults out.
        const is_object = value !== null && typeof value === "object" && typeof (value as { get_class?: unknown }).get_class === "function";
        if (!is_object) text = this.options.format_default(value, property.type).replace(/\n/g, " ");
      } catch (error) {
        this.options.warn?.(`${key}: getter ${property.getter}() threw: ${String(error)}`);
      }
    }
    this.texts.set(key, text);
    return text;
  }
}

/** The doc of one registered class, descriptions empty. */
function class_doc_of(record: ClassRecord, defaults: DefaultReader): ClassDoc {
  const doc = empty_class_doc(record.name, record.parent ?? undefined);
  const accessors = new Set<string>();
  for (const p of record.properties.values()) {
    if (p.setter !== "") accessors.add(p.setter);
    accessors.add(p.getter);
  }
  for (const m of record.methods.values()) {
    if (m.name.startsWith("_") && !m.qualifiers.virtual) continue;
    if (m.is_property_accessor || accessors.has(m.name)) continue;
    const method: MethodDoc = { name: m.name, return: type_doc(m.return_type), params: params_of(m.args), description: "" };
    const q = qualifiers_of(m);
    if (q !== undefined) method.qualifiers = q;
    doc.methods.push(method);
  }
  for (const p of record.properties.values()) {
    const member: MemberDoc = { name: p.name, ...type_doc(p), setter: p.setter, getter: p.getter, description: "" };
    const d = defaults.text(record, p);
    if (d !== undefined) member.default = d;
    doc.members.push(member);
  }
  // Inherited properties whose default differs here are written as overrides.
  if (record.instantiable) {
    for (let parent = record.parent_record; parent; parent = parent.parent_record) {
      for (const p of parent.properties.values()) {
        if (doc.members.some((m) => m.name === p.name)) continue;
        const here = defaults.text(record, p);
        const base = defaults.text(parent, p);
        if (here !== undefined && here !== base) {
          doc.members.push({ name: p.name, ...type_doc(p), setter: p.setter, getter: p.getter, overrides: parent.name, default: here, description: "" });
        }
      }
    }
  }
  for (const s of record.signals.values()) {
    const signal: SignalDoc = { name: s.name, params: params_of(s.args), description: "" };
    doc.signals.push(signal);
  }
  for (const c of record.constants.values()) {
    const constant: ConstantDoc = { name: c.name, value: String(c.value), description: "" };
    if (c.enum !== undefined) constant.enum = c.enum;
    if (c.is_bitfield) constant.is_bitfield = true;
    doc.constants.push(constant);
  }
  return doc;
}

/** @GlobalScope: the global enums of CoreConstants (Error, ...). */
export function global_scope_doc(): ClassDoc {
  const doc = empty_class_doc(GLOBAL_SCOPE);
  for (const e of CoreConstants.get_global_enums()) {
    for (const [name, value] of e.values) {
      const c: ConstantDoc = { name, value: String(value), enum: e.name, description: "" };
      if (e.is_bitfield) c.is_bitfield = true;
      doc.constants.push(c);
    }
  }
  return doc;
}

/**
 * Every class registered in the layer itself (and @GlobalScope for the root
 * layer; the layers above share its global enums), by name.
 */
export function generate_docs(options: GenerateOptions, only?: ReadonlySet<string>): Map<string, ClassDoc> {
  const db = options.class_db;
  const defaults = new DefaultReader(options);
  const docs = new Map<string, ClassDoc>();
  for (const name of db.get_own_class_list()) {
    if (only && !only.has(name)) continue;
    const record = db.get_record(name);
    if (record) docs.set(name, class_doc_of(record, defaults));
  }
  if (db.fallback === null && (!only || only.has(GLOBAL_SCOPE))) docs.set(GLOBAL_SCOPE, global_scope_doc());
  return docs;
}
