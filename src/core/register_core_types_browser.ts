/**
 * register_core_types() for the browser build: the core classes that need no
 * Node built-ins, registered parents first as on Node. Left out, because a
 * browser has no sockets or node:crypto for them: StreamPeerTCP, TCPServer,
 * StreamPeerTLS, Crypto, CryptoKey, X509Certificate, HashingContext.
 * TLSOptions stays (WebSocketPeer.connect_to_url takes one). Safe to call
 * more than once.
 */
import { TLSOptions } from "./crypto/tls_options.js";
import { PacketPeer } from "./io/packet_peer.js";
import { PacketPeerStream } from "./io/packet_peer_stream.js";
import { Resource } from "./io/resource.js";
import { StreamPeer } from "./io/stream_peer.js";
import { StreamPeerBuffer } from "./io/stream_peer_buffer.js";
import { ClassDB } from "./object/class_db.js";
import { GodotObject } from "./object/object.js";
import { RefCounted } from "./object/ref_counted.js";

export function register_core_types(): void {
  ClassDB.register_class(GodotObject, { name: "Object" });
  ClassDB.register_class(RefCounted);
  ClassDB.register_class(PacketPeer, { abstract: true });
  ClassDB.register_class(PacketPeerStream);
  ClassDB.register_class(StreamPeer, { abstract: true });
  ClassDB.register_class(StreamPeerBuffer);
  ClassDB.register_class(Resource);
  ClassDB.register_class(TLSOptions);
}
