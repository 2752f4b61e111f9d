/**
 * The engine's `Error` enum (@GlobalScope), every value exactly as Godot 4 has it.
 * Named `GodotError` so that importing it does not shadow JavaScript's `Error`.
 */
export enum GodotError {
  OK = 0,
  FAILED = 1,
  ERR_UNAVAILABLE = 2,
  ERR_UNCONFIGURED = 3,
  ERR_UNAUTHORIZED = 4,
  ERR_PARAMETER_RANGE_ERROR = 5,
  ERR_OUT_OF_MEMORY = 6,
  ERR_FILE_NOT_FOUND = 7,
  ERR_FILE_BAD_DRIVE = 8,
  ERR_FILE_BAD_PATH = 9,
  ERR_FILE_NO_PERMISSION = 10,
  ERR_FILE_ALREADY_IN_USE = 11,
  ERR_FILE_CANT_OPEN = 12,
  ERR_FILE_CANT_WRITE = 13,
  ERR_FILE_CANT_READ = 14,
  ERR_FILE_UNRECOGNIZED = 15,
  ERR_FILE_CORRUPT = 16,
  ERR_FILE_MISSING_DEPENDENCIES = 17,
  ERR_FILE_EOF = 18,
  ERR_CANT_OPEN = 19,
  ERR_CANT_CREATE = 20,
  ERR_QUERY_FAILED = 21,
  ERR_ALREADY_IN_USE = 22,
  ERR_LOCKED = 23,
  ERR_TIMEOUT = 24,
  ERR_CANT_CONNECT = 25,
  ERR_CANT_RESOLVE = 26,
  ERR_CONNECTION_ERROR = 27,
  ERR_CANT_ACQUIRE_RESOURCE = 28,
  ERR_CANT_FORK = 29,
  ERR_INVALID_DATA = 30,
  ERR_INVALID_PARAMETER = 31,
  ERR_ALREADY_EXISTS = 32,
  ERR_DOES_NOT_EXIST = 33,
  ERR_DATABASE_CANT_READ = 34,
  ERR_DATABASE_CANT_WRITE = 35,
  ERR_COMPILATION_FAILED = 36,
  ERR_METHOD_NOT_FOUND = 37,
  ERR_LINK_FAILED = 38,
  ERR_SCRIPT_FAILED = 39,
  ERR_CYCLIC_LINK = 40,
  ERR_INVALID_DECLARATION = 41,
  ERR_DUPLICATE_SYMBOL = 42,
  ERR_PARSE_ERROR = 43,
  ERR_BUSY = 44,
  ERR_SKIP = 45,
  ERR_HELP = 46,
  ERR_BUG = 47,
  ERR_PRINTER_ON_FIRE = 48,
}

/** Bare constants, so ported code reads `if (err !== OK)` as in GDScript. */
export const OK = GodotError.OK;
export const FAILED = GodotError.FAILED;
export const ERR_UNAVAILABLE = GodotError.ERR_UNAVAILABLE;
export const ERR_UNCONFIGURED = GodotError.ERR_UNCONFIGURED;
export const ERR_UNAUTHORIZED = GodotError.ERR_UNAUTHORIZED;
export const ERR_PARAMETER_RANGE_ERROR = GodotError.ERR_PARAMETER_RANGE_ERROR;
export const ERR_OUT_OF_MEMORY = GodotError.ERR_OUT_OF_MEMORY;
export const ERR_FILE_NOT_FOUND = GodotError.ERR_FILE_NOT_FOUND;
export const ERR_FILE_BAD_DRIVE = GodotError.ERR_FILE_BAD_DRIVE;
export const ERR_FILE_BAD_PATH = GodotError.ERR_FILE_BAD_PATH;
export const ERR_FILE_NO_PERMISSION = GodotError.ERR_FILE_NO_PERMISSION;
export const ERR_FILE_ALREADY_IN_USE = GodotError.ERR_FILE_ALREADY_IN_USE;
export const ERR_FILE_CANT_OPEN = GodotError.ERR_FILE_CANT_OPEN;
export const ERR_FILE_CANT_WRITE = GodotError.ERR_FILE_CANT_WRITE;
export const ERR_FILE_CANT_READ = GodotError.ERR_FILE_CANT_READ;
export const ERR_FILE_UNRECOGNIZED = GodotError.ERR_FILE_UNRECOGNIZED;
export const ERR_FILE_CORRUPT = GodotError.ERR_FILE_CORRUPT;
export const ERR_FILE_MISSING_DEPENDENCIES = GodotError.ERR_FILE_MISSING_DEPENDENCIES;
export const ERR_FILE_EOF = GodotError.ERR_FILE_EOF;
export const ERR_CANT_OPEN = GodotError.ERR_CANT_OPEN;
export const ERR_CANT_CREATE = GodotError.ERR_CANT_CREATE;
export const ERR_QUERY_FAILED = GodotError.ERR_QUERY_FAILED;
export const ERR_ALREADY_IN_USE = GodotError.ERR_ALREADY_IN_USE;
export const ERR_LOCKED = GodotError.ERR_LOCKED;
export const ERR_TIMEOUT = GodotError.ERR_TIMEOUT;
export const ERR_CANT_CONNECT = GodotError.ERR_CANT_CONNECT;
export const ERR_CANT_RESOLVE = GodotError.ERR_CANT_RESOLVE;
export const ERR_CONNECTION_ERROR = GodotError.ERR_CONNECTION_ERROR;
export const ERR_CANT_ACQUIRE_RESOURCE = GodotError.ERR_CANT_ACQUIRE_RESOURCE;
export const ERR_CANT_FORK = GodotError.ERR_CANT_FORK;
export const ERR_INVALID_DATA = GodotError.ERR_INVALID_DATA;
export const ERR_INVALID_PARAMETER = GodotError.ERR_INVALID_PARAMETER;
export const ERR_ALREADY_EXISTS = GodotError.ERR_ALREADY_EXISTS;
export const ERR_DOES_NOT_EXIST = GodotError.ERR_DOES_NOT_EXIST;
export const ERR_DATABASE_CANT_READ = GodotError.ERR_DATABASE_CANT_READ;
export const ERR_DATABASE_CANT_WRITE = GodotError.ERR_DATABASE_CANT_WRITE;
export const ERR_COMPILATION_FAILED = GodotError.ERR_COMPILATION_FAILED;
export const ERR_METHOD_NOT_FOUND = GodotError.ERR_METHOD_NOT_FOUND;
export const ERR_LINK_FAILED = GodotError.ERR_LINK_FAILED;
export const ERR_SCRIPT_FAILED = GodotError.ERR_SCRIPT_FAILED;
export const ERR_CYCLIC_LINK = GodotError.ERR_CYCLIC_LINK;
export const ERR_INVALID_DECLARATION = GodotError.ERR_INVALID_DECLARATION;
export const ERR_DUPLICATE_SYMBOL = GodotError.ERR_DUPLICATE_SYMBOL;
export const ERR_PARSE_ERROR = GodotError.ERR_PARSE_ERROR;
export const ERR_BUSY = GodotError.ERR_BUSY;
export const ERR_SKIP = GodotError.ERR_SKIP;
export const ERR_HELP = GodotError.ERR_HELP;
export const ERR_BUG = GodotError.ERR_BUG;
export const ERR_PRINTER_ON_FIRE = GodotError.ERR_PRINTER_ON_FIRE;

/** The engine's text for each code, indexed by value (core/error/error_list). */
const ERROR_TEXTS: readonly string[] = [
  "OK",
  "Failed",
  "Unavailable",
  "Unconfigured",
  "Unauthorized",
  "Parameter out of range",
  "Out of memory",
  "File not found",
  "File: Bad drive",
  "File: Bad path",
  "File: Permission denied",
  "File already in use",
  "Can't open file",
  "Can't write file",
  "Can't read file",
  "File unrecognized",
  "File corrupt",
  "Missing dependencies for file",
  "End of file",
  "Can't open",
  "Can't create",
  "Query failed",
  "Already in use",
  "Locked",
  "Timeout",
  "Can't connect",
  "Can't resolve",
  "Connection error",
  "Can't acquire resource",
  "Can't fork",
  "Invalid data",
  "Invalid parameter",
  "Already exists",
  "Does not exist",
  "Can't read database",
  "Can't write database",
  "Compilation failed",
  "Method not found",
  "Link failed",
  "Script failed",
  "Cyclic link detected",
  "Invalid declaration",
  "Duplicate symbol",
  "Parse error",
  "Busy",
  "Skip",
  "Help",
  "Bug",
  "Printer on fire",
];

/** The engine's text for an error code; "(invalid error code)" for anything else, as in Godot. */
export function error_string(error: number): string {
  if (!Number.isInteger(error) || error < 0 || error >= ERROR_TEXTS.length) {
    return "(invalid error code)";
  }
  return ERROR_TEXTS[error] ?? "(invalid error code)";
}

/** The constant's name (`ERR_TIMEOUT`) for a code, or undefined for a value outside the enum. */
export function error_name(error: number): string | undefined {
  return Number.isInteger(error) ? (GodotError as unknown as Record<number, string>)[error] : undefined;
}
