/**
 * gdnet's public entry for Node: everything public is importable from here.
 * Importing it registers every class in ClassDB, as the engine does at startup.
 */
import { register_core_types } from "./core/register_core_types.js";
import { register_scene_types } from "./scene/register_scene_types.js";
import { register_multiplayer_types } from "./scene/register_multiplayer_types.js";
import { register_websocket_types } from "./modules/websocket/register_types.js";

export * from "./api_common.js";
export { register_core_types } from "./core/register_core_types.js";

// Node only: sockets, TLS and key material need Node's built-ins.
export { StreamPeerTCP, Status as StreamPeerTCPStatus } from "./core/io/stream_peer_tcp.js";
export { StreamPeerTLS, Status as StreamPeerTLSStatus } from "./core/io/stream_peer_tls.js";
export { TCPServer } from "./core/io/tcp_server.js";
export { Crypto } from "./core/crypto/crypto.js";
export { HashingContext, HashType as HashingContextHashType } from "./core/crypto/hashing_context.js";
export { CryptoKey } from "./core/crypto/crypto_key.js";
export { X509Certificate } from "./core/crypto/x509_certificate.js";

export { WebSocketPeer } from "./modules/websocket/wsl_peer.js";
export { WebSocketMultiplayerPeer } from "./modules/websocket/websocket_multiplayer_peer.js";
export { register_websocket_types } from "./modules/websocket/register_types.js";

register_core_types();
register_multiplayer_types();
register_websocket_types();
register_scene_types();
