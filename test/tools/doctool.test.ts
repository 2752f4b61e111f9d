import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import "../../src/index.js";
import { format_diagnostic, type Diagnostic } from "../../tools/doc/diagnostics.js";
import { doctool_check, doctool_update } from "../../tools/doc/doctool.js";
import { register_layer } from "../../tools/doc/doc_layer.js";
import { CORE_LAYER, DOC_LAYERS } from "../../tools/doc/doc_layers.js";
import { DOC_DIR, REPO_ROOT } from "../../tools/doc/paths.js";
import { ClassDB } from "../../src/core/object/class_db.js";
import { describe_everything, edit_file, read_doc, register_probe, temp_doc_dir } from "./doc_fixtures.js";
import { PENDING_CLASS_XML } from "./pending_docs.js";

const lines = (ds: Diagnostic[]): string[] => ds.map(format_diagnostic);

/** Copies DocProbe.xml (described) as the XML of `name`, so `name`'s code is checked against DocProbe's docs. */
function clone_probe_xml(dir: string, name: string): string {
  const path = join(dir, `${name}.xml`);
  writeFileSync(path, readFileSync(join(dir, "DocProbe.xml"), "utf8").replaceAll("DocProbe", name));
  return path;
}

let tmp: { dir: string; cleanup: () => void } | null = null;

beforeAll(() => {
  register_probe("DocProbe");
  // Same XML as DocProbe, code different in one respect each.
  register_probe("ProbeRenamedMethod", { ping: "pong(count: int = 3) -> Error" });
  register_probe("ProbeArgDefault", { ping: "ping(count: int = 4) -> Error" });
  register_probe("ProbeMemberDefault", { level: 6 });
  register_probe("ProbeEnumValue", { mode: { MODE_A: 0, MODE_B: 2 } });
});

afterEach(() => {
  tmp?.cleanup();
  tmp = null;
});

/** A temporary doc folder where DocProbe and all its variants are documented and described. */
function documented_tree(): string {
  tmp = temp_doc_dir();
  const { dir } = tmp;
  const update = doctool_update({ doc_dir: dir });
  expect(update.refused).toBe(false);
  describe_everything(join(dir, "DocProbe.xml"));
  for (const name of ["ProbeRenamedMethod", "ProbeArgDefault", "ProbeMemberDefault", "ProbeEnumValue"]) clone_probe_xml(dir, name);
  return dir;
}

/** Problems about one class only. */
function problems_of(dir: string, name: string): string[] {
  return lines(doctool_check({ doc_dir: dir })).filter((l) => l.includes(`${name}.xml`));
}

describe("doctool --check on the tree", () => {
  const missing_xml = (l: string): string | undefined => /missing XML file for registered class "([^"]+)"/.exec(l)?.[1];

  it("finds doc_classes in step with ClassDB, every description written", () => {
    // The probe classes registered by this file have no XML in the tree; classes still being documented are listed.
    const tolerated = new Set(["DocProbe", "ProbeRenamedMethod", "ProbeArgDefault", "ProbeMemberDefault", "ProbeEnumValue", ...PENDING_CLASS_XML]);
    const problems = lines(doctool_check({ doc_dir: DOC_DIR })).filter((l) => !tolerated.has(missing_xml(l) ?? ""));
    expect(problems).toEqual([]);
  });

  it("keeps the list of classes awaiting XML honest: registered, and without XML", () => {
    for (const name of PENDING_CLASS_XML) {
      expect(existsSync(join(DOC_DIR, `${name}.xml`)), `${name}.xml exists: remove ${name} from test/tools/pending_docs.ts`).toBe(false);
      expect(ClassDB.class_exists(name), `${name} is not registered: remove it from test/tools/pending_docs.ts`).toBe(true);
    }
  });
});

describe("doctool --check on the layers above the core", () => {
  const layers = DOC_LAYERS.filter((l) => l !== CORE_LAYER);
  beforeAll(async () => {
    for (const layer of layers) await register_layer(layer);
  });

  for (const layer of layers) {
    it(`finds ${relative(REPO_ROOT, layer.doc_dir)} in step with the ${layer.name} ClassDB, every description written`, () => {
      // Until the layer has classes and a folder, there is nothing to check.
      expect(lines(doctool_check({ doc_dir: layer.doc_dir, layer }))).toEqual([]);
    });
  }
});

describe("doctool on a temporary copy with extra registered classes", () => {
  it("reports a registered class without XML, and --update creates it with empty descriptions", () => {
    tmp = temp_doc_dir();
    const before = lines(doctool_check({ doc_dir: tmp.dir }));
    expect(before.some((l) => l.includes("DocProbe.xml") && l.includes('missing XML file for registered class "DocProbe"'))).toBe(true);

    const { written } = doctool_update({ doc_dir: tmp.dir });
    expect(written.some((f) => f.endsWith("DocProbe.xml"))).toBe(true);
    // The committed files were already in the doctool's layout: not rewritten.
    expect(written.some((f) => f.endsWith("Object.xml"))).toBe(false);
    const after = problems_of(tmp.dir, "DocProbe");
    for (const what of ['class "DocProbe" brief_description', 'method "ping"', 'method "get_mode"', 'method "make"', 'member "level"', 'signal "pinged"', 'constant "MODE_A"', 'constant "LIMIT"']) {
      expect(after.some((l) => l.includes(`empty description: ${what}`)), what).toBe(true);
    }
    expect(after.every((l) => /DocProbe\.xml:\d+: /.test(l))).toBe(true);
  });

  it("writes what ClassDB says: defaults from a fresh instance, enums, qualifiers, signals", () => {
    tmp = temp_doc_dir();
    doctool_update({ doc_dir: tmp.dir });
    const doc = read_doc(join(tmp.dir, "DocProbe.xml"));
    expect(doc.inherits).toBe("RefCounted");
    expect(doc.members).toEqual([expect.objectContaining({ name: "level", type: "int", setter: "set_level", getter: "get_level", default: "5" })]);
    expect(doc.methods.map((m) => m.name)).toEqual(["get_mode", "make", "ping"]);
    expect(doc.methods[0]).toMatchObject({ qualifiers: "const", return: { type: "int", enum: "DocProbe.Mode" } });
    expect(doc.methods[1]).toMatchObject({ qualifiers: "static", return: { type: "RefCounted" } });
    expect(doc.methods[2]?.params).toEqual([expect.objectContaining({ index: 0, name: "count", type: "int", default: "3" })]);
    expect(doc.signals[0]?.params).toEqual([expect.objectContaining({ name: "count", type: "int" })]);
    expect(doc.constants.map((c) => [c.name, c.value, c.enum])).toEqual([
      ["MODE_A", "0", "Mode"],
      ["MODE_B", "1", "Mode"],
      ["LIMIT", "10", undefined],
    ]);
  });

  it("passes once everything is described, and --update is then a no-op", () => {
    const dir = documented_tree();
    expect(problems_of(dir, "DocProbe")).toEqual([]);
    const text = readFileSync(join(dir, "DocProbe.xml"), "utf8");
    expect(doctool_update({ doc_dir: dir }).written.filter((f) => f.endsWith("DocProbe.xml"))).toEqual([]);
    expect(readFileSync(join(dir, "DocProbe.xml"), "utf8")).toBe(text);
  });

  it("code only: a renamed method is reported missing and extra", () => {
    const dir = documented_tree();
    const problems = problems_of(dir, "ProbeRenamedMethod");
    expect(problems).toContainEqual(expect.stringMatching(/ProbeRenamedMethod\.xml:2: ProbeRenamedMethod: method "pong" is in ClassDB but not in XML/));
    expect(problems).toContainEqual(expect.stringMatching(/ProbeRenamedMethod\.xml:\d+: ProbeRenamedMethod: method "ping" is in XML but not in ClassDB/));
  });

  it("code only: an argument default", () => {
    const dir = documented_tree();
    expect(problems_of(dir, "ProbeArgDefault")).toEqual([
      expect.stringMatching(/ProbeArgDefault\.xml:\d+: ProbeArgDefault: method "ping": argument 0 "count" default: "4" in ClassDB, "3" in XML$/),
    ]);
  });

  it("code only: a member default", () => {
    const dir = documented_tree();
    expect(problems_of(dir, "ProbeMemberDefault")).toEqual([
      expect.stringMatching(/ProbeMemberDefault\.xml:\d+: ProbeMemberDefault: member "level": default: "6" in ClassDB, "5" in XML$/),
    ]);
  });

  it("code only: an enum value", () => {
    const dir = documented_tree();
    expect(problems_of(dir, "ProbeEnumValue")).toEqual([
      expect.stringMatching(/ProbeEnumValue\.xml:\d+: ProbeEnumValue: constant "MODE_B" \(enum Mode\): value: "2" in ClassDB, "1" in XML$/),
    ]);
  });

  it("XML only: method, argument default, member default, enum value, signal argument, parent", () => {
    const dir = documented_tree();
    const path = join(dir, "DocProbe.xml");
    edit_file(path, '<method name="get_mode"', '<method name="get_moode"');
    edit_file(path, 'name="count" type="int" default="3"', 'name="count" type="int" default="7"');
    edit_file(path, 'getter="get_level" default="5"', 'getter="get_level" default="50"');
    edit_file(path, 'name="MODE_B" value="1"', 'name="MODE_B" value="3"');
    edit_file(path, '<signal name="pinged">\n\t\t\t<param index="0" name="count" type="int" />', '<signal name="pinged">\n\t\t\t<param index="0" name="count" type="float" />');
    edit_file(path, 'inherits="RefCounted"', 'inherits="Object"');
    const problems = problems_of(dir, "DocProbe").map((l) => l.replace(/^.*?DocProbe\.xml:\d+: /, ""));
    expect(problems.sort()).toEqual(
      [
        'DocProbe: class parent (inherits): "RefCounted" in ClassDB, "Object" in XML',
        'DocProbe: method "get_mode" is in ClassDB but not in XML',
        'DocProbe: method "get_moode" is in XML but not in ClassDB',
        'DocProbe: method "ping": argument 0 "count" default: "3" in ClassDB, "7" in XML',
        'DocProbe: member "level": default: "5" in ClassDB, "50" in XML',
        'DocProbe: constant "MODE_B" (enum Mode): value: "1" in ClassDB, "3" in XML',
        'DocProbe: signal "pinged": argument 0 "count" type: int in ClassDB, float in XML',
      ].sort(),
    );
  });

  it("XML only: qualifiers, return type, setter, constant enum and order are differences too", () => {
    const dir = documented_tree();
    const path = join(dir, "DocProbe.xml");
    edit_file(path, '<method name="get_mode" qualifiers="const">', '<method name="get_mode">');
    edit_file(path, '<return type="int" enum="Error" />', '<return type="int" />');
    edit_file(path, 'setter="set_level"', 'setter="set_lvl"');
    const text = readFileSync(path, "utf8");
    const a = /\t\t<constant name="MODE_A"[\s\S]*?<\/constant>\n/.exec(text)?.[0] ?? "";
    writeFileSync(path, text.replace(a, "").replace("\t</constants>", `${a}\t</constants>`));
    const problems = problems_of(dir, "DocProbe").map((l) => l.replace(/^.*?DocProbe\.xml:\d+: /, ""));
    expect(problems).toEqual(
      expect.arrayContaining([
        'DocProbe: method "get_mode": qualifiers: "const" in ClassDB, "" in XML',
        'DocProbe: method "ping": return type: int (enum Error) in ClassDB, int in XML',
        'DocProbe: member "level": setter: "set_level" in ClassDB, "set_lvl" in XML',
        expect.stringContaining("DocProbe: constants order:"),
      ]),
    );
  });

  it("--update keeps descriptions by name and drops the ones of removed items", () => {
    const dir = documented_tree();
    const path = join(dir, "ProbeRenamedMethod.xml");
    edit_file(path, "Describes method get_mode.", "Tells the [enum Mode].");
    doctool_update({ doc_dir: dir });
    const doc = read_doc(path);
    expect(doc.methods.find((m) => m.name === "get_mode")?.description).toBe("Tells the [enum Mode].");
    expect(doc.methods.find((m) => m.name === "pong")?.description).toBe("");
    expect(doc.methods.some((m) => m.name === "ping")).toBe(false);
    expect(doc.brief_description).toBe("Describes the class briefly.");
    expect(problems_of(dir, "ProbeRenamedMethod")).toEqual([expect.stringMatching(/ProbeRenamedMethod\.xml:\d+: empty description: method "pong"$/)]);
  });

  it("reports XML of an unregistered class, a missing file, and files off the doctool's layout", () => {
    const dir = documented_tree();
    clone_probe_xml(dir, "NotRegistered");
    rmSync(join(dir, "RefCounted.xml"));
    edit_file(join(dir, "Object.xml"), "\t<tutorials>\n\t</tutorials>", "\t<tutorials></tutorials>");
    const problems = lines(doctool_check({ doc_dir: dir }));
    expect(problems).toContainEqual(expect.stringMatching(/NotRegistered\.xml:2: XML for unregistered class "NotRegistered"$/));
    expect(problems).toContainEqual(expect.stringMatching(/RefCounted\.xml: missing XML file for registered class "RefCounted"/));
    expect(problems).toContainEqual(expect.stringMatching(/Object\.xml:\d+: Object: not in the doctool's layout/));
    // --update keeps the unregistered class's file (others may still be writing it) and says so.
    const update = doctool_update({ doc_dir: dir });
    expect(existsSync(join(dir, "NotRegistered.xml"))).toBe(true);
    expect(lines(update.diagnostics)).toContainEqual(expect.stringContaining('XML for unregistered class "NotRegistered" kept'));
    expect(existsSync(join(dir, "RefCounted.xml"))).toBe(true);
  });

  it("checks BBCode: unknown tags, unresolved references and misplaced [param], with file:line", () => {
    const dir = documented_tree();
    const path = join(dir, "DocProbe.xml");
    edit_file(path, "Describes method ping.", "Pings [param count] times.\n\t\t\t\tSee [method nope] and [Sprite2D].\n\t\t\t\tThis is [blink]odd[/blink].");
    edit_file(path, "Describes member level.", "Level, unlike [param count], and [member level] [signal pinged] [constant MODE_B] [enum Mode] [constant OK] [enum Error] [RefCounted] [int].");
    const text = readFileSync(path, "utf8").split("\n");
    const ping_line = text.findIndex((l) => l.includes("Pings [param count]")) + 1;
    const level_line = text.findIndex((l) => l.includes("Level, unlike")) + 1;
    const problems = problems_of(dir, "DocProbe");
    expect(problems.sort()).toEqual(
      [
        `${path}:${ping_line + 1}: method "ping": unresolved reference [method nope]`,
        `${path}:${ping_line + 1}: method "ping": unknown BBCode tag or class [Sprite2D]`,
        `${path}:${ping_line + 2}: method "ping": unknown BBCode tag or class [blink]`,
        `${path}:${ping_line + 2}: method "ping": unknown BBCode closing tag [/blink]`,
        `${path}:${level_line}: member "level": [param count] used outside a method or signal description`,
      ].sort(),
    );
  });

  it("an XML file that does not parse stops --update and is reported with file:line", () => {
    const dir = documented_tree();
    const path = join(dir, "DocProbe.xml");
    edit_file(path, "</methods>", "</method>");
    const update = doctool_update({ doc_dir: dir });
    expect(update.refused).toBe(true);
    expect(update.written).toEqual([]);
    expect(lines(update.diagnostics)).toContainEqual(expect.stringMatching(/DocProbe\.xml:\d+: malformed XML/));
    expect(lines(doctool_check({ doc_dir: dir }))).toContainEqual(expect.stringMatching(/DocProbe\.xml:\d+: malformed XML/));
  });

  it("leaves the tree's doc_classes alone", () => {
    expect(existsSync(join(DOC_DIR, "DocProbe.xml"))).toBe(false);
  });
});
