import * as nodecrypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { Crypto } from "../../../src/core/crypto/crypto.js";
import { CryptoKey } from "../../../src/core/crypto/crypto_key.js";
import { register_crypto_types } from "../../../src/core/crypto/register_crypto_types.js";
import { X509Certificate } from "../../../src/core/crypto/x509_certificate.js";
import { OK } from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import { ClassDB } from "../../../src/core/object/class_db.js";
import { register_core_types } from "../../../src/core/register_core_types.js";

const HASH_MD5 = 0;
const HASH_SHA1 = 1;
const HASH_SHA256 = 2;

let c: Crypto;
let key: CryptoKey; // 2048-bit RSA, generated once for the whole file
let public_key: CryptoKey;

beforeAll(() => {
  register_core_types();
  register_crypto_types();
  c = new Crypto();
  const generated = c.generate_rsa(2048);
  if (generated === null) throw new Error("generate_rsa failed");
  key = generated;
  public_key = new CryptoKey();
  public_key.load_from_string(key.save_to_string(true), true);
});

function quiet<T>(fn: () => T): { value: T; errors: string[] } {
  const cap = capture_output();
  try {
    return { value: fn(), errors: cap.lines("error") };
  } finally {
    cap.restore();
  }
}

function sha256(data: string): Uint8Array {
  return new Uint8Array(nodecrypto.createHash("sha256").update(data).digest());
}

describe("Crypto", () => {
  it("registers the engine's signatures", () => {
    const m = ClassDB.class_get_method("Crypto", "generate_self_signed_certificate");
    expect(m?.args.map((a) => [a.name, a.default])).toEqual([
      ["key", undefined],
      ["issuer_name", '"CN=myserver,O=myorganisation,C=IT"'],
      ["not_before", '"20140101000000"'],
      ["not_after", '"20340101000000"'],
    ]);
    expect(ClassDB.class_get_method("Crypto", "sign")?.args[0]?.enum).toBe("HashingContext.HashType");
  });

  it("generates random bytes", () => {
    const a = c.generate_random_bytes(32);
    const b = c.generate_random_bytes(32);
    expect(a).toBeInstanceOf(Uint8Array);
    expect(a.length).toBe(32);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
    expect(c.generate_random_bytes(0).length).toBe(0);
    expect(c.generate_random_bytes(100_000).length).toBe(100_000);
    const { value, errors } = quiet(() => c.generate_random_bytes(-1));
    expect(value.length).toBe(0);
    expect(errors).toHaveLength(1);
  });

  it("generates RSA keys of the requested size", () => {
    const k = key._get_key_object();
    expect(k?.asymmetricKeyType).toBe("rsa");
    expect(k?.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(k?.asymmetricKeyDetails?.publicExponent).toBe(65537n);
    expect(key.is_public_only()).toBe(false);
    const { value, errors } = quiet(() => c.generate_rsa(12));
    expect(value).toBeNull();
    expect(errors).toHaveLength(1);
  });

  it("makes self-signed certificates with the engine's defaults", () => {
    const cert = c.generate_self_signed_certificate(key);
    expect(cert).toBeInstanceOf(X509Certificate);
    const x = cert?._get_certificates()[0];
    expect(x?.subject).toBe("CN=myserver\nO=myorganisation\nC=IT");
    expect(x?.issuer).toBe(x?.subject);
    expect(x?.validFrom).toBe("Jan  1 00:00:00 2014 GMT");
    expect(x?.validTo).toBe("Jan  1 00:00:00 2034 GMT");
    expect(x?.ca).toBe(true);
    expect(x?.serialNumber).toMatch(/^[0-9A-F]{40}$/);
    expect(x?.verify(nodecrypto.createPublicKey(key._get_key_object()!))).toBe(true);
    // The certificate holds the key it was made for.
    expect(x?.checkPrivateKey(key._get_key_object()!)).toBe(true);
  });

  it("takes issuer name and validity arguments", () => {
    const cert = c.generate_self_signed_certificate(key, "CN=game.example.com,O=Studio\\, Inc.,C=SE", "20250101120000", "20300615000000");
    const x = cert?._get_certificates()[0];
    // Node escapes the comma when printing: one O attribute holding "Studio, Inc.".
    expect(x?.subject).toBe("CN=game.example.com\nO=Studio\\, Inc.\nC=SE");
    expect(x?.validFrom).toBe("Jan  1 12:00:00 2025 GMT");
    expect(x?.validTo).toBe("Jun 15 00:00:00 2030 GMT");
    // Two certificates never share a serial.
    const again = c.generate_self_signed_certificate(key)?._get_certificates()[0];
    expect(again?.serialNumber).not.toBe(c.generate_self_signed_certificate(key)?._get_certificates()[0]?.serialNumber);
  });

  it("makes certificates for EC keys too", () => {
    const ec = new CryptoKey();
    ec._set_key_object(nodecrypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey);
    const x = c.generate_self_signed_certificate(ec)?._get_certificates()[0];
    expect(x?.publicKey.asymmetricKeyType).toBe("ec");
    expect(x?.verify(x.publicKey)).toBe(true);
  });

  it("refuses bad certificate arguments with null and one error line each", () => {
    const { value, errors } = quiet(() => [
      c.generate_self_signed_certificate(null),
      c.generate_self_signed_certificate(new CryptoKey()),
      c.generate_self_signed_certificate(public_key),
      c.generate_self_signed_certificate(key, "nonsense"),
      c.generate_self_signed_certificate(key, "XX=unknown"),
      c.generate_self_signed_certificate(key, undefined, "2014"),
      c.generate_self_signed_certificate(key, undefined, "20141301000000"),
      c.generate_self_signed_certificate(key, undefined, "20340101000000", "20140101000000"),
    ]);
    expect(value).toEqual([null, null, null, null, null, null, null, null]);
    expect(errors).toHaveLength(8);
  });

  it("signs hashes and verifies signatures (RSA PKCS#1 v1.5)", () => {
    const hash = sha256("hello godot");
    const signature = c.sign(HASH_SHA256, hash, key);
    expect(signature.length).toBe(256);
    expect(c.verify(HASH_SHA256, hash, signature, key)).toBe(true);
    expect(c.verify(HASH_SHA256, hash, signature, public_key)).toBe(true);
    // Interoperable with a standard RSASSA-PKCS1-v1_5 signature of the message.
    const node_sig = nodecrypto.sign("sha256", Buffer.from("hello godot"), key._get_key_object()!);
    expect(Buffer.from(signature).equals(node_sig)).toBe(true);
    // Other digests.
    const sha1 = new Uint8Array(nodecrypto.createHash("sha1").update("x").digest());
    expect(c.verify(HASH_SHA1, sha1, c.sign(HASH_SHA1, sha1, key), key)).toBe(true);
    const md5 = new Uint8Array(nodecrypto.createHash("md5").update("x").digest());
    expect(c.verify(HASH_MD5, md5, c.sign(HASH_MD5, md5, key), key)).toBe(true);
    // Tampering is detected.
    const other = sha256("hello godoT");
    expect(c.verify(HASH_SHA256, other, signature, key)).toBe(false);
    const broken = signature.slice();
    broken[10] = (broken[10] ?? 0) ^ 1;
    expect(c.verify(HASH_SHA256, hash, broken, key)).toBe(false);
    expect(c.verify(HASH_SHA256, hash, new Uint8Array(3), key)).toBe(false);
    // A SHA-256 signature does not verify as another digest type of the same bytes.
    expect(c.verify(HASH_SHA1, hash.slice(0, 20), signature, key)).toBe(false);
  });

  it("refuses bad sign/verify arguments", () => {
    const hash = sha256("x");
    const { value, errors } = quiet(() => [
      c.sign(7, hash, key).length,
      c.sign(HASH_SHA256, hash.slice(1), key).length,
      c.sign(HASH_SHA256, hash, public_key).length,
      c.sign(HASH_SHA256, hash, null).length,
      c.verify(HASH_SHA256, hash.slice(1), new Uint8Array(256), key),
      c.verify(HASH_SHA256, hash, new Uint8Array(256), null),
    ]);
    expect(value).toEqual([0, 0, 0, 0, false, false]);
    expect(errors).toHaveLength(6);
  });

  it("encrypts with the public key and decrypts with the private one", () => {
    const message = new TextEncoder().encode("secret message");
    const encrypted = c.encrypt(public_key, message);
    expect(encrypted.length).toBe(256);
    expect(Buffer.from(c.decrypt(key, encrypted)).toString()).toBe("secret message");
    // Randomised padding: the same message encrypts differently each time.
    expect(Buffer.from(c.encrypt(key, message)).equals(Buffer.from(encrypted))).toBe(false);
    // Interoperable with standard RSAES-PKCS1-v1_5.
    const node_encrypted = nodecrypto.publicEncrypt(
      { key: key._get_key_object()!, padding: nodecrypto.constants.RSA_PKCS1_PADDING },
      Buffer.from("from node"),
    );
    expect(Buffer.from(c.decrypt(key, node_encrypted)).toString()).toBe("from node");
    expect(c.decrypt(key, c.encrypt(key, new Uint8Array(0))).length).toBe(0);
  });

  it("refuses bad encrypt/decrypt arguments", () => {
    const encrypted = c.encrypt(key, new Uint8Array([1, 2, 3]));
    const tampered = encrypted.slice();
    tampered[0] = (tampered[0] ?? 0) ^ 0xff;
    const { value, errors } = quiet(() => [
      c.encrypt(key, new Uint8Array(300)).length, // longer than the key allows
      c.encrypt(null, new Uint8Array(3)).length,
      c.decrypt(public_key, encrypted).length,
      c.decrypt(key, encrypted.slice(1)).length,
      c.decrypt(key, tampered).length,
      c.decrypt(key, new Uint8Array(256)).length,
    ]);
    expect(value).toEqual([0, 0, 0, 0, 0, 0]);
    expect(errors).toHaveLength(6);
  });

  it("computes HMAC-SHA1 and HMAC-SHA256 (RFC 4231 test case 2)", () => {
    const enc = new TextEncoder();
    const digest = c.hmac_digest(HASH_SHA256, enc.encode("Jefe"), enc.encode("what do ya want for nothing?"));
    expect(Buffer.from(digest).toString("hex")).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    const sha1 = c.hmac_digest(HASH_SHA1, enc.encode("Jefe"), enc.encode("what do ya want for nothing?"));
    expect(Buffer.from(sha1).toString("hex")).toBe("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
    expect(c.hmac_digest(HASH_SHA256, enc.encode("k"), new Uint8Array(0)).length).toBe(32);
    const { value, errors } = quiet(() => [
      c.hmac_digest(HASH_MD5, enc.encode("k"), enc.encode("m")).length,
      c.hmac_digest(HASH_SHA256, new Uint8Array(0), enc.encode("m")).length,
    ]);
    expect(value).toEqual([0, 0]);
    expect(errors).toHaveLength(2);
  });

  it("compares byte arrays", () => {
    const a = new Uint8Array([1, 2, 3]);
    expect(c.constant_time_compare(a, new Uint8Array([1, 2, 3]))).toBe(true);
    expect(c.constant_time_compare(a, new Uint8Array([1, 2, 4]))).toBe(false);
    expect(c.constant_time_compare(a, new Uint8Array([1, 2]))).toBe(false);
    expect(c.constant_time_compare(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });

  it("round-trips a generated key and certificate through PEM", () => {
    const cert = c.generate_self_signed_certificate(key);
    const copy = new X509Certificate();
    expect(copy.load_from_string(cert?.save_to_string() ?? "")).toBe(OK);
    const key_copy = new CryptoKey();
    expect(key_copy.load_from_string(key.save_to_string())).toBe(OK);
    expect(copy._get_certificates()[0]?.checkPrivateKey(key_copy._get_key_object()!)).toBe(true);
  });
});
