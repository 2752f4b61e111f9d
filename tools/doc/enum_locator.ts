/**
 * Finds the TypeScript enum that implements a documented enum, so generated
 * typings can name the real type (`WebSocketPeer.State` → the `State` enum
 * exported by websocket_peer.ts). Parse-only scan of src/, no type checking:
 * a declaration matches when its name and its members (names and values)
 * are the documented ones.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

export interface TsEnum {
  readonly name: string;
  /** Absolute path of the declaring file. */
  readonly file: string;
  readonly members: ReadonlyMap<string, number>;
}

function ts_files(dir: string, skip: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!skip.includes(path)) out.push(...ts_files(path, skip));
    } else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts")) out.push(path);
  }
  return out.sort();
}

function numeric_value(expr: ts.Expression | undefined): number | undefined {
  if (!expr) return undefined;
  if (ts.isNumericLiteral(expr)) return Number(expr.text);
  if (ts.isPrefixUnaryExpression(expr) && expr.operator === ts.SyntaxKind.MinusToken && ts.isNumericLiteral(expr.operand)) {
    return -Number(expr.operand.text);
  }
  if (ts.isParenthesizedExpression(expr)) return numeric_value(expr.expression);
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.LessThanLessThanToken) {
    const a = numeric_value(expr.left);
    const b = numeric_value(expr.right);
    return a !== undefined && b !== undefined ? a << b : undefined;
  }
  return undefined;
}

/** Exported enums of every file under `src_dir` except the folders in `skip` (the generated files, other layers' code). */
export function scan_enums(src_dir: string, skip: string | readonly string[]): TsEnum[] {
  const out: TsEnum[] = [];
  if (!existsSync(src_dir)) return out;
  for (const file of ts_files(src_dir, typeof skip === "string" ? [skip] : skip)) {
    const text = readFileSync(file, "utf8");
    if (!text.includes("enum ")) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, false);
    for (const statement of source.statements) {
      if (!ts.isEnumDeclaration(statement)) continue;
      if (!statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
      const members = new Map<string, number>();
      let next = 0;
      let ok = true;
      for (const m of statement.members) {
        const value = m.initializer ? numeric_value(m.initializer) : next;
        if (value === undefined || !ts.isIdentifier(m.name)) {
          ok = false;
          break;
        }
        members.set(m.name.text, value);
        next = value + 1;
      }
      if (ok) out.push({ name: statement.name.text, file, members });
    }
  }
  return out;
}

/** The enum named `ts_name` whose members are exactly `members` (the first by path if several files declare one). */
export function find_enum(enums: readonly TsEnum[], ts_name: string, members: ReadonlyMap<string, number>): TsEnum | undefined {
  return enums.find(
    (e) => e.name === ts_name && e.members.size === members.size && [...members].every(([k, v]) => e.members.get(k) === v),
  );
}
