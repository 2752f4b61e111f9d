/**
 * The few SceneMultiplayer messages a lobby needs, so Godot 4 games that set
 * `multiplayer.multiplayer_peer = peer` can use it. SceneMultiplayer (Godot's
 * default MultiplayerAPI, with `server_relay` on, its default) sends its own
 * messages inside the MultiplayerPeer packets:
 *
 *   byte 0        the command in its low 3 bits: RAW = 3 (send_bytes), SYS = 7, ...
 *   SYS messages  [7, sys command, int32 LE peer id, payload...]
 *                 ADD_PEER 1 / DEL_PEER 2: server -> client, "peer id is here / gone"
 *                 RELAY 3: client -> server, "deliver payload to id" (0 all, -n all but n);
 *                          server -> client, "payload comes from id"
 *
 * A client addresses any peer other than the server through RELAY; the
 * server rewrites the id to the sender's and forwards. The payload is itself
 * a SceneMultiplayer message (an RPC, a path cache entry, RAW bytes...), which
 * the lobby passes on untouched. Authentication (SYS AUTH) is not supported:
 * games must not set `multiplayer.auth_callback`.
 */

export const COMMAND_MASK = 7;
export const COMMAND_RAW = 3;
export const COMMAND_SYS = 7;
export const SYS_ADD_PEER = 1;
export const SYS_DEL_PEER = 2;
export const SYS_RELAY = 3;
const SYS_HEADER = 6;

function sys(command: number, peer: number, payload: Uint8Array = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(SYS_HEADER + payload.length);
  out[0] = COMMAND_SYS;
  out[1] = command;
  new DataView(out.buffer).setInt32(2, peer, true);
  out.set(payload, SYS_HEADER);
  return out;
}

/** Server -> client: `peer` is in the session (the client emits multiplayer.peer_connected). */
export function add_peer_message(peer: number): Uint8Array {
  return sys(SYS_ADD_PEER, peer);
}

/** Server -> client: `peer` left. */
export function del_peer_message(peer: number): Uint8Array {
  return sys(SYS_DEL_PEER, peer);
}

/** Client -> server: deliver `payload` to `target`; server -> client: `payload` comes from `target`. */
export function relay_message(target: number, payload: Uint8Array): Uint8Array {
  return sys(SYS_RELAY, target, payload);
}

/** What multiplayer.send_bytes(data) puts in a packet. */
export function raw_message(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(data.length + 1);
  out[0] = COMMAND_RAW;
  out.set(data, 1);
  return out;
}

export interface SysMessage {
  command: number;
  peer: number;
  payload: Uint8Array;
}

/** The SYS message in `packet`, or null when it is some other command (or too short). */
export function parse_sys(packet: Uint8Array): SysMessage | null {
  if (packet.length < SYS_HEADER || ((packet[0] ?? 0) & COMMAND_MASK) !== COMMAND_SYS) return null;
  const peer = new DataView(packet.buffer, packet.byteOffset, packet.length).getInt32(2, true);
  return { command: packet[1] ?? -1, peer, payload: packet.subarray(SYS_HEADER) };
}

/** The bytes of a RAW message (send_bytes), or null. */
export function parse_raw(packet: Uint8Array): Uint8Array | null {
  return packet.length >= 1 && ((packet[0] ?? 0) & COMMAND_MASK) === COMMAND_RAW ? packet.subarray(1) : null;
}
