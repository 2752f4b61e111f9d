/**
 * The Godot 3 WebSocket multiplayer protocol (gd_mp_api = true): every
 * message is one binary frame with a 9-byte header in front of the payload:
 * a type byte, then `from` and `to` as little-endian int32 (to: > 0 one peer,
 * 0 everyone, < 0 everyone but -to). System messages come from the server
 * only (from 1, to 0) and carry one int32 peer id.
 */
export const HEADER_SIZE = 9;

export enum MessageType {
  SYS_NONE = 0,
  SYS_ADD = 1,
  SYS_DEL = 2,
  SYS_ID = 3,
}

export interface MpMessage {
  type: number;
  from: number;
  to: number;
  /** A view into the received bytes, past the header. */
  payload: Uint8Array;
}

export function encode_message(type: MessageType, from: number, to: number, payload: Uint8Array): Uint8Array {
  const bytes = new Uint8Array(HEADER_SIZE + payload.length);
  const view = new DataView(bytes.buffer);
  view.setUint8(0, type);
  view.setInt32(1, from, true);
  view.setInt32(5, to, true);
  bytes.set(payload, HEADER_SIZE);
  return bytes;
}

/** A system message about `peer_id`, as the server sends it. */
export function system_message(type: MessageType.SYS_ADD | MessageType.SYS_DEL | MessageType.SYS_ID, peer_id: number): Uint8Array {
  const id = new Uint8Array(4);
  new DataView(id.buffer).setInt32(0, peer_id, true);
  return encode_message(type, 1, 0, id);
}

/** The header and payload of a received message; null when it is shorter than a header. */
export function decode_message(bytes: Uint8Array): MpMessage | null {
  if (bytes.length < HEADER_SIZE) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  return { type: view.getUint8(0), from: view.getInt32(1, true), to: view.getInt32(5, true), payload: bytes.subarray(HEADER_SIZE) };
}

/** The peer id a system message carries; null when its payload is not 4 bytes. */
export function system_message_id(message: MpMessage): number | null {
  if (message.payload.length !== 4) return null;
  return new DataView(message.payload.buffer, message.payload.byteOffset, 4).getInt32(0, true);
}
