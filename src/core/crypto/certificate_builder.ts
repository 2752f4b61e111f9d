/**
 * Builds and signs X.509 v3 certificates, synchronously, as the engine's
 * Crypto.generate_self_signed_certificate() must return one at once.
 *
 * Library choice: the certificate structures come from @peculiar/asn1-x509
 * (with @peculiar/asn1-schema for DER), PeculiarVentures' typed RFC 5280
 * schemas, so no ASN.1 is written by hand here. Their higher-level
 * @peculiar/x509 signs through WebCrypto, which is asynchronous only, and
 * node-forge signs in pure JavaScript and only with RSA keys; using the
 * schemas directly lets Node's native `crypto.sign` do the signing, which is
 * synchronous, fast and works for RSA and EC keys alike. Parsing and
 * verification stay with Node (`crypto.X509Certificate`, `tls`).
 */
import * as crypto from "node:crypto";
import { isIP } from "node:net";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import {
  AlgorithmIdentifier,
  BasicConstraints,
  Certificate,
  ExtendedKeyUsage,
  Extension,
  Extensions,
  GeneralName,
  KeyUsage,
  KeyUsageFlags,
  SubjectAlternativeName,
  SubjectKeyIdentifier,
  SubjectPublicKeyInfo,
  TBSCertificate,
  Validity,
  Version,
  id_ce_basicConstraints,
  id_ce_extKeyUsage,
  id_ce_keyUsage,
  id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier,
  id_kp_clientAuth,
  id_kp_serverAuth,
} from "@peculiar/asn1-x509";
import { parse_distinguished_name } from "./distinguished_name.js";

export interface CertificateSpec {
  /** Subject DN in the engine's "CN=...,O=...,C=..." form. */
  readonly subject: string;
  /** Issuer DN; the subject for a self-signed certificate. */
  readonly issuer?: string;
  /** The key the certificate is for (its public half goes into the certificate). */
  readonly subject_key: crypto.KeyObject;
  /** The private key that signs; the subject key's own for a self-signed certificate. */
  readonly signing_key: crypto.KeyObject;
  readonly not_before: Date;
  readonly not_after: Date;
  /** Positive serial number bytes; 20 random bytes when omitted (as the engine). */
  readonly serial?: Uint8Array;
  /** Adds a critical basicConstraints extension. */
  readonly basic_constraints?: { readonly ca: boolean; readonly path_length?: number };
  /** Host names and IP addresses for subjectAltName. */
  readonly alt_names?: readonly string[];
  /** Adds keyUsage/extendedKeyUsage fitting a TLS server (leaf) or a CA. */
  readonly usage?: "tls_server" | "ca";
}

const SHA256_WITH_RSA = "1.2.840.113549.1.1.11";
const ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";

function signature_algorithm(key: crypto.KeyObject): AlgorithmIdentifier | string {
  switch (key.asymmetricKeyType) {
    case "rsa":
      return new AlgorithmIdentifier({ algorithm: SHA256_WITH_RSA, parameters: null });
    case "ec":
      return new AlgorithmIdentifier({ algorithm: ECDSA_WITH_SHA256 });
    default:
      return `Unsupported key type '${String(key.asymmetricKeyType)}' (RSA and EC keys can sign certificates).`;
  }
}

function random_serial(): ArrayBuffer {
  const serial = crypto.randomBytes(20);
  // Positive and of minimal DER length: top bit clear, first byte non-zero.
  serial[0] = ((serial[0] ?? 0) & 0x7f) | 0x40;
  return new Uint8Array(serial).buffer;
}

function public_half(key: crypto.KeyObject): crypto.KeyObject {
  return key.type === "public" ? key : crypto.createPublicKey(key);
}

function extension(id: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID: id, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}


/** The DER of a signed certificate, or an error message (never throws). */
export function build_certificate(spec: CertificateSpec): Uint8Array | string {
  try {
    return build(spec);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function build(spec: CertificateSpec): Uint8Array | string {
  if (spec.signing_key.type !== "private") return "The signing key must be a private key.";
  const algorithm = signature_algorithm(spec.signing_key);
  if (typeof algorithm === "string") return algorithm;
  const subject = parse_distinguished_name(spec.subject);
  if (typeof subject === "string") return `Invalid subject name: ${subject}`;
  const issuer = parse_distinguished_name(spec.issuer ?? spec.subject);
  if (typeof issuer === "string") return `Invalid issuer name: ${issuer}`;
  if (!(spec.not_before.getTime() <= spec.not_after.getTime())) return "not_before is after not_after.";

  const spki = AsnConvert.parse(public_half(spec.subject_key).export({ type: "spki", format: "der" }), SubjectPublicKeyInfo);
  const extensions: Extension[] = [];
  if (spec.basic_constraints) {
    const bc = new BasicConstraints({ cA: spec.basic_constraints.ca });
    if (spec.basic_constraints.path_length !== undefined) bc.pathLenConstraint = spec.basic_constraints.path_length;
    extensions.push(extension(id_ce_basicConstraints, true, bc));
  }
  if (spec.usage === "ca") {
    extensions.push(extension(id_ce_keyUsage, true, new KeyUsage(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign)));
  } else if (spec.usage === "tls_server") {
    const flags = KeyUsageFlags.digitalSignature | (spec.subject_key.asymmetricKeyType === "rsa" ? KeyUsageFlags.keyEncipherment : 0);
    extensions.push(extension(id_ce_keyUsage, true, new KeyUsage(flags)));
    extensions.push(extension(id_ce_extKeyUsage, false, new ExtendedKeyUsage([id_kp_serverAuth, id_kp_clientAuth])));
  }
  if (spec.usage !== undefined) {
    // Key identifier per RFC 5280 4.2.1.2, method 1: SHA-1 of the subjectPublicKey bits.
    const id = crypto.createHash("sha1").update(new Uint8Array(spki.subjectPublicKey)).digest();
    extensions.push(extension(id_ce_subjectKeyIdentifier, false, new SubjectKeyIdentifier(new Uint8Array(id).buffer)));
  }
  if (spec.alt_names && spec.alt_names.length > 0) {
    const names = spec.alt_names.map((n) => (isIP(n) !== 0 ? new GeneralName({ iPAddress: n }) : new GeneralName({ dNSName: n })));
    extensions.push(extension(id_ce_subjectAltName, false, new SubjectAlternativeName(names)));
  }

  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: spec.serial ? new Uint8Array(spec.serial).buffer : random_serial(),
    signature: algorithm,
    issuer,
    validity: new Validity({ notBefore: spec.not_before, notAfter: spec.not_after }),
    subject,
    subjectPublicKeyInfo: spki,
  });
  if (extensions.length > 0) tbs.extensions = new Extensions(extensions);

  const tbs_der = Buffer.from(AsnConvert.serialize(tbs));
  const signature = crypto.sign("sha256", tbs_der, spec.signing_key);
  const certificate = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: algorithm,
    signatureValue: new Uint8Array(signature).buffer,
  });
  return new Uint8Array(AsnConvert.serialize(certificate));
}

/** Parses the engine's validity time format, "YYYYMMDDhhmmss" (UTC). */
export function parse_validity_time(text: string): Date | null {
  const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  // Reject values Date.UTC silently rolls over (month 13, 31 February, 25 o'clock...).
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  if (date.getUTCHours() !== h || date.getUTCMinutes() !== mi || date.getUTCSeconds() !== s) return null;
  return date;
}
