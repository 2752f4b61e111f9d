import { beforeAll, describe, expect, it } from "vitest";
import { capture_output } from "../../../src/core/error/error_sink.js";
import type { ClassBinder } from "../../../src/core/object/class_binder.js";
import { ClassDB } from "../../../src/core/object/class_db.js";
import { RefCounted } from "../../../src/core/object/ref_counted.js";
import { Animal, Dog, Mood, register_sample_classes } from "./sample_classes.js";

beforeAll(register_sample_classes);

describe("ClassDB reflection", () => {
  it("knows the hierarchy", () => {
    expect(ClassDB.class_exists("Dog")).toBe(true);
    expect(ClassDB.class_exists("Cat")).toBe(false);
    expect(ClassDB.get_parent_class("Dog")).toBe("Animal");
    expect(ClassDB.get_parent_class("Animal")).toBe("RefCounted");
    expect(ClassDB.get_parent_class("RefCounted")).toBe("Object");
    expect(ClassDB.get_parent_class("Object")).toBe("");
    expect(ClassDB.is_parent_class("Dog", "Object")).toBe(true);
    expect(ClassDB.is_parent_class("Dog", "Dog")).toBe(true);
    expect(ClassDB.is_parent_class("Animal", "Dog")).toBe(false);
    expect(ClassDB.get_inheriters_from_class("Animal")).toEqual(["Dog"]);
    expect(ClassDB.get_inheriters_from_class("RefCounted")).toEqual(expect.arrayContaining(["Animal", "Dog"]));
    expect(ClassDB.get_class_list()).toEqual(expect.arrayContaining(["Object", "RefCounted", "Animal", "Dog", "Crate"]));
  });

  it("records methods with argument names, types, defaults, return types and qualifiers", () => {
    const feed = ClassDB.class_get_method("Animal", "feed");
    expect(feed).toEqual({
      name: "feed",
      args: [
        { name: "food", type: "String" },
        { name: "amount", type: "int", default: "1" },
        { name: "loud", type: "bool", default: "false" },
      ],
      return_type: { type: "int", enum: "Error" },
      qualifiers: {},
    });
    expect(ClassDB.class_get_method("Animal", "get_name")?.qualifiers).toEqual({ const: true });
    expect(ClassDB.class_get_method("Animal", "create")?.qualifiers).toEqual({ static: true });
    expect(ClassDB.class_get_method("Animal", "create")?.args[0]).toEqual({
      name: "mood",
      type: "int",
      enum: "Animal.Mood",
      default: "0",
    });
    expect(ClassDB.class_get_method("Animal", "_speak")?.qualifiers).toEqual({ virtual: true });
    expect(ClassDB.class_has_method("Dog", "feed")).toBe(true);
    expect(ClassDB.class_has_method("Dog", "feed", true)).toBe(false);
    expect(ClassDB.class_has_method("Dog", "bark", true)).toBe(true);
  });

  it("lists methods as the engine's dictionaries, with defaults and flags", () => {
    const list = ClassDB.class_get_method_list("Animal", true);
    const feed = list.find((m) => m.name === "feed");
    expect(feed?.args.map((a) => [a.name, a.type])).toEqual([
      ["food", 4],
      ["amount", 2],
      ["loud", 1],
    ]);
    expect(feed?.default_args).toEqual([1, false]);
    expect(feed?.return.class_name).toBe("Error");
    const get_name = list.find((m) => m.name === "get_name");
    expect((get_name?.flags ?? 0) & 4).toBe(4); // METHOD_FLAG_CONST
  });

  it("records properties with setter, getter and their auto-bound accessors", () => {
    expect(ClassDB.class_get_property_infos("Animal", true)).toEqual([
      { name: "mood", type: "int", enum: "Animal.Mood", setter: "set_mood", getter: "get_mood" },
      { name: "legs", type: "int", setter: "set_legs", getter: "get_legs" },
    ]);
    const getter = ClassDB.class_get_method("Animal", "get_legs");
    expect(getter?.is_property_accessor).toBe(true);
    expect(getter?.qualifiers.const).toBe(true);
    const props = ClassDB.class_get_property_list("Animal", true);
    expect(props.find((p) => p.name === "mood")).toMatchObject({ type: 2, hint: 2, hint_string: "MOOD_CALM,MOOD_HAPPY,MOOD_ANGRY" });
  });

  it("installs member accessors, so a property reads like a GDScript member", () => {
    const a = new Animal();
    a.legs = 3;
    expect(a.get_legs()).toBe(3);
    a.set_mood(Mood.MOOD_ANGRY);
    expect(a.mood).toBe(Mood.MOOD_ANGRY);
  });

  it("records enums, bitfields and integer constants, reachable both ways", () => {
    expect(ClassDB.class_get_enum_list("Animal")).toEqual(["Mood", "Abilities", "ConnectFlags"]);
    expect(ClassDB.class_get_enum_list("Animal", true)).toEqual(["Mood", "Abilities"]);
    expect(ClassDB.class_get_enum_constants("Animal", "Mood")).toEqual(["MOOD_CALM", "MOOD_HAPPY", "MOOD_ANGRY"]);
    expect(ClassDB.class_get_enum_constants("Dog", "Mood")).toEqual(["MOOD_CALM", "MOOD_HAPPY", "MOOD_ANGRY"]);
    expect(ClassDB.class_get_enum_constants("Dog", "Mood", true)).toEqual([]);
    expect(ClassDB.is_enum_bitfield("Animal", "Abilities")).toBe(true);
    expect(ClassDB.is_enum_bitfield("Animal", "Mood")).toBe(false);
    expect(ClassDB.class_get_integer_constant("Dog", "MOOD_HAPPY")).toBe(1);
    expect(ClassDB.class_get_integer_constant("Animal", "MAX_LEGS")).toBe(8);
    expect(ClassDB.class_get_integer_constant_enum("Animal", "ABILITY_FLY")).toBe("Abilities");
    expect(ClassDB.class_get_integer_constant_enum("Animal", "MAX_LEGS")).toBe("");
    expect(Animal.MOOD_ANGRY).toBe(2);
    expect(Animal.Mood.MOOD_ANGRY).toBe(2);
    expect((Animal as unknown as Record<string, number>).ABILITY_SWIM).toBe(1);
  });

  it("a missing constant returns 0 with one error line", () => {
    const cap = capture_output();
    expect(ClassDB.class_get_integer_constant("Animal", "NOPE")).toBe(0);
    cap.restore();
    expect(cap.lines("error")).toHaveLength(1);
  });

  it("records signals with their arguments", () => {
    const signals = ClassDB.class_get_signal_list("Dog");
    expect(signals.map((s) => s.name)).toEqual(["barked", "fed", "script_changed", "property_list_changed"]);
    expect(ClassDB.class_get_signal("Dog", "fed")?.args).toEqual([
      { name: "food", type: "String" },
      { name: "amount", type: "int" },
    ]);
    expect(ClassDB.class_has_signal("Animal", "barked")).toBe(false);
  });

  it("instantiates concrete classes and refuses abstract or unknown ones", () => {
    const dog = ClassDB.instantiate("Dog");
    expect(dog).toBeInstanceOf(Dog);
    const cap = capture_output();
    expect(ClassDB.instantiate("Nope")).toBeNull();
    class Shape extends RefCounted {}
    ClassDB.register_class(Shape, { abstract: true });
    expect(ClassDB.can_instantiate("Shape")).toBe(false);
    expect(ClassDB.instantiate("Shape")).toBeNull();
    cap.restore();
    expect(cap.lines("error")).toHaveLength(2);
  });

  it("refuses registrations that do not match the implementation", () => {
    class Liar extends RefCounted {
      static override _bind_methods(b: ClassBinder): void {
        b.method("missing() -> int");
      }
    }
    expect(() => ClassDB.register_class(Liar)).toThrow(/not implemented/);
    class Miscount extends RefCounted {
      static override _bind_methods(b: ClassBinder): void {
        b.method("take(a: int, b: int = 2)");
      }
      take(a: number, b: number): number {
        return a + b;
      }
    }
    expect(() => ClassDB.register_class(Miscount)).toThrow(/required argument/);
    class Stranger {}
    expect(() => ClassDB.register_class(Stranger)).toThrow(/parent/);
  });
  it("takes the nearest registered superclass as parent, with an unregistered base's bindings", () => {
    class TrickBase extends Dog {
      static override _bind_methods(b: ClassBinder): void {
        b.method("roll() -> int");
      }
      roll(): number {
        return 1;
      }
    }
    class TrickDog extends TrickBase {
      static override _bind_methods(b: ClassBinder): void {
        b.method("sit() -> int");
      }
      sit(): number {
        return 2;
      }
    }
    ClassDB.register_class(TrickDog);
    expect(ClassDB.get_parent_class("TrickDog")).toBe("Dog");
    expect(ClassDB.class_exists("TrickBase")).toBe(false);
    expect(ClassDB.class_has_method("TrickDog", "roll", true)).toBe(true);
    expect(ClassDB.class_has_method("TrickDog", "sit", true)).toBe(true);
    expect(new TrickDog().get_class()).toBe("TrickDog");
  });

});
