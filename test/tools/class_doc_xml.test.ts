import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ClassDoc } from "../../tools/doc/class_doc.js";
import { ClassDoc as ClassDocSchema } from "../../tools/doc/class_doc.js";
import { dedent_text, parse_class_doc, parse_class_doc_in_file } from "../../tools/doc/class_doc_parser.js";
import { natural_compare, write_class_doc, xml_escape } from "../../tools/doc/class_doc_writer.js";
import { format_diagnostic } from "../../tools/doc/diagnostics.js";
import { DocIndex } from "../../tools/doc/doc_index.js";
import { check_names, docs_of, load_doc_set } from "../../tools/doc/doc_set.js";
import { DOC_DIR } from "../../tools/doc/paths.js";

const HEAD = '<?xml version="1.0" encoding="UTF-8" ?>\n';

/** A small class XML with `extra` inserted in its <methods>. */
function xml_with_method(extra: string): string {
  return (
    HEAD +
    '<class name="Thing" inherits="RefCounted">\n' +
    "\t<brief_description>\n\t\tA thing.\n\t</brief_description>\n" +
    "\t<description>\n\t\tIt is a thing.\n\t</description>\n" +
    "\t<tutorials>\n\t</tutorials>\n" +
    "\t<methods>\n" +
    extra +
    "\t</methods>\n" +
    "</class>\n"
  );
}

function errors_of(text: string): string[] {
  return parse_class_doc(text, "Thing.xml").diagnostics.map(format_diagnostic);
}

describe("class XML parser", () => {
  it("reads every committed file and the result fits the zod model", () => {
    for (const name of readdirSync(DOC_DIR).filter((n) => n.endsWith(".xml"))) {
      const { doc, diagnostics } = parse_class_doc(readFileSync(join(DOC_DIR, name), "utf8"), name);
      expect(diagnostics).toEqual([]);
      expect(ClassDocSchema.safeParse(doc).success).toBe(true);
    }
  });

  it("reports malformed XML with file:line", () => {
    const text = xml_with_method('\t\t<method name="a">\n\t\t\t<return type="int" />\n\t\t\t<description>\n\t\t\t</descriptio>\n\t\t</method>\n');
    const errors = errors_of(text);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^Thing\.xml:15: malformed XML: /);
    expect(errors_of("")).toEqual([expect.stringMatching(/^Thing\.xml:1: malformed XML/)]);
  });

  it("rejects an unknown element (a misspelling) with its line and what was expected", () => {
    const text = xml_with_method('\t\t<method name="a">\n\t\t\t<return type="int" />\n\t\t\t<parm index="0" name="x" type="int" />\n\t\t\t<description>\n\t\t\t\tA.\n\t\t\t</description>\n\t\t</method>\n');
    expect(errors_of(text)).toEqual([
      'Thing.xml:14: unknown element <parm> in <method> (expected <return>, <returns_error>, <param>, <description>)',
    ]);
  });

  it("rejects an unknown attribute, a malformed value and a missing attribute, each on its line", () => {
    const text = xml_with_method(
      '\t\t<method name="a" qualifier="const">\n\t\t\t<return type="int" />\n\t\t\t<param index="x" name="n" type="int" />\n\t\t\t<param index="1" type="int" />\n\t\t\t<description>\n\t\t\t\tA.\n\t\t\t</description>\n\t\t</method>\n' +
        '\t\t<method name="b" qualifiers="constant">\n\t\t\t<return type="Packed Array" is_bitfield="yes" />\n\t\t\t<description>\n\t\t\t\tB.\n\t\t\t</description>\n\t\t</method>\n',
    );
    expect(errors_of(text)).toEqual([
      'Thing.xml:12: unknown attribute "qualifier" on <method>',
      'Thing.xml:14: <param> attribute index="x" must be a non-negative integer',
      "Thing.xml:15: <param> is missing attribute \"name\"",
      'Thing.xml:20: <method> attribute qualifiers="constant" must be space-separated words out of: virtual, required, const, vararg, static, abstract',
      'Thing.xml:21: <return> attribute type="Packed Array" must be a type name such as int, String, PackedByteArray or a class name',
      'Thing.xml:21: <return> attribute is_bitfield="yes" must be "true" or "false"',
    ]);
  });

  it("rejects a wrong root, duplicates and elements gdnet does not use", () => {
    expect(errors_of(`${HEAD}<klass name="A">\n</klass>\n`)).toEqual(["Thing.xml:2: root element is <klass>, expected <class>"]);
    const dup = xml_with_method('\t\t<method name="a">\n\t\t\t<return type="int" />\n\t\t\t<description>\n\t\t\t\tA.\n\t\t\t</description>\n\t\t</method>\n'.repeat(2));
    expect(errors_of(dup)).toEqual(['Thing.xml:18: <method> "a" appears more than once']);
    const ops = xml_with_method("").replace("\t<methods>\n\t</methods>\n", "\t<operators>\n\t</operators>\n");
    expect(errors_of(ops)).toEqual([expect.stringMatching(/^Thing\.xml:11: <operators> is a class\.xsd element for builtin types/)]);
  });

  it("rejects unknown types, enums and parent classes across the doc set with file:line", () => {
    const set = load_doc_set(DOC_DIR);
    const text = xml_with_method(
      '\t\t<method name="a">\n\t\t\t<return type="Strng" />\n\t\t\t<param index="0" name="m" type="int" enum="Thing.Nope" />\n\t\t\t<description>\n\t\t\t\tA.\n\t\t\t</description>\n\t\t</method>\n',
    ).replace('inherits="RefCounted"', 'inherits="RefCountd"');
    const { doc } = parse_class_doc(text, "Thing.xml");
    expect(doc).not.toBeNull();
    set.files.set("Thing", { file: "Thing.xml", path: "Thing.xml", text, doc: doc as ClassDoc });
    const problems = check_names(set, new DocIndex(docs_of(set))).map(format_diagnostic);
    expect(problems).toEqual([
      'Thing.xml:2: class "Thing" inherits unknown class "RefCountd"',
      'Thing.xml:12: method "a" return: unknown type "Strng"',
      'Thing.xml:14: method "a" argument "m": unknown enum "Thing.Nope"',
    ]);
  });

  it("keeps line numbers when the XML follows other lines (the seeds)", () => {
    const text = "a header\nmore header\n\n" + xml_with_method('\t\t<method name="a">\n\t\t\t<retrun type="int" />\n\t\t\t<description>\n\t\t\t</description>\n\t\t</method>\n');
    expect(parse_class_doc_in_file(text, "seed.txt").diagnostics.map(format_diagnostic)).toEqual([
      expect.stringMatching(/^seed\.txt:16: unknown element <retrun> in <method>/),
    ]);
  });

  it("dedents descriptions like the engine: common indentation and edge blank lines go, inner blank lines stay", () => {
    expect(dedent_text("\n\t\tLine one.\n\t\t[codeblock]\n\t\tif x:\n\t\t\ty()\n\n\t\t[/codeblock]\n\t")).toBe("Line one.\n[codeblock]\nif x:\n\ty()\n\n[/codeblock]");
    expect(dedent_text("inline")).toBe("inline");
  });
});

describe("class XML writer", () => {
  it("writes every committed file back byte for byte", () => {
    for (const name of readdirSync(DOC_DIR).filter((n) => n.endsWith(".xml"))) {
      const text = readFileSync(join(DOC_DIR, name), "utf8");
      const { doc } = parse_class_doc(text, name);
      expect(write_class_doc(doc as ClassDoc)).toBe(text);
    }
  });

  it("uses the engine's layout: header, tabs, attribute order, escaping, sorting, self-closing overrides", () => {
    const doc: ClassDoc = {
      name: "Thing",
      inherits: "RefCounted",
      brief_description: "Brief <b> & co.",
      description: "Line one.\n\n[codeblock]\n\tindented\n[/codeblock]",
      tutorials: [{ title: "A \"guide\"", url: "https://example.invalid/x?a=1&b=2" }],
      methods: [
        { name: "b10", return: { type: "void" }, params: [], description: "" },
        { name: "b9", qualifiers: "const", return: { type: "int", enum: "Thing.Mode" }, params: [{ index: 0, name: "s", type: "String", default: '"x"' }], description: "B9." },
      ],
      members: [
        { name: "zeta", type: "int", setter: "set_zeta", getter: "get_zeta", default: "0", description: "Z." },
        { name: "alpha", type: "int", setter: "", getter: "get_alpha", overrides: "Object", default: "1", description: "" },
      ],
      signals: [],
      constants: [
        { name: "MODE_Z", value: "0", enum: "Mode", description: "Z." },
        { name: "FLAG_A", value: "1", enum: "Flags", is_bitfield: true, description: "A." },
      ],
    };
    expect(write_class_doc(doc)).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8" ?>',
        '<class name="Thing" inherits="RefCounted">',
        "\t<brief_description>",
        "\t\tBrief &lt;b&gt; &amp; co.",
        "\t</brief_description>",
        "\t<description>",
        "\t\tLine one.",
        "",
        "\t\t[codeblock]",
        "\t\t\tindented",
        "\t\t[/codeblock]",
        "\t</description>",
        "\t<tutorials>",
        '\t\t<link title="A &quot;guide&quot;">https://example.invalid/x?a=1&amp;b=2</link>',
        "\t</tutorials>",
        "\t<methods>",
        '\t\t<method name="b9" qualifiers="const">',
        '\t\t\t<return type="int" enum="Thing.Mode" />',
        '\t\t\t<param index="0" name="s" type="String" default="&quot;x&quot;" />',
        "\t\t\t<description>",
        "\t\t\t\tB9.",
        "\t\t\t</description>",
        "\t\t</method>",
        '\t\t<method name="b10">',
        '\t\t\t<return type="void" />',
        "\t\t\t<description>",
        "\t\t\t</description>",
        "\t\t</method>",
        "\t</methods>",
        "\t<members>",
        '\t\t<member name="alpha" type="int" setter="" getter="get_alpha" overrides="Object" default="1" />',
        '\t\t<member name="zeta" type="int" setter="set_zeta" getter="get_zeta" default="0">',
        "\t\t\tZ.",
        "\t\t</member>",
        "\t</members>",
        "\t<constants>",
        '\t\t<constant name="MODE_Z" value="0" enum="Mode">',
        "\t\t\tZ.",
        "\t\t</constant>",
        '\t\t<constant name="FLAG_A" value="1" enum="Flags" is_bitfield="true">',
        "\t\t\tA.",
        "\t\t</constant>",
        "\t</constants>",
        "</class>",
        "",
      ].join("\n"),
    );
    // And what it writes reads back the same (lines aside).
    const back = parse_class_doc(write_class_doc(doc), "Thing.xml").doc as ClassDoc;
    expect(back.methods.find((m) => m.name === "b9")?.params[0]?.default).toBe('"x"');
    expect(back.description).toBe(doc.description);
    expect(back.members.find((m) => m.name === "alpha")?.overrides).toBe("Object");
  });

  it("escapes attributes and text as the engine does, and sorts names naturally", () => {
    expect(xml_escape(`a<b>&"c"'d'`, true)).toBe("a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;");
    expect(xml_escape(`"quoted"`, false)).toBe(`"quoted"`);
    expect(["get_x10", "get_x2", "get", "Get", "get_x"].sort(natural_compare)).toEqual(["Get", "get", "get_x", "get_x2", "get_x10"]);
  });
});
