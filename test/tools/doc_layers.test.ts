import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import "../../src/index.js";
import { ClassDatabase, ClassDB } from "../../src/core/object/class_db.js";
import { empty_class_doc, type ClassDoc } from "../../tools/doc/class_doc.js";
import { format_diagnostic } from "../../tools/doc/diagnostics.js";
import { DocIndex } from "../../tools/doc/doc_index.js";
import { layer_index, register_layer } from "../../tools/doc/doc_layer.js";
import { docs_of, load_doc_set } from "../../tools/doc/doc_set.js";
import { doctool_check, doctool_update } from "../../tools/doc/doctool.js";
import { build_markdown } from "../../tools/doc/markdown_run.js";
import { GEN_DIR, REPO_ROOT, SRC_DIR } from "../../tools/doc/paths.js";
import { build_typings } from "../../tools/doc/typings_run.js";
import { type_errors } from "./tsc_check.js";
import { describe_everything, edit_file, read_doc } from "./doc_fixtures.js";
import { fixture_layer, register_fixture3_types, type FixtureLayer } from "./layer_fixtures.js";

let fx: FixtureLayer | null = null;
const extra_dirs: string[] = [];

beforeAll(() => register_fixture3_types());

afterEach(() => {
  fx?.cleanup();
  fx = null;
  for (const d of extra_dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const lines = (layer: FixtureLayer["layer"]): string[] => doctool_check({ doc_dir: layer.doc_dir, layer }).map(format_diagnostic);

/** The fixture layer with its XML written by --update and every description filled in. */
function documented_layer(): FixtureLayer {
  fx = fixture_layer();
  expect(doctool_update({ doc_dir: fx.layer.doc_dir, layer: fx.layer }).refused).toBe(false);
  for (const name of ["WebSocketPeer", "WebSocketClient"]) describe_everything(join(fx.layer.doc_dir, `${name}.xml`));
  return fx;
}

describe("doctool on a layer over the core", () => {
  it("a layer with no classes and no folder has nothing to check, and --update writes nothing", () => {
    fx = fixture_layer(new ClassDatabase("empty-layer", ClassDB));
    expect(lines(fx.layer)).toEqual([]);
    expect(doctool_update({ doc_dir: fx.layer.doc_dir, layer: fx.layer })).toEqual({ refused: false, written: [], diagnostics: [] });
    expect(existsSync(fx.layer.doc_dir)).toBe(false);
  });

  it("reports the layer's own registered classes as missing, not the core's", () => {
    fx = fixture_layer();
    const problems = lines(fx.layer);
    expect(problems.filter((l) => l.includes("missing XML file")).map((l) => /class "([^"]+)"/.exec(l)?.[1]).sort()).toEqual(["WebSocketClient", "WebSocketPeer"]);
  });

  it("--update writes only the layer's classes, in its folder, with 3.x types and defaults as registered", () => {
    fx = fixture_layer();
    const { written } = doctool_update({ doc_dir: fx.layer.doc_dir, layer: fx.layer });
    expect(written.map((f) => f.slice(f.lastIndexOf("/") + 1)).sort()).toEqual(["WebSocketClient.xml", "WebSocketPeer.xml"]);
    const peer = read_doc(join(fx.layer.doc_dir, "WebSocketPeer.xml"));
    expect(peer.inherits).toBe("PacketPeer");
    expect(peer.methods.find((m) => m.name === "connect_to_url")?.params[1]).toMatchObject({ name: "protocols", type: "PoolStringArray", default: "PoolStringArray(  )" });
    expect(peer.methods.find((m) => m.name === "get_xform")?.return).toEqual({ type: "Transform" });
    expect(peer.members).toEqual([expect.objectContaining({ name: "write_mode", type: "int", default: "1" })]);
    expect(peer.signals[0]?.params[0]).toMatchObject({ name: "q", type: "Quat" });
    expect(read_doc(join(fx.layer.doc_dir, "WebSocketClient.xml")).inherits).toBe("WebSocketPeer");
    // The core copy is not touched by the layer's update.
    expect(existsSync(join(fx.core.doc_dir, "WebSocketClient.xml"))).toBe(false);
  });

  it("passes once described: core parents, 3.x types and references to core classes resolve", () => {
    const { layer } = documented_layer();
    edit_file(
      join(layer.doc_dir, "WebSocketPeer.xml"),
      "Describes method connect_to_url.",
      "Connects; [param protocols] is a [PoolStringArray]. See [method PacketPeer.put_var], [member PacketPeer.encode_buffer_max_size], [constant OK], [RefCounted] and [method get_raw].",
    );
    edit_file(join(layer.doc_dir, "WebSocketClient.xml"), "Describes method get_peer_name.", "Uses [method connect_to_url] and [constant WRITE_MODE_TEXT] of its parent.");
    expect(lines(layer)).toEqual([]);
  });

  it("still finds what is wrong: unknown parent, unresolved references, XML of a class the layer does not have", () => {
    const { layer } = documented_layer();
    const peer = join(layer.doc_dir, "WebSocketPeer.xml");
    edit_file(peer, 'inherits="PacketPeer"', 'inherits="PacketPeerr"');
    edit_file(peer, "Describes method get_raw.", "See [method PacketPeer.nope] and [NetworkedThing].");
    // A core class's XML in the layer's folder: the layer does not register PacketPeer itself.
    writeFileSync(join(layer.doc_dir, "PacketPeer.xml"), readFileSync(join(fx?.core.doc_dir ?? "", "PacketPeer.xml"), "utf8"));
    const problems = lines(layer).map((l) => l.replace(/^.*?(\w+\.xml):\d+: /, "$1: "));
    expect(problems).toEqual(
      expect.arrayContaining([
        'WebSocketPeer.xml: class "WebSocketPeer" inherits unknown class "PacketPeerr"',
        'WebSocketPeer.xml: WebSocketPeer: class parent (inherits): "PacketPeer" in ClassDB, "PacketPeerr" in XML',
        'WebSocketPeer.xml: method "get_raw": unresolved reference [method PacketPeer.nope]',
        'WebSocketPeer.xml: method "get_raw": unknown BBCode tag or class [NetworkedThing]',
        'PacketPeer.xml: XML for unregistered class "PacketPeer"',
      ]),
    );
  });
});

describe("DocIndex over a fallback", () => {
  const doc = (name: string, inherits?: string): ClassDoc => empty_class_doc(name, inherits);
  const core = new DocIndex(new Map([["Object", doc("Object")], ["PacketPeer", doc("PacketPeer", "Object")], ["WebSocketPeer", doc("WebSocketPeer", "PacketPeer")], ["CoreChild", doc("CoreChild", "WebSocketPeer")]]));
  const layer = new DocIndex(new Map([["WebSocketPeer", doc("WebSocketPeer", "PacketPeer")], ["WebSocketClient", doc("WebSocketClient", "WebSocketPeer")]]), core);

  it("resolves own classes first and chains into the layer below", () => {
    expect(layer.depth_of("WebSocketClient")).toBe(0);
    expect(layer.depth_of("WebSocketPeer")).toBe(0);
    expect(layer.depth_of("PacketPeer")).toBe(1);
    expect(layer.depth_of("Nope")).toBe(-1);
    expect(layer.chain("WebSocketClient").map((d) => d.name)).toEqual(["WebSocketClient", "WebSocketPeer", "PacketPeer", "Object"]);
    expect(layer.docs.get("WebSocketPeer")).toBe(layer.own.get("WebSocketPeer"));
  });

  it("keeps a lower class's parents and children in its own layer", () => {
    // CoreChild's parent is the core WebSocketPeer, not the layer's of the same name.
    expect(layer.chain("CoreChild").map((d) => d.name)).toEqual(["CoreChild", "WebSocketPeer", "PacketPeer", "Object"]);
    expect(layer.chain("CoreChild")[1]).toBe(core.own.get("WebSocketPeer"));
    expect(layer.children("WebSocketPeer")).toEqual(["WebSocketClient"]);
    expect(layer.children("PacketPeer")).toEqual(["WebSocketPeer"]);
  });
});

describe("generators for a layer", () => {
  it("typings: 3.x types as their Godot 4 TS types, core parents imported from the core folder, own classes from the layer's", () => {
    const { layer } = documented_layer();
    const { files, diagnostics } = build_typings(layer);
    expect(diagnostics).toEqual([]);
    expect([...files.keys()].sort()).toEqual(["index.ts", "web_socket_client.gen.ts", "web_socket_peer.gen.ts"]);
    const peer = files.get("web_socket_peer.gen.ts") ?? "";
    expect(peer).toContain(`from ${relative(REPO_ROOT, layer.doc_dir)}/WebSocketPeer.xml.`);
    expect(peer).toContain('import type { PacketPeerApi } from "../packet_peer.gen.js";');
    expect(peer).toContain("export interface WebSocketPeerApi extends PacketPeerApi {");
    expect(peer).toContain("  connect_to_url(url: string, protocols?: readonly string[]): GodotError;");
    expect(peer).toContain("  get_raw(): Uint8Array;");
    expect(peer).toContain("  get_reals(): Float32Array;");
    expect(peer).toContain("  get_xform(): unknown;");
    expect(peer).toContain("  rotated: [q: unknown];");
    expect(peer).toContain('import type { GodotError } from "../../core/error/error_list.js";');
    const client = files.get("web_socket_client.gen.ts") ?? "";
    expect(client).toContain('import type { WebSocketPeerApi } from "./web_socket_peer.gen.js";');
    expect(files.get("index.ts")).not.toContain("PacketPeer");
  });

  it("typings: tsc holds a layer class to its interface (a 3.x type with the wrong TS type fails)", () => {
    const { layer } = documented_layer();
    const dir = mkdtempSync(join(tmpdir(), "gdnet-layer-tsc-"));
    extra_dirs.push(dir);
    // The layer's files in a folder below a copy of the core's, as src/gen/godot3/ is below src/gen/.
    const out = join(dir, "gen", "fixture3");
    const { files } = build_typings({ ...layer, gen_dir: out, fallback: { ...(layer.fallback ?? layer), gen_dir: GEN_DIR } });
    mkdirSync(out, { recursive: true });
    for (const [name, text] of files) writeFileSync(join(out, name), text);
    const packet_peer = relative(dir, join(SRC_DIR, "core", "io", "packet_peer.js")).replace(/\\/g, "/");
    const source = (raw_type: string): string =>
      [
        'import type { WebSocketPeerApi } from "./gen/fixture3/web_socket_peer.gen.js";',
        `import { PacketPeer, type PacketResult } from "${packet_peer}";`,
        "export class Peer extends PacketPeer implements WebSocketPeerApi {",
        "  declare readonly __signals: PacketPeer['__signals'] & { rotated: [q: unknown] };",
        "  declare write_mode: number;",
        "  connect_to_url(url: string, protocols: readonly string[] = []) { void url; void protocols; return 0; }",
        `  get_raw(): ${raw_type} { return null as never; }`,
        "  get_reals() { return new Float32Array(0); }",
        "  get_xform(): unknown { return null; }",
        "  set_write_mode(mode: number): void { void mode; }",
        "  get_write_mode(): number { return 1; }",
        "  protected _get_packet_impl(): PacketResult { return null as never; }",
        "  protected _put_packet_impl() { return 0; }",
        "  protected _get_available_packet_count() { return 0; }",
        "}",
      ].join("\n");
    const compile = (raw_type: string): string[] => type_errors(dir, "peer.ts", source(raw_type));
    expect(compile("Uint8Array")).toEqual([]);
    expect(compile("string[]").join("\n")).toMatch(/Property 'get_raw' in type 'Peer' is not assignable/);
  }, 60_000);

  it("Markdown: links to core classes go to ../, own classes stay in the folder", () => {
    const { layer } = documented_layer();
    const { files, diagnostics } = build_markdown(layer);
    expect(diagnostics).toEqual([]);
    const client = files.get("class_websocketclient.md") ?? "";
    expect(client).toContain(
      "**Inherits:** [WebSocketPeer](class_websocketpeer.md) **<** [PacketPeer](../class_packetpeer.md) **<** [RefCounted](../class_refcounted.md) **<** [Object](../class_object.md)",
    );
    const peer = files.get("class_websocketpeer.md") ?? "";
    expect(peer).toContain("**Inherited By:** [WebSocketClient](class_websocketclient.md)");
    expect(peer).toContain("[connect\\_to\\_url](#class_websocketpeer_method_connect_to_url)(url: `String`, protocols: `PoolStringArray` = `PoolStringArray(  )`)");
    expect(peer).toContain("| [Error](../class_@globalscope.md#enum_@globalscope_error) |");
    const source = relative(REPO_ROOT, layer.doc_dir);
    expect(peer.split("\n")[0]).toBe(`<!-- Generated by \`npm run gen:docs\` from ${source}/WebSocketPeer.xml. Do not edit. -->`);
    expect(files.get("index.md")).toContain("# fixture3 class reference\n\n- [WebSocketClient](class_websocketclient.md): Describes the class briefly.");
    expect(files.get("index.md")).not.toContain("PacketPeer");
  });

  it("a layer without a doc folder generates nothing", () => {
    fx = fixture_layer();
    expect(build_typings(fx.layer)).toEqual({ files: new Map(), diagnostics: [] });
    expect(build_markdown(fx.layer)).toEqual({ files: new Map(), diagnostics: [] });
  });

  it("the layer's index sees the core docs through its fallback folder", () => {
    const { layer } = documented_layer();
    const index = layer_index(layer, docs_of(load_doc_set(layer.doc_dir)));
    expect(index.depth_of("PacketPeer")).toBe(1);
    expect(index.find_method("WebSocketClient", "put_var")).toEqual({ owner: "PacketPeer", kind: "method", name: "put_var" });
  });
});

describe("registering a layer from its description", () => {
  it("imports the entry module and calls its register function; a missing module registers nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gdnet-entry-"));
    extra_dirs.push(dir);
    fx = fixture_layer();
    const marker = join(dir, "called.txt");
    const entry = join(dir, "register_types.ts");
    writeFileSync(entry, `import { writeFileSync } from "node:fs";\nexport function register_fixture3_types(): void { writeFileSync(${JSON.stringify(marker)}, "yes"); }\n`);
    expect(await register_layer({ ...fx.layer, entry: { module: join(dir, "missing.ts"), register: "register_fixture3_types" } })).toBe(false);
    expect(await register_layer({ ...fx.layer, entry: { module: entry, register: "register_fixture3_types" } })).toBe(true);
    expect(readFileSync(marker, "utf8")).toBe("yes");
    await expect(register_layer({ ...fx.layer, entry: { module: entry, register: "register_other" } })).rejects.toThrow(/does not export register_other\(\)/);
  });
});
