/**
 * A raw TCP client for hostile-input tests: it speaks (or breaks) the
 * WebSocket protocol byte by byte, with no library in between.
 */
import * as net from "node:net";
import { randomBytes } from "node:crypto";

export class RawClient {
  readonly socket: net.Socket;
  #buffer: Buffer = Buffer.alloc(0);
  closed = false;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    socket.on("data", (chunk: Buffer) => {
      this.#buffer = Buffer.concat([this.#buffer, chunk]);
    });
    socket.on("close", () => (this.closed = true));
    socket.on("error", () => {});
  }

  static connect(port: number, host = "127.0.0.1"): Promise<RawClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, host, () => resolve(new RawClient(socket)));
      socket.once("error", reject);
    });
  }

  get received(): Buffer {
    return this.#buffer;
  }

  send(data: Uint8Array | string): void {
    this.socket.write(typeof data === "string" ? Buffer.from(data, "latin1") : data);
  }

  /** Waits until the received bytes satisfy `cond` or the socket closed; then returns them. */
  async wait_for(cond: (data: Buffer) => boolean, timeout_ms = 10_000): Promise<Buffer> {
    const deadline = Date.now() + timeout_ms;
    while (!cond(this.#buffer) && !this.closed) {
      if (Date.now() > deadline) throw new Error(`raw client: timed out; got ${JSON.stringify(this.#buffer.toString("latin1").slice(0, 200))}`);
      await new Promise((r) => setTimeout(r, 2));
    }
    return this.#buffer;
  }

  async wait_closed(timeout_ms = 10_000): Promise<void> {
    await this.wait_for(() => false, timeout_ms).catch((e: unknown) => {
      if (!this.closed) throw e;
    });
  }

  /** Opens a WebSocket with a valid handshake; resolves once the 101 arrived, leaving the rest of the bytes. */
  async handshake(path = "/", extra = ""): Promise<string> {
    const key = randomBytes(16).toString("base64");
    this.send(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
        `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n${extra}\r\n`,
    );
    const data = await this.wait_for((d) => d.includes("\r\n\r\n"));
    const end = data.indexOf("\r\n\r\n") + 4;
    const head = data.subarray(0, end).toString("latin1");
    this.#buffer = data.subarray(end);
    return head;
  }

  close(): void {
    this.socket.destroy();
  }
}

/** A client frame (masked unless `mask` is false), with the given first byte. */
export function frame(first_byte: number, payload: Uint8Array | string, mask = true): Buffer {
  const data = typeof payload === "string" ? Buffer.from(payload, "utf8") : Buffer.from(payload);
  const len = data.length;
  const header: number[] = [first_byte];
  const mask_bit = mask ? 0x80 : 0;
  if (len < 126) header.push(mask_bit | len);
  else if (len < 65536) header.push(mask_bit | 126, len >> 8, len & 0xff);
  else {
    header.push(mask_bit | 127, 0, 0, 0, 0);
    header.push((len >>> 24) & 0xff, (len >>> 16) & 0xff, (len >>> 8) & 0xff, len & 0xff);
  }
  if (!mask) return Buffer.concat([Buffer.from(header), data]);
  const key = randomBytes(4);
  const masked = Buffer.alloc(len);
  for (let i = 0; i < len; i++) masked[i] = (data[i] as number) ^ (key[i & 3] as number);
  return Buffer.concat([Buffer.from(header), key, masked]);
}

/** The status code of the first Close frame (unmasked, from a server) in `data`, or null. */
export function close_code_in(data: Buffer): number | null {
  let i = 0;
  while (i + 2 <= data.length) {
    const opcode = (data[i] as number) & 0x0f;
    let len = (data[i + 1] as number) & 0x7f;
    let p = i + 2;
    if (len === 126) {
      len = data.readUInt16BE(p);
      p += 2;
    } else if (len === 127) {
      len = Number(data.readBigUInt64BE(p));
      p += 8;
    }
    if (opcode === 0x8) return len >= 2 ? data.readUInt16BE(p) : 1005;
    i = p + len;
  }
  return null;
}
