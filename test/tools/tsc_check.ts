/**
 * Type-checks one TypeScript source in a folder (with the generated typings
 * it imports), strict, as the project compiles: the tests that show tsc
 * holding a class to its generated interface.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** Writes `source` as `dir/name` and returns tsc's messages for it (empty when it compiles). */
export function type_errors(dir: string, name: string, source: string): string[] {
  const file = join(dir, name);
  writeFileSync(file, source);
  const program = ts.createProgram([file], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
    useDefineForClassFields: true,
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
}
