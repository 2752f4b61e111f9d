/**
 * SHA-1 (FIPS 180-4 §6.1) and base64, just enough for Sec-WebSocket-Accept
 * (RFC 6455 §4.2.2: base64(SHA-1(key + GUID))). Written out here instead of
 * calling node:crypto so the handshake code runs unchanged outside Node; the
 * input is ~60 bytes, so speed is irrelevant. This is a checksum in the
 * handshake, not a security primitive. Tests compare it with node:crypto.
 */

function rotl(x: number, n: number): number {
  return (x << n) | (x >>> (32 - n));
}

/** SHA-1 digest (20 bytes) of `data`. */
export function sha1(data: Uint8Array): Uint8Array {
  // Padding (§5.1.1): 0x80, zeros, then the 64-bit big-endian bit length.
  const total = (((data.length + 8) >>> 6) + 1) << 6;
  const msg = new Uint8Array(total);
  msg.set(data);
  msg[data.length] = 0x80;
  const bits = data.length * 8;
  const view = new DataView(msg.buffer);
  view.setUint32(total - 8, Math.floor(bits / 4294967296));
  view.setUint32(total - 4, bits >>> 0);

  let h0 = 0x67452301;
  let h1 = 0xefcdab89;
  let h2 = 0x98badcfe;
  let h3 = 0x10325476;
  let h4 = 0xc3d2e1f0;
  const w = new Int32Array(80);
  for (let block = 0; block < total; block += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getInt32(block + t * 4);
    for (let t = 16; t < 80; t++) {
      w[t] = rotl((w[t - 3] as number) ^ (w[t - 8] as number) ^ (w[t - 14] as number) ^ (w[t - 16] as number), 1);
    }
    let a = h0;
    let b = h1;
    let c = h2;
    let d = h3;
    let e = h4;
    for (let t = 0; t < 80; t++) {
      let f: number;
      let k: number;
      if (t < 20) {
        f = (b & c) | (~b & d);
        k = 0x5a827999;
      } else if (t < 40) {
        f = b ^ c ^ d;
        k = 0x6ed9eba1;
      } else if (t < 60) {
        f = (b & c) | (b & d) | (c & d);
        k = 0x8f1bbcdc;
      } else {
        f = b ^ c ^ d;
        k = 0xca62c1d6;
      }
      const temp = (rotl(a, 5) + f + e + k + (w[t] as number)) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = temp;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
  }
  const out = new Uint8Array(20);
  const out_view = new DataView(out.buffer);
  out_view.setInt32(0, h0);
  out_view.setInt32(4, h1);
  out_view.setInt32(8, h2);
  out_view.setInt32(12, h3);
  out_view.setInt32(16, h4);
  return out;
}

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** Standard base64 with padding (RFC 4648 §4). */
export function base64_encode(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += B64[n >>> 18] + (B64[(n >>> 12) & 63] as string) + (B64[(n >>> 6) & 63] as string) + (B64[n & 63] as string);
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += (B64[n >>> 18] as string) + (B64[(n >>> 12) & 63] as string) + "==";
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += (B64[n >>> 18] as string) + (B64[(n >>> 12) & 63] as string) + (B64[(n >>> 6) & 63] as string) + "=";
  }
  return out;
}
