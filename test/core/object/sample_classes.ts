/** A small class hierarchy registered in ClassDB, for the reflection tests. */
import { OK, type GodotError } from "../../../src/core/error/error_list.js";
import type { ClassBinder } from "../../../src/core/object/class_binder.js";
import { ClassDB } from "../../../src/core/object/class_db.js";
import { GodotObject } from "../../../src/core/object/object.js";
import { RefCounted } from "../../../src/core/object/ref_counted.js";
import { register_core_types } from "../../../src/core/register_core_types.js";

export enum Mood {
  MOOD_CALM = 0,
  MOOD_HAPPY = 1,
  MOOD_ANGRY = 2,
}

export enum Abilities {
  ABILITY_NONE = 0,
  ABILITY_SWIM = 1,
  ABILITY_FLY = 2,
}

export class Animal extends RefCounted {
  static readonly Mood = Mood;
  static readonly MOOD_CALM = Mood.MOOD_CALM;
  static readonly MOOD_HAPPY = Mood.MOOD_HAPPY;
  static readonly MOOD_ANGRY = Mood.MOOD_ANGRY;
  static readonly MAX_LEGS = 8;

  declare readonly __signals: RefCounted["__signals"] & { fed: [food: string, amount: number] };
  declare mood: Mood;
  declare legs: number;

  #mood: Mood = Mood.MOOD_CALM;
  #legs = 4;
  notifications: number[] = [];

  static override _bind_methods(b: ClassBinder): void {
    b.method('feed(food: String, amount: int = 1, loud: bool = false) -> Error');
    b.method("get_name() const -> String");
    b.method("static create(mood: Animal.Mood = 0) -> Animal");
    b.virtual_method("_speak(volume: float) -> String");
    b.property("mood: Animal.Mood", "set_mood", "get_mood");
    b.property("legs: int", "set_legs", "get_legs");
    b.signal("fed(food: String, amount: int)");
    b.enum("Mood", Mood);
    b.enum("Abilities", Abilities, { bitfield: true });
    b.constant("MAX_LEGS", 8);
  }

  static create(mood: Mood = Mood.MOOD_CALM): Animal {
    const a = new Animal();
    a.set_mood(mood);
    return a;
  }

  feed(food: string, amount = 1, loud = false): GodotError {
    void loud;
    this.emit_signal("fed", food, amount);
    return OK;
  }

  get_name(): string {
    return "animal";
  }

  set_mood(mood: Mood): void {
    this.#mood = mood;
  }

  get_mood(): Mood {
    return this.#mood;
  }

  set_legs(legs: number): void {
    this.#legs = legs;
  }

  get_legs(): number {
    return this.#legs;
  }

  override _notification(what: number): void {
    this.notifications.push(what);
  }
}

export class Dog extends Animal {
  declare readonly __signals: Animal["__signals"] & { barked: [times: number] };
  tricks = 0;
  order: string[] = [];

  static override _bind_methods(b: ClassBinder): void {
    b.method("bark(times: int = 1) -> int");
    b.signal("barked(times: int)");
  }

  bark(times = 1): number {
    this.emit_signal("barked", times);
    return times;
  }

  override get_name(): string {
    return "dog";
  }

  override _notification(what: number): void {
    this.order.push(`Dog:${what}`);
  }
}

/** A plain (not ref-counted) object, to test free(). */
export class Crate extends GodotObject {
  predelete_seen = false;

  override _notification(what: number): void {
    if (what === GodotObject.NOTIFICATION_PREDELETE) this.predelete_seen = true;
  }
}

/** Not registered itself: a user subclass, like a GDScript script extending a native class. */
export class Puppy extends Dog {
  wag(): string {
    return "wag";
  }
}

export function register_sample_classes(): void {
  register_core_types();
  ClassDB.register_class(Animal);
  ClassDB.register_class(Dog);
  ClassDB.register_class(Crate);
}
