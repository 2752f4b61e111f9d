/**
 * Registers every core class in ClassDB, parents before children, as the
 * engine's register_core_types() does. Safe to call more than once.
 */
import { register_crypto_types, register_tls_types } from "./crypto/register_crypto_types.js";
import { register_io_types } from "./io/register_io_types.js";
import { ClassDB } from "./object/class_db.js";
import { GodotObject } from "./object/object.js";
import { RefCounted } from "./object/ref_counted.js";

export function register_core_types(): void {
  ClassDB.register_class(GodotObject, { name: "Object" });
  ClassDB.register_class(RefCounted);
  register_io_types();
  register_crypto_types();
  register_tls_types();
}
