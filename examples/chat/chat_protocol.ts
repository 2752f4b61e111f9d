/**
 * The chat's wire protocol: one JSON object per WebSocket text message.
 * Shared by the server, the web page and the terminal client (no imports, so
 * it bundles into the page as is).
 *
 *   client → server   {"type":"join","name":"Alice"}        first, once per connection
 *                     {"type":"say","text":"hello"}
 *   server → client   {"type":"welcome","name":"Alice"}      the name you got (made unique)
 *                     {"type":"presence","names":["Alice","Bob"]}   after every join/leave
 *                     {"type":"message","from":"Alice","text":"hello"}
 *                     {"type":"system","text":"Bob joined"}
 *                     {"type":"error","text":"..."}
 */

export const MAX_NAME_LENGTH = 24;
export const MAX_TEXT_LENGTH = 1000;

export type ClientMessage = { type: "join"; name: string } | { type: "say"; text: string };

export type ServerMessage =
  | { type: "welcome"; name: string }
  | { type: "presence"; names: string[] }
  | { type: "message"; from: string; text: string }
  | { type: "system"; text: string }
  | { type: "error"; text: string };

function parse_object(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** Control characters and line breaks have no place in a name or a chat line. */
function clean(text: string, max: number): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim().slice(0, max);
}

/** A client's message, checked and cleaned; a string says what was wrong. */
export function parse_client_message(text: string): ClientMessage | string {
  const obj = parse_object(text);
  if (!obj) return "messages must be JSON objects";
  if (obj.type === "join") {
    if (typeof obj.name !== "string") return "join needs a name";
    const name = clean(obj.name, MAX_NAME_LENGTH);
    return name === "" ? "the name is empty" : { type: "join", name };
  }
  if (obj.type === "say") {
    if (typeof obj.text !== "string") return "say needs a text";
    const said = clean(obj.text, MAX_TEXT_LENGTH);
    return said === "" ? "the message is empty" : { type: "say", text: said };
  }
  return `unknown message type ${JSON.stringify(obj.type)}`;
}

function string_list(value: unknown): string[] | null {
  return Array.isArray(value) && value.every((v) => typeof v === "string") ? (value as string[]) : null;
}

/** A server's message; null when it is not one this client understands. */
export function parse_server_message(text: string): ServerMessage | null {
  const obj = parse_object(text);
  if (!obj) return null;
  switch (obj.type) {
    case "welcome":
      return typeof obj.name === "string" ? { type: "welcome", name: obj.name } : null;
    case "presence": {
      const names = string_list(obj.names);
      return names ? { type: "presence", names } : null;
    }
    case "message":
      return typeof obj.from === "string" && typeof obj.text === "string" ? { type: "message", from: obj.from, text: obj.text } : null;
    case "system":
    case "error":
      return typeof obj.text === "string" ? { type: obj.type, text: obj.text } : null;
    default:
      return null;
  }
}
