/**
 * Property-based tests of the frame codec: whatever bytes arrive, in whatever
 * chunking, the parser never throws, always settles, keeps its memory bound,
 * and answers the same as if the bytes had come in one piece; and whatever
 * the writer encodes, the parser gives back.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { WsFrameWriter } from "../../../src/modules/websocket/ws_frame_writer.js";
import { MAX_CONTROL_PAYLOAD } from "../../../src/modules/websocket/ws_protocol.js";
import type { WsRole } from "../../../src/modules/websocket/ws_protocol.js";
import { concat, parse_chunked, raw_frame } from "./ws_test_helpers.js";
import type { ParsedEvent } from "./ws_test_helpers.js";

type Infer<A> = A extends fc.Arbitrary<infer T> ? T : never;

/** Events without error texts (fail-fast and end-of-message UTF-8 checks word the reason differently). */
function shape(events: ParsedEvent[]) {
  return events.map((e) => (e.kind === "error" ? { kind: "error", code: e.code } : e));
}

const role_arb = fc.constantFrom<WsRole>("client", "server");
const chunking_arb = fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 12 });

/** A frame description that is valid, or nearly so (flags and opcodes drawn from all values). */
const frame_arb = fc.record({
  fin: fc.boolean(),
  rsv: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 7 })),
  opcode: fc.oneof(fc.constantFrom(0, 1, 2, 8, 9, 10), fc.integer({ min: 0, max: 15 })),
  payload: fc.oneof(
    fc.uint8Array({ maxLength: 40 }),
    fc.string({ maxLength: 30 }).map((s) => new TextEncoder().encode(s)),
    fc.integer({ min: 120, max: 700 }).map((n) => new Uint8Array(n).fill(0x61)),
  ),
  masked: fc.boolean(),
});

function frames_to_bytes(frames: Infer<typeof frame_arb>[], role: WsRole, honest_mask: boolean): Uint8Array {
  return concat(
    ...frames.map((f) =>
      raw_frame({
        fin: f.fin,
        rsv: f.rsv,
        opcode: f.opcode,
        payload: f.payload,
        // The peer masks iff we are the server; `honest_mask` false draws the bit at random.
        mask: (honest_mask ? role === "server" : f.masked) ? [1, 2, 3, 4] : null,
      }),
    ),
  );
}

/** Random edits: flip bits, overwrite, insert and delete bytes. */
const mutation_arb = fc.array(
  fc.record({ kind: fc.constantFrom("flip", "set", "insert", "delete"), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  { maxLength: 6 },
);

function mutate(bytes: Uint8Array, edits: Infer<typeof mutation_arb>): Uint8Array {
  const a = Array.from(bytes);
  for (const e of edits) {
    if (a.length === 0 && e.kind !== "insert") continue;
    const at = e.at % Math.max(1, a.length);
    if (e.kind === "flip") a[at] = (a[at] as number) ^ (1 << (e.value & 7));
    else if (e.kind === "set") a[at] = e.value;
    else if (e.kind === "insert") a.splice(at, 0, e.value);
    else a.splice(at, 1);
  }
  return Uint8Array.from(a);
}

type PlanItem =
  | { kind: "data"; text: boolean; payload: Uint8Array; cuts: number[]; pings: Uint8Array[] }
  | { kind: "ping"; payload: Uint8Array }
  | { kind: "pong"; payload: Uint8Array }
  | { kind: "close"; code: number; reason: string };

/** A valid message: data fragments with control frames between them, or a lone control frame. */
const message_plan_arb: fc.Arbitrary<PlanItem> = fc.oneof(
  fc.record({
    kind: fc.constant("data" as const),
    text: fc.boolean(),
    payload: fc.oneof(fc.string({ unit: "grapheme", maxLength: 60 }).map((t) => new TextEncoder().encode(t)), fc.uint8Array({ maxLength: 400 })),
    cuts: fc.array(fc.nat(), { maxLength: 4 }),
    pings: fc.array(fc.uint8Array({ maxLength: 125 }), { maxLength: 2 }),
  }),
  fc.record({ kind: fc.constantFrom("ping" as const, "pong" as const), payload: fc.uint8Array({ maxLength: 125 }) }),
  fc.record({ kind: fc.constant("close" as const), code: fc.integer({ min: 0, max: 5000 }), reason: fc.string({ maxLength: 20 }) }),
);

function plan_to_bytes(plan: PlanItem[], role: WsRole): Uint8Array {
  const mask = role === "server" ? ([9, 8, 7, 6] as const) : null;
  const parts: Uint8Array[] = [];
  for (const m of plan) {
    if (m.kind === "ping" || m.kind === "pong") {
      parts.push(raw_frame({ opcode: m.kind === "ping" ? 9 : 10, payload: m.payload, mask }));
    } else if (m.kind === "close") {
      const reason = new TextEncoder().encode(m.reason).subarray(0, 123);
      parts.push(raw_frame({ opcode: 8, payload: concat(Uint8Array.of(m.code >> 8, m.code & 0xff), reason), mask }));
    } else {
      // Text payloads that are not UTF-8 (the byte alternative) are fine: the parser must say 1007.
      const cuts = [...new Set(m.cuts.map((c) => c % (m.payload.length + 1)))].sort((a, b) => a - b);
      const bounds = [...cuts, m.payload.length];
      let at = 0;
      bounds.forEach((end, i) => {
        parts.push(raw_frame({ opcode: i === 0 ? (m.text ? 1 : 2) : 0, fin: i === bounds.length - 1, payload: m.payload.subarray(at, end), mask }));
        const ping = m.pings[i];
        if (ping !== undefined && i < bounds.length - 1) parts.push(raw_frame({ opcode: 9, payload: ping, mask }));
        at = end;
      });
    }
  }
  return concat(...parts);
}

function check_stream(bytes: Uint8Array, role: WsRole, max: number, chunking: number[]) {
  const whole = parse_chunked(bytes, { role, max_message_size: max });
  const split = parse_chunked(bytes, { role, max_message_size: max }, chunking);
  for (const run of [whole, split]) {
    // Settled (drain would have thrown otherwise), at most one error or Close, and it is last.
    const final = run.events.findIndex((e) => e.kind === "error" || e.kind === "close");
    if (final >= 0) expect(final).toBe(run.events.length - 1);
    for (const e of run.events) {
      if (e.kind === "text" || e.kind === "binary") expect(e.payload.length).toBeLessThanOrEqual(max);
      if (e.kind === "error") expect([1002, 1007, 1009]).toContain(e.code);
    }
  }
  // Chunking never changes the outcome.
  expect(shape(split.events)).toEqual(shape(whole.events));
  // Memory: after each drain, at most the message limit plus one partial control frame or header.
  expect(split.max_buffered).toBeLessThanOrEqual(max + MAX_CONTROL_PAYLOAD);
}

describe("frame parser fuzz", () => {
  it("random bytes in random chunkings", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), role_arb, fc.integer({ min: 0, max: 1000 }), chunking_arb, (bytes, role, max, chunking) => {
        check_stream(bytes, role, max, chunking);
      }),
      { numRuns: 1500 },
    );
  });

  it("nearly valid frame streams (random flags, opcodes, masks) in random chunkings", () => {
    fc.assert(
      fc.property(
        fc.array(frame_arb, { maxLength: 12 }),
        role_arb,
        fc.boolean(),
        fc.integer({ min: 0, max: 2000 }),
        chunking_arb,
        (frames, role, honest_mask, max, chunking) => {
          check_stream(frames_to_bytes(frames, role, honest_mask), role, max, chunking);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("valid streams (fragments, interleaved control frames, UTF-8) with a few mutations", () => {
    const stats = { clean: 0, errors: 0 };
    fc.assert(
      fc.property(fc.array(message_plan_arb, { maxLength: 8 }), role_arb, mutation_arb, fc.integer({ min: 50, max: 3000 }), chunking_arb, (plan, role, edits, max, chunking) => {
        const bytes = mutate(plan_to_bytes(plan, role), edits);
        check_stream(bytes, role, max, chunking);
        const { events } = parse_chunked(bytes, { role, max_message_size: max });
        if (events.some((e) => e.kind === "error")) stats.errors++;
        else stats.clean++;
      }),
      { numRuns: 1500 },
    );
    // The generator must exercise both outcomes, or the property proves little.
    expect(stats.clean).toBeGreaterThan(100);
    expect(stats.errors).toBeGreaterThan(100);
  });

  it("a flood of tiny fragments and pings stays within the bound", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 0, max: 300 }), chunking_arb, (count, max, chunking) => {
        const parts = [raw_frame({ opcode: 2, fin: false, payload: Uint8Array.of(1) })];
        for (let i = 0; i < count; i++) {
          parts.push(raw_frame({ opcode: 0, fin: false, payload: Uint8Array.of(i & 0xff) }));
          parts.push(raw_frame({ opcode: 9, payload: new Uint8Array(i % 126) }));
        }
        check_stream(concat(...parts), "client", max, chunking);
      }),
      { numRuns: 60 },
    );
  });
});

type WriterItem =
  | { kind: "text"; text: string; cuts: number[] }
  | { kind: "binary"; bytes: Uint8Array; cuts: number[] }
  | { kind: "ping"; bytes: Uint8Array }
  | { kind: "pong"; bytes: Uint8Array };

/** A message plan: data messages (maybe fragmented) and control frames, as the writer would send them. */
const item_arb: fc.Arbitrary<WriterItem> = fc.oneof(
  fc.record({
    kind: fc.constant("text" as const),
    text: fc.string({ unit: "grapheme", maxLength: 200 }),
    cuts: fc.array(fc.nat(), { maxLength: 4 }),
  }),
  fc.record({
    kind: fc.constant("binary" as const),
    bytes: fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 70_000 }).map((n) => new Uint8Array(n).fill(n & 0xff))),
    cuts: fc.array(fc.nat(), { maxLength: 4 }),
  }),
  fc.record({ kind: fc.constantFrom("ping" as const, "pong" as const), bytes: fc.uint8Array({ maxLength: 125 }) }),
);

describe("writer → parser round trip", () => {
  it("gives back the same messages in any chunking, fragmented or not", () => {
    fc.assert(
      fc.property(fc.array(item_arb, { maxLength: 10 }), role_arb, chunking_arb, fc.option(fc.integer({ min: 0, max: 3000 })), (items, role, chunking, big_chunk) => {
        const writer = new WsFrameWriter({ role });
        const expected: ParsedEvent[] = [];
        for (const item of items) {
          if (item.kind === "ping" || item.kind === "pong") {
            if (item.kind === "ping") writer.add_ping(item.bytes);
            else writer.add_pong(item.bytes);
            expected.push({ kind: item.kind, payload: item.bytes });
            continue;
          }
          const payload = item.kind === "text" ? new TextEncoder().encode(item.text) : item.bytes;
          expected.push({ kind: item.kind, payload });
          const cuts = [...new Set(item.cuts.map((c) => (payload.length === 0 ? 0 : c % payload.length)))].sort((a, b) => a - b);
          if (cuts.length === 0) {
            writer.add_message(payload, item.kind === "text");
            continue;
          }
          // Fragment at the cuts (any byte position, even inside a UTF-8 sequence).
          let at = 0;
          const bounds = [...cuts, payload.length];
          bounds.forEach((end, i) => {
            const opcode = i === 0 ? (item.kind === "text" ? 1 : 2) : 0;
            writer.add_frame(opcode, payload.subarray(at, end), i === bounds.length - 1);
            at = end;
          });
        }
        const wire = concat(...writer.take());
        const peer_role: WsRole = role === "client" ? "server" : "client";
        const sizes = big_chunk === null ? chunking : [big_chunk + 1, ...chunking];
        const { events, parser } = parse_chunked(wire, { role: peer_role, max_message_size: 1 << 20 }, sizes);
        expect(events.length).toBe(expected.length);
        events.forEach((e, i) => {
          const want = expected[i]!;
          expect(e.kind).toBe(want.kind);
          if ("payload" in e && "payload" in want) expect(Buffer.from(e.payload).equals(Buffer.from(want.payload))).toBe(true);
        });
        expect(parser.buffered_bytes).toBe(0);
      }),
      { numRuns: 400 },
    );
  });

  it("round-trips Close frames", () => {
    fc.assert(
      fc.property(
        role_arb,
        fc.oneof(fc.integer({ min: 1000, max: 1003 }), fc.integer({ min: 1007, max: 1014 }), fc.integer({ min: 3000, max: 4999 })),
        fc.string({ maxLength: 40 }),
        (role, code, reason) => {
          const writer = new WsFrameWriter({ role });
          const fits = new TextEncoder().encode(reason).length <= 123;
          expect(writer.add_close(code, reason)).toBe(fits ? 0 : 31);
          if (!fits) return;
          const { events } = parse_chunked(concat(...writer.take()), { role: role === "client" ? "server" : "client" }, [3]);
          expect(events).toEqual([{ kind: "close", code, reason }]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
