/**
 * The websocket module's registration for the browser build: the same
 * `WebSocketPeer` class, implemented over the browser's WebSocket.
 * WebSocketMultiplayerPeer is Node-only for now (its server side needs TCPServer).
 */
import { ClassDB } from "../../core/object/class_db.js";
import { WebSocketPeer } from "./websocket_peer_browser.js";

export function register_websocket_types(): void {
  ClassDB.register_class(WebSocketPeer);
}
