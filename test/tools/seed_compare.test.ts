import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { compare_seed } from "../../tools/doc/seed_compare.js";
import { REPO_ROOT } from "../../tools/doc/paths.js";

/** A reference XML in the seeds' shape: a few header lines, then an unindented class file. */
const REFERENCE = `some/path/Gadget.xml
Someone 0123abcd Some commit message.

<?xml version="1.0" encoding="UTF-8" ?>
<class name="Gadget" inherits="PacketPeer" version="4.0">
<brief_description>
A gadget.
</brief_description>
<description>
Gadgets do things.
</description>
<tutorials>
</tutorials>
<methods>
<method name="close">
<return type="void" />
<param index="0" name="code" type="int" default="1000" />
<param index="1" name="reason" type="String" default="&quot;&quot;" />
<description>
Closes.
</description>
</method>
<method name="open">
<return type="int" enum="Error" />
<param index="0" name="url" type="String" />
<param index="1" name="verify" type="bool" default="true" />
<description>
Opens.
</description>
</method>
<method name="poll">
<return type="void" />
<description>
Polls.
</description>
</method>
<method name="get_state" qualifiers="const">
<return type="int" enum="Gadget.State" />
<description>
State.
</description>
</method>
</methods>
<members>
<member name="buffer_size" type="int" setter="set_buffer_size" getter="get_buffer_size" default="65535">
Size.
</member>
<member name="protocols" type="PackedStringArray" setter="set_protocols" getter="get_protocols" default="PackedStringArray()">
Protocols.
</member>
</members>
<constants>
<constant name="STATE_OPEN" value="0" enum="State">
Open.
</constant>
<constant name="STATE_CLOSED" value="1" enum="State">
Closed.
</constant>
</constants>
</class>
`;

/** gdnet's version of the class: differs from REFERENCE in named ways. */
const OURS = `<?xml${REFERENCE.split("<?xml")[1] ?? ""}`
  .replace(' version="4.0"', "")
  .replace('name="code" type="int" default="1000"', 'name="code" type="int" default="1001"')
  .replace('<param index="1" name="verify" type="bool" default="true" />', '<param index="1" name="tls_options" type="TLSOptions" default="null" />')
  .replace(/<method name="poll">[\s\S]*?<\/method>\n/, "")
  .replace('<method name="get_state" qualifiers="const">', '<method name="get_state">')
  .replace('default="65535"', 'default="1024"')
  .replace('<constant name="STATE_CLOSED" value="1"', '<constant name="STATE_CLOSED" value="3"')
  .replace("</members>", '<member name="heartbeat" type="float" setter="set_heartbeat" getter="get_heartbeat" default="0.0">\nBeat.\n</member>\n</members>');

let dir: string | null = null;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = null;
});

function files(reference: string, ours: string): [string, string] {
  dir = mkdtempSync(join(tmpdir(), "gdnet-seed-"));
  const a = join(dir, "seed.txt");
  const b = join(dir, "Gadget.xml");
  writeFileSync(a, reference);
  writeFileSync(b, ours);
  return [a, b];
}

describe("seed comparator", () => {
  it("names every API difference with the line on each side", () => {
    const [a, b] = files(REFERENCE, OURS);
    const { diagnostics, differences } = compare_seed(a, b);
    expect(diagnostics).toEqual([]);
    const plain = differences.map((d) => d.replace(/ \[.*\]$/, ""));
    expect(plain.sort()).toEqual(
      [
        'Gadget: method "close": argument 0 "code" default: "1000" in the seed, "1001" in gdnet',
        'Gadget: method "open": argument 1 name: "verify" in the seed, "tls_options" in gdnet',
        'Gadget: method "open": argument 1 "tls_options" type: bool in the seed, TLSOptions in gdnet',
        'Gadget: method "open": argument 1 "tls_options" default: "true" in the seed, "null" in gdnet',
        'Gadget: method "poll" is in the seed but not in gdnet',
        'Gadget: method "get_state": qualifiers: "const" in the seed, "" in gdnet',
        'Gadget: member "buffer_size": default: "65535" in the seed, "1024" in gdnet',
        'Gadget: member "heartbeat" is in gdnet but not in the seed',
        'Gadget: constant "STATE_CLOSED" (enum State): value: "1" in the seed, "3" in gdnet',
      ].sort(),
    );
    // Lines are those of the seed file itself, header included.
    const poll = differences.find((d) => d.includes('"poll"')) ?? "";
    const poll_line = REFERENCE.split("\n").findIndex((l) => l === '<method name="poll">') + 1;
    expect(poll).toContain(`${a}:${poll_line}`);
    const heartbeat = differences.find((d) => d.includes('"heartbeat"')) ?? "";
    expect(heartbeat).toMatch(new RegExp(`${b.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:\\d+\\]$`));
  });

  it("finds nothing between a file and itself, and reports a broken file with file:line", () => {
    const [a] = files(REFERENCE, OURS);
    expect(compare_seed(a, a)).toEqual({ diagnostics: [], differences: [] });
    const [c, d] = files(REFERENCE, OURS.replace("</methods>", "</method>"));
    const result = compare_seed(c, d);
    expect(result.differences).toEqual([]);
    expect(result.diagnostics[0]?.file).toBe(d);
    expect(result.diagnostics[0]?.line).toBeGreaterThan(0);
  });

  const seed = resolve(REPO_ROOT, "..", "shared", "seeds", "001_6bf053b8d429f821.txt");
  it.skipIf(!existsSync(seed))("reads seed 001 (the 4.0 WebSocketPeer.xml) and compares it to a changed copy", () => {
    const text = readFileSync(seed, "utf8");
    const ours = `<?xml${text.split("<?xml")[1] ?? ""}`
  .replace('name="code" type="int" default="1000"', 'name="code" type="int" default="1001"')
  .replace('name="max_queued_packets" type="int" setter="set_max_queued_packets" getter="get_max_queued_packets" default="2048"', 'name="max_queued_packets" type="int" setter="set_max_queued_packets" getter="get_max_queued_packets" default="4096"');
    const [a, b] = files(text, ours);
    const { diagnostics, differences } = compare_seed(a, b);
    expect(diagnostics).toEqual([]);
    expect(differences.map((d) => d.replace(/ \[.*\]$/, ""))).toEqual([
      'WebSocketPeer: method "close": argument 0 "code" default: "1000" in the seed, "1001" in gdnet',
      'WebSocketPeer: member "max_queued_packets": default: "2048" in the seed, "4096" in gdnet',
    ]);
  });
});
