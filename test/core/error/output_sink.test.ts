import { afterEach, describe, expect, it } from "vitest";
import { ERR_INVALID_PARAMETER } from "../../../src/core/error/error_list.js";
import { ERR_FAIL_COND_MSG, ERR_FAIL_V_MSG, WARN_PRINT_ONCE } from "../../../src/core/error/error_macros.js";
import { capture_output, set_output_sink, type OutputRecord } from "../../../src/core/error/error_sink.js";
import { print, printerr, push_error, push_warning } from "../../../src/core/error/print.js";

describe("output sink", () => {
  afterEach(() => {
    set_output_sink(null);
  });

  it("routes print, printerr, push_error and push_warning through one replaceable sink", () => {
    const seen: OutputRecord[] = [];
    set_output_sink((r) => seen.push(r));
    print("a", 1, true);
    printerr("bad ", 2);
    push_error("broken: ", [1, "x"]);
    push_warning("careful");
    expect(seen).toEqual([
      { kind: "print", text: "a1true" },
      { kind: "printerr", text: "bad 2" },
      { kind: "error", text: 'ERROR: broken: [1, "x"]' },
      { kind: "warning", text: "WARNING: careful" },
    ]);
  });

  it("prints values the way the engine's str() does", () => {
    const cap = capture_output();
    print(null, " ", 1.5, " ", new Uint8Array([104, 105]), " ", { a: 1 }, " ", new Map([[1, "b"]]), " ", Infinity);
    cap.restore();
    expect(cap.lines()).toEqual(['<null> 1.5 [104, 105] { "a": 1 } { 1: "b" } inf']);
  });

  it("ERR_FAIL_V_MSG prints one line and hands back the code", () => {
    const cap = capture_output();
    const code = ERR_FAIL_V_MSG(ERR_INVALID_PARAMETER, "Port 70000 is out of range.");
    cap.restore();
    expect(code).toBe(ERR_INVALID_PARAMETER);
    expect(cap.lines("error")).toEqual(["ERROR: Port 70000 is out of range."]);
  });

  it("ERR_FAIL_COND_MSG prints only when the condition holds", () => {
    const cap = capture_output();
    expect(ERR_FAIL_COND_MSG(false, "never")).toBe(false);
    expect(ERR_FAIL_COND_MSG(true, "now")).toBe(true);
    cap.restore();
    expect(cap.lines()).toEqual(["ERROR: now"]);
  });

  it("WARN_PRINT_ONCE prints a message only once", () => {
    const cap = capture_output();
    WARN_PRINT_ONCE("only once, test-unique");
    WARN_PRINT_ONCE("only once, test-unique");
    cap.restore();
    expect(cap.lines("warning")).toEqual(["WARNING: only once, test-unique"]);
  });

  it("a sink that throws does not break the caller", () => {
    set_output_sink(() => {
      throw new Error("logger down");
    });
    expect(() => push_error("x")).not.toThrow();
  });
});
