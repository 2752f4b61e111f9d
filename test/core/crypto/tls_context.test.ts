/**
 * The TLSOptions → Node tls mapping, exercised with real handshakes over
 * loopback using plain Node sockets (StreamPeerTLS's own tests go through
 * gdnet's TCP classes).
 */
import * as net from "node:net";
import * as tls from "node:tls";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { Crypto } from "../../../src/core/crypto/crypto.js";
import { register_crypto_types } from "../../../src/core/crypto/register_crypto_types.js";
import { is_failure, make_client_config, make_server_context, type ClientConfig } from "../../../src/core/crypto/tls_context.js";
import { CryptoKey } from "../../../src/core/crypto/crypto_key.js";
import { TLSOptions } from "../../../src/core/crypto/tls_options.js";
import { X509Certificate } from "../../../src/core/crypto/x509_certificate.js";
import { ERR_INVALID_PARAMETER } from "../../../src/core/error/error_list.js";
import { register_core_types } from "../../../src/core/register_core_types.js";
import { make_test_pki, type TestPki } from "../../helpers/test_pki.js";

let pki: TestPki;
let other: TestPki;
const cleanup: (() => void)[] = [];

beforeAll(() => {
  register_core_types();
  register_crypto_types();
  pki = make_test_pki();
  other = make_test_pki({ ca_name: "CN=someone else's CA" });
});

afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

type Outcome = { ok: true; authorized: boolean } | { ok: false; code: string; hostname_mismatch: boolean };

/** One handshake against a server presenting `server_options`; resolves with what the client saw. */
async function handshake(common_name: string, client_options: TLSOptions, server_options = TLSOptions.server(pki.server_key, pki.server_chain)): Promise<Outcome> {
  const context = make_server_context(server_options);
  if (is_failure(context)) throw new Error(context.message);
  // tls.Server ignores a ready-made secureContext, so wrap accepted sockets as StreamPeerTLS does.
  const server = net.createServer((raw) => {
    const s = new tls.TLSSocket(raw, { isServer: true, secureContext: context });
    cleanup.push(() => s.destroy());
    s.on("error", () => {});
    s.on("secure", () => s.end("hello"));
  });
  cleanup.push(() => server.close());
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  const config = make_client_config(common_name, client_options);
  if (is_failure(config)) throw new Error(config.message);
  const { options, verdict } = config as ClientConfig;
  return new Promise<Outcome>((resolve) => {
    const socket = tls.connect({ ...options, host: "127.0.0.1", port });
    cleanup.push(() => socket.destroy());
    socket.on("secureConnect", () => resolve({ ok: true, authorized: socket.authorized }));
    socket.on("error", (e: NodeJS.ErrnoException) => resolve({ ok: false, code: e.code ?? "", hostname_mismatch: verdict.hostname_mismatch }));
  });
}

describe("TLS context mapping", () => {
  it("client(ca) verifies the chain and the host name", async () => {
    expect(await handshake("localhost", TLSOptions.client(pki.ca_cert))).toEqual({ ok: true, authorized: true });
    expect(await handshake("127.0.0.1", TLSOptions.client(pki.ca_cert))).toEqual({ ok: true, authorized: true });
  });

  it("client(ca) reports a wrong host name as a host name mismatch", async () => {
    const outcome = await handshake("example.com", TLSOptions.client(pki.ca_cert));
    expect(outcome).toEqual({ ok: false, code: "ERR_TLS_CERT_ALTNAME_INVALID", hostname_mismatch: true });
  });

  it("client(ca, override) checks the override instead of the connect name", async () => {
    expect(await handshake("example.com", TLSOptions.client(pki.ca_cert, "localhost"))).toMatchObject({ ok: true });
    expect(await handshake("localhost", TLSOptions.client(pki.ca_cert, "example.com"))).toMatchObject({ hostname_mismatch: true });
  });

  it("refuses a certificate from another CA, and not as a host name mismatch", async () => {
    const outcome = await handshake("localhost", TLSOptions.client(other.ca_cert));
    expect(outcome.ok).toBe(false);
    expect(outcome).toMatchObject({ hostname_mismatch: false });
  });

  it("client() uses the default CA store, which does not know the test CA", async () => {
    const outcome = await handshake("localhost", TLSOptions.client());
    expect(outcome).toMatchObject({ ok: false, hostname_mismatch: false });
  });

  it("client_unsafe() accepts anything; client_unsafe(ca) checks the chain only", async () => {
    expect(await handshake("example.com", TLSOptions.client_unsafe())).toEqual({ ok: true, authorized: false });
    expect(await handshake("example.com", TLSOptions.client_unsafe(pki.ca_cert))).toEqual({ ok: true, authorized: true });
    expect(await handshake("localhost", TLSOptions.client_unsafe(other.ca_cert))).toMatchObject({ ok: false });
  });

  it("an engine-style self-signed certificate is trusted by pinning it, with its CN as host name", async () => {
    const server = TLSOptions.server(pki.server_key, self_signed(pki.server_key));
    const pinned = server.get_own_certificate() as X509Certificate;
    expect(await handshake("myserver", TLSOptions.client(pinned), server)).toEqual({ ok: true, authorized: true });
    expect(await handshake("localhost", TLSOptions.client(pinned), server)).toMatchObject({ hostname_mismatch: true });
    expect(await handshake("localhost", TLSOptions.client(pinned, "myserver"), server)).toMatchObject({ ok: true });
  });

  it("rejects options of the wrong kind and unusable server options", () => {
    const fails = (v: unknown) => is_failure(v) && v.error === ERR_INVALID_PARAMETER;
    expect(fails(make_client_config("x", TLSOptions.server(pki.server_key, pki.server_cert)))).toBe(true);
    expect(fails(make_server_context(TLSOptions.client()))).toBe(true);
    expect(fails(make_server_context(TLSOptions.server(null, pki.server_cert)))).toBe(true);
    expect(fails(make_server_context(TLSOptions.server(pki.server_key, null)))).toBe(true);
    expect(fails(make_server_context(TLSOptions.server(new CryptoKey(), pki.server_cert)))).toBe(true);
    expect(fails(make_server_context(TLSOptions.server(pki.server_key, new X509Certificate())))).toBe(true);
    // Key and certificate that do not belong together.
    expect(fails(make_server_context(TLSOptions.server(other.server_key, pki.server_cert)))).toBe(true);
    const public_only = new CryptoKey();
    public_only.load_from_string(pki.server_key.save_to_string(true), true);
    expect(fails(make_server_context(TLSOptions.server(public_only, pki.server_cert)))).toBe(true);
  });
});

function self_signed(key: CryptoKey): X509Certificate {
  const cert = new Crypto().generate_self_signed_certificate(key, "CN=myserver,O=myorganisation,C=IT", "20200101000000", "20400101000000");
  if (cert === null) throw new Error("self-signed certificate failed");
  return cert;
}
