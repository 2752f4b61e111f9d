/**
 * X509Certificate: one certificate or a chain of them (leaf first), loaded
 * from and saved to PEM. Node's crypto.X509Certificate does the parsing.
 *
 * Differences from the engine (mbedTLS), on purpose:
 * - load()/load_from_string() replace the content; the engine appends to what
 *   was loaded before.
 * - save()/save_to_string() write every certificate of a chain; the engine
 *   writes the first one once per certificate.
 * - there is no "in use by a TLS context" lock: Node's TLS contexts keep their
 *   own copy, so a certificate can be reloaded while a connection uses it.
 */
import * as crypto from "node:crypto";
import { ERR_INVALID_PARAMETER, FAILED, OK, type GodotError } from "../error/error_list.js";
import { ERR_FAIL_V_MSG } from "../error/error_macros.js";
import { Resource } from "../io/resource.js";
import type { ClassBinder } from "../object/class_binder.js";
import { read_file_bytes, write_file_text } from "./crypto_file.js";
import { looks_like_pem, pem_blocks, pem_encode } from "./pem.js";
import type { X509CertificateApi, X509CertificateStatics } from "../../gen/x509_certificate.gen.js";

function parse_der(der: Uint8Array): crypto.X509Certificate | null {
  try {
    return new crypto.X509Certificate(der);
  } catch {
    return null;
  }
}

/**
 * The certificates in a PEM text, as mbedTLS counts them: blocks that fail to
 * parse are skipped as long as one succeeds. Null when none does.
 */
function parse_pem_chain(text: string): crypto.X509Certificate[] | null {
  const certs: crypto.X509Certificate[] = [];
  for (const block of pem_blocks(text)) {
    if (block.label !== "CERTIFICATE" || block.der === null) continue;
    const cert = parse_der(block.der);
    if (cert) certs.push(cert);
  }
  return certs.length > 0 ? certs : null;
}

export class X509Certificate extends Resource implements X509CertificateApi {
  #chain: crypto.X509Certificate[] = [];

  static override _bind_methods(b: ClassBinder): void {
    b.method("save(path: String) -> Error");
    b.method("load(path: String) -> Error");
    b.method("save_to_string() -> String");
    b.method("load_from_string(string: String) -> Error");
  }

  /** Loads a PEM file (one or more certificates) or a single DER certificate. */
  load(path: string): GodotError {
    const data = read_file_bytes(String(path));
    if (data === null) return ERR_FAIL_V_MSG(ERR_INVALID_PARAMETER, `Cannot open X509Certificate file '${path}'.`);
    let chain: crypto.X509Certificate[] | null;
    if (looks_like_pem(data)) {
      chain = parse_pem_chain(Buffer.from(data).toString("latin1"));
    } else {
      const cert = parse_der(data);
      chain = cert ? [cert] : null;
    }
    if (chain === null) return ERR_FAIL_V_MSG(FAILED, `Error parsing X509 certificates from file '${path}'.`);
    this.#chain = chain;
    return OK;
  }

  save(path: string): GodotError {
    if (this.#chain.length === 0) return ERR_FAIL_V_MSG(FAILED, "The certificate is empty: nothing to save.");
    if (!write_file_text(String(path), this.save_to_string())) {
      return ERR_FAIL_V_MSG(ERR_INVALID_PARAMETER, `Cannot save X509Certificate file '${path}'.`);
    }
    return OK;
  }

  /** The chain as concatenated PEM blocks; "" when empty. */
  save_to_string(): string {
    return this.#chain.map((c) => pem_encode("CERTIFICATE", c.raw)).join("");
  }

  load_from_string(string: string): GodotError {
    const chain = parse_pem_chain(String(string));
    if (chain === null) return ERR_FAIL_V_MSG(FAILED, "Error parsing X509 certificates: no valid PEM certificate found.");
    this.#chain = chain;
    return OK;
  }

  // ---- gdnet internals (not bound) -------------------------------------------

  /** The parsed certificates, leaf first. */
  _get_certificates(): readonly crypto.X509Certificate[] {
    return this.#chain;
  }

  _is_empty(): boolean {
    return this.#chain.length === 0;
  }

  /** Replaces the content with DER certificates (as produced by the certificate builder). */
  _set_der_chain(ders: readonly Uint8Array[]): GodotError {
    const chain = ders.map(parse_der);
    if (chain.length === 0 || chain.some((c) => c === null)) return ERR_FAIL_V_MSG(FAILED, "Invalid DER certificate.");
    this.#chain = chain as crypto.X509Certificate[];
    return OK;
  }
}
X509Certificate satisfies X509CertificateStatics;
