/**
 * Resource, the engine's base for data objects (here: X509Certificate and
 * CryptoKey). Only the members those need are present: the path and name
 * slots, and the `changed` signal. gdnet has no ResourceLoader cache, so a
 * path is plain data: setting it does not register or evict anything.
 */
import type { ClassBinder } from "../object/class_binder.js";
import type { GodotObject } from "../object/object.js";
import { RefCounted } from "../object/ref_counted.js";
import type { ResourceApi, ResourceStatics } from "../../gen/resource.gen.js";

export class Resource extends RefCounted implements ResourceApi {
  declare readonly __signals: GodotObject["__signals"] & { changed: [] };
  declare resource_path: string;
  declare resource_name: string;

  #path = "";
  #name = "";

  static override _bind_methods(b: ClassBinder): void {
    b.property("resource_path: String", "set_path", "get_path");
    b.property("resource_name: String", "set_name", "get_name");
    b.method("take_over_path(path: String)");
    b.method("emit_changed()");
    b.signal("changed()");
  }

  set_path(path: string): void {
    this.#path = String(path);
  }

  get_path(): string {
    return this.#path;
  }

  /** Without a resource cache there is nothing to take the path over from: it just sets it. */
  take_over_path(path: string): void {
    this.set_path(path);
  }

  set_name(name: string): void {
    this.#name = String(name);
  }

  get_name(): string {
    return this.#name;
  }

  emit_changed(): void {
    this.emit_signal("changed");
  }
}
Resource satisfies ResourceStatics;
