import { beforeAll, describe, expect, it } from "vitest";
import {
  ERR_CANT_ACQUIRE_RESOURCE,
  ERR_INVALID_PARAMETER,
  ERR_UNAVAILABLE,
  OK,
} from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import { Callable } from "../../../src/core/object/callable.js";
import { MessageQueue } from "../../../src/core/object/message_queue.js";
import { GodotObject } from "../../../src/core/object/object.js";
import { instance_from_id, is_instance_valid } from "../../../src/core/object/object_db.js";
import { RefCounted } from "../../../src/core/object/ref_counted.js";
import { Animal, Crate, Dog, Mood, Puppy, register_sample_classes } from "./sample_classes.js";

beforeAll(register_sample_classes);

describe("Object identity and reflection", () => {
  it("get_class and is_class walk the whole chain", () => {
    const dog = new Dog();
    expect(dog.get_class()).toBe("Dog");
    for (const name of ["Dog", "Animal", "RefCounted", "Object"]) expect(dog.is_class(name)).toBe(true);
    expect(dog.is_class("Crate")).toBe(false);
    expect(new GodotObject().get_class()).toBe("Object");
    // A user subclass reports its native class, as a script-extended object does.
    expect(new Puppy().get_class()).toBe("Dog");
  });

  it("to_string has the engine's <Class#id> shape, and _to_string overrides it", () => {
    const a = new Animal();
    expect(a.to_string()).toBe(`<Animal#${a.get_instance_id()}>`);
    expect(`${a}`).toBe(a.to_string());
    class Named extends Animal {
      _to_string(): string {
        return "Rex";
      }
    }
    expect(new Named().to_string()).toBe("Rex");
  });

  it("instance ids are unique and lead back to the object", () => {
    const a = new Animal();
    const b = new Animal();
    expect(a.get_instance_id()).not.toBe(b.get_instance_id());
    expect(instance_from_id(a.get_instance_id())).toBe(a);
  });

  it("has_method sees registered methods and methods a subclass adds, not JS internals", () => {
    const p = new Puppy();
    expect(p.has_method("bark")).toBe(true);
    expect(p.has_method("get_legs")).toBe(true);
    expect(p.has_method("wag")).toBe(true);
    expect(p.has_method("nope")).toBe(false);
    expect(p.has_method("constructor")).toBe(false);
    expect(p.has_method("hasOwnProperty")).toBe(false);
  });

  it("call and callv dispatch by name with the method's own defaults", () => {
    const dog = new Dog();
    expect(dog.call("bark")).toBe(1);
    expect(dog.call("bark", 3)).toBe(3);
    expect(dog.callv("bark", [5])).toBe(5);
    expect(dog.call("get_name")).toBe("dog");
  });

  it("an unknown method in call() prints one line and returns null without throwing", () => {
    const cap = capture_output();
    const result = new Dog().call("fly", 1);
    cap.restore();
    expect(result).toBeNull();
    expect(cap.lines("error")).toEqual(["ERROR: Invalid call. Nonexistent function 'fly' in base 'Dog'."]);
  });

  it("get/set go through the registered getter and setter, and reach subclass fields", () => {
    const dog = new Dog();
    dog.set("mood", Mood.MOOD_HAPPY);
    expect(dog.get_mood()).toBe(Mood.MOOD_HAPPY);
    expect(dog.get("mood")).toBe(Mood.MOOD_HAPPY);
    dog.set("tricks", 4);
    expect(dog.tricks).toBe(4);
    expect(dog.get("tricks")).toBe(4);
  });

  it("an unknown property in set/get prints one line, changes nothing and never throws", () => {
    const dog = new Dog();
    const cap = capture_output();
    dog.set("wings", 2);
    dog.set("__proto__", { polluted: true });
    const value = dog.get("wings");
    cap.restore();
    expect(value).toBeNull();
    expect(cap.lines("error")).toEqual([
      "ERROR: Invalid set: 'wings' is not a property of 'Dog'.",
      "ERROR: Invalid set: '__proto__' is not a property of 'Dog'.",
      "ERROR: Invalid get: 'wings' is not a property of 'Dog'.",
    ]);
    expect(Object.getPrototypeOf(dog)).toBe(Dog.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("get_property_list and get_method_list include inherited entries", () => {
    const dog = new Dog();
    expect(dog.get_property_list().map((p) => p.name)).toEqual(["mood", "legs"]);
    const methods = dog.get_method_list().map((m) => m.name);
    expect(methods).toEqual(expect.arrayContaining(["bark", "feed", "get_class", "init_ref"]));
  });

  it("notification reaches every _notification, base first (or derived first when reversed)", () => {
    class Sub extends Dog {
      override _notification(what: number): void {
        this.order.push(`Sub:${what}`);
      }
    }
    const s = new Sub();
    s.notification(42);
    expect(s.notifications).toEqual([42]);
    expect(s.order).toEqual(["Dog:42", "Sub:42"]);
    s.notification(7, true);
    expect(s.order.slice(2)).toEqual(["Sub:7", "Dog:7"]);
    expect(s.notifications).toEqual([42, 7]);
  });

  it("free() sends PREDELETE and invalidates a plain object; RefCounted refuses free()", () => {
    const crate = new Crate();
    expect(is_instance_valid(crate)).toBe(true);
    crate.free();
    expect(crate.predelete_seen).toBe(true);
    expect(is_instance_valid(crate)).toBe(false);
    expect(instance_from_id(crate.get_instance_id())).toBeNull();
    const cap = capture_output();
    crate.free();
    const counted = new RefCounted();
    counted.free();
    cap.restore();
    expect(cap.lines("error")).toHaveLength(2);
    expect(is_instance_valid(counted)).toBe(true);
    expect(is_instance_valid(null)).toBe(false);
    expect(is_instance_valid({})).toBe(false);
  });

  it("metadata", () => {
    const o = new GodotObject();
    o.set_meta("k", 5);
    expect(o.has_meta("k")).toBe(true);
    expect(o.get_meta("k")).toBe(5);
    expect(o.get_meta_list()).toEqual(["k"]);
    o.set_meta("k", null);
    expect(o.has_meta("k")).toBe(false);
    expect(o.get_meta("k", 9)).toBe(9);
  });
});

describe("Signals", () => {
  it("connect, emit with arguments, in connection order", () => {
    const dog = new Dog();
    const seen: string[] = [];
    expect(dog.connect("fed", (food, amount) => seen.push(`a:${food}:${amount}`))).toBe(OK);
    expect(dog.connect("fed", (food) => seen.push(`b:${food}`))).toBe(OK);
    expect(dog.feed("bone", 2)).toBe(OK);
    expect(seen).toEqual(["a:bone:2", "b:bone"]);
  });

  it("connects to an object's method through a Callable", () => {
    const dog = new Dog();
    const listener = new Dog();
    expect(dog.connect("barked", new Callable(listener, "bark"))).toBe(OK);
    const got: number[] = [];
    listener.connect("barked", (n) => got.push(n));
    dog.bark(3);
    expect(got).toEqual([3]);
    expect(dog.is_connected("barked", new Callable(listener, "bark"))).toBe(true);
  });

  it("a double connect is ERR_INVALID_PARAMETER unless CONNECT_REFERENCE_COUNTED", () => {
    const dog = new Dog();
    const slot = (): void => {};
    expect(dog.connect("barked", slot)).toBe(OK);
    const cap = capture_output();
    expect(dog.connect("barked", slot)).toBe(ERR_INVALID_PARAMETER);
    cap.restore();
    expect(cap.lines("error")).toHaveLength(1);

    const counted = (): void => {};
    expect(dog.connect("barked", counted, GodotObject.CONNECT_REFERENCE_COUNTED)).toBe(OK);
    expect(dog.connect("barked", counted, GodotObject.CONNECT_REFERENCE_COUNTED)).toBe(OK);
    dog.disconnect("barked", counted);
    expect(dog.is_connected("barked", counted)).toBe(true);
    dog.disconnect("barked", counted);
    expect(dog.is_connected("barked", counted)).toBe(false);
  });

  it("binds are ignored when comparing connections, and passed after the emitted arguments", () => {
    const dog = new Dog();
    const got: unknown[][] = [];
    const fn = (...args: unknown[]): void => {
      got.push(args);
    };
    expect(dog.connect("barked", Callable.from_function(fn).bind("extra"))).toBe(OK);
    const cap = capture_output();
    expect(dog.connect("barked", Callable.from_function(fn).bind("other"))).toBe(ERR_INVALID_PARAMETER);
    cap.restore();
    dog.bark(2);
    expect(got).toEqual([[2, "extra"]]);
  });

  it("CONNECT_ONE_SHOT disconnects before the first call", () => {
    const dog = new Dog();
    let calls = 0;
    const slot = (): void => {
      calls++;
      expect(dog.is_connected("barked", slot)).toBe(false);
    };
    dog.connect("barked", slot, GodotObject.CONNECT_ONE_SHOT);
    dog.bark();
    dog.bark();
    expect(calls).toBe(1);
  });

  it("CONNECT_DEFERRED runs after the current synchronous work", async () => {
    const dog = new Dog();
    const order: string[] = [];
    dog.connect("barked", () => order.push("deferred"), GodotObject.CONNECT_DEFERRED);
    dog.connect("barked", () => order.push("direct"));
    dog.bark();
    order.push("after emit");
    expect(order).toEqual(["direct", "after emit"]);
    await Promise.resolve();
    expect(order).toEqual(["direct", "after emit", "deferred"]);
  });

  it("MessageQueue.flush runs deferred calls at once", () => {
    const dog = new Dog();
    let ran = false;
    dog.connect("barked", () => (ran = true), GodotObject.CONNECT_DEFERRED);
    dog.bark();
    expect(ran).toBe(false);
    MessageQueue.flush();
    expect(ran).toBe(true);
  });

  it("CONNECT_APPEND_SOURCE_OBJECT passes the emitter last", () => {
    const dog = new Dog();
    let source: unknown = null;
    dog.connect("barked", (_times: number, from?: unknown) => (source = from), GodotObject.CONNECT_APPEND_SOURCE_OBJECT);
    dog.bark();
    expect(source).toBe(dog);
  });

  it("emit_signal codes: ERR_UNAVAILABLE with nothing connected, ERR_UNAVAILABLE + one line for an unknown signal", () => {
    const dog = new Dog();
    const cap = capture_output();
    expect(dog.emit_signal("barked", 1)).toBe(ERR_UNAVAILABLE);
    expect(cap.lines()).toEqual([]);
    expect(dog.emit_signal("meowed")).toBe(ERR_UNAVAILABLE);
    cap.restore();
    expect(cap.lines("error")).toEqual(["ERROR: Can't emit non-existing signal 'meowed' in 'Dog'."]);
  });

  it("blocked signals give ERR_CANT_ACQUIRE_RESOURCE and call nothing", () => {
    const dog = new Dog();
    let calls = 0;
    dog.connect("barked", () => calls++);
    dog.set_block_signals(true);
    expect(dog.is_blocking_signals()).toBe(true);
    expect(dog.emit_signal("barked", 1)).toBe(ERR_CANT_ACQUIRE_RESOURCE);
    dog.set_block_signals(false);
    expect(dog.emit_signal("barked", 1)).toBe(OK);
    expect(calls).toBe(1);
  });

  it("connecting an unknown signal or an invalid callable is ERR_INVALID_PARAMETER with one line each", () => {
    const dog = new Dog();
    const cap = capture_output();
    expect(dog.connect("meowed", () => {})).toBe(ERR_INVALID_PARAMETER);
    expect(dog.connect("barked", new Callable(dog, "no_such_method"))).toBe(ERR_INVALID_PARAMETER);
    expect(dog.connect("barked", new Callable(null, ""))).toBe(ERR_INVALID_PARAMETER);
    cap.restore();
    expect(cap.lines("error")).toHaveLength(3);
  });

  it("disconnecting a missing connection prints one line", () => {
    const dog = new Dog();
    const cap = capture_output();
    dog.disconnect("barked", () => {});
    cap.restore();
    expect(cap.lines("error")).toHaveLength(1);
  });

  it("a slot that throws is reported and the others still run; emit does not throw", () => {
    const dog = new Dog();
    let second = false;
    dog.connect("barked", () => {
      throw new Error("boom");
    });
    dog.connect("barked", () => (second = true));
    const cap = capture_output();
    expect(dog.emit_signal("barked", 1)).toBe(OK);
    cap.restore();
    expect(second).toBe(true);
    expect(cap.lines("error")[0]).toMatch(/signal 'barked'.*boom/);
  });

  it("user signals, signal lists and connection lists", () => {
    const dog = new Dog();
    dog.add_user_signal("howled", [{ name: "pitch" }]);
    expect(dog.has_signal("howled")).toBe(true);
    expect(dog.has_user_signal("howled")).toBe(true);
    expect(dog.has_user_signal("barked")).toBe(false);
    let pitch = 0;
    expect(dog.connect("howled", (p: number) => (pitch = p))).toBe(OK);
    expect(dog.emit_signal("howled", 440)).toBe(OK);
    expect(pitch).toBe(440);
    expect(dog.get_signal_list().map((s) => s.name)).toContain("howled");
    const connections = dog.get_signal_connection_list("howled");
    expect(connections).toHaveLength(1);
    expect(connections[0]?.flags).toBe(0);
    const cap = capture_output();
    dog.add_user_signal("barked");
    cap.restore();
    expect(cap.lines("error")).toHaveLength(1);
  });

  it("disconnecting during emission skips the removed slot", () => {
    const dog = new Dog();
    const seen: string[] = [];
    const second = (): void => {
      seen.push("second");
    };
    dog.connect("barked", () => {
      seen.push("first");
      dog.disconnect("barked", second);
    });
    dog.connect("barked", second);
    dog.bark();
    expect(seen).toEqual(["first"]);
  });
});

describe("RefCounted", () => {
  it("follows the engine's counting rules", () => {
    const r = new RefCounted();
    expect(r.get_reference_count()).toBe(1);
    expect(r.init_ref()).toBe(true);
    expect(r.get_reference_count()).toBe(1); // the first init_ref takes over the initial reference
    expect(r.init_ref()).toBe(true);
    expect(r.get_reference_count()).toBe(2);
    expect(r.reference()).toBe(true);
    expect(r.get_reference_count()).toBe(3);
    expect(r.unreference()).toBe(false);
    expect(r.unreference()).toBe(false);
    expect(r.unreference()).toBe(true); // last reference: the engine would free it now
    expect(r.get_reference_count()).toBe(0);
    expect(r.reference()).toBe(false); // a dying object cannot be revived
    expect(r.init_ref()).toBe(false);
    expect(r.unreference()).toBe(false);
    expect(r.get_reference_count()).toBe(0);
  });

  it("is an Object", () => {
    const r = new RefCounted();
    expect(r.is_class("Object")).toBe(true);
    expect(r.get_class()).toBe("RefCounted");
  });
});
