import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as nodecrypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { X509Certificate } from "../../../src/core/crypto/x509_certificate.js";
import { register_crypto_types } from "../../../src/core/crypto/register_crypto_types.js";
import { ERR_INVALID_PARAMETER, FAILED, OK } from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import { register_core_types } from "../../../src/core/register_core_types.js";
import { make_test_pki, type TestPki } from "../../helpers/test_pki.js";

let pki: TestPki;
let dir: string;

beforeAll(() => {
  register_core_types();
  register_crypto_types();
  pki = make_test_pki();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gdnet-x509-"));
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

function subjects(cert: X509Certificate): string[] {
  return cert._get_certificates().map((c) => c.subject);
}

describe("X509Certificate", () => {
  it("is a Resource in ClassDB with the engine's methods", () => {
    const cert = new X509Certificate();
    expect(cert.get_class()).toBe("X509Certificate");
    expect(cert.is_class("Resource")).toBe(true);
    expect(cert.is_class("RefCounted")).toBe(true);
    for (const m of ["load", "save", "save_to_string", "load_from_string"]) expect(cert.has_method(m)).toBe(true);
  });

  it("round-trips a certificate through save_to_string / load_from_string", () => {
    const pem = pki.server_cert.save_to_string();
    expect(pem.startsWith("-----BEGIN CERTIFICATE-----\n")).toBe(true);
    expect(pem.endsWith("-----END CERTIFICATE-----\n")).toBe(true);
    for (const line of pem.split("\n").slice(1, -2)) expect(line.length).toBeLessThanOrEqual(64);
    const copy = new X509Certificate();
    expect(copy.load_from_string(pem)).toBe(OK);
    expect(copy.save_to_string()).toBe(pem);
    expect(subjects(copy)).toEqual(["CN=localhost\nO=gdnet"]);
    // What Node's own parser reads from our PEM is the same certificate.
    expect(new nodecrypto.X509Certificate(pem).fingerprint256).toBe(pki.server_cert._get_certificates()[0]?.fingerprint256);
  });

  it("keeps every certificate of a chain, in order", () => {
    const pem = pki.server_chain.save_to_string();
    expect(pem.match(/-----BEGIN CERTIFICATE-----/g)).toHaveLength(2);
    const chain = new X509Certificate();
    expect(chain.load_from_string(pem)).toBe(OK);
    expect(subjects(chain)).toEqual(["CN=localhost\nO=gdnet", "CN=gdnet test CA\nO=gdnet"]);
    expect(chain.save_to_string()).toBe(pem);
  });

  it("replaces its content on a new load", () => {
    const cert = new X509Certificate();
    expect(cert.load_from_string(pki.server_chain.save_to_string())).toBe(OK);
    expect(cert.load_from_string(pki.ca_cert.save_to_string())).toBe(OK);
    expect(subjects(cert)).toEqual(["CN=gdnet test CA\nO=gdnet"]);
  });

  it("skips unparsable blocks as long as one certificate parses", () => {
    const broken = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n";
    const cert = new X509Certificate();
    expect(cert.load_from_string(broken + pki.ca_cert.save_to_string())).toBe(OK);
    expect(subjects(cert)).toEqual(["CN=gdnet test CA\nO=gdnet"]);
  });

  it("returns FAILED with one error line for bad PEM, and keeps the old content", () => {
    const cert = new X509Certificate();
    expect(cert.load_from_string(pki.ca_cert.save_to_string())).toBe(OK);
    const cap = capture_output();
    try {
      expect(cert.load_from_string("")).toBe(FAILED);
      expect(cert.load_from_string("not a certificate")).toBe(FAILED);
      expect(cert.load_from_string("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n")).toBe(FAILED);
      // Valid base64 that is not a certificate.
      expect(cert.load_from_string("-----BEGIN CERTIFICATE-----\nAAECAwQF\n-----END CERTIFICATE-----\n")).toBe(FAILED);
      // A key is not a certificate.
      expect(cert.load_from_string(pki.ca_key.save_to_string())).toBe(FAILED);
      expect(cap.lines("error")).toHaveLength(5);
    } finally {
      cap.restore();
    }
    expect(subjects(cert)).toEqual(["CN=gdnet test CA\nO=gdnet"]);
  });

  it("saves to and loads from files, PEM or DER", () => {
    const file = path.join(dir, "chain.crt");
    expect(pki.server_chain.save(file)).toBe(OK);
    expect(fs.readFileSync(file, "utf8")).toBe(pki.server_chain.save_to_string());
    const loaded = new X509Certificate();
    expect(loaded.load(file)).toBe(OK);
    expect(subjects(loaded)).toEqual(subjects(pki.server_chain));

    const der_file = path.join(dir, "ca.der");
    fs.writeFileSync(der_file, pki.ca_cert._get_certificates()[0]?.raw ?? new Uint8Array());
    const der = new X509Certificate();
    expect(der.load(der_file)).toBe(OK);
    expect(der.save_to_string()).toBe(pki.ca_cert.save_to_string());
  });

  it("returns the engine's codes for unreadable, unwritable and corrupt files", () => {
    const cap = capture_output();
    try {
      const cert = new X509Certificate();
      expect(cert.load(path.join(dir, "missing.crt"))).toBe(ERR_INVALID_PARAMETER);
      const garbage = path.join(dir, "garbage.crt");
      fs.writeFileSync(garbage, "garbage");
      expect(cert.load(garbage)).toBe(FAILED);
      expect(pki.ca_cert.save(path.join(dir, "no", "such", "dir", "x.crt"))).toBe(ERR_INVALID_PARAMETER);
      expect(new X509Certificate().save(path.join(dir, "empty.crt"))).toBe(FAILED);
      expect(cap.lines("error")).toHaveLength(4);
    } finally {
      cap.restore();
    }
  });

  it("writes nothing for an empty certificate", () => {
    expect(new X509Certificate().save_to_string()).toBe("");
  });
});
