/**
 * The packets a WebSocketMultiplayerPeer has received and not handed out yet,
 * each with the id of the peer it came from. A head index instead of
 * Array.shift() keeps taking a packet O(1); count and byte totals are what
 * the multiplayer peer bounds the queue with.
 */

export interface IncomingPacket {
  readonly source: number;
  readonly data: Uint8Array;
}

export class MultiplayerPacketQueue {
  #items: (IncomingPacket | undefined)[] = [];
  #head = 0;
  #bytes = 0;

  get count(): number {
    return this.#items.length - this.#head;
  }

  get bytes(): number {
    return this.#bytes;
  }

  push(source: number, data: Uint8Array): void {
    this.#items.push({ source, data });
    this.#bytes += data.length;
  }

  /** The oldest packet without taking it. */
  peek(): IncomingPacket | undefined {
    return this.#items[this.#head];
  }

  shift(): IncomingPacket | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head++] = undefined;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    if (item) this.#bytes -= item.data.length;
    return item;
  }

  clear(): void {
    this.#items = [];
    this.#head = 0;
    this.#bytes = 0;
  }
}
