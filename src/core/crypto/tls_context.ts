/**
 * Turns TLSOptions into Node `tls` settings: the role the engine's
 * TLSContextMbedTLS plays. Kept apart from StreamPeerTLS so WebSocket and
 * any later DTLS code can share the mapping.
 *
 * Client verification (mbedTLS semantics, see TLSOptions):
 * - client(): Node's default CA store, host name = common_name.
 * - client(chain, cn): only `chain` is trusted; host name = cn or common_name.
 * - client_unsafe(chain): `chain` verified, host name not checked.
 * - client_unsafe(): nothing verified.
 * Host names are checked by Node's tls.checkServerIdentity (subjectAltName,
 * or the CN when there is no DNS name), after the chain verified; a mismatch
 * is reported apart from other failures so StreamPeerTLS can set
 * STATUS_ERROR_HOSTNAME_MISMATCH.
 */
import { isIP } from "node:net";
import * as tls from "node:tls";
import { ERR_INVALID_PARAMETER, OK, type GodotError } from "../error/error_list.js";
import { CryptoKey } from "./crypto_key.js";
import { TLSOptions } from "./tls_options.js";
import { X509Certificate } from "./x509_certificate.js";

export interface ClientConfig {
  readonly options: tls.ConnectionOptions;
  /** Set by the identity check when the host name did not match (read after an 'error'). */
  readonly verdict: { hostname_mismatch: boolean };
}

export type Failure = { readonly error: GodotError; readonly message: string };

function failure(error: GodotError, message: string): Failure {
  return { error, message };
}

function chain_pems(chain: X509Certificate): string[] {
  return chain._get_certificates().map((c) => c.toString());
}

/** Node tls.connect() options for a client, minus the socket. */
export function make_client_config(common_name: string, options: TLSOptions): ClientConfig | Failure {
  if (!(options instanceof TLSOptions) || options.is_server()) {
    return failure(ERR_INVALID_PARAMETER, "Client TLS options expected (TLSOptions.client() or client_unsafe()), got server options.");
  }
  const chain = options.get_trusted_ca_chain();
  if (chain !== null && !(chain instanceof X509Certificate)) return failure(ERR_INVALID_PARAMETER, "trusted_chain must be an X509Certificate.");
  const verdict = { hostname_mismatch: false };
  const unsafe = options.is_unsafe_client();
  const expected_name = unsafe ? "" : options.get_common_name_override() || common_name;
  // SNI carries the name being verified (as the engine's mbedtls_ssl_set_hostname);
  // unsafe clients send the connect name. RFC 6066 forbids IP literals there.
  const sni = unsafe ? common_name : expected_name;
  const node: tls.ConnectionOptions = {};
  if (sni !== "" && isIP(sni) === 0) node.servername = sni;
  if (chain !== null) node.ca = chain_pems(chain);
  if (unsafe && chain === null) {
    node.rejectUnauthorized = false;
  } else {
    node.rejectUnauthorized = true;
    node.checkServerIdentity = (_host, cert) => {
      if (unsafe) return undefined;
      const error = tls.checkServerIdentity(expected_name, cert);
      if (error) verdict.hostname_mismatch = true;
      return error;
    };
  }
  return { options: node, verdict };
}

/** A Node secure context presenting the server options' key and certificate chain. */
export function make_server_context(options: TLSOptions): tls.SecureContext | Failure {
  if (!(options instanceof TLSOptions) || !options.is_server()) {
    return failure(ERR_INVALID_PARAMETER, "Server TLS options expected (TLSOptions.server(key, certificate)).");
  }
  const key = options.get_private_key();
  const cert = options.get_own_certificate();
  if (!(key instanceof CryptoKey) || key._get_key_object() === null || key.is_public_only()) {
    return failure(ERR_INVALID_PARAMETER, "The server options need a private key.");
  }
  if (!(cert instanceof X509Certificate) || cert._is_empty()) {
    return failure(ERR_INVALID_PARAMETER, "The server options need a certificate.");
  }
  try {
    return tls.createSecureContext({
      key: key._get_key_object()?.export({ type: "pkcs8", format: "pem" }),
      cert: chain_pems(cert).join(""),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return failure(ERR_INVALID_PARAMETER, `Invalid certificate/key combination: ${reason}`);
  }
}

export function is_failure(value: unknown): value is Failure {
  return typeof value === "object" && value !== null && "error" in value && "message" in value && (value as Failure).error !== OK;
}
