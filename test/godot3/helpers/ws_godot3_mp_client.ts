/**
 * An independent Godot 3 multiplayer client built on the `ws` library: it
 * learns its id from SYS_ID, tracks the peers the server adds and removes,
 * records every frame byte for byte, and can send well-formed packets as well
 * as deliberately wrong ones (a spoofed sender, a system type) to check that
 * a server refuses them.
 */
import WebSocket from "ws";
import { notify_io } from "../../../src/core/io/io_wait.js";
import { type MpFrame, SYS_ADD, SYS_DEL, SYS_ID, SYS_NONE, decode_mp, encode_mp, system_peer_id, to_bytes } from "./godot3_mp_wire.js";

export class WsGodot3MpClient {
  /** 0 until the server's SYS_ID arrived. */
  id = 0;
  /** Every binary message, exactly as received. */
  readonly frames: Uint8Array[] = [];
  /** Messages that came as text frames (the protocol only uses binary). */
  text_frames = 0;
  readonly added: number[] = [];
  readonly removed: number[] = [];
  /** The SYS_NONE messages, header decoded. */
  readonly packets: MpFrame[] = [];
  /** Set once the WebSocket handshake is done. */
  open = false;
  /** Set when the connection ended. */
  closed: { code: number; reason: string } | null = null;

  private constructor(private readonly socket: WebSocket) {
    socket.on("open", () => {
      this.open = true;
      notify_io();
    });
    socket.on("message", (data, binary) => this.#receive(to_bytes(data), binary));
    socket.on("close", (code, reason) => {
      this.closed = { code, reason: reason.toString("utf8") };
      notify_io();
    });
    socket.on("error", () => notify_io());
  }

  /**
   * Starts connecting and returns at once: a gdnet server only answers when
   * polled, so the test loop waits for `open` / `id` while polling it.
   */
  static connect(url: string): WsGodot3MpClient {
    return new WsGodot3MpClient(new WebSocket(url));
  }

  #receive(bytes: Uint8Array, binary: boolean): void {
    notify_io();
    if (!binary) {
      this.text_frames += 1;
      return;
    }
    this.frames.push(bytes);
    const frame = decode_mp(bytes);
    if (frame === null) return;
    const peer = system_peer_id(frame);
    if (frame.type === SYS_ID && peer !== null) this.id = peer;
    else if (frame.type === SYS_ADD && peer !== null) this.added.push(peer);
    else if (frame.type === SYS_DEL && peer !== null) this.removed.push(peer);
    else if (frame.type === SYS_NONE) this.packets.push(frame);
  }

  /** A well-formed packet from this client to `to`. */
  send(to: number, payload: Uint8Array | readonly number[]): void {
    this.send_raw(encode_mp(SYS_NONE, this.id, to, payload));
  }

  /** A packet claiming to come from someone else. */
  send_spoofed(from: number, to: number, payload: Uint8Array | readonly number[]): void {
    this.send_raw(encode_mp(SYS_NONE, from, to, payload));
  }

  /** A packet with a type other than SYS_NONE (only the server may send those). */
  send_typed(type: number, to: number, payload: Uint8Array | readonly number[]): void {
    this.send_raw(encode_mp(type, this.id, to, payload));
  }

  send_raw(bytes: Uint8Array): void {
    this.socket.send(bytes, { binary: true });
  }

  /** Starts a clean close; `closed` is set when it completes. */
  close(code = 1000, reason = ""): void {
    this.socket.close(code, reason);
  }

  terminate(): void {
    this.socket.terminate();
  }

  /** The received packets as plain values (easy to compare with toEqual). */
  received(): { from: number; to: number; payload: number[] }[] {
    return this.packets.map((p) => ({ from: p.from, to: p.to, payload: [...p.payload] }));
  }
}
