/**
 * RSA PKCS#1 v1.5 operations on pre-computed hashes and short messages, the
 * way mbedTLS's pk_sign/pk_verify/pk_encrypt/pk_decrypt do them, on top of
 * Node's raw RSA primitives (Node signs only whole messages, hashing them
 * itself, and has disabled PKCS#1 v1.5 padding for private decryption).
 */
import * as crypto from "node:crypto";
import { HashType } from "./hashing_context.js";

export const HASH_MD5 = HashType.HASH_MD5;
export const HASH_SHA1 = HashType.HASH_SHA1;
export const HASH_SHA256 = HashType.HASH_SHA256;

/** Digest length of a hash type; 0 for a value outside HashingContext.HashType. */
export function hash_length(hash_type: number): number {
  switch (hash_type) {
    case HASH_MD5:
      return 16;
    case HASH_SHA1:
      return 20;
    case HASH_SHA256:
      return 32;
    default:
      return 0;
  }
}

/** DER DigestInfo headers (RFC 8017, section 9.2, note 1); the digest follows. */
const DIGEST_INFO_PREFIX: Record<number, string> = {
  [HASH_MD5]: "3020300c06082a864886f70d020505000410",
  [HASH_SHA1]: "3021300906052b0e03021a05000414",
  [HASH_SHA256]: "3031300d060960864801650304020105000420",
};

function digest_info(hash_type: number, hash: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(DIGEST_INFO_PREFIX[hash_type] ?? "", "hex"), hash]);
}

/** RSASSA-PKCS1-v1_5 signature over an already computed hash. Throws on key errors. */
export function rsa_sign_hash(key: crypto.KeyObject, hash_type: number, hash: Uint8Array): Uint8Array {
  const sig = crypto.privateEncrypt({ key, padding: crypto.constants.RSA_PKCS1_PADDING }, digest_info(hash_type, hash));
  return new Uint8Array(sig);
}

/** True when `signature` is a valid RSASSA-PKCS1-v1_5 signature of `hash`. Never throws. */
export function rsa_verify_hash(key: crypto.KeyObject, hash_type: number, hash: Uint8Array, signature: Uint8Array): boolean {
  try {
    const recovered = crypto.publicDecrypt({ key, padding: crypto.constants.RSA_PKCS1_PADDING }, signature);
    const expected = digest_info(hash_type, hash);
    return recovered.length === expected.length && crypto.timingSafeEqual(recovered, expected);
  } catch {
    return false;
  }
}

/** RSAES-PKCS1-v1_5 encryption. Throws when the message is too long for the key. */
export function rsa_encrypt(key: crypto.KeyObject, plaintext: Uint8Array): Uint8Array {
  return new Uint8Array(crypto.publicEncrypt({ key, padding: crypto.constants.RSA_PKCS1_PADDING }, plaintext));
}

/**
 * RSAES-PKCS1-v1_5 decryption: the raw RSA operation, then the padding check
 * 00 02 PS(>= 8 non-zero bytes) 00 M, scanning the whole block whatever its
 * content so the time taken does not depend on where the padding is wrong.
 * Null when the ciphertext does not decrypt to a valid block.
 */
export function rsa_decrypt(key: crypto.KeyObject, ciphertext: Uint8Array): Uint8Array | null {
  const k = Math.ceil((key.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  if (k === 0 || ciphertext.length !== k) return null;
  let raw: Buffer;
  try {
    raw = crypto.privateDecrypt({ key, padding: crypto.constants.RSA_NO_PADDING }, ciphertext);
  } catch {
    return null;
  }
  const em = new Uint8Array(k);
  em.set(raw, k - raw.length);
  let bad = em[0]! | (em[1]! ^ 0x02);
  let separator = 0; // index of the first zero after the header, 0 while not found
  for (let i = 2; i < k; i++) {
    const is_zero = em[i] === 0 ? 1 : 0;
    const first = is_zero & (separator === 0 ? 1 : 0);
    separator = first ? i : separator;
  }
  bad |= separator === 0 ? 1 : 0;
  bad |= separator < 10 ? 1 : 0; // at least 8 bytes of padding string
  return bad === 0 ? em.slice(separator + 1) : null;
}
