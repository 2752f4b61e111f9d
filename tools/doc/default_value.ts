/**
 * Property defaults as the engine's doctool prints them: Variant's
 * constructor-string form (`65535`, `""`, `PackedStringArray()`), through
 * the Variant module's `variant_to_constructor_string(value, type)`.
 */
import { variant_to_constructor_string } from "../../src/core/variant/variant_constructor_string.js";

export type DefaultFormatter = (value: unknown, type: string) => string;

export const default_formatter: DefaultFormatter = variant_to_constructor_string;
