/**
 * File access for the crypto resources' load()/save(). gdnet has no virtual
 * file system: a path is a path of the host's file system. Failures come back
 * as null/false so the callers can return the engine's codes.
 */
import * as fs from "node:fs";

export function read_file_bytes(path: string): Uint8Array | null {
  try {
    return new Uint8Array(fs.readFileSync(path));
  } catch {
    return null;
  }
}

export function write_file_text(path: string, text: string): boolean {
  try {
    fs.writeFileSync(path, text);
    return true;
  } catch {
    return false;
  }
}
