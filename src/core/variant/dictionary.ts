/**
 * Dictionary: insertion-ordered, any Variant as key. A Map, so "__proto__"
 * or "constructor" are ordinary keys and decoding cannot touch prototypes.
 * Keys compare as Map keys do (same primitive value, or the same object), so
 * two distinct Vector2(1, 2) objects are two keys here, unlike in Godot.
 * Optional key/value types carry a typed Dictionary (4.4+ wire format).
 */
import { type ContainerType, UNTYPED, container_type } from "./container_type.js";
import { StringName } from "./string_name.js";
import { VariantType } from "./variant_type.js";

export class Dictionary<K = unknown, V = unknown> extends Map<K, V> {
  key_type: ContainerType = UNTYPED;
  value_type: ContainerType = UNTYPED;

  constructor(entries?: Iterable<readonly [K, V]> | null) {
    super();
    if (entries) for (const [k, v] of entries) this.set(k, v);
  }

  /** A Dictionary with String keys from a plain object's own enumerable keys. */
  static from_object<V>(object: Record<string, V>): Dictionary<string, V> {
    const out = new Dictionary<string, V>();
    for (const key of Object.keys(object)) out.set(key, object[key] as V);
    return out;
  }

  /** A Dictionary[key_type, value_type] (typed dictionary; Godot 4.4+ peers only). */
  static typed<K, V>(
    key_type: VariantType | string | ContainerType,
    value_type: VariantType | string | ContainerType,
    entries?: Iterable<readonly [K, V]>,
  ): Dictionary<K, V> {
    const out = new Dictionary<K, V>(entries);
    out.key_type = typeof key_type === "object" ? key_type : container_type(key_type);
    out.value_type = typeof value_type === "object" ? value_type : container_type(value_type);
    return out;
  }

  /**
   * A null-prototype object with the String and StringName keys stringified
   * (other keys are skipped), for code that prefers plain objects.
   */
  to_object(): Record<string, V> {
    const out = Object.create(null) as Record<string, V>;
    for (const [k, v] of this) {
      if (typeof k === "string" || k instanceof StringName) {
        Object.defineProperty(out, String(k), { value: v, enumerable: true, writable: true, configurable: true });
      }
    }
    return out;
  }

  is_typed(): boolean {
    return this.is_typed_key() || this.is_typed_value();
  }

  is_typed_key(): boolean {
    return this.key_type.builtin !== VariantType.TYPE_NIL;
  }

  is_typed_value(): boolean {
    return this.value_type.builtin !== VariantType.TYPE_NIL;
  }

  get_typed_key_builtin(): VariantType {
    return this.key_type.builtin;
  }

  get_typed_key_class_name(): string {
    return this.key_type.class_name;
  }

  get_typed_key_script(): string {
    return this.key_type.script;
  }

  get_typed_value_builtin(): VariantType {
    return this.value_type.builtin;
  }

  get_typed_value_class_name(): string {
    return this.value_type.class_name;
  }

  get_typed_value_script(): string {
    return this.value_type.script;
  }
}
