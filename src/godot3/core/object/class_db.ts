/**
 * The ClassDB of gdnet/godot3: a layer over the Godot 4 ClassDB. The Godot 3
 * classes (WebSocketPeer, WebSocketMultiplayerPeer, WebSocketClient, ...)
 * register here, so their names do not clash with the Godot 4 classes of the
 * same name; the classes both versions share (Object, PacketPeer, ...) are
 * found in the layer below.
 */
import { ClassDB as CoreClassDB, ClassDatabase } from "../../../core/object/class_db.js";

export const ClassDB = new ClassDatabase("godot3", CoreClassDB);
