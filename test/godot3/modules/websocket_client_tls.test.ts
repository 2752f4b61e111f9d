/**
 * wss:// between a 3.x WebSocketClient and a 3.x WebSocketServer set up the
 * Godot 3 way: the server's private_key and ssl_certificate from a
 * self-signed certificate made with Crypto, the client verifying against
 * trusted_ssl_certificate, failing without it, or not verifying at all
 * (verify_ssl = false).
 */
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type CryptoKey, OK, WebSocketClient, type WebSocketServer, type X509Certificate } from "../../../src/godot3/index.js";
import { run_cleanups, settle, until } from "../helpers/mp_pump.js";
import { CLIENT_SIGNALS, SERVER_SIGNALS, capture_errors, errors_of, gd_client, gd_server, record, self_signed } from "./gd_sides.js";

afterEach(run_cleanups);

let key: CryptoKey;
let cert: X509Certificate;

beforeAll(() => {
  ({ key, cert } = self_signed("localhost"));
});

function wss_server(): { server: WebSocketServer; url: string; seen: string[] } {
  const { server, port } = gd_server((s) => {
    s.private_key = key;
    s.ssl_certificate = cert;
  });
  return { server, url: `wss://localhost:${port}/`, seen: record(server, SERVER_SIGNALS) };
}

/** Connects a client set up by `setup` and polls both sides until the client reports an outcome. */
async function attempt(setup: (c: WebSocketClient) => void) {
  const { server, url, seen: server_seen } = wss_server();
  const client = gd_client(setup);
  const seen = record(client, CLIENT_SIGNALS);
  expect(client.connect_to_url(url)).toBe(OK);
  await until(() => seen.length > 0, "connection_established or connection_error", [server, client]);
  return { server, client, seen, server_seen };
}

describe("wss:// with a self-signed certificate", () => {
  it("connects when the client trusts the certificate, and data flows both ways", async () => {
    const { server, client, seen, server_seen } = await attempt((c) => {
      c.trusted_ssl_certificate = cert;
    });
    expect(seen).toEqual(["connection_established "]);
    await until(() => server_seen.length === 1, "client_connected", [server, client]);
    const id = Number(server_seen[0]?.split(" ")[1]);
    expect(client.get_peer(1)?.put_packet(Uint8Array.of(1, 2))).toBe(OK);
    expect(server.get_peer(id)?.put_packet(Uint8Array.of(3))).toBe(OK);
    await until(() => server_seen.length === 2 && seen.length === 2, "data_received on both sides", [server, client]);
    expect(server.get_peer(id)?.get_packet()).toEqual(Uint8Array.of(1, 2));
    expect(client.get_peer(1)?.get_packet()).toEqual(Uint8Array.of(3));
  });

  it("fails with connection_error when verify_ssl is on and nothing trusts the certificate; the server emits nothing", async () => {
    const errors = capture_errors();
    const { server, client, seen, server_seen } = await attempt((c) => expect(c.verify_ssl).toBe(true));
    expect(seen).toEqual(["connection_error"]);
    expect(client.get_connection_status()).toBe(WebSocketClient.CONNECTION_DISCONNECTED);
    expect(errors.lines().length).toBeGreaterThan(0);
    await settle([server, client]);
    expect(server_seen).toEqual([]);
  });

  it("connects without verification when verify_ssl is false", async () => {
    const { seen } = await attempt((c) => {
      c.verify_ssl = false;
      expect(c.is_verify_ssl_enabled()).toBe(false);
    });
    expect(seen).toEqual(["connection_established "]);
  });

  it("refuses set_trusted_ssl_certificate while connected, with one error line", async () => {
    const { client, seen } = await attempt((c) => {
      c.verify_ssl = false;
    });
    expect(seen).toEqual(["connection_established "]);
    expect(errors_of(() => client.set_trusted_ssl_certificate(cert))).toHaveLength(1);
    expect(client.trusted_ssl_certificate).toBeNull();
  });
});
