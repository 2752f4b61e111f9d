/**
 * Registers the core I/O classes in ClassDB, parents first: PacketPeer
 * (abstract), PacketPeerStream, StreamPeer (abstract), StreamPeerBuffer,
 * StreamPeerTCP and TCPServer. RefCounted must be registered already
 * (register_core_types does that). Safe to call more than once.
 */
import { ClassDB } from "../object/class_db.js";
import { PacketPeer } from "./packet_peer.js";
import { PacketPeerStream } from "./packet_peer_stream.js";
import { StreamPeer } from "./stream_peer.js";
import { StreamPeerBuffer } from "./stream_peer_buffer.js";
import { StreamPeerTCP } from "./stream_peer_tcp.js";
import { TCPServer } from "./tcp_server.js";

export function register_io_types(): void {
  ClassDB.register_class(PacketPeer, { abstract: true });
  ClassDB.register_class(PacketPeerStream);
  ClassDB.register_class(StreamPeer, { abstract: true });
  ClassDB.register_class(StreamPeerBuffer);
  ClassDB.register_class(StreamPeerTCP);
  ClassDB.register_class(TCPServer);
}
