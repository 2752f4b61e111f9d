/**
 * TLSOptions: how a StreamPeerTLS (and so WebSocketPeer over wss) verifies
 * or presents certificates. Built only through the static constructors.
 *
 *   client()                 verify against the default CA store + host name
 *   client(chain, cn)        trust only `chain`; check `cn` instead of the host when given
 *   client_unsafe()          no verification at all
 *   client_unsafe(chain)     verify against `chain`, skip the host name
 *   server(key, certificate) present `certificate` (leaf first, then its chain)
 */
import type { ClassBinder } from "../object/class_binder.js";
import { RefCounted } from "../object/ref_counted.js";
import type { CryptoKey } from "./crypto_key.js";
import type { X509Certificate } from "./x509_certificate.js";
import type { TLSOptionsApi, TLSOptionsStatics } from "../../gen/tls_options.gen.js";

/** The engine's internal mode (not bound). */
export enum TLSOptionsMode {
  MODE_CLIENT = 0,
  MODE_CLIENT_UNSAFE = 1,
  MODE_SERVER = 2,
}

export class TLSOptions extends RefCounted implements TLSOptionsApi {
  #mode = TLSOptionsMode.MODE_CLIENT;
  #trusted_ca_chain: X509Certificate | null = null;
  #common_name_override = "";
  #private_key: CryptoKey | null = null;
  #own_certificate: X509Certificate | null = null;

  static override _bind_methods(b: ClassBinder): void {
    b.method('static client(trusted_chain: X509Certificate = null, common_name_override: String = "") -> TLSOptions');
    b.method("static client_unsafe(trusted_chain: X509Certificate = null) -> TLSOptions");
    b.method("static server(key: CryptoKey, certificate: X509Certificate) -> TLSOptions");
    b.method("is_server() const -> bool");
    b.method("is_unsafe_client() const -> bool");
    b.method("get_common_name_override() const -> String");
    b.method("get_trusted_ca_chain() const -> X509Certificate");
    b.method("get_private_key() const -> CryptoKey");
    b.method("get_own_certificate() const -> X509Certificate");
  }

  static client(trusted_chain: X509Certificate | null = null, common_name_override = ""): TLSOptions {
    const opts = new TLSOptions();
    opts.#mode = TLSOptionsMode.MODE_CLIENT;
    opts.#trusted_ca_chain = trusted_chain ?? null;
    opts.#common_name_override = String(common_name_override ?? "");
    return opts;
  }

  static client_unsafe(trusted_chain: X509Certificate | null = null): TLSOptions {
    const opts = new TLSOptions();
    opts.#mode = TLSOptionsMode.MODE_CLIENT_UNSAFE;
    opts.#trusted_ca_chain = trusted_chain ?? null;
    return opts;
  }

  static server(key: CryptoKey | null, certificate: X509Certificate | null): TLSOptions {
    const opts = new TLSOptions();
    opts.#mode = TLSOptionsMode.MODE_SERVER;
    opts.#private_key = key ?? null;
    opts.#own_certificate = certificate ?? null;
    return opts;
  }

  is_server(): boolean {
    return this.#mode === TLSOptionsMode.MODE_SERVER;
  }

  is_unsafe_client(): boolean {
    return this.#mode === TLSOptionsMode.MODE_CLIENT_UNSAFE;
  }

  get_common_name_override(): string {
    return this.#common_name_override;
  }

  get_trusted_ca_chain(): X509Certificate | null {
    return this.#trusted_ca_chain;
  }

  get_private_key(): CryptoKey | null {
    return this.#private_key;
  }

  get_own_certificate(): X509Certificate | null {
    return this.#own_certificate;
  }
}
TLSOptions satisfies TLSOptionsStatics;
