/**
 * print(), printerr(), push_error() and push_warning() as in @GlobalScope:
 * arguments are converted with the engine's str() rules and joined without
 * separators, then sent to the output sink.
 */
import { emit_output } from "./error_sink.js";
import { stringify } from "../variant/stringify.js";

function join(args: readonly unknown[]): string {
  let out = "";
  for (const arg of args) out += stringify(arg);
  return out;
}

export function print(...args: unknown[]): void {
  emit_output("print", join(args));
}

export function printerr(...args: unknown[]): void {
  emit_output("printerr", join(args));
}

/** Like print, but the strings are joined by a space (print_rich without markup is not offered). */
export function prints(...args: unknown[]): void {
  emit_output("print", args.map((a) => stringify(a)).join(" "));
}

export function push_error(...args: unknown[]): void {
  emit_output("error", `ERROR: ${join(args)}`);
}

export function push_warning(...args: unknown[]): void {
  emit_output("warning", `WARNING: ${join(args)}`);
}
