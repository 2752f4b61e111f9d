import { beforeAll, describe, expect, it } from "vitest";
import { CryptoKey } from "../../../src/core/crypto/crypto_key.js";
import { register_crypto_types } from "../../../src/core/crypto/register_crypto_types.js";
import { TLSOptions } from "../../../src/core/crypto/tls_options.js";
import { X509Certificate } from "../../../src/core/crypto/x509_certificate.js";
import { ClassDB } from "../../../src/core/object/class_db.js";
import { register_core_types } from "../../../src/core/register_core_types.js";

beforeAll(() => {
  register_core_types();
  register_crypto_types();
});

describe("TLSOptions", () => {
  it("registers static constructors and getters", () => {
    expect(ClassDB.get_parent_class("TLSOptions")).toBe("RefCounted");
    const client = ClassDB.class_get_method("TLSOptions", "client");
    expect(client?.qualifiers.static).toBe(true);
    expect(client?.args.map((a) => [a.name, a.type, a.default])).toEqual([
      ["trusted_chain", "X509Certificate", "null"],
      ["common_name_override", "String", '""'],
    ]);
    expect(ClassDB.class_get_method("TLSOptions", "server")?.args.map((a) => a.default)).toEqual([undefined, undefined]);
  });

  it("client() verifies with the default CAs", () => {
    const o = TLSOptions.client();
    expect(o.is_server()).toBe(false);
    expect(o.is_unsafe_client()).toBe(false);
    expect(o.get_trusted_ca_chain()).toBeNull();
    expect(o.get_common_name_override()).toBe("");
    expect(o.get_private_key()).toBeNull();
    expect(o.get_own_certificate()).toBeNull();
  });

  it("client(chain, name) keeps both", () => {
    const chain = new X509Certificate();
    const o = TLSOptions.client(chain, "example.com");
    expect(o.get_trusted_ca_chain()).toBe(chain);
    expect(o.get_common_name_override()).toBe("example.com");
    expect(o.is_unsafe_client()).toBe(false);
  });

  it("client_unsafe() is an unsafe client, with or without a chain", () => {
    expect(TLSOptions.client_unsafe().is_unsafe_client()).toBe(true);
    const chain = new X509Certificate();
    const o = TLSOptions.client_unsafe(chain);
    expect(o.is_unsafe_client()).toBe(true);
    expect(o.is_server()).toBe(false);
    expect(o.get_trusted_ca_chain()).toBe(chain);
  });

  it("server(key, cert) holds both", () => {
    const key = new CryptoKey();
    const cert = new X509Certificate();
    const o = TLSOptions.server(key, cert);
    expect(o.is_server()).toBe(true);
    expect(o.is_unsafe_client()).toBe(false);
    expect(o.get_private_key()).toBe(key);
    expect(o.get_own_certificate()).toBe(cert);
    expect(o.get_trusted_ca_chain()).toBeNull();
  });
});
