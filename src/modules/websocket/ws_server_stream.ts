/**
 * The stream a server-side WebSocketPeer runs on: the accepted TCP
 * connection itself, or TLS over it when the server has TLS options. Shared
 * by the servers that take connections from a TCPServer (Godot 4's
 * WebSocketMultiplayerPeer and gdnet/godot3's WebSocketServer).
 */
import { OK } from "../../core/error/error_list.js";
import type { TLSOptions } from "../../core/crypto/tls_options.js";
import type { StreamPeer } from "../../core/io/stream_peer.js";
import type { StreamPeerTCP } from "../../core/io/stream_peer_tcp.js";
import { StreamPeerTLS } from "../../core/io/stream_peer_tls.js";

/** The stream to accept a WebSocket on; null (and the connection closed) when TLS cannot start. */
export function server_stream(tcp: StreamPeerTCP, tls_options: TLSOptions | null): StreamPeer | null {
  if (!tls_options) return tcp;
  const tls = new StreamPeerTLS();
  if (tls.accept_stream(tcp, tls_options) !== OK) {
    tcp.disconnect_from_host();
    return null;
  }
  return tls;
}
