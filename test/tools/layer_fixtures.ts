/**
 * A small API layer for the doc tool tests, shaped like gdnet/godot3 but
 * independent of its code: its own ClassDB over the core one, a class that
 * shadows a core name (WebSocketPeer) and inherits a core class (PacketPeer),
 * Godot 3 type names in its signatures, and a child class. Its folders are
 * temporary; the core layer it falls back on reads a temporary copy of
 * doc_classes/.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OK, type GodotError } from "../../src/core/error/error_list.js";
import { PacketPeer, type PacketResult } from "../../src/core/io/packet_peer.js";
import type { ClassBinder } from "../../src/core/object/class_binder.js";
import { ClassDB, ClassDatabase } from "../../src/core/object/class_db.js";
import type { DocLayer } from "../../tools/doc/doc_layer.js";
import { CORE_LAYER } from "../../tools/doc/doc_layers.js";
import { GEN_DIR, MD_DIR } from "../../tools/doc/paths.js";
import { temp_doc_dir } from "./doc_fixtures.js";

export const FixtureDB = new ClassDatabase("fixture3", ClassDB);

/** The layer's WebSocketPeer: not the core one, though the name is the same. */
export class Fixture3Peer extends PacketPeer {
  #mode = 1;

  static override _bind_methods(b: ClassBinder): void {
    b.method("connect_to_url(url: String, protocols: PoolStringArray = PoolStringArray(  )) -> Error");
    b.method("get_raw() const -> PoolByteArray");
    b.method("get_reals() const -> PoolRealArray");
    b.method("get_xform() const -> Transform");
    b.property("write_mode: int", "set_write_mode", "get_write_mode");
    b.signal("rotated(q: Quat)");
    b.constant("WRITE_MODE_TEXT", 0);
  }

  connect_to_url(_url: string, _protocols: readonly string[] = []): GodotError {
    return OK;
  }
  get_raw(): Uint8Array {
    return new Uint8Array(0);
  }
  get_reals(): Float32Array {
    return new Float32Array(0);
  }
  get_xform(): unknown {
    return null;
  }
  set_write_mode(mode: number): void {
    this.#mode = mode;
  }
  get_write_mode(): number {
    return this.#mode;
  }
  protected _get_packet_impl(): PacketResult {
    return { error: OK, packet: new Uint8Array(0) };
  }
  protected _put_packet_impl(): GodotError {
    return OK;
  }
  protected _get_available_packet_count(): number {
    return 0;
  }
}

/** A child in the same layer: its parent must resolve to the layer's WebSocketPeer. */
export class Fixture3Client extends Fixture3Peer {
  static override _bind_methods(b: ClassBinder): void {
    b.method("get_peer_name() const -> String");
  }
  get_peer_name(): string {
    return "";
  }
}

let registered = false;

/** Registers the layer's classes (the core ones must be registered already). */
export function register_fixture3_types(): void {
  if (registered) return;
  registered = true;
  FixtureDB.register_class(Fixture3Peer, { name: "WebSocketPeer" });
  FixtureDB.register_class(Fixture3Client, { name: "WebSocketClient" });
}

export interface FixtureLayer {
  /** The fixture layer: doc_dir is a fresh temporary folder (not created). */
  readonly layer: DocLayer;
  /** Its fallback: the core layer reading a temporary copy of doc_classes/. */
  readonly core: DocLayer;
  readonly cleanup: () => void;
}

/**
 * The fixture layer with temporary doc folders. Its gen and Markdown
 * folders are named as gdnet/godot3's would be (under src/gen/ and
 * docs/classes/) so relative links are the real ones, but nothing is
 * written there: tests write generated files to temporary folders.
 */
export function fixture_layer(class_db: ClassDatabase = FixtureDB): FixtureLayer {
  const core_docs = temp_doc_dir();
  const root = mkdtempSync(join(tmpdir(), "gdnet-layer-"));
  const core: DocLayer = { ...CORE_LAYER, doc_dir: core_docs.dir };
  const layer: DocLayer = {
    name: "fixture3",
    class_db,
    doc_dir: join(root, "fixture3"),
    gen_dir: join(GEN_DIR, "fixture3"),
    md_dir: join(MD_DIR, "fixture3"),
    code_dir: join(root, "src"),
    code_skip: [],
    entry: { module: join(root, "register_types.ts"), register: "register_fixture3_types" },
    title: "fixture3 class reference",
    fallback: core,
  };
  return {
    layer,
    core,
    cleanup: () => {
      core_docs.cleanup();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
