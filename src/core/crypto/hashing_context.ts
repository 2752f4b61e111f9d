/**
 * HashingContext: MD5, SHA-1 or SHA-256 computed over chunks
 * (start → update... → finish), on Node's crypto.createHash.
 */
import * as crypto from "node:crypto";
import { ERR_ALREADY_IN_USE, ERR_UNAVAILABLE, ERR_UNCONFIGURED, FAILED, type GodotError, OK } from "../error/error_list.js";
import { ERR_FAIL_V_MSG } from "../error/error_macros.js";
import type { ClassBinder } from "../object/class_binder.js";
import { RefCounted } from "../object/ref_counted.js";
import type { HashingContextApi, HashingContextStatics } from "../../gen/hashing_context.gen.js";

export enum HashType {
  HASH_MD5 = 0,
  HASH_SHA1 = 1,
  HASH_SHA256 = 2,
}

/** Node's name for a hash type, or null for a value outside the enum. */
export function node_hash_name(type: number): string | null {
  switch (type) {
    case HashType.HASH_MD5:
      return "md5";
    case HashType.HASH_SHA1:
      return "sha1";
    case HashType.HASH_SHA256:
      return "sha256";
    default:
      return null;
  }
}

export class HashingContext extends RefCounted implements HashingContextApi {
  static readonly HashType = HashType;
  static readonly HASH_MD5 = HashType.HASH_MD5;
  static readonly HASH_SHA1 = HashType.HASH_SHA1;
  static readonly HASH_SHA256 = HashType.HASH_SHA256;

  #hash: crypto.Hash | null = null;

  static override _bind_methods(b: ClassBinder): void {
    b.method("start(type: HashingContext.HashType) -> Error");
    b.method("update(chunk: PackedByteArray) -> Error");
    b.method("finish() -> PackedByteArray");
    b.enum("HashType", HashType);
  }

  /** Starts a new hash of `type`; ERR_ALREADY_IN_USE while one is running, ERR_UNAVAILABLE for an unknown type. */
  start(type: HashType): GodotError {
    if (this.#hash !== null) return ERR_FAIL_V_MSG(ERR_ALREADY_IN_USE, "HashingContext.start: a hash is already running; finish() it first.");
    const name = node_hash_name(type);
    if (name === null) return ERR_FAIL_V_MSG(ERR_UNAVAILABLE, `HashingContext.start: unknown hash type ${String(type)}.`);
    this.#hash = crypto.createHash(name);
    return OK;
  }

  /** Adds `chunk`; ERR_UNCONFIGURED before start(), FAILED for an empty chunk (as the engine). */
  update(chunk: Uint8Array): GodotError {
    if (this.#hash === null) return ERR_FAIL_V_MSG(ERR_UNCONFIGURED, "HashingContext.update: call start() first.");
    if (!(chunk instanceof Uint8Array) || chunk.length === 0) {
      return ERR_FAIL_V_MSG(FAILED, "HashingContext.update: the chunk must be a non-empty PackedByteArray.");
    }
    this.#hash.update(chunk);
    return OK;
  }

  /** The digest; the context can then start() again. Empty (with an error line) before start(). */
  finish(): Uint8Array {
    const hash = this.#hash;
    if (hash === null) return ERR_FAIL_V_MSG(new Uint8Array(0), "HashingContext.finish: call start() first.");
    this.#hash = null;
    return new Uint8Array(hash.digest());
  }
}
HashingContext satisfies HashingContextStatics;
