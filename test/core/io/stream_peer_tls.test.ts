/**
 * StreamPeerTLS over real loopback sockets, using gdnet's own TCPServer and
 * StreamPeerTCP, with a throw-away CA (test/helpers/test_pki.ts).
 */
import * as net from "node:net";
import * as tls from "node:tls";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { Crypto } from "../../../src/core/crypto/crypto.js";
import { register_tls_types } from "../../../src/core/crypto/register_crypto_types.js";
import { TLSOptions } from "../../../src/core/crypto/tls_options.js";
import {
  ERR_ALREADY_IN_USE,
  ERR_FILE_EOF,
  ERR_INVALID_PARAMETER,
  ERR_UNCONFIGURED,
  FAILED,
  OK,
} from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import { wait_for_io } from "../../../src/core/io/io_wait.js";
import { register_io_types } from "../../../src/core/io/register_io_types.js";
import { StreamPeerBuffer } from "../../../src/core/io/stream_peer_buffer.js";
import { StreamPeerTCP, tcp_settings } from "../../../src/core/io/stream_peer_tcp.js";
import { StreamPeerTLS } from "../../../src/core/io/stream_peer_tls.js";
import { TCPServer } from "../../../src/core/io/tcp_server.js";
import { ClassDB } from "../../../src/core/object/class_db.js";
import { register_core_types } from "../../../src/core/register_core_types.js";
import { make_test_pki, type TestPki } from "../../helpers/test_pki.js";

const { STATUS_DISCONNECTED, STATUS_HANDSHAKING, STATUS_CONNECTED, STATUS_ERROR, STATUS_ERROR_HOSTNAME_MISMATCH } = StreamPeerTLS;

let pki: TestPki;
let other: TestPki;
let ipv6 = false;
const cleanup: (() => void)[] = [];

beforeAll(async () => {
  register_core_types();
  register_io_types();
  register_tls_types();
  pki = make_test_pki();
  other = make_test_pki({ ca_name: "CN=untrusted CA" });
  ipv6 = await new Promise<boolean>((resolve) => {
    const probe = net.createServer();
    probe.once("error", () => resolve(false));
    probe.listen(0, "::1", () => probe.close(() => resolve(true)));
  });
});

afterEach(async () => {
  const cap = capture_output(); // closing peers in error states may print; not what these tests check
  try {
    for (const fn of cleanup.splice(0).reverse()) fn();
  } finally {
    cap.restore();
  }
  // Every socket and server of the test is closed (close_gracefully waits for the peer's FIN).
  await until(() => count_net_handles() === 0, "sockets to close");
});

function count_net_handles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap" || r === "TCPServerWrap").length;
}

/** Polls `step` after every burst of I/O until it returns true; fails after a generous safety limit. */
async function until(step: () => boolean, what: string): Promise<void> {
  const give_up = Date.now() + 20_000;
  while (!step()) {
    if (Date.now() > give_up) throw new Error(`gave up waiting for ${what}`);
    await wait_for_io(50);
  }
}

function poll_active(...peers: StreamPeerTLS[]): void {
  for (const p of peers) {
    const s = p.get_status();
    if (s === STATUS_HANDSHAKING || s === STATUS_CONNECTED) p.poll();
  }
}

function server_options(): TLSOptions {
  return TLSOptions.server(pki.server_key, pki.server_chain);
}

interface Pair {
  client_tcp: StreamPeerTCP;
  server_tcp: StreamPeerTCP;
  client: StreamPeerTLS;
  server: StreamPeerTLS;
}

/** Two connected TCP peers over loopback (not yet TLS). */
async function tcp_pair(host = "127.0.0.1"): Promise<{ client_tcp: StreamPeerTCP; server_tcp: StreamPeerTCP }> {
  const server = new TCPServer();
  expect(server.listen(0, host)).toBe(OK);
  cleanup.push(() => server.stop());
  const client_tcp = new StreamPeerTCP();
  expect(client_tcp.connect_to_host(host, server.get_local_port())).toBe(OK);
  cleanup.push(() => client_tcp.disconnect_from_host());
  await until(() => {
    client_tcp.poll();
    return client_tcp.get_status() === StreamPeerTCP.STATUS_CONNECTED && server.is_connection_available();
  }, "TCP connection");
  const server_tcp = server.take_connection();
  if (server_tcp === null) throw new Error("no connection");
  cleanup.push(() => server_tcp.disconnect_from_host());
  return { client_tcp, server_tcp };
}

/** Starts TLS on both ends and polls until neither is handshaking. */
async function tls_pair(common_name: string, client_options: TLSOptions | null, host = "127.0.0.1", server_opts = server_options()): Promise<Pair> {
  const { client_tcp, server_tcp } = await tcp_pair(host);
  const server = new StreamPeerTLS();
  const client = new StreamPeerTLS();
  cleanup.push(() => client.disconnect_from_stream());
  cleanup.push(() => server.disconnect_from_stream());
  expect(server.accept_stream(server_tcp, server_opts)).toBe(OK);
  // The handshake is not done yet: the server reports it (the engine would say CONNECTED here).
  expect(server.get_status()).toBe(STATUS_HANDSHAKING);
  expect(client.connect_to_stream(client_tcp, common_name, client_options)).toBe(OK);
  expect(client.get_status()).toBe(STATUS_HANDSHAKING);
  await until(() => {
    poll_active(client, server);
    return client.get_status() !== STATUS_HANDSHAKING && server.get_status() !== STATUS_HANDSHAKING;
  }, "handshake");
  return { client_tcp, server_tcp, client, server };
}

/** Reads exactly `n` bytes from `peer`, polling as needed. */
async function read_exactly(peer: StreamPeerTLS, n: number, others: StreamPeerTLS[] = []): Promise<Uint8Array> {
  const out = new Uint8Array(n);
  let got = 0;
  await until(() => {
    poll_active(peer, ...others);
    const [err, data] = peer.get_partial_data(n - got);
    expect(err).toBe(OK);
    out.set(data, got);
    got += data.length;
    return got === n;
  }, `${n} bytes`);
  return out;
}

function quiet<T>(fn: () => T): { value: T; errors: string[] } {
  const cap = capture_output();
  try {
    return { value: fn(), errors: cap.lines("error") };
  } finally {
    cap.restore();
  }
}

describe("StreamPeerTLS registration", () => {
  it("is a StreamPeer with the engine's enum and methods", () => {
    expect(ClassDB.get_parent_class("StreamPeerTLS")).toBe("StreamPeer");
    expect(ClassDB.class_get_enum_constants("StreamPeerTLS", "Status")).toEqual([
      "STATUS_DISCONNECTED",
      "STATUS_HANDSHAKING",
      "STATUS_CONNECTED",
      "STATUS_ERROR",
      "STATUS_ERROR_HOSTNAME_MISMATCH",
    ]);
    expect(ClassDB.class_get_integer_constant("StreamPeerTLS", "STATUS_ERROR_HOSTNAME_MISMATCH")).toBe(4);
    expect(StreamPeerTLS.Status.STATUS_CONNECTED).toBe(2);
    const connect = ClassDB.class_get_method("StreamPeerTLS", "connect_to_stream");
    expect(connect?.args.map((a) => [a.name, a.type, a.default])).toEqual([
      ["stream", "StreamPeer", undefined],
      ["common_name", "String", undefined],
      ["client_options", "TLSOptions", "null"],
    ]);
    const peer = new StreamPeerTLS();
    expect(peer.get_status()).toBe(STATUS_DISCONNECTED);
    expect(peer.get_stream()).toBeNull();
  });
});

describe("StreamPeerTLS handshakes", () => {
  it("connects with a CA-signed certificate and exchanges data both ways", async () => {
    const { client, server, client_tcp, server_tcp } = await tls_pair("localhost", TLSOptions.client(pki.ca_cert));
    expect(client.get_status()).toBe(STATUS_CONNECTED);
    expect(server.get_status()).toBe(STATUS_CONNECTED);
    expect(client.get_stream()).toBe(client_tcp);
    expect(server.get_stream()).toBe(server_tcp);
    expect(client._get_socket_stream()).not.toBeNull();

    expect(client.put_data(new TextEncoder().encode("ping from client"))).toBe(OK);
    expect(new TextDecoder().decode(await read_exactly(server, 16, [client]))).toBe("ping from client");
    server.put_utf8_string("pong from server ✓");
    await until(() => {
      poll_active(client, server);
      return client.get_available_bytes() >= 4 + new TextEncoder().encode("pong from server ✓").length;
    }, "reply");
    expect(client.get_utf8_string()).toBe("pong from server ✓");
    expect(client.get_available_bytes()).toBe(0);
  });

  it("carries a megabyte each way intact", async () => {
    const { client, server } = await tls_pair("localhost", TLSOptions.client(pki.ca_cert));
    const up = new Uint8Array(1 << 20).map((_, i) => (i * 7) & 0xff);
    const down = new Uint8Array(1 << 20).map((_, i) => (i * 13 + 5) & 0xff);
    expect(client.put_data(up)).toBe(OK);
    expect(server.put_data(down)).toBe(OK);
    const [at_server, at_client] = await Promise.all([read_exactly(server, up.length, [client]), read_exactly(client, down.length, [server])]);
    expect(Buffer.from(at_server).equals(Buffer.from(up))).toBe(true);
    expect(Buffer.from(at_client).equals(Buffer.from(down))).toBe(true);
  });

  it("verifies an IP address against the certificate's IP subjectAltName", async () => {
    const { client } = await tls_pair("127.0.0.1", TLSOptions.client(pki.ca_cert));
    expect(client.get_status()).toBe(STATUS_CONNECTED);
  });

  it("works over IPv6 loopback", async (ctx) => {
    if (!ipv6) ctx.skip();
    const { client, server } = await tls_pair("::1", TLSOptions.client(pki.ca_cert), "::1");
    expect(client.get_status()).toBe(STATUS_CONNECTED);
    client.put_u32(0xdeadbeef);
    await until(() => {
      poll_active(client, server);
      return server.get_available_bytes() >= 4;
    }, "4 bytes");
    expect(server.get_u32()).toBe(0xdeadbeef);
  });

  it("refuses a certificate for another host name with STATUS_ERROR_HOSTNAME_MISMATCH", async () => {
    const cap = capture_output();
    try {
      const { client, server } = await tls_pair("example.com", TLSOptions.client(pki.ca_cert));
      expect(client.get_status()).toBe(STATUS_ERROR_HOSTNAME_MISMATCH);
      expect(client.get_stream()).toBeNull();
      expect(cap.lines("error").some((l) => l.includes("TLS handshake error"))).toBe(true);
      // The server sees the connection go away, whether or not it finished its side of the handshake.
      await until(() => {
        poll_active(server);
        return server.get_status() !== STATUS_CONNECTED;
      }, "server to notice");
      expect([STATUS_DISCONNECTED, STATUS_ERROR]).toContain(server.get_status());
    } finally {
      cap.restore();
    }
  });

  it("refuses a certificate from a CA it does not trust with STATUS_ERROR", async () => {
    const cap = capture_output();
    try {
      const { client } = await tls_pair("localhost", TLSOptions.client(other.ca_cert));
      expect(client.get_status()).toBe(STATUS_ERROR);
      const defaults = await tls_pair("localhost", null); // TLSOptions.client(): the default CA store
      expect(defaults.client.get_status()).toBe(STATUS_ERROR);
      // One line per refusal naming the reason (and one per server seeing the client hang up).
      expect(cap.lines("error").filter((l) => l.includes("SELF_SIGNED_CERT_IN_CHAIN"))).toHaveLength(2);
    } finally {
      cap.restore();
    }
  });

  it("client_unsafe() accepts any certificate and any name", async () => {
    const { client, server } = await tls_pair("example.com", TLSOptions.client_unsafe());
    expect(client.get_status()).toBe(STATUS_CONNECTED);
    client.put_data(new Uint8Array([1, 2, 3]));
    expect([...(await read_exactly(server, 3, [client]))]).toEqual([1, 2, 3]);
  });

  it("client_unsafe(chain) checks the chain but not the name", async () => {
    expect((await tls_pair("example.com", TLSOptions.client_unsafe(pki.ca_cert))).client.get_status()).toBe(STATUS_CONNECTED);
    const cap = capture_output();
    try {
      expect((await tls_pair("localhost", TLSOptions.client_unsafe(other.ca_cert))).client.get_status()).toBe(STATUS_ERROR);
    } finally {
      cap.restore();
    }
  });

  it("client(ca, common_name_override) checks the override instead of the connect name", async () => {
    expect((await tls_pair("example.com", TLSOptions.client(pki.ca_cert, "localhost"))).client.get_status()).toBe(STATUS_CONNECTED);
    const cap = capture_output();
    try {
      const { client } = await tls_pair("localhost", TLSOptions.client(pki.ca_cert, "example.com"));
      expect(client.get_status()).toBe(STATUS_ERROR_HOSTNAME_MISMATCH);
    } finally {
      cap.restore();
    }
  });

  it("works with the engine's usual setup: generate_rsa + self-signed certificate, pinned by the client", async () => {
    const crypto = new Crypto();
    const key = crypto.generate_rsa(2048);
    const cert = crypto.generate_self_signed_certificate(key, "CN=myserver,O=myorganisation,C=IT", "20200101000000", "20400101000000");
    expect(cert).not.toBeNull();
    const server_opts = TLSOptions.server(key, cert);
    const { client, server } = await tls_pair("myserver", TLSOptions.client(cert), "127.0.0.1", server_opts);
    expect(client.get_status()).toBe(STATUS_CONNECTED);
    expect(server.get_status()).toBe(STATUS_CONNECTED);
  });

  it("accepts a ClientHello that arrived before accept_stream()", async () => {
    const { client_tcp, server_tcp } = await tcp_pair();
    const client = new StreamPeerTLS();
    const server = new StreamPeerTLS();
    cleanup.push(() => client.disconnect_from_stream());
    cleanup.push(() => server.disconnect_from_stream());
    expect(client.connect_to_stream(client_tcp, "localhost", TLSOptions.client(pki.ca_cert))).toBe(OK);
    await until(() => {
      client.poll();
      return server_tcp.get_available_bytes() > 0;
    }, "ClientHello at the server");
    expect(server.accept_stream(server_tcp, server_options())).toBe(OK);
    await until(() => {
      poll_active(client, server);
      return client.get_status() === STATUS_CONNECTED && server.get_status() === STATUS_CONNECTED;
    }, "handshake");
  });
});

describe("StreamPeerTLS server with other clients", () => {
  it("serves a TLS 1.2-only client, as Godot's mbedTLS is by default", async () => {
    const listener = new TCPServer();
    expect(listener.listen(0, "127.0.0.1")).toBe(OK);
    cleanup.push(() => listener.stop());
    const client = tls.connect({
      host: "127.0.0.1",
      port: listener.get_local_port(),
      servername: "localhost",
      ca: pki.ca_cert.save_to_string(),
      maxVersion: "TLSv1.2",
    });
    cleanup.push(() => client.destroy());
    const received: Buffer[] = [];
    client.on("data", (d: Buffer) => received.push(d));
    client.on("error", () => {});
    const server = new StreamPeerTLS();
    cleanup.push(() => server.disconnect_from_stream());
    await until(() => {
      poll_active(server);
      if (server.get_status() === STATUS_DISCONNECTED && listener.is_connection_available()) {
        const tcp = listener.take_connection();
        if (tcp !== null) {
          cleanup.push(() => tcp.disconnect_from_host());
          expect(server.accept_stream(tcp, server_options())).toBe(OK);
        }
      }
      return server.get_status() === STATUS_CONNECTED;
    }, "TLS 1.2 handshake");
    expect(client.getProtocol()).toBe("TLSv1.2");
    expect(server.put_data(new TextEncoder().encode("hello 1.2"))).toBe(OK);
    await until(() => Buffer.concat(received).toString() === "hello 1.2", "data at the client");
  });
});

describe("StreamPeerTLS over a TCP peer still connecting", () => {
  it("starts the handshake once TCP is up", async () => {
    const listener = new TCPServer();
    expect(listener.listen(0, "127.0.0.1")).toBe(OK);
    cleanup.push(() => listener.stop());
    const client_tcp = new StreamPeerTCP();
    expect(client_tcp.connect_to_host("127.0.0.1", listener.get_local_port())).toBe(OK);
    cleanup.push(() => client_tcp.disconnect_from_host());
    expect(client_tcp.get_status()).toBe(StreamPeerTCP.STATUS_CONNECTING);
    const client = new StreamPeerTLS();
    cleanup.push(() => client.disconnect_from_stream());
    expect(client.connect_to_stream(client_tcp, "localhost", TLSOptions.client(pki.ca_cert))).toBe(OK);
    const server = new StreamPeerTLS();
    cleanup.push(() => server.disconnect_from_stream());
    await until(() => {
      poll_active(client, server);
      if (server.get_status() === STATUS_DISCONNECTED && listener.is_connection_available()) {
        const tcp = listener.take_connection();
        if (tcp !== null) {
          cleanup.push(() => tcp.disconnect_from_host());
          expect(server.accept_stream(tcp, server_options())).toBe(OK);
        }
      }
      return client.get_status() === STATUS_CONNECTED && server.get_status() === STATUS_CONNECTED;
    }, "handshake after connect");
  });

  it("reports STATUS_ERROR when the TCP connect times out (the TCP peer's timeout still applies)", async () => {
    const saved = { ...tcp_settings };
    tcp_settings.lookup = () => {}; // a resolver that never answers: the connect stays pending
    tcp_settings.connect_timeout_seconds = 0.2;
    cleanup.push(() => Object.assign(tcp_settings, saved));
    const client_tcp = new StreamPeerTCP();
    expect(client_tcp.connect_to_host("never.resolves.test", 443)).toBe(OK);
    cleanup.push(() => client_tcp.disconnect_from_host());
    const client = new StreamPeerTLS();
    expect(client.connect_to_stream(client_tcp, "never.resolves.test", TLSOptions.client(pki.ca_cert))).toBe(OK);
    const cap = capture_output();
    try {
      await until(() => {
        poll_active(client);
        return client.get_status() !== STATUS_HANDSHAKING;
      }, "connect timeout");
      expect(client.get_status()).toBe(STATUS_ERROR);
      expect(cap.lines("error").some((l) => l.includes("TCP connection failed"))).toBe(true);
    } finally {
      cap.restore();
    }
  });

  it("reports STATUS_ERROR when the TCP connection is refused", async () => {
    // A port that was just free: nothing listens there any more.
    const probe = net.createServer();
    const port = await new Promise<number>((resolve) => probe.listen(0, "127.0.0.1", () => resolve((probe.address() as net.AddressInfo).port)));
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const client_tcp = new StreamPeerTCP();
    expect(client_tcp.connect_to_host("127.0.0.1", port)).toBe(OK);
    cleanup.push(() => client_tcp.disconnect_from_host());
    const client = new StreamPeerTLS();
    expect(client.connect_to_stream(client_tcp, "localhost", TLSOptions.client(pki.ca_cert))).toBe(OK);
    const cap = capture_output();
    try {
      await until(() => {
        poll_active(client);
        return client.get_status() !== STATUS_HANDSHAKING;
      }, "refusal");
      expect(client.get_status()).toBe(STATUS_ERROR);
      expect(cap.lines("error").some((l) => l.includes("ECONNREFUSED"))).toBe(true);
    } finally {
      cap.restore();
    }
  });
});

describe("StreamPeerTLS closing", () => {
  it("close_notify: the peer reads what was sent, then ERR_FILE_EOF, and is DISCONNECTED", async () => {
    const { client, server } = await tls_pair("localhost", TLSOptions.client(pki.ca_cert));
    expect(server.put_data(new TextEncoder().encode("last words"))).toBe(OK);
    server.disconnect_from_stream();
    expect(server.get_status()).toBe(STATUS_DISCONNECTED);
    expect(server.get_stream()).toBeNull();
    // The close arrives; the unread data keeps the client CONNECTED until it is read.
    await until(() => {
      client.poll();
      return client._get_socket_stream()?.ended === true;
    }, "close_notify");
    client.poll();
    expect(client.get_status()).toBe(STATUS_CONNECTED);
    const [err, data] = client.get_partial_data(100);
    expect(err).toBe(OK);
    expect(new TextDecoder().decode(data)).toBe("last words");
    const [eof, rest] = client.get_partial_data(100);
    expect(eof).toBe(ERR_FILE_EOF);
    expect(rest.length).toBe(0);
    expect(client.get_status()).toBe(STATUS_DISCONNECTED);
    expect(client.get_stream()).toBeNull();
  });

  it("poll() alone notices the close once everything was read", async () => {
    const { client, server } = await tls_pair("localhost", TLSOptions.client(pki.ca_cert));
    client.disconnect_from_stream();
    await until(() => {
      poll_active(server);
      return server.get_status() === STATUS_DISCONNECTED;
    }, "server to see the close");
  });

  it("disconnecting the TCP peer underneath ends the TLS session", async () => {
    const { client, server, client_tcp } = await tls_pair("localhost", TLSOptions.client(pki.ca_cert));
    client_tcp.disconnect_from_host();
    expect(client_tcp.get_status()).toBe(StreamPeerTCP.STATUS_NONE);
    // The TLS session ends with it (close_notify is still sent).
    expect(client.get_status()).toBe(STATUS_DISCONNECTED);
    expect(client.get_stream()).toBeNull();
    await until(() => {
      poll_active(server);
      return server.get_status() === STATUS_DISCONNECTED;
    }, "server to see the close");
  });

  it("a session can start again on a new connection after a disconnect", async () => {
    const first = await tls_pair("localhost", TLSOptions.client(pki.ca_cert));
    first.client.disconnect_from_stream();
    const { client_tcp, server_tcp } = await tcp_pair();
    const server = new StreamPeerTLS();
    cleanup.push(() => server.disconnect_from_stream());
    expect(server.accept_stream(server_tcp, server_options())).toBe(OK);
    expect(first.client.connect_to_stream(client_tcp, "localhost", TLSOptions.client(pki.ca_cert))).toBe(OK);
    await until(() => {
      poll_active(first.client, server);
      return first.client.get_status() === STATUS_CONNECTED && server.get_status() === STATUS_CONNECTED;
    }, "second handshake");
    // Closing the first TCP connection does not touch the new session.
    first.client_tcp.disconnect_from_host();
    expect(first.client.get_status()).toBe(STATUS_CONNECTED);
    expect(first.client.get_stream()).toBe(client_tcp);
  });
});

describe("StreamPeerTLS errors", () => {
  it("rejects server options on connect and client options on accept", async () => {
    const { client_tcp, server_tcp } = await tcp_pair();
    const peer = new StreamPeerTLS();
    const { value, errors } = quiet(() => [
      peer.connect_to_stream(client_tcp, "localhost", server_options()),
      peer.accept_stream(server_tcp, TLSOptions.client()),
      peer.accept_stream(server_tcp, null),
      peer.accept_stream(server_tcp, TLSOptions.server(null, pki.server_cert)),
      peer.accept_stream(server_tcp, TLSOptions.server(other.server_key, pki.server_cert)),
    ]);
    expect(value).toEqual([ERR_INVALID_PARAMETER, ERR_INVALID_PARAMETER, ERR_INVALID_PARAMETER, ERR_INVALID_PARAMETER, ERR_INVALID_PARAMETER]);
    expect(errors).toHaveLength(5);
    expect(peer.get_status()).toBe(STATUS_DISCONNECTED);
    // The TCP peers were left alone: still usable as plain TCP.
    expect(client_tcp.put_data(new Uint8Array([42]))).toBe(OK);
    await until(() => server_tcp.get_available_bytes() === 1, "plain TCP byte");
    expect(server_tcp.get_u8()).toBe(42);
  });

  it("rejects a missing or unsuitable stream", () => {
    const peer = new StreamPeerTLS();
    const { value, errors } = quiet(() => [
      peer.connect_to_stream(null, "localhost"),
      peer.accept_stream(null, server_options()),
      peer.connect_to_stream(new StreamPeerBuffer(), "localhost"),
    ]);
    expect(value).toEqual([ERR_INVALID_PARAMETER, ERR_INVALID_PARAMETER, ERR_INVALID_PARAMETER]);
    expect(errors).toHaveLength(3);
    // A TCP peer that is not connected.
    const idle = new StreamPeerTCP();
    const r = quiet(() => peer.connect_to_stream(idle, "localhost"));
    expect(r.value).toBe(FAILED);
    expect(peer.get_status()).toBe(STATUS_ERROR);
  });

  it("refuses to start twice, and to wrap a TCP peer another TLS stream holds", async () => {
    const { client_tcp } = await tcp_pair();
    const peer = new StreamPeerTLS();
    cleanup.push(() => peer.disconnect_from_stream());
    expect(peer.connect_to_stream(client_tcp, "localhost", TLSOptions.client(pki.ca_cert))).toBe(OK);
    const again = quiet(() => peer.connect_to_stream(client_tcp, "localhost"));
    expect(again.value).toBe(ERR_ALREADY_IN_USE);
    const second = new StreamPeerTLS();
    const taken = quiet(() => second.connect_to_stream(client_tcp, "localhost"));
    expect(taken.value).toBe(ERR_ALREADY_IN_USE);
    expect(second.get_status()).toBe(STATUS_DISCONNECTED);
  });

  it("I/O when not connected gives ERR_UNCONFIGURED", () => {
    const peer = new StreamPeerTLS();
    const { value, errors } = quiet(() => [
      peer.put_data(new Uint8Array([1])),
      peer.put_partial_data(new Uint8Array([1]))[0],
      peer.get_data(1)[0],
      peer.get_partial_data(1)[0],
      peer.get_available_bytes(),
    ]);
    expect(value).toEqual([ERR_UNCONFIGURED, ERR_UNCONFIGURED, ERR_UNCONFIGURED, ERR_UNCONFIGURED, 0]);
    expect(errors).toHaveLength(5);
    const polled = quiet(() => peer.poll());
    expect(polled.errors).toHaveLength(1);
  });

  it("I/O while handshaking gives ERR_UNCONFIGURED too", async () => {
    const { client_tcp } = await tcp_pair();
    const peer = new StreamPeerTLS();
    cleanup.push(() => peer.disconnect_from_stream());
    expect(peer.connect_to_stream(client_tcp, "localhost", TLSOptions.client(pki.ca_cert))).toBe(OK);
    const { value } = quiet(() => peer.put_data(new Uint8Array([1])));
    expect(value).toBe(ERR_UNCONFIGURED);
  });

  it("a server handshake with a client that speaks no TLS ends in STATUS_ERROR", async () => {
    const { client_tcp, server_tcp } = await tcp_pair();
    const server = new StreamPeerTLS();
    cleanup.push(() => server.disconnect_from_stream());
    expect(server.accept_stream(server_tcp, server_options())).toBe(OK);
    expect(client_tcp.put_data(new TextEncoder().encode("GET / HTTP/1.1\r\nHost: x\r\n\r\n"))).toBe(OK);
    const cap = capture_output();
    try {
      await until(() => {
        poll_active(server);
        return server.get_status() !== STATUS_HANDSHAKING;
      }, "server handshake failure");
      expect(server.get_status()).toBe(STATUS_ERROR);
      expect(cap.lines("error")).toHaveLength(1);
    } finally {
      cap.restore();
    }
  });
});
