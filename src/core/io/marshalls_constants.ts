/** Header layout of the Variant binary format (see docs/variant_mapping.md and the reference §6.1). */

/** Bits 0-7 of the header: the Variant type id. */
export const HEADER_TYPE_MASK = 0xff;
/** INT → int64, FLOAT → double, math types → double components. */
export const ENCODE_FLAG_64 = 1 << 16;
/** OBJECT sent as an instance id only. */
export const ENCODE_FLAG_OBJECT_AS_ID = 1 << 16;

/** Typed containers: ARRAY element kind at bit 16, DICTIONARY key kind at 16 and value kind at 18. */
export const CONTAINER_KIND_MASK = 0b11;
export const ARRAY_TYPE_SHIFT = 16;
export const DICTIONARY_KEY_TYPE_SHIFT = 16;
export const DICTIONARY_VALUE_TYPE_SHIFT = 18;
export const CONTAINER_KIND_NONE = 0;
export const CONTAINER_KIND_BUILTIN = 1;
export const CONTAINER_KIND_CLASS_NAME = 2;
export const CONTAINER_KIND_SCRIPT = 3;

/** Array/Dictionary counts keep bit 31 for the legacy "shared" flag, ignored on decode. */
export const CONTAINER_COUNT_MASK = 0x7fffffff;
/** NodePath's first word has bit 31 set in the (only supported) new format. */
export const NODE_PATH_NEW_FORMAT = 0x80000000;
/** NodePath flags word. */
export const NODE_PATH_FLAG_ABSOLUTE = 1;
/** Obsolete layout with the property stored apart: one more subname follows. */
export const NODE_PATH_FLAG_PROPERTY = 2;

/** Variant::MAX_RECURSION_DEPTH: deeper nesting is refused with ERR_OUT_OF_MEMORY. */
export const MAX_RECURSION_DEPTH = 1024;

/** What the engine writes in place of a class name when objects are sent as ids. */
export const ENCODED_OBJECT_AS_ID_CLASS = "EncodedObjectAsID";

/** Typed arrays can be filled straight from the wire bytes only on little-endian hosts. */
export const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
