/**
 * Parses the compact signatures classes register with, so a registration reads
 * like the class reference itself:
 *
 *   "connect_to_url(url: String, tls_client_options: TLSOptions = null) -> Error"
 *   "get_ready_state() const -> WebSocketPeer.State"
 *   "static client(trusted_chain: X509Certificate = null, common_name_override: String = \"\") -> TLSOptions"
 *   "emit_signal(signal: StringName) vararg -> Error"
 *
 * A dotted type (`WebSocketPeer.State`) or a global enum (`Error`) is an int of
 * that enum; `bitfield<Object.ConnectFlags>` is an int bitfield. Defaults are
 * kept verbatim, in the form the engine's doctool writes them. The gdnet/godot3
 * classes use the Godot 3 names and spellings of the 3.x reference
 * (`protocols: PoolStringArray = PoolStringArray(  )`, `Transform`, `Quat`);
 * type_info.ts knows them as builtin types.
 * Malformed signatures are programming errors in gdnet and throw at registration.
 */
import type { ArgumentInfo, MethodInfo, MethodQualifiers, SignalInfo, TypeRef } from "./type_info.js";

/** Global (@GlobalScope) enums an int may be typed with. */
const GLOBAL_ENUMS = new Set(["Error", "Variant.Type", "Variant.Operator"]);

const QUALIFIERS = new Set(["virtual", "const", "vararg", "static"]);

const IDENT = /^[A-Za-z_@][A-Za-z0-9_]*$/;

export function parse_type(text: string): TypeRef {
  const t = text.trim();
  const bitfield = /^bitfield<([A-Za-z_][A-Za-z0-9_.]*)>$/.exec(t);
  if (bitfield?.[1]) return { type: "int", enum: bitfield[1], is_bitfield: true };
  if (GLOBAL_ENUMS.has(t) || /^[A-Za-z_][A-Za-z0-9_]*\.[A-Za-z_][A-Za-z0-9_]*$/.test(t)) {
    return { type: "int", enum: t };
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\[\])?$/.test(t)) throw new Error(`Invalid type '${text}'.`);
  return { type: t };
}

/** Splits on commas at depth 0, outside quotes. */
function split_top_level(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  const last = text.slice(start);
  if (last.trim() !== "" || parts.length > 0) parts.push(last);
  return parts;
}

function parse_argument(text: string, where: string): ArgumentInfo {
  const eq = text.indexOf("=");
  const decl = eq >= 0 ? text.slice(0, eq) : text;
  const default_text = eq >= 0 ? text.slice(eq + 1).trim() : undefined;
  const colon = decl.indexOf(":");
  if (colon < 0) throw new Error(`${where}: argument '${text.trim()}' needs 'name: Type'.`);
  const name = decl.slice(0, colon).trim();
  if (!IDENT.test(name)) throw new Error(`${where}: invalid argument name '${name}'.`);
  const type = parse_type(decl.slice(colon + 1));
  if (default_text === "") throw new Error(`${where}: empty default for '${name}'.`);
  return default_text === undefined ? { name, ...type } : { name, ...type, default: default_text };
}

/** Finds the parenthesis that closes the one at `open`. */
function matching_paren(text: string, open: number): number {
  let depth = 0;
  let quote: string | null = null;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return i;
  }
  return -1;
}

function parse_call_shape(signature: string): { prefix: string[]; name: string; args: ArgumentInfo[]; rest: string } {
  const open = signature.indexOf("(");
  if (open < 0) throw new Error(`Signature '${signature}' has no argument list.`);
  const close = matching_paren(signature, open);
  if (close < 0) throw new Error(`Signature '${signature}' has an unclosed argument list.`);
  const head = signature.slice(0, open).trim().split(/\s+/);
  const name = head.pop() ?? "";
  if (!IDENT.test(name)) throw new Error(`Signature '${signature}' has an invalid name '${name}'.`);
  const args = split_top_level(signature.slice(open + 1, close)).map((a) => parse_argument(a, signature));
  let seen_default = false;
  for (const arg of args) {
    if (arg.default !== undefined) seen_default = true;
    else if (seen_default) throw new Error(`${signature}: '${arg.name}' without default follows one with a default.`);
  }
  return { prefix: head.filter((w) => w !== ""), name, args, rest: signature.slice(close + 1).trim() };
}

export function parse_method_signature(signature: string): MethodInfo {
  const { prefix, name, args, rest } = parse_call_shape(signature);
  const arrow = rest.indexOf("->");
  const qualifier_words = [...prefix, ...(arrow >= 0 ? rest.slice(0, arrow) : rest).split(/\s+/).filter((w) => w !== "")];
  const qualifiers: { -readonly [K in keyof MethodQualifiers]: boolean } = {};
  for (const word of qualifier_words) {
    if (!QUALIFIERS.has(word)) throw new Error(`${signature}: unknown qualifier '${word}'.`);
    qualifiers[word as keyof MethodQualifiers] = true;
  }
  const return_type = arrow >= 0 ? parse_type(rest.slice(arrow + 2)) : { type: "void" };
  return { name, args, return_type, qualifiers };
}

export function parse_signal_signature(signature: string): SignalInfo {
  const { prefix, name, args, rest } = parse_call_shape(signature);
  if (prefix.length > 0 || rest !== "") throw new Error(`Signal '${signature}' takes no qualifiers or return type.`);
  for (const arg of args) {
    if (arg.default !== undefined) throw new Error(`Signal '${signature}': arguments have no defaults.`);
  }
  return { name, args };
}

/** "name: Type" → property name and type. */
export function parse_property_signature(signature: string): { name: string; type: TypeRef } {
  const colon = signature.indexOf(":");
  if (colon < 0) throw new Error(`Property '${signature}' needs 'name: Type'.`);
  const name = signature.slice(0, colon).trim();
  if (!IDENT.test(name)) throw new Error(`Property '${signature}' has an invalid name.`);
  return { name, type: parse_type(signature.slice(colon + 1)) };
}
