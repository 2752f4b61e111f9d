/**
 * WebSocketServer (3.x) settings and state: listening twice, bind_ip
 * validation, the TLS members and bind_ip fixed while listening,
 * handshake_timeout, get_connection_status() and get_unique_id().
 */
import { afterEach, describe, expect, it } from "vitest";
import { ERR_ALREADY_IN_USE, OK, WebSocketServer } from "../../../src/godot3/index.js";
import { run_cleanups, until } from "../helpers/mp_pump.js";
import { errors_of, gd_server, record, self_signed } from "./gd_sides.js";
import { ws_client } from "./ws_peers.js";

afterEach(run_cleanups);

describe("listen / stop", () => {
  it("is ERR_ALREADY_IN_USE with one error line when already listening; listens again after stop()", () => {
    const { server, port } = gd_server();
    expect(port).toBeGreaterThan(0);
    expect(server.is_listening()).toBe(true);
    let err = OK;
    expect(errors_of(() => (err = server.listen(0)))).toHaveLength(1);
    expect(err).toBe(ERR_ALREADY_IN_USE);
    expect(server._get_local_port()).toBe(port);
    server.stop();
    expect(server.is_listening()).toBe(false);
    expect(server._get_local_port()).toBe(0);
    expect(server.listen(0)).toBe(OK);
    expect(server.is_listening()).toBe(true);
  });

  it("reports its status and is always peer 1", () => {
    const server = new WebSocketServer();
    expect(server.get_unique_id()).toBe(1);
    expect(server.get_connection_status()).toBe(WebSocketServer.CONNECTION_DISCONNECTED);
    const listening = gd_server().server;
    expect(listening.get_connection_status()).toBe(WebSocketServer.CONNECTION_CONNECTED);
    expect(listening.get_unique_id()).toBe(1);
    listening.stop();
    expect(listening.get_connection_status()).toBe(WebSocketServer.CONNECTION_DISCONNECTED);
  });
});

describe("bind_ip", () => {
  it('defaults to "*", takes IP addresses and refuses anything else with one error line', () => {
    const server = new WebSocketServer();
    expect(server.bind_ip).toBe("*");
    server.bind_ip = "::1";
    expect(server.get_bind_ip()).toBe("::1");
    server.set_bind_ip("127.0.0.1");
    expect(server.bind_ip).toBe("127.0.0.1");
    for (const bad of ["nope", "", "256.1.1.1", "localhost"]) {
      expect(errors_of(() => server.set_bind_ip(bad)), bad).toHaveLength(1);
    }
    expect(server.bind_ip).toBe("127.0.0.1");
    server.bind_ip = "*";
    expect(server.bind_ip).toBe("*");
  });

  it("listens on the chosen address and cannot change while listening", async () => {
    const { server, port } = gd_server((s) => {
      s.bind_ip = "127.0.0.1";
    });
    const seen = record(server, ["client_connected"]);
    const ws = ws_client(`ws://127.0.0.1:${port}/`);
    await until(() => ws.open && seen.length === 1, "client connected", [server]);
    expect(errors_of(() => server.set_bind_ip("*"))).toHaveLength(1);
    expect(server.bind_ip).toBe("127.0.0.1");
  });
});

describe("TLS members", () => {
  it("private_key, ssl_certificate and ca_chain cannot change while listening (one error line each)", () => {
    const { key, cert } = self_signed("localhost");
    const { server } = gd_server();
    expect(errors_of(() => server.set_private_key(key))).toHaveLength(1);
    expect(errors_of(() => server.set_ssl_certificate(cert))).toHaveLength(1);
    expect(errors_of(() => server.set_ca_chain(cert))).toHaveLength(1);
    expect([server.private_key, server.ssl_certificate, server.ca_chain]).toEqual([null, null, null]);
    server.stop();
    server.private_key = key;
    server.ssl_certificate = cert;
    server.ca_chain = cert;
    expect(server.get_private_key()).toBe(key);
    expect(server.get_ssl_certificate()).toBe(cert);
    expect(server.get_ca_chain()).toBe(cert);
  });
});

describe("handshake_timeout", () => {
  it("defaults to 3.0 seconds and refuses values <= 0 with one error line", () => {
    const server = new WebSocketServer();
    expect(server.handshake_timeout).toBe(3.0);
    for (const bad of [0, -1, Number.NaN]) {
      expect(errors_of(() => server.set_handshake_timeout(bad)), String(bad)).toHaveLength(1);
    }
    expect(server.get_handshake_timeout()).toBe(3.0);
    server.handshake_timeout = 0.25;
    expect(server.handshake_timeout).toBe(0.25);
  });
});
