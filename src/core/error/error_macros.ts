/**
 * Failure helpers in the spirit of the engine's ERR_FAIL_* macros: print one
 * clear line through the output sink and hand back the value to return.
 *
 *   if (url === "") return ERR_FAIL_V_MSG(ERR_INVALID_PARAMETER, "The URL is empty.");
 */
import { emit_output } from "./error_sink.js";

/** Prints `ERROR: <message>`. */
export function ERR_PRINT(message: string): void {
  emit_output("error", `ERROR: ${message}`);
}

/** Prints `WARNING: <message>`. */
export function WARN_PRINT(message: string): void {
  emit_output("warning", `WARNING: ${message}`);
}

const warned_once = new Set<string>();

/** Prints `WARNING: <message>` the first time this message is seen in the process. */
export function WARN_PRINT_ONCE(message: string): void {
  if (warned_once.has(message)) return;
  warned_once.add(message);
  WARN_PRINT(message);
}

/** Prints `ERROR: <message>` and returns `ret` (ERR_FAIL_V_MSG). */
export function ERR_FAIL_V_MSG<T>(ret: T, message: string): T {
  ERR_PRINT(message);
  return ret;
}

/** Prints `ERROR: <message>` (ERR_FAIL_MSG in a void function). */
export function ERR_FAIL_MSG(message: string): void {
  ERR_PRINT(message);
}

/**
 * ERR_FAIL_COND_V_MSG: when `condition` holds, prints the line and returns true,
 * so the caller writes `if (ERR_FAIL_COND_MSG(bad, "...")) return code;`.
 */
export function ERR_FAIL_COND_MSG(condition: boolean, message: string): boolean {
  if (condition) ERR_PRINT(message);
  return condition;
}
