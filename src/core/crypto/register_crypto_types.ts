/**
 * Registers the crypto classes (and Resource, their base) in ClassDB, parents
 * first. register_tls_types() registers StreamPeerTLS; it needs StreamPeer, so
 * it runs after the core I/O types. Both are safe to call more than once.
 */
import { Resource } from "../io/resource.js";
import { StreamPeerTLS } from "../io/stream_peer_tls.js";
import { ClassDB } from "../object/class_db.js";
import { Crypto } from "./crypto.js";
import { CryptoKey } from "./crypto_key.js";
import { HashingContext } from "./hashing_context.js";
import { TLSOptions } from "./tls_options.js";
import { X509Certificate } from "./x509_certificate.js";

export function register_crypto_types(): void {
  ClassDB.register_class(Resource);
  ClassDB.register_class(X509Certificate);
  ClassDB.register_class(CryptoKey);
  ClassDB.register_class(HashingContext);
  ClassDB.register_class(Crypto);
  ClassDB.register_class(TLSOptions);
}

/** StreamPeerTLS; call after register_io_types() (its parent StreamPeer must be registered). */
export function register_tls_types(): void {
  ClassDB.register_class(StreamPeerTLS);
}
