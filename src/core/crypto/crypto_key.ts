/**
 * CryptoKey: an RSA or EC key pair, or only its public half. Node's KeyObject
 * does the parsing and the PEM/DER encoding.
 *
 * Formats written are the engine's (mbedTLS pk_write): PKCS#1 "RSA PRIVATE
 * KEY" and SEC1 "EC PRIVATE KEY" for private keys, SubjectPublicKeyInfo
 * "PUBLIC KEY" for public ones. Read: those plus PKCS#8, PEM or DER.
 * Encrypted private keys are refused (the engine has no passphrase argument).
 * Only RSA and EC keys are accepted, the kinds mbedTLS and so Godot peers use.
 */
import * as crypto from "node:crypto";
import { ERR_INVALID_PARAMETER, FAILED, OK, type GodotError } from "../error/error_list.js";
import { ERR_FAIL_V_MSG } from "../error/error_macros.js";
import { Resource } from "../io/resource.js";
import type { ClassBinder } from "../object/class_binder.js";
import { read_file_bytes, write_file_text } from "./crypto_file.js";
import { looks_like_pem, pem_blocks } from "./pem.js";
import type { CryptoKeyApi, CryptoKeyStatics } from "../../gen/crypto_key.gen.js";

const SUPPORTED = new Set(["rsa", "ec"]);

function try_key(make: () => crypto.KeyObject): crypto.KeyObject | null {
  try {
    return make();
  } catch {
    return null;
  }
}

/** Parses a public key only from a public-key encoding, as mbedTLS's parse_public_key does. */
function parse_public(data: Uint8Array, pem: boolean): crypto.KeyObject | null {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (pem) {
    const text = buffer.toString("latin1");
    const block = pem_blocks(text).find((b) => b.label === "PUBLIC KEY" || b.label === "RSA PUBLIC KEY");
    if (!block || block.der === null) return null;
    const type = block.label === "PUBLIC KEY" ? "spki" : "pkcs1";
    const der = Buffer.from(block.der);
    return try_key(() => crypto.createPublicKey({ key: der, format: "der", type }));
  }
  return (
    try_key(() => crypto.createPublicKey({ key: buffer, format: "der", type: "spki" })) ??
    try_key(() => crypto.createPublicKey({ key: buffer, format: "der", type: "pkcs1" }))
  );
}

function parse_private(data: Uint8Array, pem: boolean): crypto.KeyObject | null {
  const buffer = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (pem) {
    // Only private-key blocks: Node would also derive a "private" key from nothing else, but be explicit.
    const text = buffer.toString("latin1");
    if (!pem_blocks(text).some((b) => /^(RSA |EC |)PRIVATE KEY$/.test(b.label))) return null;
    return try_key(() => crypto.createPrivateKey({ key: text, format: "pem" }));
  }
  for (const type of ["pkcs8", "pkcs1", "sec1"] as const) {
    const key = try_key(() => crypto.createPrivateKey({ key: buffer, format: "der", type }));
    if (key) return key;
  }
  return null;
}

export class CryptoKey extends Resource implements CryptoKeyApi {
  #key: crypto.KeyObject | null = null;
  #public_only = false;

  static override _bind_methods(b: ClassBinder): void {
    b.method("save(path: String, public_only: bool = false) -> Error");
    b.method("load(path: String, public_only: bool = false) -> Error");
    b.method("is_public_only() const -> bool");
    b.method("save_to_string(public_only: bool = false) -> String");
    b.method("load_from_string(string_key: String, public_only: bool = false) -> Error");
  }

  load(path: string, public_only = false): GodotError {
    const data = read_file_bytes(String(path));
    if (data === null) return ERR_FAIL_V_MSG(ERR_INVALID_PARAMETER, `Cannot open CryptoKey file '${path}'.`);
    return this.#load(data, looks_like_pem(data), Boolean(public_only), `file '${path}'`);
  }

  load_from_string(string_key: string, public_only = false): GodotError {
    return this.#load(Buffer.from(String(string_key), "utf8"), true, Boolean(public_only), "string");
  }

  save(path: string, public_only = false): GodotError {
    const text = this.#encode(Boolean(public_only));
    if (text === null) return FAILED;
    if (!write_file_text(String(path), text)) return ERR_FAIL_V_MSG(ERR_INVALID_PARAMETER, `Cannot save CryptoKey file '${path}'.`);
    return OK;
  }

  /** The key as PEM; "" (with an error line) when there is nothing to write. */
  save_to_string(public_only = false): string {
    return this.#encode(Boolean(public_only)) ?? "";
  }

  is_public_only(): boolean {
    return this.#public_only;
  }

  #load(data: Uint8Array, pem: boolean, public_only: boolean, where: string): GodotError {
    const key = public_only ? parse_public(data, pem) : parse_private(data, pem);
    if (key === null) {
      const what = public_only ? "public key" : "private key";
      return ERR_FAIL_V_MSG(FAILED, `Error parsing ${what} from ${where} (unencrypted PEM or DER ${what} expected).`);
    }
    if (!SUPPORTED.has(key.asymmetricKeyType ?? "")) {
      return ERR_FAIL_V_MSG(FAILED, `Unsupported key type '${String(key.asymmetricKeyType)}' (RSA and EC keys are supported).`);
    }
    this.#key = key;
    this.#public_only = public_only;
    return OK;
  }

  #encode(public_only: boolean): string | null {
    const key = this.#key;
    if (key === null) return ERR_FAIL_V_MSG(null, "The key is empty: nothing to save.");
    if (!public_only && key.type !== "private") {
      return ERR_FAIL_V_MSG(null, "This key holds only a public key: save it with public_only = true.");
    }
    try {
      if (public_only) {
        const pub = key.type === "public" ? key : crypto.createPublicKey(key);
        return pub.export({ type: "spki", format: "pem" }).toString();
      }
      const type = key.asymmetricKeyType === "rsa" ? "pkcs1" : "sec1";
      return key.export({ type, format: "pem" }).toString();
    } catch (error) {
      return ERR_FAIL_V_MSG(null, `Error writing the key: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  // ---- gdnet internals (not bound) -------------------------------------------

  /** The Node key (private unless public-only), or null when empty. */
  _get_key_object(): crypto.KeyObject | null {
    return this.#key;
  }

  /** Holds `key` (RSA or EC); public-only when it is a public key. */
  _set_key_object(key: crypto.KeyObject): void {
    this.#key = key;
    this.#public_only = key.type !== "private";
  }
}
CryptoKey satisfies CryptoKeyStatics;
