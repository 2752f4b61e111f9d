/**
 * PEM armour (RFC 7468): finding the labelled blocks in a text and writing
 * DER back out as 64-column base64, the layout mbedTLS and OpenSSL write.
 */

export interface PemBlock {
  readonly label: string;
  /** The decoded body, or null when the base64 inside the armour is malformed. */
  readonly der: Uint8Array | null;
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;
const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;

function decode_base64(body: string): Uint8Array | null {
  const compact = body.replace(/\s+/g, "");
  if (compact.length === 0 || compact.length % 4 !== 0 || !BASE64_BODY.test(compact)) return null;
  const bytes = Buffer.from(compact, "base64");
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Every BEGIN/END block in `text`, in order. Blocks whose END label differs are reported as malformed. */
export function pem_blocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(BLOCK)) {
    const label = m[1] ?? "";
    out.push({ label, der: m[3] === label ? decode_base64(m[2] ?? "") : null });
  }
  return out;
}

/** True when `data` looks like PEM text rather than DER bytes. */
export function looks_like_pem(data: Uint8Array): boolean {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).includes("-----BEGIN ");
}

export function pem_encode(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der.buffer, der.byteOffset, der.byteLength).toString("base64");
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 64) lines.push(b64.slice(i, i + 64));
  return `-----BEGIN ${label}-----\n${lines.join("\n")}\n-----END ${label}-----\n`;
}
