/**
 * A Godot 3 WebSocket chat client, ported line for line from the GDScript
 * of the 3.x demo's shape (a Node that owns a WebSocketClient, connects its
 * signals in _init, connects in _ready and polls in _process). It tells the
 * server its name ("/name NAME") once connected, sends lines with say()
 * in its write mode (text by default), logs every line it receives
 * ("(binary) " in front of binary ones) and leaves with Close 1000 "Bye".
 *
 * The CLI wrapper is examples/godot3/chat_client.ts.
 */
import { Node, OK, WebSocketClient, WebSocketPeer, WebSocketPeerWriteMode, print } from "../../../src/godot3/index.js";
import { get_string_from_utf8, to_utf8 } from "./gd_text.js";

export class ChatClient extends Node {
  // export var url = "ws://127.0.0.1:8000", export var nick = "guest", export var protocols = PoolStringArray()
  url = "ws://127.0.0.1:8000";
  nick = "guest";
  protocols: string[] = [];
  // var write_mode = WebSocketPeer.WRITE_MODE_TEXT
  write_mode: WebSocketPeerWriteMode = WebSocketPeer.WRITE_MODE_TEXT;
  /** Where _log() writes (print, as the GDScript does); tests collect the lines instead. */
  output: (line: string) => void = (line) => print(line);

  // var _client = WebSocketClient.new()
  readonly _client = new WebSocketClient();

  constructor() {
    super();
    this._init();
  }

  // func _init():
  //     _client.connect("connection_established", self, "_connected") ... one line per signal
  _init(): void {
    this._client.connect("connection_established", (protocol) => this._connected(protocol));
    this._client.connect("connection_closed", (was_clean) => this._closed(was_clean));
    this._client.connect("connection_error", () => this._connection_error());
    this._client.connect("server_close_request", (code, reason) => this._server_close_request(code, reason));
    this._client.connect("data_received", () => this._on_data());
  }

  // func _ready():
  //     var err = _client.connect_to_url(url, protocols)
  //     if err != OK: _log("Unable to connect"); set_process(false)
  override _ready(): void {
    const err = this._client.connect_to_url(this.url, this.protocols);
    if (err !== OK) {
      this._log(`Unable to connect to ${this.url} (error ${err})`);
      this.set_process(false);
    }
  }

  // func _process(delta):
  //     _client.poll()
  override _process(_delta: number): void {
    this._client.poll();
  }

  // func _exit_tree():
  //     _client.disconnect_from_host()
  override _exit_tree(): void {
    this._client.disconnect_from_host();
  }

  // func _connected(protocol):
  //     _client.get_peer(1).set_write_mode(write_mode)
  //     say("/name " + nick)
  _connected(protocol: string): void {
    this._client.get_peer(1)?.set_write_mode(this.write_mode);
    this._log(`Connected with protocol '${protocol}'`);
    this.say(`/name ${this.nick}`);
  }

  // func _server_close_request(code, reason):
  _server_close_request(code: number, reason: string): void {
    this._log(`Server closes the connection: code ${code}, reason '${reason}'`);
  }

  // func _closed(was_clean_close):
  //     set_process(false)
  _closed(was_clean_close: boolean): void {
    this._log(`Disconnected, clean: ${was_clean_close}`);
    this.set_process(false);
  }

  // func _connection_error():
  //     set_process(false)
  _connection_error(): void {
    this._log(`Could not connect to ${this.url}`);
    this.set_process(false);
  }

  // func _on_data():
  //     var peer = _client.get_peer(1)
  //     var text = peer.get_packet().get_string_from_utf8()
  //     _log(text if peer.was_string_packet() else "(binary) " + text)
  _on_data(): void {
    const peer = this._client.get_peer(1);
    if (!peer) return;
    const text = get_string_from_utf8(peer.get_packet());
    this._log(peer.was_string_packet() ? text : `(binary) ${text}`);
  }

  // func say(line):
  //     _client.get_peer(1).put_packet(line.to_utf8())
  say(line: string): void {
    this._client.get_peer(1)?.put_packet(to_utf8(line));
  }

  // func leave():
  //     _client.disconnect_from_host(1000, "Bye")
  leave(): void {
    this._client.disconnect_from_host(1000, "Bye");
  }

  // func _log(msg): print(msg)
  _log(message: string): void {
    this.output(message);
  }
}
