/**
 * RefCounted with the engine's counting rules. JavaScript's GC frees the
 * memory; the count exists for API fidelity and for code that relies on it.
 * A new object starts at 1; the first init_ref() takes that reference over
 * (the count stays 1), later ones add one, as the engine's Ref<> does.
 */
import { ERR_PRINT } from "../error/error_macros.js";
import type { ClassBinder } from "./class_binder.js";
import { GodotObject } from "./object.js";
import type { RefCountedApi, RefCountedStatics } from "../../gen/ref_counted.gen.js";

export class RefCounted extends GodotObject implements RefCountedApi {
  #refcount = 1;
  #init_pending = true;

  static override _bind_methods(b: ClassBinder): void {
    b.method("init_ref() -> bool");
    b.method("reference() -> bool");
    b.method("unreference() -> bool");
    b.method("get_reference_count() const -> int");
  }

  /** Takes the initial reference; returns false when the object is already at zero. */
  init_ref(): boolean {
    if (!this.reference()) return false;
    if (this.#init_pending) {
      this.#init_pending = false;
      this.#refcount--;
    }
    return true;
  }

  /** Adds a reference; false when the count had reached zero (the object is dying). */
  reference(): boolean {
    if (this.#refcount === 0) return false;
    this.#refcount++;
    return true;
  }

  /** Drops a reference; true when this was the last one (the engine would free the object now). */
  unreference(): boolean {
    if (this.#refcount === 0) return false;
    this.#refcount--;
    return this.#refcount === 0;
  }

  get_reference_count(): number {
    return this.#refcount;
  }

  /** RefCounted objects are freed by their last reference going away, never by free(). */
  override free(): void {
    ERR_PRINT(`Can't free a RefCounted object (${this.get_class()}).`);
  }
}

RefCounted satisfies RefCountedStatics;
