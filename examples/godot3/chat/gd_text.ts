/**
 * The two GDScript 3 string conversions the chat uses, so the ported code
 * can read like the original: `text.to_utf8()` and
 * `packet.get_string_from_utf8()` (which, like Godot's, never fails: bad
 * UTF-8 comes out as replacement characters).
 */
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8");

export function to_utf8(text: string): Uint8Array {
  return encoder.encode(text);
}

export function get_string_from_utf8(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}
