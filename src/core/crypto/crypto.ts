/**
 * Crypto: random bytes, RSA keys, self-signed certificates, RSA signatures
 * and encryption, HMAC, with the engine's argument checks and results:
 * bad input gives an empty PackedByteArray / null / false and one error line.
 *
 * RSA operations use PKCS#1 v1.5 padding, as mbedTLS's defaults in the
 * engine, so data signed or encrypted here is understood by a Godot peer.
 * `sign`/`verify` take a hash computed beforehand (HashingContext or
 * String.sha256_buffer() in GDScript; crypto.createHash here).
 * Difference from the engine: hmac_digest() of an empty message returns the
 * HMAC of the empty message (the engine refuses it and returns empty).
 */
import * as crypto from "node:crypto";
import type { ClassBinder } from "../object/class_binder.js";
import { RefCounted } from "../object/ref_counted.js";
import { OK } from "../error/error_list.js";
import { ERR_FAIL_V_MSG } from "../error/error_macros.js";
import { build_certificate, parse_validity_time } from "./certificate_builder.js";
import { CryptoKey } from "./crypto_key.js";
import {
  HASH_SHA1,
  HASH_SHA256,
  hash_length,
  rsa_decrypt,
  rsa_encrypt,
  rsa_sign_hash,
  rsa_verify_hash,
} from "./rsa_pkcs1.js";
import { X509Certificate } from "./x509_certificate.js";
import { node_hash_name } from "./hashing_context.js";
import type { CryptoApi, CryptoStatics } from "../../gen/crypto.gen.js";

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function bytes(value: unknown): Uint8Array | null {
  return value instanceof Uint8Array ? value : null;
}

/** The Node key of `key` when it is a usable RSA CryptoKey, else an error message. */
function rsa_key(key: unknown, need_private: boolean, action: string): crypto.KeyObject | string {
  if (!(key instanceof CryptoKey)) return "Invalid key provided.";
  const k = key._get_key_object();
  if (k === null) return "Invalid key provided: the key is empty.";
  if (need_private && key.is_public_only()) return `Invalid key provided. Cannot ${action} with public_only keys.`;
  if (k.asymmetricKeyType !== "rsa") return `Cannot ${action} with a '${String(k.asymmetricKeyType)}' key (RSA only).`;
  return k;
}

export class Crypto extends RefCounted implements CryptoApi {
  static override _bind_methods(b: ClassBinder): void {
    b.method("generate_random_bytes(size: int) -> PackedByteArray");
    b.method("generate_rsa(size: int) -> CryptoKey");
    b.method(
      'generate_self_signed_certificate(key: CryptoKey, issuer_name: String = "CN=myserver,O=myorganisation,C=IT", not_before: String = "20140101000000", not_after: String = "20340101000000") -> X509Certificate',
    );
    b.method("sign(hash_type: HashingContext.HashType, hash: PackedByteArray, key: CryptoKey) -> PackedByteArray");
    b.method(
      "verify(hash_type: HashingContext.HashType, hash: PackedByteArray, signature: PackedByteArray, key: CryptoKey) -> bool",
    );
    b.method("encrypt(key: CryptoKey, plaintext: PackedByteArray) -> PackedByteArray");
    b.method("decrypt(key: CryptoKey, ciphertext: PackedByteArray) -> PackedByteArray");
    b.method("hmac_digest(hash_type: HashingContext.HashType, key: PackedByteArray, msg: PackedByteArray) -> PackedByteArray");
    b.method("constant_time_compare(trusted: PackedByteArray, received: PackedByteArray) -> bool");
  }

  /** `size` cryptographically secure random bytes; empty (with an error line) for a negative size. */
  generate_random_bytes(size: number): Uint8Array {
    if (!Number.isInteger(size) || size < 0) return ERR_FAIL_V_MSG(new Uint8Array(0), `Invalid size ${size}: must be a non-negative int.`);
    return crypto.randomFillSync(new Uint8Array(size));
  }

  /** A new RSA key pair of `size` bits (public exponent 65537), or null. */
  generate_rsa(size: number): CryptoKey | null {
    if (!Number.isInteger(size) || size < 512 || size > 16384) {
      return ERR_FAIL_V_MSG(null, `Invalid RSA key size ${size} (512 to 16384 bits).`);
    }
    try {
      const { privateKey } = crypto.generateKeyPairSync("rsa", { modulusLength: size, publicExponent: 0x10001 });
      const key = new CryptoKey();
      key._set_key_object(privateKey);
      return key;
    } catch (error) {
      return ERR_FAIL_V_MSG(null, `RSA key generation failed: ${describe(error)}`);
    }
  }

  /**
   * A self-signed certificate for `key`, subject = issuer = `issuer_name`,
   * validity in "YYYYMMDDhhmmss" UTC, with the engine's layout: v3, SHA-256,
   * 20-byte random serial, basicConstraints CA:true with path length 0.
   */
  generate_self_signed_certificate(
    key: CryptoKey | null,
    issuer_name = "CN=myserver,O=myorganisation,C=IT",
    not_before = "20140101000000",
    not_after = "20340101000000",
  ): X509Certificate | null {
    if (!(key instanceof CryptoKey) || key._get_key_object() === null) return ERR_FAIL_V_MSG(null, "Invalid private key argument.");
    const k = key._get_key_object();
    if (k === null || key.is_public_only()) return ERR_FAIL_V_MSG(null, "Invalid private key argument: the key is public only.");
    const from = parse_validity_time(String(not_before));
    const to = parse_validity_time(String(not_after));
    if (from === null || to === null) {
      return ERR_FAIL_V_MSG(null, `Invalid validity time '${from === null ? not_before : not_after}' (expected YYYYMMDDhhmmss).`);
    }
    const der = build_certificate({
      subject: String(issuer_name),
      subject_key: k,
      signing_key: k,
      not_before: from,
      not_after: to,
      basic_constraints: { ca: true, path_length: 0 },
    });
    if (typeof der === "string") return ERR_FAIL_V_MSG(null, `Failed to generate certificate: ${der}`);
    const cert = new X509Certificate();
    return cert._set_der_chain([der]) === OK ? cert : null;
  }

  /** RSA PKCS#1 v1.5 signature of a hash of type `hash_type`; empty on error. */
  sign(hash_type: number, hash: Uint8Array, key: CryptoKey | null): Uint8Array {
    const size = hash_length(hash_type);
    if (size === 0) return ERR_FAIL_V_MSG(new Uint8Array(0), "Invalid hash type.");
    const h = bytes(hash);
    if (h === null || h.length !== size) return ERR_FAIL_V_MSG(new Uint8Array(0), `Invalid hash provided. Size must be ${size}.`);
    const k = rsa_key(key, true, "sign");
    if (typeof k === "string") return ERR_FAIL_V_MSG(new Uint8Array(0), k);
    try {
      return rsa_sign_hash(k, hash_type, h);
    } catch (error) {
      return ERR_FAIL_V_MSG(new Uint8Array(0), `Error while signing: ${describe(error)}`);
    }
  }

  verify(hash_type: number, hash: Uint8Array, signature: Uint8Array, key: CryptoKey | null): boolean {
    const size = hash_length(hash_type);
    if (size === 0) return ERR_FAIL_V_MSG(false, "Invalid hash type.");
    const h = bytes(hash);
    if (h === null || h.length !== size) return ERR_FAIL_V_MSG(false, `Invalid hash provided. Size must be ${size}.`);
    const k = rsa_key(key, false, "verify");
    if (typeof k === "string") return ERR_FAIL_V_MSG(false, k);
    const sig = bytes(signature);
    return sig !== null && rsa_verify_hash(k, hash_type, h, sig);
  }

  /** RSA PKCS#1 v1.5 encryption with the key's public half; empty on error (e.g. plaintext too long). */
  encrypt(key: CryptoKey | null, plaintext: Uint8Array): Uint8Array {
    const k = rsa_key(key, false, "encrypt");
    if (typeof k === "string") return ERR_FAIL_V_MSG(new Uint8Array(0), k);
    const data = bytes(plaintext);
    if (data === null) return ERR_FAIL_V_MSG(new Uint8Array(0), "Invalid plaintext: PackedByteArray expected.");
    try {
      return rsa_encrypt(k, data);
    } catch (error) {
      return ERR_FAIL_V_MSG(new Uint8Array(0), `Error while encrypting: ${describe(error)}`);
    }
  }

  decrypt(key: CryptoKey | null, ciphertext: Uint8Array): Uint8Array {
    const k = rsa_key(key, true, "decrypt");
    if (typeof k === "string") return ERR_FAIL_V_MSG(new Uint8Array(0), k);
    const data = bytes(ciphertext);
    const plain = data === null ? null : rsa_decrypt(k, data);
    return plain ?? ERR_FAIL_V_MSG(new Uint8Array(0), "Error while decrypting: invalid ciphertext for this key.");
  }

  /** HMAC with SHA-1 or SHA-256 (the types the engine allows); empty on error. */
  hmac_digest(hash_type: number, key: Uint8Array, msg: Uint8Array): Uint8Array {
    if (hash_type !== HASH_SHA1 && hash_type !== HASH_SHA256) return ERR_FAIL_V_MSG(new Uint8Array(0), "Unsupported hash type.");
    const k = bytes(key);
    if (k === null || k.length === 0) return ERR_FAIL_V_MSG(new Uint8Array(0), "Key must not be empty.");
    const m = bytes(msg);
    if (m === null) return ERR_FAIL_V_MSG(new Uint8Array(0), "Invalid message: PackedByteArray expected.");
    return new Uint8Array(crypto.createHmac(node_hash_name(hash_type) ?? "sha256", k).update(m).digest());
  }

  /** Equality of two byte arrays in time independent of where they differ. */
  constant_time_compare(trusted: Uint8Array, received: Uint8Array): boolean {
    const t = bytes(trusted);
    const r = bytes(received);
    if (t === null || r === null || t.length !== r.length) return false;
    return crypto.timingSafeEqual(t, r);
  }
}
Crypto satisfies CryptoStatics;
