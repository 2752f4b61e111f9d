/**
 * What the WebSocket peer needs from its byte stream, over the NetSocketStream
 * that StreamPeerTCP and StreamPeerTLS share: inbound chunks handed over
 * without copying, corked writes, and the bytes Node still holds unsent.
 *
 * Outbound accounting without write callbacks: every batch records the
 * running total of wire bytes handed to the socket when it ends; the socket's
 * `writableLength` tells how many of those are still unsent, so a batch is
 * written once `handed - unsent` has passed its end.
 */
import type { NetSocketStream } from "../../core/io/net_socket_stream.js";
import type { StreamPeerTCP } from "../../core/io/stream_peer_tcp.js";
import type { StreamPeerTLS } from "../../core/io/stream_peer_tls.js";

export type WsStreamIOStatus = "open" | "closed" | "error";

const NO_CHUNKS: Uint8Array[] = [];

export class WsStreamIO {
  #chunks: Uint8Array[] = NO_CHUNKS;
  #head = 0;
  #handed = 0;

  private constructor(private readonly stream: NetSocketStream) {}

  static from_tcp(tcp: StreamPeerTCP): WsStreamIO | null {
    const stream = tcp._get_socket_stream();
    return stream ? new WsStreamIO(stream) : null;
  }

  static from_tls(tls: StreamPeerTLS): WsStreamIO | null {
    const stream = tls._get_socket_stream();
    return stream ? new WsStreamIO(stream) : null;
  }

  /** The next received chunk (zero-copy), or null when nothing is queued. */
  read_chunk(): Uint8Array | null {
    if (this.#head >= this.#chunks.length) {
      if (this.stream.available === 0) return null;
      this.#chunks = this.stream.take_chunks();
      this.#head = 0;
    }
    const chunk = this.#chunks[this.#head];
    this.#chunks[this.#head++] = undefined as unknown as Uint8Array;
    return chunk ?? null;
  }

  has_inbound(): boolean {
    return this.#head < this.#chunks.length || this.stream.available > 0;
  }

  /** "open" while both directions work; "closed" after the peer's FIN or a close; "error" after a socket error. */
  status(): WsStreamIOStatus {
    const s = this.stream;
    if (s.error) return "error";
    if (s.ended || s.closed) return "closed";
    return "open";
  }

  /** Queues the buffers; everything written in one synchronous stretch leaves in one writev. */
  write(chunks: readonly Uint8Array[]): void {
    for (const chunk of chunks) this.#handed += chunk.length;
    this.stream.write_chunks(chunks);
  }

  /** Total wire bytes handed to the socket so far. */
  get handed(): number {
    return this.#handed;
  }

  /** Wire bytes handed over that the kernel has taken. */
  get flushed(): number {
    return this.#handed - this.stream.outbound;
  }

  /** Sends what is queued and a FIN, stops reading, and frees the socket when done. */
  end(): void {
    this.stream.close_gracefully();
  }

  destroy(): void {
    this.stream.destroy();
  }
}
