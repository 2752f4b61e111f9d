import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ERR_INVALID_PARAMETER,
  ERR_OUT_OF_MEMORY,
  ERR_UNAVAILABLE,
  ERR_UNCONFIGURED,
  GodotError,
  OK,
} from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import { PacketPeer, type PacketResult } from "../../../src/core/io/packet_peer.js";
import { PacketPeerStream } from "../../../src/core/io/packet_peer_stream.js";
import { StreamPeerBuffer } from "../../../src/core/io/stream_peer_buffer.js";
import { bytes, Cleanup, expect_no_tcp_handles, hex, pattern, register_all, same_bytes, tcp_pair, wait_until } from "./io_test_helpers.js";

beforeAll(register_all);

/** A minimal PacketPeer: a queue of packets, to test the base class alone. */
class QueuePeer extends PacketPeer {
  readonly queue: Uint8Array[] = [];
  protected _get_packet_impl(): PacketResult {
    const packet = this.queue.shift();
    return packet ? { error: OK, packet } : { error: ERR_UNAVAILABLE, packet: new Uint8Array(0) };
  }
  protected _put_packet_impl(data: Uint8Array): GodotError {
    this.queue.push(data.slice());
    return OK;
  }
  protected _get_available_packet_count(): number {
    return this.queue.length;
  }
}

describe("PacketPeer base", () => {
  it("put_packet of an empty buffer sends nothing and returns OK", () => {
    const p = new QueuePeer();
    expect(p.put_packet(new Uint8Array(0))).toBe(OK);
    expect(p.get_available_packet_count()).toBe(0);
  });

  it("get_packet stores its error for get_packet_error()", () => {
    const p = new QueuePeer();
    p.put_packet(Uint8Array.of(1));
    expect(hex(p.get_packet())).toBe("01");
    expect(p.get_packet_error()).toBe(OK);
    expect(p.get_packet()).toEqual(new Uint8Array(0));
    expect(p.get_packet_error()).toBe(ERR_UNAVAILABLE);
  });

  it("put_var/get_var carry Variants as one packet each", () => {
    const p = new QueuePeer();
    expect(p.put_var({ a: 1 })).toBe(OK);
    expect(p.put_var("hi")).toBe(OK);
    expect(hex(p.queue[1] as Uint8Array)).toBe("040000000200000068690000");
    expect((p.get_var() as Map<unknown, unknown>).get("a")).toBe(1);
    expect(p.get_var()).toBe("hi");
    const cap = capture_output();
    try {
      expect(p.get_var()).toBe(null);
      expect(p.get_packet_error()).toBe(ERR_UNAVAILABLE);
      p.put_packet(bytes("ff000000"));
      expect(p.get_var()).toBe(null);
      expect(cap.lines("error")).toHaveLength(2);
    } finally {
      cap.restore();
    }
  });

  it("encode_buffer_max_size: default 8 MiB, bounds checked, rounded up to a power of two", () => {
    const p = new QueuePeer();
    expect(p.encode_buffer_max_size).toBe(8388608);
    const cap = capture_output();
    try {
      p.encode_buffer_max_size = 1000;
      expect(p.get_encode_buffer_max_size()).toBe(8388608);
      p.set_encode_buffer_max_size(256 * 1024 * 1024 + 1);
      expect(p.encode_buffer_max_size).toBe(8388608);
      expect(cap.lines("error")).toHaveLength(2);
      p.encode_buffer_max_size = 3000;
      expect(p.encode_buffer_max_size).toBe(4096);
      p.encode_buffer_max_size = 1024;
      expect(p.encode_buffer_max_size).toBe(1024);
      p.encode_buffer_max_size = 256 * 1024 * 1024;
      expect(p.encode_buffer_max_size).toBe(256 * 1024 * 1024);
      expect(cap.lines("error")).toHaveLength(2);
    } finally {
      cap.restore();
    }
  });

  it("put_var beyond encode_buffer_max_size fails with ERR_OUT_OF_MEMORY and one line", () => {
    const p = new QueuePeer();
    p.encode_buffer_max_size = 4096;
    const cap = capture_output();
    try {
      expect(p.put_var(new Uint8Array(4100))).toBe(ERR_OUT_OF_MEMORY);
      expect(p.get_available_packet_count()).toBe(0);
      expect(cap.lines("error")).toHaveLength(1);
      expect(cap.lines("error")[0]).toMatch(/encode_buffer_max_size/);
      expect(p.put_var(new Uint8Array(4000))).toBe(OK);
      expect(p.put_var(Symbol("x"))).toBe(ERR_INVALID_PARAMETER);
      expect(p.put_packet("x" as unknown as Uint8Array)).toBe(ERR_INVALID_PARAMETER);
      expect(cap.lines("error")).toHaveLength(3);
    } finally {
      cap.restore();
    }
  });
});

/** A writer over one buffer, and a reader over a copy of what it wrote. */
function through_buffer(write: (w: PacketPeerStream) => void): { written: Uint8Array; reader: PacketPeerStream } {
  const out = new StreamPeerBuffer();
  const writer = new PacketPeerStream();
  writer.stream_peer = out;
  write(writer);
  const written = out.data_array;
  const input = new StreamPeerBuffer();
  input.data_array = written;
  const reader = new PacketPeerStream();
  reader.set_stream_peer(input);
  return { written, reader };
}

describe("PacketPeerStream over StreamPeerBuffer", () => {
  it("frames each packet with a 4-byte little-endian length, whatever the stream's endianness", () => {
    const out = new StreamPeerBuffer();
    out.big_endian = true;
    const writer = new PacketPeerStream();
    writer.stream_peer = out;
    expect(writer.put_packet(Uint8Array.of(0xaa, 0xbb))).toBe(OK);
    expect(writer.put_packet(new Uint8Array(0))).toBe(OK);
    expect(writer.put_var(true)).toBe(OK);
    expect(hex(out.data_array)).toBe("02000000aabb" + "08000000" + "0100000001000000");
  });

  it("delivers packets in order, counting only complete ones", () => {
    const { reader } = through_buffer((w) => {
      w.put_packet(Uint8Array.of(1));
      w.put_packet(pattern(3000));
      w.put_var([1, "a"]);
    });
    expect(reader.get_available_packet_count()).toBe(3);
    expect(hex(reader.get_packet())).toBe("01");
    expect(same_bytes(reader.get_packet(), pattern(3000))).toBe(true);
    expect(reader.get_available_packet_count()).toBe(1);
    expect(reader.get_var()).toEqual([1, "a"]);
    expect(reader.get_available_packet_count()).toBe(0);
    expect(reader.get_packet()).toEqual(new Uint8Array(0));
    expect(reader.get_packet_error()).toBe(ERR_UNAVAILABLE);
  });

  it("an incomplete packet is not counted and not returned", () => {
    const input = new StreamPeerBuffer();
    input.data_array = bytes("05000000 0102");
    const reader = new PacketPeerStream();
    reader.stream_peer = input;
    expect(reader.get_available_packet_count()).toBe(0);
    expect(reader.get_packet().length).toBe(0);
    expect(reader.get_packet_error()).toBe(ERR_UNAVAILABLE);
    // The rest arrives later.
    input.put_data(bytes("030405"));
    input.seek(6);
    expect(reader.get_available_packet_count()).toBe(1);
    expect(hex(reader.get_packet())).toBe("0102030405");
  });

  it("buffer sizes default to 65532 and round so that size + 4 is a power of two", () => {
    const p = new PacketPeerStream();
    expect(p.input_buffer_max_size).toBe(65532);
    expect(p.output_buffer_max_size).toBe(65532);
    p.output_buffer_max_size = 10;
    expect(p.output_buffer_max_size).toBe(12);
    p.set_input_buffer_max_size(100_000);
    expect(p.get_input_buffer_max_size()).toBe(131068);
    p.input_buffer_max_size = 0;
    expect(p.input_buffer_max_size).toBe(0);
  });

  it("refuses packets larger than output_buffer_max_size with one line", () => {
    const out = new StreamPeerBuffer();
    const writer = new PacketPeerStream();
    writer.stream_peer = out;
    writer.output_buffer_max_size = 12;
    const cap = capture_output();
    try {
      expect(writer.put_packet(new Uint8Array(12))).toBe(OK);
      expect(writer.put_packet(new Uint8Array(13))).toBe(ERR_INVALID_PARAMETER);
      expect(out.get_size()).toBe(16);
      expect(cap.lines("error")).toHaveLength(1);
    } finally {
      cap.restore();
    }
  });

  it("a packet as large as input_buffer_max_size arrives; a larger one is reported, never read", () => {
    const { reader } = through_buffer((w) => {
      w.output_buffer_max_size = 100;
      w.put_packet(pattern(100));
    });
    reader.input_buffer_max_size = 124;
    expect(reader.input_buffer_max_size).toBe(124);
    const big = through_buffer((w) => w.put_packet(pattern(200))).reader;
    big.input_buffer_max_size = 124;
    const cap = capture_output();
    try {
      expect(same_bytes(reader.get_packet(), pattern(100))).toBe(true);
      expect(big.get_available_packet_count()).toBe(0);
      expect(big.get_packet().length).toBe(0);
      expect(big.get_packet_error()).toBe(ERR_UNAVAILABLE);
      expect(cap.lines("error")).toHaveLength(1);
      expect(cap.lines("error")[0]).toMatch(/200 bytes, more than input_buffer_max_size \(124\)/);
    } finally {
      cap.restore();
    }
  });

  it("pulls at most input_buffer_max_size + 4 bytes ahead of the application", () => {
    const { reader } = through_buffer((w) => {
      for (let i = 0; i < 100; i++) w.put_packet(pattern(60, i + 1));
    });
    reader.input_buffer_max_size = 252;
    expect(reader.get_available_packet_count()).toBe(4);
    expect(reader._get_buffered_input()).toBe(256);
    let received = 0;
    while (reader.get_available_packet_count() > 0) {
      expect(same_bytes(reader.get_packet(), pattern(60, received + 1))).toBe(true);
      received++;
      expect(reader._get_buffered_input()).toBeLessThanOrEqual(256);
    }
    expect(received).toBe(100);
  });

  it("won't resize the input buffer while it holds data", () => {
    const { reader } = through_buffer((w) => w.put_packet(Uint8Array.of(1, 2)));
    reader.get_available_packet_count();
    const cap = capture_output();
    try {
      reader.input_buffer_max_size = 1000;
      expect(reader.input_buffer_max_size).toBe(65532);
      expect(cap.lines("error")).toHaveLength(1);
    } finally {
      cap.restore();
    }
  });

  it("without a stream: ERR_UNCONFIGURED and one line per call", () => {
    const p = new PacketPeerStream();
    const cap = capture_output();
    try {
      expect(p.get_available_packet_count()).toBe(0);
      expect(p.put_packet(Uint8Array.of(1))).toBe(ERR_UNCONFIGURED);
      expect(p.get_packet().length).toBe(0);
      expect(p.get_packet_error()).toBe(ERR_UNCONFIGURED);
      expect(p.get_var()).toBe(null);
      expect(cap.lines("error")).toHaveLength(3);
      p.stream_peer = 42 as unknown as StreamPeerBuffer;
      expect(p.stream_peer).toBe(null);
      p.input_buffer_max_size = -5;
      p.output_buffer_max_size = "x" as unknown as number;
      expect(cap.lines("error")).toHaveLength(6);
    } finally {
      cap.restore();
    }
  });

  it("switching streams drops what was read ahead from the old one", () => {
    const { reader } = through_buffer((w) => w.put_packet(Uint8Array.of(1)));
    expect(reader.get_available_packet_count()).toBe(1);
    const other = new StreamPeerBuffer();
    other.data_array = bytes("01000000 07");
    reader.stream_peer = other;
    expect(hex(reader.get_packet())).toBe("07");
  });
});

describe("PacketPeerStream over loopback TCP", () => {
  const cleanup = new Cleanup();
  afterEach(() => cleanup.run());
  afterAll(() => expect_no_tcp_handles());

  it("exchanges packets both ways, large ones across many TCP segments", async () => {
    const { client, accepted } = await tcp_pair(cleanup);
    const a = new PacketPeerStream();
    a.stream_peer = client;
    const b = new PacketPeerStream();
    b.stream_peer = accepted;
    const big = pattern(65532, 7);
    for (let i = 0; i < 20; i++) expect(a.put_packet(i % 2 === 0 ? big : Uint8Array.of(i))).toBe(OK);
    expect(b.put_var({ hello: "world" })).toBe(OK);
    const got: Uint8Array[] = [];
    let reply: unknown = null;
    await wait_until(() => {
      while (b.get_available_packet_count() > 0) got.push(b.get_packet());
      if (reply === null && a.get_available_packet_count() > 0) reply = a.get_var();
      return got.length === 20 && reply !== null;
    }, "20 packets and a reply");
    for (let i = 0; i < 20; i++) expect(same_bytes(got[i], i % 2 === 0 ? big : Uint8Array.of(i))).toBe(true);
    expect((reply as Map<string, unknown>).get("hello")).toBe("world");
    expect(b._get_buffered_input()).toBe(0);
  });
});
