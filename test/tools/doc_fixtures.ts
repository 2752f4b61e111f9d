/**
 * Throwaway classes and folders for the doc tool tests: a small registered
 * class (DocProbe) with one of everything the XML documents, variants of it
 * that differ from its XML in exactly one respect, and temporary copies of
 * doc_classes/ so no test touches the tree.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OK, type GodotError } from "../../src/core/error/error_list.js";
import type { ClassBinder } from "../../src/core/object/class_binder.js";
import { ClassDB } from "../../src/core/object/class_db.js";
import { RefCounted } from "../../src/core/object/ref_counted.js";
import type { ClassDoc } from "../../tools/doc/class_doc.js";
import { parse_class_doc } from "../../tools/doc/class_doc_parser.js";
import { write_class_doc } from "../../tools/doc/class_doc_writer.js";
import { DOC_DIR } from "../../tools/doc/paths.js";

export interface ProbeShape {
  /** Signature of the bound method (DocProbe: "ping(count: int = 3) -> Error"). */
  ping?: string;
  /** Initial value of the `level` property (DocProbe: 5). */
  level?: number;
  /** Values of the Mode enum (DocProbe: MODE_A = 0, MODE_B = 1). */
  mode?: Record<string, number>;
}

/** Registers a DocProbe-shaped class under `name`; each option changes one thing in code only. */
export function register_probe(name: string, shape: ProbeShape = {}): void {
  const mode = shape.mode ?? { MODE_A: 0, MODE_B: 1 };
  class Probe extends RefCounted {
    declare level: number;
    declare readonly __signals: RefCounted["__signals"] & { pinged: [count: number] };
    #level = shape.level ?? 5;

    static override _bind_methods(b: ClassBinder): void {
      b.method(shape.ping ?? "ping(count: int = 3) -> Error");
      b.method(`get_mode() const -> ${name}.Mode`);
      b.method("static make(level: int) -> RefCounted");
      b.property("level: int", "set_level", "get_level");
      b.signal("pinged(count: int)");
      b.enum("Mode", mode);
      b.constant("LIMIT", 10);
    }

    ping(count = 3): GodotError {
      this.emit_signal("pinged", count);
      return OK;
    }

    pong(count = 3): GodotError {
      return this.ping(count);
    }

    get_mode(): number {
      return 0;
    }

    static make(level: number): RefCounted {
      const p = new Probe();
      p.set_level(level);
      return p;
    }

    set_level(value: number): void {
      this.#level = value;
    }

    get_level(): number {
      return this.#level;
    }
  }
  ClassDB.register_class(Probe, { name });
}

/** A fresh copy of doc_classes/ in a temporary folder. */
export function temp_doc_dir(): { dir: string; cleanup: () => void } {
  const root = mkdtempSync(join(tmpdir(), "gdnet-doc-"));
  const dir = join(root, "doc_classes");
  cpSync(DOC_DIR, dir, { recursive: true });
  return { dir, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export function read_doc(path: string): ClassDoc {
  const { doc, diagnostics } = parse_class_doc(readFileSync(path, "utf8"), path);
  if (!doc) throw new Error(`fixture does not parse: ${diagnostics.map((d) => d.message).join("; ")}`);
  return doc;
}

/** Gives every empty description of a class XML some text (what a writer would do). */
export function describe_everything(path: string): void {
  const doc = read_doc(path);
  const fill = (text: string, what: string): string => (text === "" ? `Describes ${what}.` : text);
  doc.brief_description = fill(doc.brief_description, "the class briefly");
  doc.description = fill(doc.description, "the class");
  for (const m of doc.methods) m.description = fill(m.description, `method ${m.name}`);
  for (const m of doc.members) m.description = fill(m.description, `member ${m.name}`);
  for (const s of doc.signals) s.description = fill(s.description, `signal ${s.name}`);
  for (const c of doc.constants) c.description = fill(c.description, `constant ${c.name}`);
  writeFileSync(path, write_class_doc(doc));
}

/** Replaces `from` by `to` in a file, failing loudly when `from` is not there. */
export function edit_file(path: string, from: string, to: string): void {
  const text = readFileSync(path, "utf8");
  if (!text.includes(from)) throw new Error(`${path} does not contain ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
}
