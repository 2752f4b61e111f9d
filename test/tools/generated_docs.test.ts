import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import "../../src/index.js";
import { parse_bbcode } from "../../tools/doc/bbcode.js";
import { format_diagnostic } from "../../tools/doc/diagnostics.js";
import { DocIndex } from "../../tools/doc/doc_index.js";
import { docs_of, load_doc_set } from "../../tools/doc/doc_set.js";
import { doctool_update } from "../../tools/doc/doctool.js";
import { scan_enums } from "../../tools/doc/enum_locator.js";
import { check_generated } from "../../tools/doc/generated_files.js";
import { generate_markdown, markdown_for_class } from "../../tools/doc/gen_markdown.js";
import { generate_typings, snake_case } from "../../tools/doc/gen_typings.js";
import { build_markdown, owns_markdown_file } from "../../tools/doc/markdown_run.js";
import { DOC_LAYERS } from "../../tools/doc/doc_layers.js";
import { DOC_DIR, GEN_DIR, REPO_ROOT, SRC_DIR } from "../../tools/doc/paths.js";
import { build_typings, owns_typings_file } from "../../tools/doc/typings_run.js";
import { type_errors } from "./tsc_check.js";
import { describe_everything, edit_file, register_probe, temp_doc_dir } from "./doc_fixtures.js";

let tmp: { dir: string; cleanup: () => void } | null = null;
const extra_dirs: string[] = [];

beforeAll(() => register_probe("DocProbe"));

afterEach(() => {
  tmp?.cleanup();
  tmp = null;
  for (const d of extra_dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** doc_classes + a described DocProbe.xml, loaded as docs and index. */
function probe_docs(): { docs: ReturnType<typeof docs_of>; index: DocIndex; dir: string } {
  tmp = temp_doc_dir();
  doctool_update({ doc_dir: tmp.dir });
  describe_everything(join(tmp.dir, "DocProbe.xml"));
  edit_file(
    join(tmp.dir, "DocProbe.xml"),
    "Describes method ping.",
    "Sends [param count] pings; see [method get_mode], [member level], [signal pinged], [constant MODE_B], [enum Mode], [RefCounted], [constant OK] and [method Object.get_class].\n\t\t\t\t[b]Note:[/b] [code]ping(0)[/code] does nothing; [i]really[/i] [url=https://example.invalid]nothing[/url].\n\t\t\t\t[codeblocks]\n\t\t\t\t[gdscript]\n\t\t\t\tprobe.ping(2)\n\t\t\t\t[/gdscript]\n\t\t\t\t[/codeblocks]",
  );
  const docs = docs_of(load_doc_set(tmp.dir));
  return { docs, index: new DocIndex(docs), dir: tmp.dir };
}

describe("generated files are fresh", () => {
  // Every layer: src/gen/ and docs/classes/ from doc_classes/, src/gen/godot3/ and docs/classes/godot3/ from doc_classes/godot3/.
  for (const layer of DOC_LAYERS) {
    const from = relative(REPO_ROOT, layer.doc_dir);
    it(`${relative(REPO_ROOT, layer.gen_dir)} matches ${from} (npm run gen:typings -- --check)`, () => {
      const { files, diagnostics } = build_typings(layer);
      expect(diagnostics).toEqual([]);
      expect(check_generated(layer.gen_dir, files, owns_typings_file, "npm run gen:typings").map(format_diagnostic)).toEqual([]);
    });

    it(`${relative(REPO_ROOT, layer.md_dir)} matches ${from} (npm run gen:docs -- --check)`, () => {
      const { files, diagnostics } = build_markdown(layer);
      expect(diagnostics).toEqual([]);
      expect(check_generated(layer.md_dir, files, owns_markdown_file, "npm run gen:docs").map(format_diagnostic)).toEqual([]);
    });
  }

  it("a stale, missing or orphaned generated file is named", () => {
    const dir = mkdtempSync(join(tmpdir(), "gdnet-gen-"));
    extra_dirs.push(dir);
    writeFileSync(join(dir, "a.gen.ts"), "old\nsame\n");
    writeFileSync(join(dir, "orphan.gen.ts"), "x");
    writeFileSync(join(dir, "notes.txt"), "not ours");
    const files = new Map([
      ["a.gen.ts", "old\nnew\n"],
      ["b.gen.ts", "b"],
    ]);
    const problems = check_generated(dir, files, owns_typings_file, "npm run gen:typings").map(format_diagnostic);
    expect(problems).toEqual([
      `${join(dir, "a.gen.ts")}:2: stale generated file, differs from this line on (run \`npm run gen:typings\`)`,
      `${join(dir, "b.gen.ts")}: missing generated file (run \`npm run gen:typings\`)`,
      `${join(dir, "orphan.gen.ts")}: generated file without a class XML (run \`npm run gen:typings\` to remove it)`,
    ]);
  });
});

describe("typings generator", () => {
  it("maps the class to an interface: types, optional params, members with accessors, statics, signals, enums", () => {
    const { docs, index } = probe_docs();
    const files = generate_typings(docs, index, { src_dir: SRC_DIR, out_dir: GEN_DIR, enums: scan_enums(SRC_DIR, GEN_DIR) }, DOC_DIR);
    const text = files.get("doc_probe.gen.ts") ?? "";
    expect(text).toContain('import type { RefCountedApi } from "./ref_counted.gen.js";');
    expect(text).toContain('import type { GodotError } from "../core/error/error_list.js";');
    // No TS enum declares DocProbe.Mode in src/: its values become a union type.
    expect(text).toContain("export type DocProbe_Mode = 0 | 1;");
    expect(text).toContain("export interface DocProbeApi extends RefCountedApi {");
    expect(text).toContain('  readonly __signals: RefCountedApi["__signals"] & DocProbeSignals;');
    expect(text).toContain("  level: number;\n  set_level(value: number): void;\n  get_level(): number;");
    expect(text).toContain("  get_mode(): DocProbe_Mode;");
    expect(text).toContain("  ping(count?: number): GodotError;");
    expect(text).toMatch(/export interface DocProbeStatics \{[\s\S]*readonly MODE_A: number;[\s\S]*readonly LIMIT: number;[\s\S]*make\(level: number\): RefCountedApi \| null;/);
    expect(text).toContain("export interface DocProbeSignals {");
    expect(text).toContain("  pinged: [count: number];");
    expect(text).toContain("@defaultValue `5`");
    expect(files.get("index.ts")).toContain('export type { DocProbeApi, DocProbeStatics, DocProbeSignals } from "./doc_probe.gen.js";');
  });

  it("converts BBCode to TSDoc", () => {
    const { docs, index } = probe_docs();
    const text = generate_typings(docs, index, { src_dir: SRC_DIR, out_dir: GEN_DIR, enums: [] }, DOC_DIR).get("doc_probe.gen.ts") ?? "";
    expect(text).toContain(
      "   * Sends `count` pings; see {@link DocProbe.get_mode}, {@link DocProbe.level}, `pinged` (signal), {@link DocProbe.MODE_B}, {@link DocProbe.Mode}, {@link RefCounted}, {@link OK} and {@link Object.get_class}.",
    );
    expect(text).toContain("   * **Note:** `ping(0)` does nothing; *really* [nothing](https://example.invalid).");
    expect(text).toContain("   * ```gdscript\n   * probe.ping(2)\n   * ```");
  });

  it("names the real TS enum when src/ declares it (Error → GodotError, Object.ConnectFlags → ConnectFlags)", () => {
    const enums = scan_enums(SRC_DIR, GEN_DIR);
    const error = enums.find((e) => e.name === "GodotError");
    expect(relative(REPO_ROOT, error?.file ?? "")).toBe(join("src", "core", "error", "error_list.ts"));
    expect(error?.members.get("ERR_PRINTER_ON_FIRE")).toBe(48);
    expect(enums.find((e) => e.name === "ConnectFlags")?.members.get("CONNECT_ONE_SHOT")).toBe(4);
    expect(snake_case("WebSocketPeer")).toBe("web_socket_peer");
    expect(snake_case("StreamPeerTCP")).toBe("stream_peer_tcp");
    expect(snake_case("X509Certificate")).toBe("x509_certificate");
    expect(snake_case("@GlobalScope")).toBe("global_scope");
  });

  it("makes tsc fail for a class that lacks a documented member, and pass once it has it", () => {
    const { docs, index } = probe_docs();
    const dir = mkdtempSync(join(tmpdir(), "gdnet-tsc-"));
    extra_dirs.push(dir);
    const gen = join(dir, "gen");
    const files = generate_typings(docs, index, { src_dir: SRC_DIR, out_dir: gen, enums: scan_enums(SRC_DIR, GEN_DIR) }, DOC_DIR);
    mkdirSync(gen, { recursive: true });
    for (const [name, text] of files) writeFileSync(join(gen, name), text);
    const ref_counted = relative(dir, join(SRC_DIR, "core", "object", "ref_counted.js")).replace(/\\/g, "/");
    const source = (with_level: boolean): string =>
      [
        'import type { DocProbeApi } from "./gen/doc_probe.gen.js";',
        `import { RefCounted } from "${ref_counted.startsWith(".") ? ref_counted : `./${ref_counted}`}";`,
        "export class Probe extends RefCounted implements DocProbeApi {",
        "  declare readonly __signals: RefCounted['__signals'] & { pinged: [count: number] };",
        with_level ? "  declare level: number;" : "",
        "  ping(count = 3) { return 0; }",
        "  get_mode(): 0 | 1 { return 0; }",
        "  set_level(value: number): void { void value; }",
        "  get_level(): number { return 5; }",
        "}",
      ].join("\n");
    const compile = (with_level: boolean): string[] => type_errors(dir, "probe.ts", source(with_level));
    const missing = compile(false);
    expect(missing.join("\n")).toMatch(/Class 'Probe' incorrectly implements interface 'DocProbeApi'[\s\S]*Property 'level' is missing/);
    expect(compile(true)).toEqual([]);
  }, 60_000);
});

describe("Markdown generator", () => {
  it("writes the engine's page shape with anchors and links", () => {
    const { docs, index } = probe_docs();
    const md = markdown_for_class(docs.get("DocProbe") ?? (undefined as never), index);
    expect(md).toContain('<a id="class_docprobe"></a>\n\n# DocProbe');
    expect(md).toContain("**Inherits:** [RefCounted](class_refcounted.md) **<** [Object](class_object.md)");
    expect(md).toContain("| Type | Name | Default |\n| --- | --- | --- |\n| `int` | [level](#class_docprobe_property_level) | `5` |");
    expect(md).toContain("| [Error](class_@globalscope.md#enum_@globalscope_error) | [ping](#class_docprobe_method_ping)(count: `int` = `3`) |");
    expect(md).toContain("| [Mode](#enum_docprobe_mode) | [get\\_mode](#class_docprobe_method_get_mode)() *const* |");
    expect(md).toContain('<a id="enum_docprobe_mode"></a>enum **Mode**:');
    expect(md).toContain('<a id="class_docprobe_constant_mode_b"></a>[Mode](#enum_docprobe_mode) **MODE\\_B** = `1`');
    expect(md).toContain("- `void` **set\\_level**(value: `int`)\n- `int` **get\\_level**()");
    expect(md).toContain('<a id="class_docprobe_signal_pinged"></a>**pinged**(count: `int`)');
    expect(md).toContain(
      "Sends `count` pings; see [`get_mode`](#class_docprobe_method_get_mode), [`level`](#class_docprobe_property_level), [`pinged`](#class_docprobe_signal_pinged), [`MODE_B`](#class_docprobe_constant_mode_b), [Mode](#enum_docprobe_mode), [RefCounted](class_refcounted.md), [`OK`](class_@globalscope.md#class_@globalscope_constant_ok) and [`Object.get_class`](class_object.md#class_object_method_get_class).",
    );
    expect(md).toContain("```gdscript\nprobe.ping(2)\n```");
    const pages = generate_markdown(docs, index);
    expect(pages.get("class_refcounted.md")).toMatch(/\*\*Inherited By:\*\* .*\[DocProbe\]\(class_docprobe\.md\)/);
    expect(pages.get("index.md")).toContain("- [DocProbe](class_docprobe.md): Describes the class briefly.");
  });
});

describe("BBCode parser", () => {
  it("keeps [code] and [codeblock] contents literal and reports unbalanced tags by offset", () => {
    const { nodes, errors } = parse_bbcode("a [code]x[0] [b][/code] [b]bold [i]both[/i][/b] [lb]c[rb]");
    expect(errors).toEqual([]);
    expect(nodes.map((n) => n.kind)).toEqual(["text", "raw", "text", "element", "text", "single", "text", "single"]);
    expect(parse_bbcode("x [b]open").errors).toEqual([{ offset: 2, message: "[b] is never closed" }]);
    expect(parse_bbcode("x [/i]").errors).toEqual([{ offset: 2, message: "closing tag [/i] without a matching [i]" }]);
    expect(parse_bbcode("[method]").errors).toEqual([{ offset: 0, message: "[method] needs a target, as in [method name]" }]);
    expect(parse_bbcode("[color=red]x").errors[0]?.message).toBe("unknown BBCode tag [color=red]");
  });
});
