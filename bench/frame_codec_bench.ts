/**
 * Micro-benchmark of the websocket frame codec, next to the `ws` library's
 * Receiver/Sender on the same bytes. Run: npx tsx bench/frame_codec_bench.ts
 * Numbers are per message (ops/s) and per byte (MB/s); no assertions.
 */
import * as ws_module from "ws";
import {
  WS_PARSE_NEED_MORE,
  WsFrameParser,
} from "../src/modules/websocket/ws_frame_parser.js";
import { WsFrameWriter, encode_frame } from "../src/modules/websocket/ws_frame_writer.js";
import { mask_in_place } from "../src/modules/websocket/ws_mask.js";
import { Utf8StreamValidator, is_valid_utf8, is_valid_utf8_js } from "../src/modules/websocket/utf8_validator.js";

interface WsLib {
  Receiver: new (options: { isServer: boolean; maxPayload: number; allowSynchronousEvents?: boolean }) => {
    on(event: string, listener: (...args: unknown[]) => void): void;
    write(chunk: Buffer): boolean;
  };
  Sender: { frame(data: Buffer, options: { fin: boolean; opcode: number; mask: boolean; readOnly: boolean }): Buffer[] };
}
const { Receiver, Sender } = ws_module as unknown as WsLib;

const MIN_TIME_MS = Number(process.env.BENCH_MS ?? 600);

/**
 * Runs fn repeatedly for ~MIN_TIME_MS of CPU time; fn does `units` operations
 * of `bytes_per_unit` bytes each. Rates are per CPU second of this process
 * (user + system), which stays meaningful on a shared, loaded machine where
 * wall-clock rates swing by 3-5x; the wall-clock rate is printed alongside.
 * Returns ops per CPU second.
 */
function measure(name: string, units: number, bytes_per_unit: number, fn: () => void): number {
  for (let i = 0; i < 3; i++) fn(); // warm-up
  let runs = 0;
  const cpu0 = process.cpuUsage();
  const wall0 = process.hrtime.bigint();
  let cpu_ms = 0;
  do {
    fn();
    runs++;
    const c = process.cpuUsage(cpu0);
    cpu_ms = (c.user + c.system) / 1000;
  } while (cpu_ms < MIN_TIME_MS);
  const wall_ms = Number(process.hrtime.bigint() - wall0) / 1e6;
  const ops = (runs * units) / (cpu_ms / 1000);
  const wall_ops = (runs * units) / (wall_ms / 1000);
  const mbps = (ops * bytes_per_unit) / 1e6;
  console.log(`${name.padEnd(52)} ${fmt(ops).padStart(12)} ops/s ${fmt(mbps).padStart(10)} MB/s   (wall ${fmt(wall_ops)} ops/s)`);
  return ops;
}

function fmt(n: number): string {
  return n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(2);
}

function ratio(label: string, ours: number, theirs: number): void {
  console.log(`  → ${label}: ${(ours / theirs).toFixed(2)}x ws`);
}

/** Splits a stream into socket-sized chunks (what a TCP 'data' event delivers). */
function chunks_of(stream: Uint8Array, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < stream.length; at += size) out.push(Buffer.from(stream.subarray(at, at + size)));
  return out;
}

function stream_of(count: number, payload: Uint8Array, opcode: number, key: number): Uint8Array {
  const one = encode_frame(opcode, payload, true, key);
  const out = new Uint8Array(one.length * count);
  for (let i = 0; i < count; i++) out.set(one, i * one.length);
  return out;
}

function parse_all(chunks: Buffer[], role: "client" | "server", max: number): number {
  const parser = new WsFrameParser({ role, max_message_size: max });
  let n = 0;
  for (const c of chunks) {
    parser.push(c);
    while (parser.next() !== WS_PARSE_NEED_MORE) n++;
  }
  return n;
}

function ws_parse_all(chunks: Buffer[], is_server: boolean, max: number): number {
  const r = new Receiver({ isServer: is_server, maxPayload: max, allowSynchronousEvents: true });
  let n = 0;
  r.on("message", () => n++);
  r.on("error", (e) => {
    throw e;
  });
  for (const c of chunks) r.write(c);
  return n;
}

console.log(`node ${process.version}, ${MIN_TIME_MS} ms of CPU per line; rates per CPU second\n`);

// ---- parse: 64-byte messages -------------------------------------------------
{
  const COUNT = 10_000;
  const text = new TextEncoder().encode("x".repeat(64));
  const bin = new Uint8Array(64).map((_, i) => i);
  console.log("parse, 64-byte messages (10,000 per run, 64 KiB chunks)");
  // Masked frames are unmasked in place, so each run re-masks garbage: same cost, binary only.
  const masked = chunks_of(stream_of(COUNT, bin, 2, 0x12345678), 65536);
  const o1 = measure("ours   server role, masked binary", COUNT, 64, () => parse_all(masked, "server", 1 << 20));
  const t1 = measure("ws     server role, masked binary", COUNT, 64, () => ws_parse_all(masked, true, 1 << 20));
  ratio("masked binary", o1, t1);
  const unmasked_text = chunks_of(stream_of(COUNT, text, 1, -1), 65536);
  const o2 = measure("ours   client role, unmasked text (UTF-8 checked)", COUNT, 64, () => parse_all(unmasked_text, "client", 1 << 20));
  const t2 = measure("ws     client role, unmasked text (UTF-8 checked)", COUNT, 64, () => ws_parse_all(unmasked_text, false, 1 << 20));
  ratio("unmasked text", o2, t2);
}

// ---- parse: 1 MiB messages ------------------------------------------------------
{
  const MIB = 1 << 20;
  const payload = new Uint8Array(MIB).map((_, i) => i & 0x7f);
  console.log("\nparse, 1 MiB messages (64 KiB chunks)");
  const masked = chunks_of(encode_frame(2, payload, true, 0x0badf00d), 65536);
  const o1 = measure("ours   server role, masked binary", 1, MIB, () => parse_all(masked, "server", 2 * MIB));
  const t1 = measure("ws     server role, masked binary", 1, MIB, () => ws_parse_all(masked, true, 2 * MIB));
  ratio("1 MiB masked binary", o1, t1);
  const text = chunks_of(encode_frame(1, payload, true, -1), 65536);
  const o2 = measure("ours   client role, unmasked text", 1, MIB, () => parse_all(text, "client", 2 * MIB));
  const t2 = measure("ws     client role, unmasked text", 1, MIB, () => ws_parse_all(text, false, 2 * MIB));
  ratio("1 MiB unmasked text", o2, t2);
  const whole = [Buffer.from(encode_frame(2, payload, true, -1))];
  measure("ours   client role, binary in one chunk (zero-copy)", 1, MIB, () => parse_all(whole, "client", 2 * MIB));
}

// ---- encode ----------------------------------------------------------------------
{
  const COUNT = 10_000;
  const msg = new Uint8Array(64).map((_, i) => i);
  const msg_buf = Buffer.from(msg);
  console.log("\nencode, 64-byte messages (10,000 per batch)");
  const server = new WsFrameWriter({ role: "server" });
  const client = new WsFrameWriter({ role: "client" });
  const o1 = measure("ours   server (unmasked), one batch", COUNT, 64, () => {
    for (let i = 0; i < COUNT; i++) server.add_message(msg, false);
    server.take();
  });
  const t1 = measure("ws     Sender.frame unmasked", COUNT, 64, () => {
    for (let i = 0; i < COUNT; i++) Sender.frame(msg_buf, { fin: true, opcode: 2, mask: false, readOnly: true });
  });
  ratio("encode unmasked", o1, t1);
  const o2 = measure("ours   client (masked), one batch", COUNT, 64, () => {
    for (let i = 0; i < COUNT; i++) client.add_message(msg, false);
    client.take();
  });
  const t2 = measure("ws     Sender.frame masked", COUNT, 64, () => {
    for (let i = 0; i < COUNT; i++) Sender.frame(msg_buf, { fin: true, opcode: 2, mask: true, readOnly: true });
  });
  ratio("encode masked", o2, t2);

  const MIB = 1 << 20;
  const big = new Uint8Array(MIB).fill(7);
  const big_buf = Buffer.from(big);
  console.log("\nencode, 1 MiB messages");
  measure("ours   server (unmasked: header + reference)", 1, MIB, () => {
    server.add_message(big, false);
    server.take();
  });
  const o3 = measure("ours   client (masked copy)", 1, MIB, () => {
    client.add_message(big, false);
    client.take();
  });
  const t3 = measure("ws     Sender.frame masked, readOnly", 1, MIB, () => {
    Sender.frame(big_buf, { fin: true, opcode: 2, mask: true, readOnly: true });
  });
  ratio("encode 1 MiB masked", o3, t3);
}

// ---- masking and UTF-8 -----------------------------------------------------------
{
  const MIB = 1 << 20;
  const buf = new Uint8Array(MIB + 8);
  console.log("\nmasking");
  measure("mask_in_place 1 MiB (aligned)", 1, MIB, () => mask_in_place(buf, 0, MIB, 0x12345678, 0));
  measure("mask_in_place 1 MiB (offset 3)", 1, MIB, () => mask_in_place(buf, 3, MIB + 3, 0x12345678, 1));
  measure("mask_in_place 64 B", 1000, 64, () => {
    for (let i = 0; i < 1000; i++) mask_in_place(buf, 2, 66, 0x12345678, 0);
  });

  console.log("\nUTF-8 validation");
  const ascii_mib = new TextEncoder().encode("a".repeat(MIB));
  const mixed_mib = new TextEncoder().encode("héllo wörld ☃ 😀 ".repeat(MIB / 24)).subarray(0, MIB - 2);
  const small = new TextEncoder().encode("x".repeat(64));
  measure("is_valid_utf8 64 B", 1000, 64, () => {
    for (let i = 0; i < 1000; i++) is_valid_utf8(small);
  });
  measure("is_valid_utf8_js 64 B (portable fallback)", 1000, 64, () => {
    for (let i = 0; i < 1000; i++) is_valid_utf8_js(small);
  });
  const fatal = new TextDecoder("utf-8", { fatal: true });
  measure("TextDecoder fatal 64 B (for comparison)", 1000, 64, () => {
    for (let i = 0; i < 1000; i++) fatal.decode(small);
  });
  measure("is_valid_utf8 1 MiB ASCII", 1, MIB, () => is_valid_utf8(ascii_mib));
  measure("is_valid_utf8 1 MiB mixed", 1, mixed_mib.length, () => is_valid_utf8(mixed_mib));
  measure("is_valid_utf8_js 1 MiB mixed (portable fallback)", 1, mixed_mib.length, () => is_valid_utf8_js(mixed_mib));
  measure("Utf8StreamValidator 1 MiB mixed in 1000 B pieces", 1, mixed_mib.length, () => {
    const v = new Utf8StreamValidator();
    for (let at = 0; at < mixed_mib.length; at += 1000) v.push(mixed_mib, at, Math.min(mixed_mib.length, at + 1000));
    if (!v.is_complete()) throw new Error("bench data invalid");
  });
  const streaming = new TextDecoder("utf-8", { fatal: true });
  measure("TextDecoder fatal stream 1 MiB mixed in 1000 B pieces", 1, mixed_mib.length, () => {
    for (let at = 0; at < mixed_mib.length; at += 1000) streaming.decode(mixed_mib.subarray(at, at + 1000), { stream: true });
    streaming.decode();
  });
}
