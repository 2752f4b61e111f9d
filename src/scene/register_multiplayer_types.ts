/**
 * Registers the multiplayer base class in ClassDB. It derives from PacketPeer,
 * so core types come first; transports (the websocket module) come after.
 */
import { ClassDB } from "../core/object/class_db.js";
import { MultiplayerPeer } from "./main/multiplayer_peer.js";

export function register_multiplayer_types(): void {
  ClassDB.register_class(MultiplayerPeer, { abstract: true });
}
