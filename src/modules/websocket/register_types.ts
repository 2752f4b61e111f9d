/**
 * The websocket module plugs into the core here, as the engine's modules do:
 * it registers its classes in ClassDB (after the core I/O classes they derive
 * from, and after register_multiplayer_types() for WebSocketMultiplayerPeer).
 */
import { ClassDB } from "../../core/object/class_db.js";
import { WebSocketMultiplayerPeer } from "./websocket_multiplayer_peer.js";
import { WebSocketPeer } from "./wsl_peer.js";

export function register_websocket_types(): void {
  ClassDB.register_class(WebSocketPeer);
  ClassDB.register_class(WebSocketMultiplayerPeer);
}
