/**
 * Random bytes for the websocket core: masking keys (RFC 6455 §5.3 wants a
 * fresh, unpredictable key per client frame) and Sec-WebSocket-Key nonces
 * (§4.1). Keys are served from a pool refilled in one call per 1024 keys
 * instead of one RNG call per frame; the RNG itself comes from ws_platform.
 */
import { fill_random } from "./ws_platform.js";

const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let pool_pos = POOL_BYTES;

/** A fresh 32-bit masking key, in wire order (see ws_mask.ts). */
export function next_mask_key(): number {
  if (pool_pos === POOL_BYTES) {
    fill_random(pool);
    pool_pos = 0;
  }
  const p = pool_pos;
  pool_pos = p + 4;
  return (((pool[p] as number) << 24) | ((pool[p + 1] as number) << 16) | ((pool[p + 2] as number) << 8) | (pool[p + 3] as number)) >>> 0;
}

/** `count` fresh random bytes (not from the mask pool: nonces should not share it). */
export function random_bytes(count: number): Uint8Array {
  const out = new Uint8Array(count);
  fill_random(out);
  return out;
}
