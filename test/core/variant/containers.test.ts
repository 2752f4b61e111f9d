/** Dictionary, TypedArray, the Array-backed packed arrays, and variant_equals. */
import { describe, expect, it } from "vitest";
import { container_type } from "../../../src/core/variant/container_type.js";
import { Dictionary } from "../../../src/core/variant/dictionary.js";
import { PackedStringArray, PackedVector2Array } from "../../../src/core/variant/packed_arrays.js";
import { StringName } from "../../../src/core/variant/string_name.js";
import { TypedArray } from "../../../src/core/variant/typed_array.js";
import { float } from "../../../src/core/variant/variant_float.js";
import { variant_equals } from "../../../src/core/variant/variant_equals.js";
import { TYPE_FLOAT, TYPE_INT, TYPE_NIL, TYPE_OBJECT, TYPE_STRING } from "../../../src/core/variant/variant_type.js";
import { Vector2 } from "../../../src/core/variant/vector2.js";

describe("Dictionary", () => {
  it("keeps insertion order and any key type", () => {
    const key = new Vector2(1, 2);
    const d = new Dictionary<unknown, number>([
      ["b", 1],
      [2, 2],
      [key, 3],
      [null, 4],
    ]);
    d.set("a", 5);
    d.set("b", 6); // an existing key keeps its place
    expect([...d.keys()]).toEqual(["b", 2, key, null, "a"]);
    expect(d.get("b")).toBe(6);
  });
  it("'__proto__' and 'constructor' are ordinary keys", () => {
    const d = Dictionary.from_object(JSON.parse('{"__proto__": 1, "constructor": 2}') as Record<string, number>);
    expect(d.get("__proto__")).toBe(1);
    expect(d.get("constructor")).toBe(2);
    const o = d.to_object();
    expect(Object.getPrototypeOf(o)).toBe(null);
    expect(Object.getOwnPropertyDescriptor(o, "__proto__")?.value).toBe(1);
    expect(({} as Record<string, unknown>)["constructor"]).toBe(Object);
  });
  it("to_object keeps String and StringName keys only", () => {
    const d = new Dictionary<unknown, number>([
      ["a", 1],
      [new StringName("b"), 2],
      [3, 3],
    ]);
    expect({ ...d.to_object() }).toEqual({ a: 1, b: 2 });
  });
  it("typed dictionaries carry key and value types", () => {
    const d = Dictionary.typed<string, number>(TYPE_STRING, TYPE_INT);
    expect(d.is_typed()).toBe(true);
    expect(d.get_typed_key_builtin()).toBe(TYPE_STRING);
    expect(d.get_typed_value_builtin()).toBe(TYPE_INT);
    const nodes = Dictionary.typed(TYPE_STRING, "Node");
    expect(nodes.get_typed_value_builtin()).toBe(TYPE_OBJECT);
    expect(nodes.get_typed_value_class_name()).toBe("Node");
    expect(new Dictionary().is_typed()).toBe(false);
  });
});

describe("TypedArray", () => {
  it("is an array with an element type", () => {
    const a = new TypedArray(TYPE_INT, [1, 2, 3]);
    expect(Array.isArray(a)).toBe(true);
    expect(a.length).toBe(3);
    expect(a.is_typed()).toBe(true);
    expect(a.get_type_name()).toBe("Array[int]");
    expect(new TypedArray("Node").get_type_name()).toBe("Array[Node]");
    expect(new TypedArray().is_typed()).toBe(false);
    expect(new TypedArray().get_typed_builtin()).toBe(TYPE_NIL);
  });
  it("map/filter/slice give plain arrays, whose results need not fit the type", () => {
    const a = new TypedArray(TYPE_INT, [1, 2]);
    const mapped = a.map((n) => `${n}`);
    expect(mapped).not.toBeInstanceOf(TypedArray);
    expect(mapped).toEqual(["1", "2"]);
    expect(a.slice(0, 1)).not.toBeInstanceOf(TypedArray);
  });
  it("TypedArray.of and .from give untyped arrays rather than misreading a length as a type", () => {
    const of = TypedArray.of(5, 6);
    expect([...of]).toEqual([5, 6]);
    expect(of.is_typed()).toBe(false);
    const from = TypedArray.from([1, 2]);
    expect([...from]).toEqual([1, 2]);
  });
  it("Array[Object] means class 'Object'", () => {
    expect(container_type(TYPE_OBJECT).class_name).toBe("Object");
    expect(new TypedArray(TYPE_OBJECT).is_same_typed(new TypedArray("Object"))).toBe(true);
    expect(new TypedArray(TYPE_INT).is_same_typed(new TypedArray(TYPE_FLOAT))).toBe(false);
  });
});

describe("packed arrays backed by Array", () => {
  it("accept items, and work with Array.from / Array.of / spread", () => {
    const p = new PackedStringArray(["a", "b"]);
    expect(p).toBeInstanceOf(PackedStringArray);
    expect(p.length).toBe(2);
    const from = PackedStringArray.from(["x"]);
    expect(from).toBeInstanceOf(PackedStringArray);
    expect([...from]).toEqual(["x"]);
    const of = PackedStringArray.of("y", "z");
    expect([...of]).toEqual(["y", "z"]);
    expect(p.map((s) => s.length)).not.toBeInstanceOf(PackedStringArray);
  });
  it("hold their element class", () => {
    const p = new PackedVector2Array([new Vector2(1, 2)]);
    p.push(new Vector2(3, 4));
    expect(p[1]?.y).toBe(4);
  });
});

describe("variant_equals", () => {
  it("numbers: int, float and bigint compare by value; NaN never equals", () => {
    expect(variant_equals(1, float(1))).toBe(true);
    expect(variant_equals(1, 1n)).toBe(true);
    expect(variant_equals(1, 2)).toBe(false);
    expect(variant_equals(Number.NaN, Number.NaN)).toBe(false);
    expect(variant_equals(1, "1")).toBe(false);
  });
  it("String equals StringName of the same text", () => {
    expect(variant_equals("a", new StringName("a"))).toBe(true);
    expect(variant_equals(new StringName("a"), "b")).toBe(false);
  });
  it("arrays deep, in order; typed and untyped compare by content", () => {
    expect(variant_equals([1, [2, { a: 3 }]], [1, [2, { a: 3 }]])).toBe(true);
    expect(variant_equals([1, 2], [2, 1])).toBe(false);
    expect(variant_equals(new TypedArray(TYPE_INT, [1]), [1])).toBe(true);
  });
  it("dictionaries by content regardless of order, object keys by value", () => {
    const a = new Dictionary<unknown, unknown>([
      ["x", 1],
      [new Vector2(1, 2), "v"],
    ]);
    const b = new Dictionary<unknown, unknown>([
      [new Vector2(1, 2), "v"],
      ["x", 1],
    ]);
    expect(variant_equals(a, b)).toBe(true);
    expect(variant_equals(a, { x: 1 })).toBe(false);
    expect(variant_equals({ x: 1 }, new Dictionary([["x", 1]]))).toBe(true);
  });
  it("typed arrays by kind and content", () => {
    expect(variant_equals(new Int32Array([1]), new Int32Array([1]))).toBe(true);
    expect(variant_equals(new Int32Array([1]), new Float32Array([1]))).toBe(false);
    expect(variant_equals(new Uint8Array([1, 2]), new Uint8Array([1, 3]))).toBe(false);
  });
  it("null and undefined are both NIL", () => {
    expect(variant_equals(null, undefined)).toBe(true);
    expect(variant_equals(null, 0)).toBe(false);
  });
});
