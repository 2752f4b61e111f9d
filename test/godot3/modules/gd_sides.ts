/**
 * gdnet 3.x sides for the class tests: a listening WebSocketServer, a
 * WebSocketClient connecting to a URL, a connected pair, a signal recorder
 * and error-line capture. Everything made here is closed after the test
 * (register run_cleanups in afterEach).
 */
import { Crypto, type CryptoKey, type X509Certificate, capture_output, OK } from "../../../src/godot3/index.js";
import { type GodotObject, WebSocketClient, WebSocketServer } from "../../../src/godot3/index.js";
import { on_cleanup, until } from "../helpers/mp_pump.js";

/** Records the named signals of `obj` as "name arg1 arg2" strings, in order. */
export function record(obj: GodotObject, names: readonly string[]): string[] {
  const seen: string[] = [];
  for (const name of names) {
    obj.connect(name, (...args: unknown[]) => void seen.push([name, ...args.map(String)].join(" ")));
  }
  return seen;
}

export const SERVER_SIGNALS = ["client_connected", "client_disconnected", "client_close_request", "data_received", "peer_connected", "peer_disconnected", "peer_packet"];
export const CLIENT_SIGNALS = ["connection_established", "connection_closed", "connection_error", "server_close_request", "data_received", "connection_succeeded", "connection_failed", "server_disconnected"];

/** A WebSocketServer listening on a free port (stopped after the test). */
export function gd_server(setup: (server: WebSocketServer) => void = () => {}, protocols: string[] = []): { server: WebSocketServer; port: number } {
  const server = new WebSocketServer();
  setup(server);
  on_cleanup(() => server.stop());
  const err = server.listen(0, protocols);
  if (err !== OK) throw new Error(`listen failed: ${err}`);
  return { server, port: server._get_local_port() };
}

/** A WebSocketClient (its connection dropped after the test). */
export function gd_client(setup: (client: WebSocketClient) => void = () => {}): WebSocketClient {
  const client = new WebSocketClient();
  setup(client);
  // Non-API drop: no closing handshake to wait for at cleanup (a disconnected client holds no socket).
  on_cleanup(() => {
    if (client.get_connection_status() !== WebSocketClient.CONNECTION_DISCONNECTED) client.get_peer(1)?._connection()?.close(-1);
  });
  return client;
}

/** A client's get_peer(1) without the error line when there is none yet. */
export function peer_of(client: WebSocketClient) {
  const peer = client.get_connection_status() === WebSocketClient.CONNECTION_DISCONNECTED ? null : client.get_peer(1);
  if (!peer) throw new Error("the client has no connection");
  return peer;
}

/** A gdnet client connected to `url`, polled until connection_established. */
export async function gd_connected(url: string, setup?: (client: WebSocketClient) => void, others: { poll(): void }[] = []): Promise<WebSocketClient> {
  const client = gd_client(setup);
  let open = false;
  client.connect("connection_established", () => void (open = true));
  if (client.connect_to_url(url) !== OK) throw new Error("connect_to_url failed");
  await until(() => open, "connection_established", [client, ...others]);
  return client;
}

/** A gdnet server and client connected to each other (plain mode), with the client's id. */
export async function gd_pair(setup: { server?: (s: WebSocketServer) => void; client?: (c: WebSocketClient) => void } = {}) {
  const { server, port } = gd_server(setup.server);
  const ids: number[] = [];
  server.connect("client_connected", (id: number) => void ids.push(id));
  const client = await gd_connected(`ws://127.0.0.1:${port}/`, setup.client, [server]);
  await until(() => ids.length === 1, "client_connected", [server, client]);
  return { server, port, client, id: ids[0] as number };
}

/** Runs `fn` and returns the error lines it printed. */
export function errors_of(fn: () => void): string[] {
  const cap = capture_output();
  try {
    fn();
    return cap.lines("error");
  } finally {
    cap.restore();
  }
}

/** A self-signed certificate made the way a Godot 3 project makes one (Crypto.generate_rsa + generate_self_signed_certificate). */
export function self_signed(common_name = "localhost"): { key: CryptoKey; cert: X509Certificate } {
  const crypto = new Crypto();
  const key = crypto.generate_rsa(2048);
  const cert = crypto.generate_self_signed_certificate(key, `CN=${common_name},O=gdnet tests,C=IT`, "20200101000000", "20400101000000");
  if (!key || !cert) throw new Error("certificate generation failed");
  return { key, cert };
}

/** Captures the error sink until the end of the test (for errors printed from inside a poll loop). */
export function capture_errors(): { lines: () => string[] } {
  const cap = capture_output();
  on_cleanup(() => cap.restore());
  return { lines: () => cap.lines("error") };
}
