/**
 * The inbound packet queue of a peer: complete messages waiting for
 * get_packet(), with the count and byte totals the limits are checked
 * against. A head index instead of Array.shift() keeps dequeue O(1).
 */

export interface QueuedPacket {
  readonly data: Uint8Array;
  readonly is_text: boolean;
}

const NO_ITEMS: (QueuedPacket | undefined)[] = [];

export class WsPacketQueue {
  /** Shared empty list until the first packet: an idle peer should cost little. */
  private items: (QueuedPacket | undefined)[] = NO_ITEMS;
  private head = 0;
  private total_bytes = 0;

  get count(): number {
    return this.items.length - this.head;
  }

  get bytes(): number {
    return this.total_bytes;
  }

  push(data: Uint8Array, is_text: boolean): void {
    if (this.items === NO_ITEMS) this.items = [];
    this.items.push({ data, is_text });
    this.total_bytes += data.length;
  }

  shift(): QueuedPacket | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head === this.items.length) {
      this.items = NO_ITEMS;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    if (item) this.total_bytes -= item.data.length;
    return item;
  }

  clear(): void {
    this.items = NO_ITEMS;
    this.head = 0;
    this.total_bytes = 0;
  }
}
