/**
 * Generated files are committed; these compare a fresh generation with what
 * is on disk (`--check`) or write it (`--update` is the default of the
 * generators).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Diagnostic } from "./diagnostics.js";
import { display_path } from "./doc_set.js";

/** Files in `dir` that a generator owns (matched by `owned`), with their text. */
function owned_files(dir: string, owned: (name: string) => boolean): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) if (owned(name)) out.set(name, readFileSync(join(dir, name), "utf8"));
  return out;
}

/** Differences between `files` (name → text) and `dir`, as diagnostics naming each stale, missing or extra file. */
export function check_generated(dir: string, files: ReadonlyMap<string, string>, owned: (name: string) => boolean, command: string): Diagnostic[] {
  const on_disk = owned_files(dir, owned);
  const out: Diagnostic[] = [];
  for (const [name, text] of files) {
    const file = display_path(join(dir, name));
    const current = on_disk.get(name);
    if (current === undefined) out.push({ file, message: `missing generated file (run \`${command}\`)` });
    else if (current !== text) {
      const a = current.split("\n");
      const b = text.split("\n");
      let i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      out.push({ file, line: i + 1, message: `stale generated file, differs from this line on (run \`${command}\`)` });
    }
  }
  for (const name of on_disk.keys()) {
    if (!files.has(name)) out.push({ file: display_path(join(dir, name)), message: `generated file without a class XML (run \`${command}\` to remove it)` });
  }
  return out;
}

/** Writes `files` into `dir`, removing owned files that are no longer generated; returns what changed. */
export function write_generated(dir: string, files: ReadonlyMap<string, string>, owned: (name: string) => boolean): string[] {
  mkdirSync(dir, { recursive: true });
  const on_disk = owned_files(dir, owned);
  const changed: string[] = [];
  for (const [name, text] of files) {
    if (on_disk.get(name) === text) continue;
    writeFileSync(join(dir, name), text);
    changed.push(display_path(join(dir, name)));
  }
  for (const name of on_disk.keys()) {
    if (files.has(name)) continue;
    rmSync(join(dir, name));
    changed.push(`${display_path(join(dir, name))} (removed)`);
  }
  return changed;
}
