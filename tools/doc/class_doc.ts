/**
 * The class XML model: Godot's class.xsd shape as zod schemas, one per element.
 * The parser validates each element's attributes against these (strict, so a
 * misspelt attribute is an error) and the whole tree is typed from them.
 * `line`/`description_line` remember where an item was read, for error
 * messages; the writer ignores them.
 */
import { z } from "zod";

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Class names: identifiers, plus the pseudo-class `@GlobalScope`. */
const CLASS_NAME = /^@?[A-Za-z_][A-Za-z0-9_]*$/;
/** A type as the XML writes it: `int`, `String`, `Dictionary[]`, a class name. */
const TYPE_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\[\])?$/;
/** An enum reference: `Error`, `State`, `WebSocketPeer.State`, `Variant.Type`. */
const ENUM_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/;

export const QUALIFIERS = ["virtual", "required", "const", "vararg", "static", "abstract"] as const;

const ident = z.string().regex(IDENT, "must be an identifier");
const type_name = z.string().regex(TYPE_NAME, "must be a type name such as int, String, PackedByteArray or a class name");
const enum_name = z.string().regex(ENUM_NAME, "must be an enum name such as Error or Class.Enum");
const bool_text = z.enum(["true", "false"], { message: 'must be "true" or "false"' });
const optional_text = z.string().optional();

// ---- attribute schemas, one per element (strict: unknown attributes are errors) ----

/** Attributes every generated file carries for XML editors; accepted and not kept. */
const schema_location = {
  "xmlns:xsi": optional_text,
  "xsi:noNamespaceSchemaLocation": optional_text,
};

export const ClassAttrs = z
  .object({
    name: z.string().regex(CLASS_NAME, "must be a class name"),
    inherits: z.string().regex(CLASS_NAME, "must be a class name").optional(),
    keywords: optional_text,
    deprecated: optional_text,
    experimental: optional_text,
    // Accepted for older files (3.x and 4.0-4.2 wrote them); not written back.
    version: z.string().regex(/^\d+(\.\d+)*$/, "must be a version number").optional(),
    is_deprecated: bool_text.optional(),
    is_experimental: bool_text.optional(),
    ...schema_location,
  })
  .strict();

export const LinkAttrs = z.object({ title: optional_text }).strict();

export const MethodAttrs = z
  .object({
    name: ident,
    qualifiers: z
      .string()
      .refine(
        (q) => q.split(" ").every((w) => (QUALIFIERS as readonly string[]).includes(w)),
        `must be space-separated words out of: ${QUALIFIERS.join(", ")}`,
      )
      .optional(),
    deprecated: optional_text,
    experimental: optional_text,
    keywords: optional_text,
    is_deprecated: bool_text.optional(),
    is_experimental: bool_text.optional(),
  })
  .strict();

export const ReturnAttrs = z.object({ type: type_name, enum: enum_name.optional(), is_bitfield: bool_text.optional() }).strict();

export const ReturnsErrorAttrs = z.object({ number: z.string().regex(/^\d+$/, "must be an error number") }).strict();

export const ParamAttrs = z
  .object({
    index: z.string().regex(/^\d+$/, "must be a non-negative integer"),
    name: ident,
    type: type_name,
    enum: enum_name.optional(),
    is_bitfield: bool_text.optional(),
    default: optional_text,
  })
  .strict();

export const MemberAttrs = z
  .object({
    name: ident,
    type: type_name,
    setter: z.union([z.literal(""), ident]),
    getter: z.union([z.literal(""), ident]),
    overrides: z.string().regex(CLASS_NAME, "must be a class name").optional(),
    enum: enum_name.optional(),
    is_bitfield: bool_text.optional(),
    default: optional_text,
    deprecated: optional_text,
    experimental: optional_text,
    keywords: optional_text,
    is_deprecated: bool_text.optional(),
    is_experimental: bool_text.optional(),
  })
  .strict();

export const SignalAttrs = z
  .object({
    name: ident,
    deprecated: optional_text,
    experimental: optional_text,
    keywords: optional_text,
    is_deprecated: bool_text.optional(),
    is_experimental: bool_text.optional(),
  })
  .strict();

export const ConstantAttrs = z
  .object({
    name: ident,
    value: z.string().regex(/^(-?\d+|platform-dependent)$/, 'must be an integer or "platform-dependent"'),
    enum: enum_name.optional(),
    is_bitfield: bool_text.optional(),
    deprecated: optional_text,
    experimental: optional_text,
    keywords: optional_text,
    is_deprecated: bool_text.optional(),
    is_experimental: bool_text.optional(),
  })
  .strict();

// ---- the model ----

const where = { line: z.number().int().optional() };
const described = { description: z.string(), description_line: z.number().int().optional() };
const notes = { deprecated: optional_text, experimental: optional_text, keywords: optional_text };

export const TypeDoc = z.object({ type: z.string(), enum: optional_text, is_bitfield: z.boolean().optional() });

export const ParamDoc = TypeDoc.extend({ index: z.number().int(), name: z.string(), default: optional_text, ...where });

export const MethodDoc = z.object({
  name: z.string(),
  qualifiers: z.string().optional(),
  return: TypeDoc,
  returns_error: z.array(z.number().int()).optional(),
  params: z.array(ParamDoc),
  ...notes,
  ...described,
  ...where,
});

export const MemberDoc = TypeDoc.extend({
  name: z.string(),
  setter: z.string(),
  getter: z.string(),
  overrides: optional_text,
  default: optional_text,
  ...notes,
  ...described,
  ...where,
});

export const SignalDoc = z.object({ name: z.string(), params: z.array(ParamDoc), ...notes, ...described, ...where });

export const ConstantDoc = z.object({
  name: z.string(),
  value: z.string(),
  enum: optional_text,
  is_bitfield: z.boolean().optional(),
  ...notes,
  ...described,
  ...where,
});

export const LinkDoc = z.object({ title: optional_text, url: z.string(), ...where });

export const ClassDoc = z.object({
  name: z.string(),
  inherits: optional_text,
  ...notes,
  brief_description: z.string(),
  brief_description_line: z.number().int().optional(),
  ...described,
  tutorials: z.array(LinkDoc),
  methods: z.array(MethodDoc),
  members: z.array(MemberDoc),
  signals: z.array(SignalDoc),
  constants: z.array(ConstantDoc),
  ...where,
});

export type TypeDoc = z.infer<typeof TypeDoc>;
export type ParamDoc = z.infer<typeof ParamDoc>;
export type MethodDoc = z.infer<typeof MethodDoc>;
export type MemberDoc = z.infer<typeof MemberDoc>;
export type SignalDoc = z.infer<typeof SignalDoc>;
export type ConstantDoc = z.infer<typeof ConstantDoc>;
export type LinkDoc = z.infer<typeof LinkDoc>;
export type ClassDoc = z.infer<typeof ClassDoc>;

/** A class with no hand-written parts yet. */
export function empty_class_doc(name: string, inherits?: string): ClassDoc {
  const doc: ClassDoc = {
    name,
    brief_description: "",
    description: "",
    tutorials: [],
    methods: [],
    members: [],
    signals: [],
    constants: [],
  };
  if (inherits !== undefined) doc.inherits = inherits;
  return doc;
}

/** The pseudo-class holding the global enums. */
export const GLOBAL_SCOPE = "@GlobalScope";
