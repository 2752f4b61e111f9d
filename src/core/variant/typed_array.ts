/**
 * A typed Array (GDScript's Array[int], Array[Node]): an ordinary JS array
 * that also carries its element type, so the encoder can write the typed
 * header (4.3+ format bits 16-17) and the decoder can hand the type back.
 * Plain JS arrays are untyped Arrays.
 */
import { type ContainerType, UNTYPED, container_type, same_container_type } from "./container_type.js";
import { VariantType, type_string } from "./variant_type.js";

export class TypedArray<T = unknown> extends Array<T> {
  /** map(), filter(), slice() ... give plain arrays: their results need not fit the type. */
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  element_type: ContainerType = UNTYPED;

  /** `new TypedArray(TYPE_INT, [1, 2])`, `new TypedArray("Node", nodes)`, or a ContainerType. */
  constructor(type?: VariantType | string | ContainerType, items?: Iterable<T>) {
    super();
    if (typeof type === "string") this.element_type = container_type(type);
    else if (typeof type === "object" && type !== null) this.element_type = type;
    else if (typeof type === "number") this.element_type = container_type(type as VariantType);
    if (items !== undefined) for (const item of items) this.push(item);
  }

  /** Array.of would pass a length where the constructor takes a type: give an untyped array instead. */
  static override of<T>(...items: T[]): TypedArray<T> {
    return new TypedArray<T>(undefined, items);
  }

  is_typed(): boolean {
    return this.element_type.builtin !== VariantType.TYPE_NIL;
  }

  get_typed_builtin(): VariantType {
    return this.element_type.builtin;
  }

  get_typed_class_name(): string {
    return this.element_type.class_name;
  }

  get_typed_script(): string {
    return this.element_type.script;
  }

  is_same_typed(other: unknown): boolean {
    const type = other instanceof TypedArray ? other.element_type : UNTYPED;
    return same_container_type(type, this.element_type);
  }

  /** The GDScript spelling of the type: "Array[int]", "Array[Node]", "Array". */
  get_type_name(): string {
    const t = this.element_type;
    if (t.builtin === VariantType.TYPE_NIL) return "Array";
    if (t.script !== "") return `Array[${t.script}]`;
    if (t.class_name !== "") return `Array[${t.class_name}]`;
    return `Array[${type_string(t.builtin)}]`;
  }
}
