/**
 * UTF-8 for the Variant format. Decoding follows the engine's String::parse_utf8
 * as used by the decoder: one leading BOM is skipped, the text ends at the
 * first NUL byte (that is also how PackedStringArray's terminator goes away),
 * and any invalid sequence before it (overlong, surrogate, > U+10FFFF,
 * truncated) makes the whole string invalid.
 */

const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
export const utf8_encoder = new TextEncoder();

/** Short ASCII strings are built directly; TextDecoder's call cost dominates below this. */
const SHORT_ASCII = 32;

/** The decoded text, or null if the bytes are not valid UTF-8. */
export function decode_utf8(bytes: Uint8Array, start: number, length: number): string | null {
  let from = start;
  let end = start + length;
  if (length >= 3 && bytes[from] === 0xef && bytes[from + 1] === 0xbb && bytes[from + 2] === 0xbf) from += 3;
  let ascii = true;
  for (let i = from; i < end; i++) {
    const b = bytes[i] as number;
    if (b === 0) {
      end = i;
      break;
    }
    if (b >= 0x80) ascii = false;
  }
  if (ascii && end - from <= SHORT_ASCII) {
    let out = "";
    for (let i = from; i < end; i++) out += String.fromCharCode(bytes[i] as number);
    return out;
  }
  try {
    return decoder.decode(bytes.subarray(from, end));
  } catch {
    return null;
  }
}

/** Byte length of a string's UTF-8 form (lone surrogates count as U+FFFD, as TextEncoder writes them). */
export function utf8_length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}
