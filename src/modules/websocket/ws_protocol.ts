/**
 * RFC 6455 constants and the small rules shared by the parser, the writer,
 * the handshake and the peer.
 */

/** Frame opcodes (RFC 6455 §5.2, §11.8). */
export const OPCODE_CONTINUATION = 0x0;
export const OPCODE_TEXT = 0x1;
export const OPCODE_BINARY = 0x2;
export const OPCODE_CLOSE = 0x8;
export const OPCODE_PING = 0x9;
export const OPCODE_PONG = 0xa;

/** Control frames carry at most 125 payload bytes (§5.5). */
export const MAX_CONTROL_PAYLOAD = 125;
/** A Close payload is a 2-byte code plus the reason, so the reason gets 123 bytes (§5.5.1). */
export const MAX_CLOSE_REASON_BYTES = MAX_CONTROL_PAYLOAD - 2;
/** Largest frame header: 2 + 8 (64-bit length) + 4 (mask key) (§5.2). */
export const MAX_FRAME_HEADER = 14;

/** Close status codes (§7.4.1 and the IANA "WebSocket Close Code Number" registry). */
export const CLOSE_NORMAL = 1000;
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_PROTOCOL_ERROR = 1002;
export const CLOSE_UNSUPPORTED_DATA = 1003;
/** Reserved for "no status code present"; never sent on the wire (§7.4.1). */
export const CLOSE_NO_STATUS = 1005;
/** Reserved for "closed without a Close frame"; never sent on the wire (§7.4.1). */
export const CLOSE_ABNORMAL = 1006;
export const CLOSE_INVALID_PAYLOAD = 1007;
export const CLOSE_POLICY_VIOLATION = 1008;
export const CLOSE_MESSAGE_TOO_BIG = 1009;
export const CLOSE_MANDATORY_EXTENSION = 1010;
export const CLOSE_INTERNAL_ERROR = 1011;

/** GUID appended to Sec-WebSocket-Key before hashing (§1.3, §4.2.2). */
export const WEBSOCKET_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

/**
 * Whether a status code may appear in a Close frame on the wire, in either
 * direction: 1000-1003 and 1007-1014 are defined (1012-1014 by IANA), 3000-4999
 * are for libraries and applications. 1004 is reserved, 1005/1006/1015 MUST NOT
 * be sent (§7.4.1), 1016-2999 are unassigned/reserved, <1000 and >=5000 are
 * not used (§7.4.2). A receiver fails the connection with 1002 on anything else.
 */
export function is_valid_close_code(code: number): boolean {
  return (
    (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999)
  );
}

/** Whether an opcode is a control frame (§5.5: the high bit of the opcode). */
export function is_control_opcode(opcode: number): boolean {
  return (opcode & 0x8) !== 0;
}

/** Which side of the connection this endpoint is: clients mask, servers must not (§5.1). */
export type WsRole = "client" | "server";
