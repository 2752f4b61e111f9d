import { beforeAll, describe, expect, it } from "vitest";
import { capture_output } from "../../../src/core/error/error_sink.js";
import type { ClassBinder } from "../../../src/core/object/class_binder.js";
import { ClassDB, ClassDatabase } from "../../../src/core/object/class_db.js";
import { RefCounted } from "../../../src/core/object/ref_counted.js";
import { register_core_types } from "../../../src/core/register_core_types.js";

// Two classes with the same engine name, one per layer (as gdnet/godot3's
// WebSocketPeer and the Godot 4 one).
class LayerProbeNew extends RefCounted {
  static override _bind_methods(b: ClassBinder): void {
    b.method("only_new() -> int");
    b.signal("changed_new()");
  }
  only_new(): number {
    return 4;
  }
}
class LayerProbeOld extends RefCounted {
  static override _bind_methods(b: ClassBinder): void {
    b.method("only_old() -> int");
    b.signal("changed_old(id: int)");
  }
  only_old(): number {
    return 3;
  }
}
class LayerProbeOldChild extends LayerProbeOld {}

const OldDB = new ClassDatabase("test-old", ClassDB);

beforeAll(() => {
  register_core_types();
  ClassDB.register_class(LayerProbeNew, { name: "LayerProbe" });
  OldDB.register_class(LayerProbeOld, { name: "LayerProbe" });
  OldDB.register_class(LayerProbeOldChild);
});

describe("ClassDB layers", () => {
  it("keeps clashing names apart and falls back to the layer below", () => {
    expect(ClassDB.class_has_method("LayerProbe", "only_new")).toBe(true);
    expect(ClassDB.class_has_method("LayerProbe", "only_old")).toBe(false);
    expect(OldDB.class_has_method("LayerProbe", "only_old")).toBe(true);
    expect(OldDB.class_has_method("LayerProbe", "only_new")).toBe(false);
    // Shared classes come from the core layer.
    expect(OldDB.get_parent_class("LayerProbe")).toBe("RefCounted");
    expect(OldDB.is_parent_class("LayerProbeOldChild", "Object")).toBe(true);
    expect(OldDB.class_has_method("LayerProbeOldChild", "get_reference_count")).toBe(true);
    expect(ClassDB.class_exists("LayerProbeOldChild")).toBe(false);
    expect(OldDB.get_own_class_list()).toEqual(["LayerProbe", "LayerProbeOldChild"]);
    expect(OldDB.get_class_list()).toEqual(expect.arrayContaining(["Object", "RefCounted", "LayerProbe", "LayerProbeOldChild"]));
    expect(OldDB.get_class_list().filter((n) => n === "LayerProbe")).toHaveLength(1);
  });

  it("reflects on an instance through the layer its class lives in", () => {
    const old_child = new LayerProbeOldChild();
    expect(old_child.get_class()).toBe("LayerProbeOldChild");
    expect(old_child.is_class("LayerProbe")).toBe(true);
    expect(old_child.has_signal("changed_old")).toBe(true);
    expect(old_child.has_signal("changed_new")).toBe(false);
    expect(old_child.get_method_list().map((m) => m.name)).toContain("only_old");
    expect(old_child.get_method_list().map((m) => m.name)).not.toContain("only_new");
    const fresh = new LayerProbeNew();
    expect(fresh.has_signal("changed_new")).toBe(true);
    expect(fresh.has_signal("changed_old")).toBe(false);
    expect(fresh.call("only_new")).toBe(4);
  });

  it("refuses a root class in an upper layer and a name registered twice in one layer", () => {
    class Rootless {}
    expect(() => OldDB.register_class(Rootless as never)).toThrow(/parent/);
    class Again extends RefCounted {}
    expect(() => OldDB.register_class(Again, { name: "LayerProbe" })).toThrow(/already registered/);
    const out = capture_output();
    try {
      expect(OldDB.instantiate("NoSuchClass")).toBeNull();
    } finally {
      out.restore();
    }
    expect(out.lines()).toEqual(["ERROR: ClassDB.instantiate: class 'NoSuchClass' does not exist."]);
  });
});
