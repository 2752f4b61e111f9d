import * as nodecrypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { HashingContext } from "../../../src/core/crypto/hashing_context.js";
import { ERR_ALREADY_IN_USE, ERR_UNAVAILABLE, ERR_UNCONFIGURED, FAILED, OK } from "../../../src/core/error/error_list.js";
import { capture_output } from "../../../src/core/error/error_sink.js";
import { ClassDB } from "../../../src/core/object/class_db.js";
import { register_core_types } from "../../../src/core/register_core_types.js";

beforeAll(() => {
  register_core_types();
});

const enc = new TextEncoder();

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("hex");
}

describe("HashingContext", () => {
  it("registers the HashType enum", () => {
    expect(ClassDB.class_get_enum_constants("HashingContext", "HashType")).toEqual(["HASH_MD5", "HASH_SHA1", "HASH_SHA256"]);
    expect(HashingContext.HASH_SHA256).toBe(2);
  });

  it("hashes data given in chunks", () => {
    const ctx = new HashingContext();
    for (const [type, name] of [
      [HashingContext.HASH_MD5, "md5"],
      [HashingContext.HASH_SHA1, "sha1"],
      [HashingContext.HASH_SHA256, "sha256"],
    ] as const) {
      expect(ctx.start(type)).toBe(OK);
      expect(ctx.update(enc.encode("Hello, "))).toBe(OK);
      expect(ctx.update(enc.encode("world"))).toBe(OK);
      expect(hex(ctx.finish())).toBe(nodecrypto.createHash(name).update("Hello, world").digest("hex"));
    }
    // FIPS 180-2 test vector.
    expect(ctx.start(HashingContext.HASH_SHA256)).toBe(OK);
    ctx.update(enc.encode("abc"));
    expect(hex(ctx.finish())).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("returns the engine's codes when misused", () => {
    const ctx = new HashingContext();
    const cap = capture_output();
    try {
      expect(ctx.update(enc.encode("x"))).toBe(ERR_UNCONFIGURED);
      expect(ctx.finish().length).toBe(0);
      expect(ctx.start(7 as never)).toBe(ERR_UNAVAILABLE);
      expect(ctx.start(HashingContext.HASH_SHA1)).toBe(OK);
      expect(ctx.start(HashingContext.HASH_SHA1)).toBe(ERR_ALREADY_IN_USE);
      expect(ctx.update(new Uint8Array(0))).toBe(FAILED);
      expect(cap.lines("error")).toHaveLength(5);
    } finally {
      cap.restore();
    }
    // Still usable: the failed calls changed nothing.
    expect(ctx.finish().length).toBe(20);
  });
});
