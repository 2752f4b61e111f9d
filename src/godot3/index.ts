/**
 * gdnet/godot3: the Godot 3 networking API, for code ported from Godot 3 and
 * for talking to Godot 3 games. Everything of the core entry (gdnet) is here
 * too, except that WebSocketPeer and WebSocketMultiplayerPeer are the Godot 3
 * classes, and the Variant functions are Godot 3's (var2bytes, bytes2var).
 * Importing it registers every class.
 */
import { register_godot3_types } from "./register_types.js";

export * from "../index.js";
export { ClassDB } from "./core/object/class_db.js";
export {
  ConnectionStatus as NetworkedMultiplayerPeerConnectionStatus,
  NetworkedMultiplayerPeer,
  TransferMode as NetworkedMultiplayerPeerTransferMode,
} from "./core/io/networked_multiplayer_peer.js";
export { WebSocketPeer, WriteMode as WebSocketPeerWriteMode } from "./modules/websocket/websocket_peer.js";
export { WebSocketMultiplayerPeer } from "./modules/websocket/websocket_multiplayer_peer.js";
export { WebSocketClient } from "./modules/websocket/websocket_client.js";
export { WebSocketServer } from "./modules/websocket/websocket_server.js";
export { bytes2var, decode_variant, encode_variant, var2bytes } from "./core/io/marshalls.js";
export { register_godot3_types } from "./register_types.js";

register_godot3_types();
