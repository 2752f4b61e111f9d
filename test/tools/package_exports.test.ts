import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../tools/doc/paths.js";

interface Conditions {
  readonly types?: string;
  readonly import?: string;
}

const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "package.json"), "utf8")) as { exports: Record<string, Conditions | string>; files: string[] };
const build = JSON.parse(readFileSync(join(REPO_ROOT, "tsconfig.build.json"), "utf8")) as { compilerOptions: { rootDir: string; outDir: string }; include: string[] };

/** The source file tsconfig.build.json compiles to a dist path (dist/godot3/index.js ← src/godot3/index.ts). */
function source_of(dist_path: string): string {
  const { rootDir, outDir } = build.compilerOptions;
  const rel = dist_path.replace(/^\.\//, "");
  expect(rel.startsWith(`${outDir}/`), `${dist_path} is not in ${outDir}/`).toBe(true);
  return join(REPO_ROOT, rootDir, rel.slice(outDir.length + 1).replace(/\.d\.ts$|\.js$/, ".ts"));
}

describe("package entry points", () => {
  it("gdnet/godot3 resolves to the build of src/godot3/index.ts, types and import alike", () => {
    const entry = pkg.exports["./godot3"] as Conditions;
    expect(entry).toEqual({ types: "./dist/godot3/index.d.ts", import: "./dist/godot3/index.js" });
    expect(source_of(entry.import ?? "")).toBe(join(REPO_ROOT, "src", "godot3", "index.ts"));
    expect(source_of(entry.types ?? "")).toBe(join(REPO_ROOT, "src", "godot3", "index.ts"));
    // tsconfig.build.json compiles all of src/, so src/godot3/ lands in dist/godot3/.
    expect(build.include).toContain(build.compilerOptions.rootDir);
  });

  it("every Node entry's source exists (a layer's entry once its index.ts is written)", () => {
    for (const [name, value] of Object.entries(pkg.exports)) {
      if (typeof value === "string" || value.import === undefined) continue;
      const source = source_of(value.import);
      if (name === "./godot3" && !existsSync(source)) continue; // gdnet/godot3's entry is still being written
      expect(existsSync(source), `${name} → ${source}`).toBe(true);
    }
  });

  it("ships the class XML of every layer", () => {
    expect(pkg.files).toEqual(expect.arrayContaining(["dist", "doc_classes"]));
  });
});
