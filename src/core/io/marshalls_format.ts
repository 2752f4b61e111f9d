/**
 * A dialect of the Variant binary format. The encoder and decoder think in
 * Godot 4's VariantType (the JS ↔ Variant mapping of typeof_variant); a
 * format says which wire id each type goes out as, which type each wire id
 * comes back as, and which Godot 4 additions (typed containers, the RID
 * payload) it has. Godot 3's format (src/godot3/core/io) is the other one.
 */
import { VariantType, type_string } from "../variant/variant_type.js";

export interface VariantFormat {
  /** Wire id of each VariantType (index), -1 where the format has no such type. */
  readonly wire_ids: readonly number[];
  /** VariantType of each wire id (index); an id past the end is invalid data. */
  readonly types: readonly VariantType[];
  /** Array/Dictionary headers carry element types (Godot 4.3+/4.4+). */
  readonly typed_containers: boolean;
  /** A RID carries its 64-bit id (Godot 4); without it RID is a bare header. */
  readonly rid_payload: boolean;
  /** The error line for a type whose wire id is -1. */
  unsupported(type: VariantType): string;
}

/** Godot 4: the wire ids are the VariantType values themselves. */
const IDENTITY: VariantType[] = [];
for (let t = 0; t < VariantType.TYPE_MAX; t++) IDENTITY.push(t as VariantType);

export const GODOT4_FORMAT: VariantFormat = {
  wire_ids: IDENTITY,
  types: IDENTITY,
  typed_containers: true,
  rid_payload: true,
  unsupported: (type) => `${type_string(type)} can't be encoded.`,
};
