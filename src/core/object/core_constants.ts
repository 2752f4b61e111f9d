/**
 * @GlobalScope enums and constants (the engine's CoreConstants), for the doc
 * tool and for code that looks them up by name.
 */
import { GodotError } from "../error/error_list.js";

export interface GlobalEnum {
  readonly name: string;
  readonly is_bitfield: boolean;
  readonly values: ReadonlyArray<readonly [string, number]>;
}

const enums = new Map<string, GlobalEnum>();

function numeric_members(values: Readonly<Record<string, string | number>>): [string, number][] {
  return Object.entries(values).filter((e): e is [string, number] => typeof e[1] === "number" && !/^\d+$/.test(e[0]));
}

export const CoreConstants = {
  register_global_enum(name: string, values: Readonly<Record<string, string | number>>, is_bitfield = false): void {
    enums.set(name, { name, is_bitfield, values: numeric_members(values) });
  },

  get_global_enums(): GlobalEnum[] {
    return [...enums.values()];
  },

  get_global_enum(name: string): GlobalEnum | undefined {
    return enums.get(name);
  },
};

CoreConstants.register_global_enum("Error", GodotError);
