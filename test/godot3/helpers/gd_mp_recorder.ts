/**
 * Records what a gdnet 3.x WebSocketServer or WebSocketClient does in
 * multiplayer mode (gd_mp_api = true): its connection signals in order, the
 * peer_packet sources, and (when `collect`) the packets taken out after
 * every poll together with get_packet_peer() at that moment.
 */
import type { WebSocketMultiplayerPeer } from "../../../src/godot3/index.js";

export interface GdPacket {
  from: number;
  data: number[];
}

export class GdMpRecorder<T extends WebSocketMultiplayerPeer> {
  /** Signals in arrival order, e.g. "peer_connected 5", "connection_succeeded". */
  readonly signals: string[] = [];
  readonly connected: number[] = [];
  readonly disconnected: number[] = [];
  /** The peer_source of every peer_packet signal. */
  readonly packet_sources: number[] = [];
  readonly packets: GdPacket[] = [];
  /** Take packets out after each poll (off: the test reads them itself). */
  collect = true;

  constructor(readonly mp: T) {
    const peer: WebSocketMultiplayerPeer = mp;
    peer.connect("peer_connected", (id: number) => {
      this.connected.push(id);
      this.signals.push(`peer_connected ${id}`);
    });
    peer.connect("peer_disconnected", (id: number) => {
      this.disconnected.push(id);
      this.signals.push(`peer_disconnected ${id}`);
    });
    peer.connect("peer_packet", (source: number) => void this.packet_sources.push(source));
    for (const name of ["connection_succeeded", "connection_failed", "server_disconnected"] as const) {
      peer.connect(name, () => void this.signals.push(name));
    }
  }

  poll(): void {
    this.mp.poll();
    if (!this.collect) return;
    while (this.mp.get_available_packet_count() > 0) {
      const from = this.mp.get_packet_peer();
      this.packets.push({ from, data: [...this.mp.get_packet()] });
    }
  }

  count(signal: string): number {
    return this.signals.filter((s) => s === signal).length;
  }
}
