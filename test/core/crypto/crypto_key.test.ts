import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as nodecrypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CryptoKey } from "../../../src/core/crypto/crypto_key.js";
import { register_crypto_types } from "../../../src/core/crypto/register_crypto_types.js";
import { ERR_INVALID_PARAMETER, FAILED, OK } from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import { register_core_types } from "../../../src/core/register_core_types.js";

let rsa: nodecrypto.KeyObject;
let ec: nodecrypto.KeyObject;
let dir: string;

beforeAll(() => {
  register_core_types();
  register_crypto_types();
  rsa = nodecrypto.generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  ec = nodecrypto.generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gdnet-key-"));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function wrap(key: nodecrypto.KeyObject): CryptoKey {
  const k = new CryptoKey();
  k._set_key_object(key);
  return k;
}

function quiet<T>(fn: () => T): { value: T; errors: string[] } {
  const cap = capture_output();
  try {
    return { value: fn(), errors: cap.lines("error") };
  } finally {
    cap.restore();
  }
}

describe("CryptoKey", () => {
  it("is a Resource in ClassDB with the engine's methods", () => {
    const key = new CryptoKey();
    expect(key.get_class()).toBe("CryptoKey");
    expect(key.is_class("Resource")).toBe(true);
    expect(key.is_public_only()).toBe(false);
  });

  it("writes RSA private keys as PKCS#1 and public keys as SubjectPublicKeyInfo, like mbedTLS", () => {
    const key = wrap(rsa);
    expect(key.save_to_string()).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(key.save_to_string(true)).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(wrap(ec).save_to_string()).toMatch(/^-----BEGIN EC PRIVATE KEY-----\n/);
  });

  it("round-trips private keys through strings", () => {
    for (const source of [rsa, ec]) {
      const pem = wrap(source).save_to_string();
      const key = new CryptoKey();
      expect(key.load_from_string(pem)).toBe(OK);
      expect(key.is_public_only()).toBe(false);
      expect(key.save_to_string()).toBe(pem);
      expect(key._get_key_object()?.equals(source)).toBe(true);
    }
  });

  it("reads PKCS#8 private keys too", () => {
    const pkcs8 = rsa.export({ type: "pkcs8", format: "pem" }).toString();
    const key = new CryptoKey();
    expect(key.load_from_string(pkcs8)).toBe(OK);
    expect(key._get_key_object()?.equals(rsa)).toBe(true);
  });

  it("loads only public keys with public_only, and writes only the public half then", () => {
    const public_pem = wrap(rsa).save_to_string(true);
    const key = new CryptoKey();
    expect(key.load_from_string(public_pem, true)).toBe(OK);
    expect(key.is_public_only()).toBe(true);
    expect(key.save_to_string(true)).toBe(public_pem);
    const { value, errors } = quiet(() => key.save_to_string(false));
    expect(value).toBe("");
    expect(errors).toHaveLength(1);
  });

  it("refuses a private key where a public one is asked for, and the other way round", () => {
    const { value, errors } = quiet(() => {
      const key = new CryptoKey();
      return [
        key.load_from_string(wrap(rsa).save_to_string(), true),
        key.load_from_string(wrap(rsa).save_to_string(true), false),
      ];
    });
    expect(value).toEqual([FAILED, FAILED]);
    expect(errors).toHaveLength(2);
  });

  it("returns FAILED for malformed, encrypted or unsupported keys", () => {
    const encrypted = rsa.export({ type: "pkcs8", format: "pem", cipher: "aes-128-cbc", passphrase: "secret" }).toString();
    const ed = nodecrypto.generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const key = new CryptoKey();
    const { value, errors } = quiet(() => [
      key.load_from_string(""),
      key.load_from_string("garbage"),
      key.load_from_string("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"),
      key.load_from_string(encrypted),
      key.load_from_string(ed),
    ]);
    expect(value).toEqual([FAILED, FAILED, FAILED, FAILED, FAILED]);
    expect(errors).toHaveLength(5);
    expect(key._get_key_object()).toBeNull();
  });

  it("saves and loads files, with the engine's codes for file errors", () => {
    const key = wrap(ec);
    const priv = path.join(dir, "server.key");
    const pub = path.join(dir, "server.pub");
    expect(key.save(priv)).toBe(OK);
    expect(key.save(pub, true)).toBe(OK);
    const loaded = new CryptoKey();
    expect(loaded.load(priv)).toBe(OK);
    expect(loaded._get_key_object()?.equals(ec)).toBe(true);
    const loaded_pub = new CryptoKey();
    expect(loaded_pub.load(pub, true)).toBe(OK);
    expect(loaded_pub.is_public_only()).toBe(true);
    expect(loaded_pub.save_to_string(true)).toBe(fs.readFileSync(pub, "utf8"));

    const der = path.join(dir, "server.der");
    fs.writeFileSync(der, rsa.export({ type: "pkcs1", format: "der" }));
    const from_der = new CryptoKey();
    expect(from_der.load(der)).toBe(OK);
    expect(from_der._get_key_object()?.equals(rsa)).toBe(true);

    const { value, errors } = quiet(() => [
      new CryptoKey().load(path.join(dir, "missing.key")),
      key.save(path.join(dir, "missing", "dir", "x.key")),
      new CryptoKey().save(path.join(dir, "empty.key")),
    ]);
    expect(value).toEqual([ERR_INVALID_PARAMETER, ERR_INVALID_PARAMETER, FAILED]);
    expect(errors).toHaveLength(3);
  });
});
