/**
 * API difference between two docs of one class: what ClassDB says against
 * what the XML says (doctool --check), or a seed's XML against gdnet's
 * (doc:compare). Descriptions are not compared; everything structural is, and
 * each difference is named on its own line.
 */
import type { ClassDoc, ConstantDoc, MemberDoc, MethodDoc, ParamDoc, SignalDoc, TypeDoc } from "./class_doc.js";

export interface ApiDifference {
  /** Line in the second doc (the XML file) when the item is there, else in the first. */
  readonly line?: number | undefined;
  /** Line of the item in the first doc, if it is there. */
  readonly a_line?: number | undefined;
  /** Line of the item in the second doc, if it is there. */
  readonly b_line?: number | undefined;
  readonly message: string;
}

/** Lines of one item in the two docs. */
interface Where {
  readonly a?: number | undefined;
  readonly b?: number | undefined;
}

export interface CompareLabels {
  /** Name of the first side, e.g. "ClassDB" or "the seed". */
  readonly a: string;
  /** Name of the second side, e.g. "XML" or "gdnet". */
  readonly b: string;
}

function show(value: string | undefined): string {
  return value === undefined ? "(none)" : `"${value}"`;
}

function type_text(t: TypeDoc): string {
  if (t.enum === undefined) return t.type;
  return `${t.type} (${t.is_bitfield ? "bitfield" : "enum"} ${t.enum})`;
}

class Differ {
  readonly out: ApiDifference[] = [];
  constructor(private readonly labels: CompareLabels) {}

  add(where: Where, message: string): void {
    this.out.push({ line: where.b ?? where.a, a_line: where.a, b_line: where.b, message });
  }

  /** "<what>: X in a, Y in b" when the two differ. */
  field(line: Where, what: string, a: string | undefined, b: string | undefined): void {
    if (a === b) return;
    this.add(line, `${what}: ${show(a)} in ${this.labels.a}, ${show(b)} in ${this.labels.b}`);
  }

  type(line: Where, what: string, a: TypeDoc, b: TypeDoc): void {
    if (a.type === b.type && a.enum === b.enum && Boolean(a.is_bitfield) === Boolean(b.is_bitfield)) return;
    this.add(line, `${what}: ${type_text(a)} in ${this.labels.a}, ${type_text(b)} in ${this.labels.b}`);
  }

  /** Pairs items by name; reports the ones only one side has. */
  pair<T extends { name: string; line?: number | undefined }>(
    kind: string,
    a_items: readonly T[],
    b_items: readonly T[],
    each: (a: T, b: T, line: Where) => void,
  ): void {
    const b_by_name = new Map(b_items.map((i) => [i.name, i]));
    const a_names = new Set(a_items.map((i) => i.name));
    for (const a of a_items) {
      const b = b_by_name.get(a.name);
      if (!b) this.add({ a: a.line }, `${kind} "${a.name}" is in ${this.labels.a} but not in ${this.labels.b}`);
      else each(a, b, { a: a.line, b: b.line });
    }
    for (const b of b_items) {
      if (!a_names.has(b.name)) this.add({ b: b.line }, `${kind} "${b.name}" is in ${this.labels.b} but not in ${this.labels.a}`);
    }
  }

  params(what: string, a: readonly ParamDoc[], b: readonly ParamDoc[], line: Where, with_defaults: boolean): void {
    if (a.length !== b.length) {
      this.add(line, `${what}: ${a.length} argument(s) in ${this.labels.a}, ${b.length} in ${this.labels.b}`);
    }
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const pa = a[i] as ParamDoc;
      const pb = b[i] as ParamDoc;
      const at: Where = { a: pa.line ?? line.a, b: pb.line ?? line.b };
      this.field(at, `${what}: argument ${i} name`, pa.name, pb.name);
      this.type(at, `${what}: argument ${i} "${pb.name}" type`, pa, pb);
      if (with_defaults) this.field(at, `${what}: argument ${i} "${pb.name}" default`, pa.default, pb.default);
    }
    for (let i = b.length; i < a.length; i++) this.add(line, `${what}: argument ${i} "${a[i]?.name}" is in ${this.labels.a} but not in ${this.labels.b}`);
    for (let i = a.length; i < b.length; i++) this.add({ a: line.a, b: b[i]?.line ?? line.b }, `${what}: argument ${i} "${b[i]?.name}" is in ${this.labels.b} but not in ${this.labels.a}`);
  }
}

export function compare_class_api(a: ClassDoc, b: ClassDoc, labels: CompareLabels): ApiDifference[] {
  const d = new Differ(labels);
  d.field({ a: a.line, b: b.line }, "class parent (inherits)", a.inherits, b.inherits);
  d.pair<MethodDoc>("method", a.methods, b.methods, (ma, mb, line) => {
    const what = `method "${ma.name}"`;
    d.field(line, `${what}: qualifiers`, ma.qualifiers ?? "", mb.qualifiers ?? "");
    d.type(line, `${what}: return type`, ma.return, mb.return);
    d.params(what, ma.params, mb.params, line, true);
  });
  d.pair<MemberDoc>("member", a.members, b.members, (ma, mb, line) => {
    const what = `member "${ma.name}"`;
    d.type(line, `${what}: type`, ma, mb);
    d.field(line, `${what}: setter`, ma.setter, mb.setter);
    d.field(line, `${what}: getter`, ma.getter, mb.getter);
    d.field(line, `${what}: default`, ma.default, mb.default);
    d.field(line, `${what}: overrides`, ma.overrides, mb.overrides);
  });
  d.pair<SignalDoc>("signal", a.signals, b.signals, (sa, sb, line) => {
    d.params(`signal "${sa.name}"`, sa.params, sb.params, line, false);
  });
  d.pair<ConstantDoc>("constant", a.constants, b.constants, (ca, cb, line) => {
    const what = `constant "${ca.name}"` + (ca.enum !== undefined ? ` (enum ${ca.enum})` : "");
    d.field(line, `${what}: value`, ca.value, cb.value);
    d.field(line, `${what}: enum`, ca.enum, cb.enum);
    d.field(line, `${what}: is_bitfield`, String(Boolean(ca.is_bitfield)), String(Boolean(cb.is_bitfield)));
  });
  // Constants keep registration order; say so when only the order differs.
  const a_order = a.constants.map((c) => c.name).filter((n) => b.constants.some((c) => c.name === n));
  const b_order = b.constants.map((c) => c.name).filter((n) => a.constants.some((c) => c.name === n));
  const first = a_order.findIndex((n, i) => b_order[i] !== n);
  if (first >= 0) {
    const name = b_order[first] ?? "";
    d.add({ a: a.constants.find((c) => c.name === a_order[first])?.line, b: b.constants.find((c) => c.name === name)?.line }, `constants order: ${labels.a} has "${a_order[first]}" where ${labels.b} has "${name}" (registration order)`);
  }
  return d.out;
}
