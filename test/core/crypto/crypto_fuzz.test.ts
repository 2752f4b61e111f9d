/** Malformed input never throws: it gives FAILED (or OK when something valid is in it) and error lines. */
import * as fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { CryptoKey } from "../../../src/core/crypto/crypto_key.js";
import { X509Certificate } from "../../../src/core/crypto/x509_certificate.js";
import { FAILED, OK } from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import { register_core_types } from "../../../src/core/register_core_types.js";
import { make_test_pki, type TestPki } from "../../helpers/test_pki.js";

let pki: TestPki;

beforeAll(() => {
  register_core_types();
  pki = make_test_pki();
});

/** PEM-looking text: a real label around random base64, or a mangled copy of a real PEM. */
function pem_like(real: () => string): fc.Arbitrary<string> {
  const label = fc.constantFrom("CERTIFICATE", "PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "PUBLIC KEY", "X");
  const random_block = fc
    .tuple(label, fc.uint8Array({ maxLength: 600 }))
    .map(([l, bytes]) => `-----BEGIN ${l}-----\n${Buffer.from(bytes).toString("base64")}\n-----END ${l}-----\n`);
  const mangled = fc.tuple(fc.nat(), fc.integer({ min: 1, max: 40 }), fc.string({ maxLength: 8 })).map(([at, len, insert]) => {
    const text = real();
    const i = at % text.length;
    return text.slice(0, i) + insert + text.slice(i + len);
  });
  return fc.oneof(fc.string({ maxLength: 200 }), random_block, mangled);
}

describe("crypto resources on malformed input", () => {
  it("X509Certificate.load_from_string never throws", () => {
    const cap = capture_output();
    try {
      fc.assert(
        fc.property(pem_like(() => pki.server_chain.save_to_string()), (text) => {
          const cert = new X509Certificate();
          const err = cert.load_from_string(text);
          expect([OK, FAILED]).toContain(err);
          if (err === OK) expect(cert.save_to_string()).toMatch(/^-----BEGIN CERTIFICATE-----/);
        }),
        { numRuns: 300 },
      );
    } finally {
      cap.restore();
    }
  });

  it("CryptoKey.load_from_string never throws, private or public", () => {
    const cap = capture_output();
    try {
      fc.assert(
        fc.property(pem_like(() => pki.server_key.save_to_string()), fc.boolean(), (text, public_only) => {
          const key = new CryptoKey();
          const err = key.load_from_string(text, public_only);
          expect([OK, FAILED]).toContain(err);
          expect(key.is_public_only()).toBe(err === OK && public_only);
        }),
        { numRuns: 300 },
      );
    } finally {
      cap.restore();
    }
  });
});
