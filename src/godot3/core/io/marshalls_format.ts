/**
 * The Godot 3 dialect of the Variant binary format (3.5/3.6), for the
 * shared encoder and decoder in src/core/io. Layouts are Godot 4's for
 * every type both have (same int/float 64-bit rules, strings, NodePath,
 * PoolStringArray with its NUL, object as id or in full, null objects as
 * NIL); what differs:
 *
 * - the type ids (marshalls_type_ids.ts);
 * - no typed containers: a TypedArray or typed Dictionary goes out as a
 *   plain one (its elements converted as the typed container would, so an
 *   Array[float] still sends REALs), and container header flags are
 *   ignored on decode, as 3.x does;
 * - RID is a bare header, as 3.x writes it; it decodes as the invalid RID
 *   (id 0), the only one 3.x can produce from it;
 * - the 3.x encoder left NodePath's padding bytes unzeroed; gdnet zeroes
 *   them (decoders skip them, so this changes nothing on the other side).
 *
 * Godot 4's types without a Godot 3 counterpart are refused with
 * ERR_INVALID_PARAMETER rather than converted: a Godot 3 peer could only
 * get them as another type (Vector2i as Vector2, PackedInt64Array as a
 * 32-bit PoolIntArray), losing the type or the values, and a silent change
 * is harder to find than an error. StringName is the one conversion (to
 * String; see GODOT4_TO_GODOT3). Decoding accepts the 64-bit flag on every
 * math type (double components), as the Godot 4 decoder does; Godot 3's
 * own encoder never sets it there.
 */
import type { VariantFormat } from "../../../core/io/marshalls_format.js";
import { VariantType, type_string } from "../../../core/variant/variant_type.js";
import { GODOT3_TO_GODOT4, GODOT4_TO_GODOT3 } from "./marshalls_type_ids.js";

/** What to send instead, for the refusal message. */
const ALTERNATIVES: Partial<Record<VariantType, string>> = {
  [VariantType.TYPE_VECTOR2I]: "send a Vector2",
  [VariantType.TYPE_RECT2I]: "send a Rect2",
  [VariantType.TYPE_VECTOR3I]: "send a Vector3",
  [VariantType.TYPE_PACKED_INT64_ARRAY]: "PoolIntArray is 32-bit: send an Int32Array, or an Array of ints",
  [VariantType.TYPE_PACKED_FLOAT64_ARRAY]: "PoolRealArray is 32-bit: send a Float32Array, or an Array of floats",
};

export const GODOT3_FORMAT: VariantFormat = {
  wire_ids: GODOT4_TO_GODOT3,
  types: GODOT3_TO_GODOT4,
  typed_containers: false,
  rid_payload: false,
  unsupported(type) {
    const alternative = ALTERNATIVES[type];
    return `${type_string(type)} has no Godot 3 Variant type${alternative ? `; ${alternative}` : ""}.`;
  },
};
