/**
 * The websocket module plugs into the core here, as the engine's modules do:
 * it registers its classes in ClassDB (after the core I/O classes they derive from).
 */
import { ClassDB } from "../../core/object/class_db.js";
import { WebSocketPeer } from "./wsl_peer.js";

export function register_websocket_types(): void {
  ClassDB.register_class(WebSocketPeer);
}
