/**
 * The engine's DocData::merge_from: the structure comes from ClassDB, the
 * hand-written parts (descriptions, tutorials, deprecated/experimental notes,
 * keywords) from the existing XML, matched by name. Items that are gone lose
 * their text; new items start with an empty description.
 */
import type { ClassDoc } from "./class_doc.js";

interface Notes {
  deprecated?: string | undefined;
  experimental?: string | undefined;
  keywords?: string | undefined;
}

function copy_notes(from: Notes, to: Notes): void {
  if (from.deprecated !== undefined) to.deprecated = from.deprecated;
  if (from.experimental !== undefined) to.experimental = from.experimental;
  if (from.keywords !== undefined) to.keywords = from.keywords;
}

function merge_items<T extends Notes & { name: string; description: string }>(generated: T[], old: readonly T[]): T[] {
  const by_name = new Map(old.map((o) => [o.name, o]));
  return generated.map((g) => {
    const o = by_name.get(g.name);
    if (!o) return g;
    const merged = { ...g, description: o.description };
    copy_notes(o, merged);
    return merged;
  });
}

export function merge_class_doc(generated: ClassDoc, old: ClassDoc | undefined): ClassDoc {
  if (!old) return generated;
  const merged: ClassDoc = {
    ...generated,
    brief_description: old.brief_description,
    description: old.description,
    tutorials: old.tutorials.map((t) => (t.title !== undefined ? { title: t.title, url: t.url } : { url: t.url })),
    methods: merge_items(generated.methods, old.methods),
    members: merge_items(generated.members, old.members),
    signals: merge_items(generated.signals, old.signals),
    constants: merge_items(generated.constants, old.constants),
  };
  copy_notes(old, merged);
  return merged;
}
