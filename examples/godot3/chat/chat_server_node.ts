/**
 * A Godot 3 WebSocket chat server, ported line for line from the GDScript
 * everyone wrote from the 3.x demo (a Node that owns a WebSocketServer,
 * connects its signals in _init, listens in _ready and polls in _process).
 * Each line a client sends is relayed to every client as
 * "[ID] NAME: TEXT", in the type it came in (text stays text). Lines
 * starting with "/" are commands: "/name NAME" and "/kick ID" (closes that
 * client with code 4000, "Kicked"; anyone may kick, it's a demo).
 *
 * The CLI wrapper is examples/godot3/chat_server.ts.
 */
import { Node, OK, WebSocketPeer, WebSocketPeerWriteMode, WebSocketServer, print } from "../../../src/godot3/index.js";
import { get_string_from_utf8, to_utf8 } from "./gd_text.js";

export class ChatServer extends Node {
  // export var port = 8000, export var protocols = PoolStringArray()
  port = 8000;
  protocols: string[] = [];
  /** Where _log() writes (print, as the GDScript does); tests collect the lines instead. */
  output: (line: string) => void = (line) => print(line);

  // var _server = WebSocketServer.new()
  readonly _server = new WebSocketServer();
  // var _clients = {}   (id -> WebSocketPeer, only the clients we still talk to)
  readonly _clients = new Map<number, WebSocketPeer>();
  // var _names = {}
  readonly _names = new Map<number, string>();

  constructor() {
    super();
    this._init();
  }

  // func _init():
  //     _server.connect("client_connected", self, "_client_connected") ... one line per signal
  _init(): void {
    this._server.connect("client_connected", (id, protocol) => this._client_connected(id, protocol));
    this._server.connect("client_disconnected", (id, was_clean) => this._client_disconnected(id, was_clean));
    this._server.connect("client_close_request", (id, code, reason) => this._client_close_request(id, code, reason));
    this._server.connect("data_received", (id) => this._on_data(id));
  }

  // func _ready():
  //     var err = _server.listen(port, protocols)
  //     if err != OK: _log("Unable to start server"); set_process(false)
  override _ready(): void {
    const err = this._server.listen(this.port, this.protocols);
    if (err !== OK) {
      this._log(`Unable to start server on port ${this.port} (error ${err})`);
      this.set_process(false);
    }
  }

  // func _process(delta):
  //     if _server.is_listening(): _server.poll()
  override _process(_delta: number): void {
    if (this._server.is_listening()) this._server.poll();
  }

  // func _exit_tree():
  //     _clients.clear(); _server.stop()
  override _exit_tree(): void {
    this._clients.clear();
    this._server.stop();
  }

  // func _client_connected(id, protocol):
  //     _clients[id] = _server.get_peer(id); _names[id] = "guest"
  _client_connected(id: number, protocol: string): void {
    const peer = this._server.get_peer(id);
    if (!peer) return;
    this._clients.set(id, peer);
    this._names.set(id, "guest");
    this._log(`Client ${id} connected with protocol '${protocol}'`);
  }

  // func _client_close_request(id, code, reason):
  //     _clients.erase(id)   (it is leaving: stop sending to it)
  _client_close_request(id: number, code: number, reason: string): void {
    this._clients.delete(id);
    this._log(`Client ${id} is leaving: code ${code}, reason '${reason}'`);
  }

  // func _client_disconnected(id, was_clean_close):
  //     _clients.erase(id); _names.erase(id)
  _client_disconnected(id: number, was_clean_close: boolean): void {
    this._clients.delete(id);
    this._names.delete(id);
    this._log(`Client ${id} disconnected, clean: ${was_clean_close}`);
  }

  // func _on_data(id):
  //     var peer = _server.get_peer(id)
  //     var text = peer.get_packet().get_string_from_utf8()
  //     var mode = WebSocketPeer.WRITE_MODE_TEXT if peer.was_string_packet() else WebSocketPeer.WRITE_MODE_BINARY
  //     if text.begins_with("/"): _command(id, text) else: broadcast(...)
  _on_data(id: number): void {
    const peer = this._server.get_peer(id);
    if (!peer) return;
    const text = get_string_from_utf8(peer.get_packet());
    const is_string = peer.was_string_packet();
    const mode = is_string ? WebSocketPeer.WRITE_MODE_TEXT : WebSocketPeer.WRITE_MODE_BINARY;
    this._log(`Data from ${id} (${is_string ? "text" : "binary"}): ${text}`);
    if (text.startsWith("/")) this._command(id, text);
    else this.broadcast(`[${id}] ${this._names.get(id) ?? "guest"}: ${text}`, mode);
  }

  // func _command(id, line):
  //     var parts = line.split(" ", false, 1)
  //     match parts[0]: "/name": ..., "/kick": ..., _: reply "unknown command"
  _command(id: number, line: string): void {
    const space = line.indexOf(" ");
    const command = space < 0 ? line : line.slice(0, space);
    const arg = space < 0 ? "" : line.slice(space + 1).trim();
    switch (command) {
      case "/name":
        if (arg !== "") this._names.set(id, arg);
        break;
      case "/kick":
        this.kick(id, arg);
        break;
      default:
        this.send_to(id, `* unknown command ${command}`);
    }
  }

  // func kick(by, arg):
  //     var target = int(arg)
  //     if not _clients.has(target): send_to(by, "* no client " + arg); return
  //     _clients.erase(target); _server.disconnect_peer(target, 4000, "Kicked")
  kick(by: number, arg: string): void {
    const target = /^\d+$/.test(arg) ? Number(arg) : 0;
    if (!this._clients.has(target)) {
      this.send_to(by, `* no client ${arg}`);
      return;
    }
    this._clients.delete(target);
    this._log(`Client ${by} kicks ${target}`);
    this._server.disconnect_peer(target, 4000, "Kicked");
  }

  // func broadcast(line, mode):
  //     for id in _clients:
  //         _server.get_peer(id).set_write_mode(mode)
  //         _server.get_peer(id).put_packet(line.to_utf8())
  broadcast(line: string, mode: WebSocketPeerWriteMode = WebSocketPeer.WRITE_MODE_TEXT): void {
    for (const peer of this._clients.values()) {
      peer.set_write_mode(mode);
      peer.put_packet(to_utf8(line));
    }
  }

  // func send_to(id, line):  (replies to one client, always as text)
  send_to(id: number, line: string): void {
    const peer = this._clients.get(id);
    if (!peer) return;
    peer.set_write_mode(WebSocketPeer.WRITE_MODE_TEXT);
    peer.put_packet(to_utf8(line));
  }

  // func _log(msg): print(msg)
  _log(message: string): void {
    this.output(message);
  }
}
