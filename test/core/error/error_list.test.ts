import { describe, expect, it } from "vitest";
import * as gd from "../../../src/core/error/error_list.js";
import { GodotError, error_name, error_string } from "../../../src/core/error/error_list.js";

// Every code of the engine's Error enum: name, value, error_string() text.
const EXPECTED: [string, number, string][] = [
  ["OK", 0, "OK"],
  ["FAILED", 1, "Failed"],
  ["ERR_UNAVAILABLE", 2, "Unavailable"],
  ["ERR_UNCONFIGURED", 3, "Unconfigured"],
  ["ERR_UNAUTHORIZED", 4, "Unauthorized"],
  ["ERR_PARAMETER_RANGE_ERROR", 5, "Parameter out of range"],
  ["ERR_OUT_OF_MEMORY", 6, "Out of memory"],
  ["ERR_FILE_NOT_FOUND", 7, "File not found"],
  ["ERR_FILE_BAD_DRIVE", 8, "File: Bad drive"],
  ["ERR_FILE_BAD_PATH", 9, "File: Bad path"],
  ["ERR_FILE_NO_PERMISSION", 10, "File: Permission denied"],
  ["ERR_FILE_ALREADY_IN_USE", 11, "File already in use"],
  ["ERR_FILE_CANT_OPEN", 12, "Can't open file"],
  ["ERR_FILE_CANT_WRITE", 13, "Can't write file"],
  ["ERR_FILE_CANT_READ", 14, "Can't read file"],
  ["ERR_FILE_UNRECOGNIZED", 15, "File unrecognized"],
  ["ERR_FILE_CORRUPT", 16, "File corrupt"],
  ["ERR_FILE_MISSING_DEPENDENCIES", 17, "Missing dependencies for file"],
  ["ERR_FILE_EOF", 18, "End of file"],
  ["ERR_CANT_OPEN", 19, "Can't open"],
  ["ERR_CANT_CREATE", 20, "Can't create"],
  ["ERR_QUERY_FAILED", 21, "Query failed"],
  ["ERR_ALREADY_IN_USE", 22, "Already in use"],
  ["ERR_LOCKED", 23, "Locked"],
  ["ERR_TIMEOUT", 24, "Timeout"],
  ["ERR_CANT_CONNECT", 25, "Can't connect"],
  ["ERR_CANT_RESOLVE", 26, "Can't resolve"],
  ["ERR_CONNECTION_ERROR", 27, "Connection error"],
  ["ERR_CANT_ACQUIRE_RESOURCE", 28, "Can't acquire resource"],
  ["ERR_CANT_FORK", 29, "Can't fork"],
  ["ERR_INVALID_DATA", 30, "Invalid data"],
  ["ERR_INVALID_PARAMETER", 31, "Invalid parameter"],
  ["ERR_ALREADY_EXISTS", 32, "Already exists"],
  ["ERR_DOES_NOT_EXIST", 33, "Does not exist"],
  ["ERR_DATABASE_CANT_READ", 34, "Can't read database"],
  ["ERR_DATABASE_CANT_WRITE", 35, "Can't write database"],
  ["ERR_COMPILATION_FAILED", 36, "Compilation failed"],
  ["ERR_METHOD_NOT_FOUND", 37, "Method not found"],
  ["ERR_LINK_FAILED", 38, "Link failed"],
  ["ERR_SCRIPT_FAILED", 39, "Script failed"],
  ["ERR_CYCLIC_LINK", 40, "Cyclic link detected"],
  ["ERR_INVALID_DECLARATION", 41, "Invalid declaration"],
  ["ERR_DUPLICATE_SYMBOL", 42, "Duplicate symbol"],
  ["ERR_PARSE_ERROR", 43, "Parse error"],
  ["ERR_BUSY", 44, "Busy"],
  ["ERR_SKIP", 45, "Skip"],
  ["ERR_HELP", 46, "Help"],
  ["ERR_BUG", 47, "Bug"],
  ["ERR_PRINTER_ON_FIRE", 48, "Printer on fire"],
];

describe("Error codes", () => {
  it.each(EXPECTED)("%s = %i, text %j", (name, value, text) => {
    expect((GodotError as unknown as Record<string, number>)[name]).toBe(value);
    expect((gd as unknown as Record<string, unknown>)[name]).toBe(value);
    expect(error_string(value)).toBe(text);
    expect(error_name(value)).toBe(name);
  });

  it("has exactly the engine's 49 codes", () => {
    const names = Object.keys(GodotError).filter((k) => !/^\d+$/.test(k));
    expect(names).toEqual(EXPECTED.map((e) => e[0]));
  });

  it.each([-1, 49, 1000, 1.5, Number.NaN])("error_string(%s) is the engine's text for an unknown code", (code) => {
    expect(error_string(code)).toBe("(invalid error code)");
    expect(error_name(code)).toBeUndefined();
  });
});
