/**
 * The Godot 3 multiplayer wire format (gd_mp_api = true), written for the
 * tests straight from the documented byte layout and deliberately not
 * imported from src/: if gdnet misreads the layout, these helpers disagree.
 *
 *   byte 0      type (SYS_NONE 0, SYS_ADD 1, SYS_DEL 2, SYS_ID 3)
 *   bytes 1..4  from, int32 little-endian
 *   bytes 5..8  to, int32 little-endian (> 0 a peer, 0 everyone, < 0 all but -to)
 *   bytes 9..   payload (a system message carries one int32 LE peer id)
 */
export const MP_HEADER_SIZE = 9;

export const SYS_NONE = 0;
export const SYS_ADD = 1;
export const SYS_DEL = 2;
export const SYS_ID = 3;

export interface MpFrame {
  type: number;
  from: number;
  to: number;
  payload: Uint8Array;
}

/** Writes `value` as a two's-complement int32, least significant byte first. */
function write_i32_le(into: Uint8Array, at: number, value: number): void {
  const v = value | 0;
  into[at] = v & 0xff;
  into[at + 1] = (v >>> 8) & 0xff;
  into[at + 2] = (v >>> 16) & 0xff;
  into[at + 3] = (v >>> 24) & 0xff;
}

function read_i32_le(from: Uint8Array, at: number): number {
  // `| 0` turns the top bit into the sign, as int32 does.
  return ((from[at] ?? 0) | ((from[at + 1] ?? 0) << 8) | ((from[at + 2] ?? 0) << 16) | ((from[at + 3] ?? 0) << 24)) | 0;
}

export function int32_le(value: number): Uint8Array {
  const out = new Uint8Array(4);
  write_i32_le(out, 0, value);
  return out;
}

export function encode_mp(type: number, from: number, to: number, payload: Uint8Array | readonly number[] = []): Uint8Array {
  const out = new Uint8Array(MP_HEADER_SIZE + payload.length);
  out[0] = type & 0xff;
  write_i32_le(out, 1, from);
  write_i32_le(out, 5, to);
  out.set(payload, MP_HEADER_SIZE);
  return out;
}

/** The header and payload of one message; null when it is shorter than a header. */
export function decode_mp(bytes: Uint8Array): MpFrame | null {
  if (bytes.length < MP_HEADER_SIZE) return null;
  return { type: bytes[0] ?? 0, from: read_i32_le(bytes, 1), to: read_i32_le(bytes, 5), payload: bytes.slice(MP_HEADER_SIZE) };
}

/** The peer id a system message carries (its 4-byte payload); null for any other payload size. */
export function system_peer_id(frame: MpFrame): number | null {
  return frame.payload.length === 4 ? read_i32_le(frame.payload, 0) : null;
}

/** System messages always come from the server (1) addressed to everyone (0). */
export const sys_id = (id: number): Uint8Array => encode_mp(SYS_ID, 1, 0, int32_le(id));
export const sys_add = (id: number): Uint8Array => encode_mp(SYS_ADD, 1, 0, int32_le(id));
export const sys_del = (id: number): Uint8Array => encode_mp(SYS_DEL, 1, 0, int32_le(id));

export const to_bytes = (data: Buffer | ArrayBuffer | Buffer[]): Uint8Array => {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  return data instanceof ArrayBuffer ? new Uint8Array(data.slice(0)) : new Uint8Array(data);
};
