import { beforeAll, describe, expect, it } from "vitest";
import type { ClassBinder } from "../../../src/core/object/class_binder.js";
import { ClassDB, ClassDatabase } from "../../../src/core/object/class_db.js";
import { RefCounted } from "../../../src/core/object/ref_counted.js";
import { register_core_types } from "../../../src/core/register_core_types.js";
import { parse_method_signature, parse_property_signature, parse_signal_signature } from "../../../src/core/object/signature.js";
import { godot4_type_name, is_builtin_type, variant_type_id } from "../../../src/core/object/type_info.js";

describe("Godot 3 type names", () => {
  it("are builtin types with the Variant.Type id of their Godot 4 counterpart", () => {
    const pairs: [string, string, number][] = [
      ["PoolByteArray", "PackedByteArray", 29],
      ["PoolIntArray", "PackedInt32Array", 30],
      ["PoolRealArray", "PackedFloat32Array", 32],
      ["PoolStringArray", "PackedStringArray", 34],
      ["PoolVector2Array", "PackedVector2Array", 35],
      ["PoolVector3Array", "PackedVector3Array", 36],
      ["PoolColorArray", "PackedColorArray", 37],
      ["Transform", "Transform3D", 18],
      ["Quat", "Quaternion", 15],
    ];
    for (const [godot3, godot4, id] of pairs) {
      expect(godot4_type_name(godot3), godot3).toBe(godot4);
      expect(is_builtin_type(godot3), godot3).toBe(true);
      expect(variant_type_id(godot3), godot3).toBe(id);
      expect(variant_type_id(godot4), godot4).toBe(id);
    }
  });

  it("leave other names alone: classes stay objects", () => {
    expect(godot4_type_name("PackedStringArray")).toBe("PackedStringArray");
    expect(godot4_type_name("WebSocketClient")).toBe("WebSocketClient");
    expect(is_builtin_type("WebSocketClient")).toBe(false);
    expect(variant_type_id("WebSocketClient")).toBe(24);
    // Names 3.x does not have, and inherited Object keys, are not types.
    expect(is_builtin_type("PoolInt64Array")).toBe(false);
    expect(is_builtin_type("toString")).toBe(false);
    expect(godot4_type_name("toString")).toBe("toString");
  });
});

describe("signatures with Godot 3 type names and defaults", () => {
  it("parse the 3.x doctool's default spellings verbatim", () => {
    const m = parse_method_signature(
      'connect_to_url(url: String, protocols: PoolStringArray = PoolStringArray(  ), gd_mp_api: bool = false, custom_headers: PoolStringArray = PoolStringArray(  )) -> Error',
    );
    expect(m.args.map((a) => [a.name, a.type, a.default])).toEqual([
      ["url", "String", undefined],
      ["protocols", "PoolStringArray", "PoolStringArray(  )"],
      ["gd_mp_api", "bool", "false"],
      ["custom_headers", "PoolStringArray", "PoolStringArray(  )"],
    ]);
    expect(m.return_type).toEqual({ type: "int", enum: "Error" });
    const listed = parse_method_signature('listen(port: int, protocols: PoolStringArray = PoolStringArray( "a", "b" )) -> Error');
    expect(listed.args[1]?.default).toBe('PoolStringArray( "a", "b" )');
    const compact = parse_method_signature("set_extra_headers(headers: PoolStringArray = PoolStringArray())");
    expect(compact.args[0]?.default).toBe("PoolStringArray()");
  });

  it("accept 3.x names for returns, properties and signal arguments", () => {
    expect(parse_method_signature("get_pool() const -> PoolByteArray").return_type).toEqual({ type: "PoolByteArray" });
    expect(parse_property_signature("xform: Transform")).toEqual({ name: "xform", type: { type: "Transform" } });
    expect(parse_signal_signature("rotated(q: Quat, reals: PoolRealArray)").args.map((a) => a.type)).toEqual(["Quat", "PoolRealArray"]);
  });
});

class TypeNamesProbe extends RefCounted {
  static override _bind_methods(b: ClassBinder): void {
    b.method("send_lines(lines: PoolStringArray = PoolStringArray(  )) -> PoolByteArray");
  }
  send_lines(): Uint8Array {
    return new Uint8Array(0);
  }
}

describe("ClassDB dictionaries for 3.x type names", () => {
  const Layer = new ClassDatabase("type-names-test", ClassDB);
  beforeAll(() => {
    register_core_types();
    Layer.register_class(TypeNamesProbe);
  });

  it("report Godot 4 Variant.Type ids and no class name", () => {
    const [m] = Layer.class_get_method_list("TypeNamesProbe", true);
    expect(m?.args[0]).toMatchObject({ name: "lines", type: 34, class_name: "" });
    expect(m?.return).toMatchObject({ type: 29, class_name: "" });
    expect(m?.default_args).toEqual(["PoolStringArray(  )"]);
  });
});
