/**
 * gdnet's public entry for browsers (the package's `browser` export; built
 * into dist/browser/gdnet.js by `npm run build:browser`). The same API as
 * src/index.ts minus what needs Node built-ins: TCPServer, StreamPeerTCP,
 * StreamPeerTLS, Crypto, CryptoKey, X509Certificate, HashingContext and
 * WebSocketMultiplayerPeer (its server side needs TCPServer). WebSocketPeer
 * is the browser backend over the native WebSocket. Importing it registers
 * every class in ClassDB, as on Node.
 *
 * Nothing imported from here (directly or not) may import a `node:` module:
 * the build fails if one does.
 */
import { register_core_types } from "./core/register_core_types_browser.js";
import { register_scene_types } from "./scene/register_scene_types.js";
import { register_multiplayer_types } from "./scene/register_multiplayer_types.js";
import { register_websocket_types } from "./modules/websocket/register_types_browser.js";

export * from "./api_common.js";
export { register_core_types } from "./core/register_core_types_browser.js";

// The browser backend of WebSocketPeer, over the native WebSocket.
export { WebSocketPeer } from "./modules/websocket/websocket_peer_browser.js";
export { register_websocket_types } from "./modules/websocket/register_types_browser.js";

register_core_types();
register_multiplayer_types();
register_websocket_types();
register_scene_types();
