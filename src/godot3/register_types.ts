/**
 * Registers the Godot 3 classes in gdnet/godot3's own ClassDB (their names
 * clash with Godot 4's), parents first. The core classes they build on are
 * registered by the core entry, which this imports.
 */
import "../index.js";
import { ClassDB } from "./core/object/class_db.js";
import { NetworkedMultiplayerPeer } from "./core/io/networked_multiplayer_peer.js";
import { WebSocketClient } from "./modules/websocket/websocket_client.js";
import { WebSocketMultiplayerPeer } from "./modules/websocket/websocket_multiplayer_peer.js";
import { WebSocketPeer } from "./modules/websocket/websocket_peer.js";
import { WebSocketServer } from "./modules/websocket/websocket_server.js";

let registered = false;

export function register_godot3_types(): void {
  if (registered) return;
  registered = true;
  ClassDB.register_class(NetworkedMultiplayerPeer, { abstract: true });
  ClassDB.register_class(WebSocketPeer);
  ClassDB.register_class(WebSocketMultiplayerPeer, { abstract: true });
  ClassDB.register_class(WebSocketClient);
  ClassDB.register_class(WebSocketServer);
}
