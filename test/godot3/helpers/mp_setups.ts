/**
 * The two three-party arrangements the protocol tests start from, built one
 * client at a time so each join sequence is deterministic:
 * a gdnet WebSocketServer with `ws` clients, and a `ws` server with gdnet
 * WebSocketClients. Everything made here is closed by run_cleanups().
 */
import { OK, WebSocketClient, WebSocketServer } from "../../../src/godot3/index.js";
import { GdMpRecorder } from "./gd_mp_recorder.js";
import { on_cleanup, until } from "./mp_pump.js";
import { WsGodot3MpClient } from "./ws_godot3_mp_client.js";
import { WsGodot3MpServer } from "./ws_godot3_mp_server.js";

/** A gdnet 3.x server in multiplayer mode on 127.0.0.1 and a free port. */
export function gd_mp_server(): { server: GdMpRecorder<WebSocketServer>; url: string } {
  const mp = new WebSocketServer();
  mp.bind_ip = "127.0.0.1";
  const err = mp.listen(0, [], true);
  if (err !== OK) throw new Error(`listen failed: ${err}`);
  on_cleanup(() => mp.stop());
  return { server: new GdMpRecorder(mp), url: `ws://127.0.0.1:${mp._get_local_port()}` };
}

/**
 * Connects a `ws` client to a gdnet server and waits until the server
 * announced it and the client has heard about everyone already there
 * (`expected_peers` SYS_ADDs: the server and the earlier clients).
 */
export async function join_ws_client(server: GdMpRecorder<WebSocketServer>, url: string, expected_peers: number): Promise<WsGodot3MpClient> {
  const before = server.connected.length;
  const client = WsGodot3MpClient.connect(url);
  on_cleanup(() => client.terminate());
  await until(
    () => client.id !== 0 && client.added.length === expected_peers && server.connected.length === before + 1,
    `ws client joins (${expected_peers} peers announced)`,
    [server],
  );
  return client;
}

/** A gdnet server with `n` ws clients, joined in order. */
export async function gd_server_with_ws_clients(n: number): Promise<{ server: GdMpRecorder<WebSocketServer>; url: string; clients: WsGodot3MpClient[] }> {
  const { server, url } = gd_mp_server();
  const clients: WsGodot3MpClient[] = [];
  for (let i = 0; i < n; i++) clients.push(await join_ws_client(server, url, 1 + i));
  // The earlier clients learn about the later ones too.
  await until(() => clients.every((c) => c.added.length === n), "every ws client knows every peer", [server]);
  return { server, url, clients };
}

/** The same with the three clients named A, B, C (in join order). */
export async function gd_server_with_abc(): Promise<{
  server: GdMpRecorder<WebSocketServer>;
  a: WsGodot3MpClient;
  b: WsGodot3MpClient;
  c: WsGodot3MpClient;
}> {
  const { server, clients } = await gd_server_with_ws_clients(3);
  const [a, b, c] = clients as [WsGodot3MpClient, WsGodot3MpClient, WsGodot3MpClient];
  return { server, a, b, c };
}

export async function ws_mp_server(): Promise<WsGodot3MpServer> {
  const server = await WsGodot3MpServer.start();
  on_cleanup(() => server.shutdown());
  return server;
}

/** A gdnet 3.x client in multiplayer mode, connecting to `url` (not waited for). */
export function gd_mp_client(url: string): GdMpRecorder<WebSocketClient> {
  const mp = new WebSocketClient();
  const err = mp.connect_to_url(url, [], true);
  if (err !== OK) throw new Error(`connect_to_url failed: ${err}`);
  on_cleanup(() => mp.disconnect_from_host());
  return new GdMpRecorder(mp);
}

/**
 * A ws server with `n` gdnet clients joined in order; waits until every
 * client has seen the server and all the others.
 */
export async function ws_server_with_gd_clients(n: number): Promise<{ server: WsGodot3MpServer; clients: GdMpRecorder<WebSocketClient>[] }> {
  const server = await ws_mp_server();
  const clients: GdMpRecorder<WebSocketClient>[] = [];
  for (let i = 0; i < n; i++) {
    const client = gd_mp_client(server.url);
    clients.push(client);
    await until(() => client.count("connection_succeeded") === 1 && server.joined.length === i + 1, `gdnet client ${i} connects`, clients);
  }
  await until(() => clients.every((c) => c.connected.length === n), "every gdnet client knows every peer", clients);
  return { server, clients };
}

/** The same with the three gdnet clients named A, B, C (in join order). */
export async function ws_server_with_abc(): Promise<{
  server: WsGodot3MpServer;
  a: GdMpRecorder<WebSocketClient>;
  b: GdMpRecorder<WebSocketClient>;
  c: GdMpRecorder<WebSocketClient>;
  all: GdMpRecorder<WebSocketClient>[];
}> {
  const { server, clients } = await ws_server_with_gd_clients(3);
  const [a, b, c] = clients as [GdMpRecorder<WebSocketClient>, GdMpRecorder<WebSocketClient>, GdMpRecorder<WebSocketClient>];
  return { server, a, b, c, all: clients };
}
