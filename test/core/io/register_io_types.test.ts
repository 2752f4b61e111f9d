import { beforeAll, describe, expect, it } from "vitest";
import { ClassDB } from "../../../src/core/object/class_db.js";
import type { MethodInfo } from "../../../src/core/object/type_info.js";
import { StreamPeerTCP } from "../../../src/core/io/stream_peer_tcp.js";
import { register_io_types } from "../../../src/core/io/register_io_types.js";
import { register_all } from "./io_test_helpers.js";

beforeAll(() => {
  register_all();
  register_io_types(); // a second call is harmless
});

/** A method as the class reference would write it. */
function signature(m: MethodInfo): string {
  const args = m.args.map((a) => `${a.name}: ${a.enum ?? a.type}${a.default !== undefined ? ` = ${a.default}` : ""}`).join(", ");
  const ret = m.return_type.enum ?? m.return_type.type;
  return `${m.name}(${args})${m.qualifiers.const ? " const" : ""}${ret === "void" ? "" : ` -> ${ret}`}`;
}

function methods(class_name: string): string[] {
  return ClassDB.class_get_method_infos(class_name, true)
    .filter((m) => !m.is_property_accessor)
    .map(signature)
    .sort();
}

describe("register_io_types", () => {
  it("registers the hierarchy, with PacketPeer and StreamPeer abstract", () => {
    expect(ClassDB.get_parent_class("PacketPeer")).toBe("RefCounted");
    expect(ClassDB.get_parent_class("PacketPeerStream")).toBe("PacketPeer");
    expect(ClassDB.get_parent_class("StreamPeer")).toBe("RefCounted");
    expect(ClassDB.get_parent_class("StreamPeerBuffer")).toBe("StreamPeer");
    expect(ClassDB.get_parent_class("StreamPeerTCP")).toBe("StreamPeer");
    expect(ClassDB.get_parent_class("TCPServer")).toBe("RefCounted");
    expect(ClassDB.can_instantiate("PacketPeer")).toBe(false);
    expect(ClassDB.can_instantiate("StreamPeer")).toBe(false);
    for (const name of ["PacketPeerStream", "StreamPeerBuffer", "StreamPeerTCP", "TCPServer"]) {
      expect(ClassDB.can_instantiate(name)).toBe(true);
      expect((ClassDB.instantiate(name) as { get_class(): string }).get_class()).toBe(name);
    }
  });

  it("PacketPeer and PacketPeerStream have the engine's API", () => {
    expect(methods("PacketPeer")).toEqual(
      [
        "get_available_packet_count() const -> int",
        "get_packet() -> PackedByteArray",
        "get_packet_error() const -> Error",
        "get_var(allow_objects: bool = false) -> Variant",
        "put_packet(buffer: PackedByteArray) -> Error",
        "put_var(var: Variant, full_objects: bool = false) -> Error",
      ].sort(),
    );
    expect(ClassDB.class_get_property_infos("PacketPeer", true).map((p) => `${p.name}: ${p.type} ${p.setter}/${p.getter}`)).toEqual([
      "encode_buffer_max_size: int set_encode_buffer_max_size/get_encode_buffer_max_size",
    ]);
    expect(methods("PacketPeerStream")).toEqual([]);
    expect(ClassDB.class_get_property_infos("PacketPeerStream", true).map((p) => `${p.name}: ${p.type}`)).toEqual([
      "input_buffer_max_size: int",
      "output_buffer_max_size: int",
      "stream_peer: StreamPeer",
    ]);
  });

  it("StreamPeer and StreamPeerBuffer have the engine's API", () => {
    const stream_peer = methods("StreamPeer");
    expect(stream_peer).toHaveLength(33);
    expect(stream_peer).toEqual(
      expect.arrayContaining([
        "put_data(data: PackedByteArray) -> Error",
        "put_partial_data(data: PackedByteArray) -> Array",
        "get_data(bytes: int) -> Array",
        "get_partial_data(bytes: int) -> Array",
        "get_available_bytes() const -> int",
        "put_half(value: float)",
        "put_64(value: int)",
        "get_half() -> float",
        "get_u64() -> int",
        "get_string(bytes: int = -1) -> String",
        "get_utf8_string(bytes: int = -1) -> String",
        "put_var(value: Variant, full_objects: bool = false)",
        "get_var(allow_objects: bool = false) -> Variant",
      ]),
    );
    expect(ClassDB.class_get_property_info("StreamPeer", "big_endian")).toMatchObject({
      type: "bool",
      setter: "set_big_endian",
      getter: "is_big_endian_enabled",
    });
    expect(methods("StreamPeerBuffer")).toEqual(
      [
        "clear()",
        "duplicate() const -> StreamPeerBuffer",
        "get_position() const -> int",
        "get_size() const -> int",
        "resize(size: int)",
        "seek(position: int)",
      ].sort(),
    );
    expect(ClassDB.class_get_property_info("StreamPeerBuffer", "data_array")?.type).toBe("PackedByteArray");
  });

  it("StreamPeerTCP and TCPServer have the engine's API and constants", () => {
    expect(methods("StreamPeerTCP")).toEqual(
      [
        'bind(port: int, host: String = "*") -> Error',
        "connect_to_host(host: String, port: int) -> Error",
        "disconnect_from_host()",
        "get_connected_host() const -> String",
        "get_connected_port() const -> int",
        "get_local_port() const -> int",
        "get_status() const -> StreamPeerTCP.Status",
        "poll() -> Error",
        "set_no_delay(enabled: bool)",
      ].sort(),
    );
    expect(ClassDB.class_get_enum_constants("StreamPeerTCP", "Status")).toEqual([
      "STATUS_NONE",
      "STATUS_CONNECTING",
      "STATUS_CONNECTED",
      "STATUS_ERROR",
    ]);
    expect(ClassDB.class_get_integer_constant("StreamPeerTCP", "STATUS_ERROR")).toBe(3);
    expect(StreamPeerTCP.Status.STATUS_CONNECTED).toBe(2);
    expect(methods("TCPServer")).toEqual(
      [
        "get_local_port() const -> int",
        "is_connection_available() const -> bool",
        "is_listening() const -> bool",
        'listen(port: int, bind_address: String = "*") -> Error',
        "stop()",
        "take_connection() -> StreamPeerTCP",
      ].sort(),
    );
  });
});
