/**
 * Test PKI: a throw-away CA and a server certificate it signed, with
 * subjectAltName localhost, 127.0.0.1 and ::1, so tests can run real,
 * verified TLS over loopback. EC P-256 keys by default (generated in
 * milliseconds); "rsa" gives 2048-bit RSA keys.
 */
import * as crypto from "node:crypto";
import { build_certificate } from "../../src/core/crypto/certificate_builder.js";
import { CryptoKey } from "../../src/core/crypto/crypto_key.js";
import { X509Certificate } from "../../src/core/crypto/x509_certificate.js";

export interface TestPki {
  readonly ca_key: CryptoKey;
  readonly ca_cert: X509Certificate;
  readonly server_key: CryptoKey;
  /** The server certificate alone. */
  readonly server_cert: X509Certificate;
  /** The server certificate followed by the CA's: what a server presents. */
  readonly server_chain: X509Certificate;
}

export interface TestPkiOptions {
  readonly key_type?: "ec" | "rsa";
  readonly ca_name?: string;
  readonly server_name?: string;
  readonly alt_names?: readonly string[];
}

const DAY_MS = 24 * 3600 * 1000;

function new_key(type: "ec" | "rsa"): crypto.KeyObject {
  return type === "ec"
    ? crypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey
    : crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
}

function der_or_throw(result: Uint8Array | string): Uint8Array {
  if (typeof result === "string") throw new Error(`test PKI: ${result}`);
  return result;
}

function wrap_key(key: crypto.KeyObject): CryptoKey {
  const k = new CryptoKey();
  k._set_key_object(key);
  return k;
}

function wrap_chain(ders: Uint8Array[]): X509Certificate {
  const c = new X509Certificate();
  if (c._set_der_chain(ders) !== 0) throw new Error("test PKI: certificate did not parse back");
  return c;
}

export function make_test_pki(options: TestPkiOptions = {}): TestPki {
  const type = options.key_type ?? "ec";
  const ca_name = options.ca_name ?? "CN=gdnet test CA,O=gdnet";
  const now = Date.now();
  const not_before = new Date(now - DAY_MS);
  const not_after = new Date(now + 365 * DAY_MS);

  const ca_key = new_key(type);
  const ca_der = der_or_throw(
    build_certificate({
      subject: ca_name,
      subject_key: ca_key,
      signing_key: ca_key,
      not_before,
      not_after,
      basic_constraints: { ca: true },
      usage: "ca",
    }),
  );
  const server_key = new_key(type);
  const server_der = der_or_throw(
    build_certificate({
      subject: options.server_name ?? "CN=localhost,O=gdnet",
      issuer: ca_name,
      subject_key: server_key,
      signing_key: ca_key,
      not_before,
      not_after,
      basic_constraints: { ca: false },
      usage: "tls_server",
      alt_names: options.alt_names ?? ["localhost", "127.0.0.1", "::1"],
    }),
  );
  return {
    ca_key: wrap_key(ca_key),
    ca_cert: wrap_chain([ca_der]),
    server_key: wrap_key(server_key),
    server_cert: wrap_chain([server_der]),
    server_chain: wrap_chain([server_der, ca_der]),
  };
}
