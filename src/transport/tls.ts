/**
 * TLS settings of the `wss:` and `https:` transports, and how a failed certificate check becomes a typed
 * `TLS` error.
 * @module
 */
import { JanusError } from '../errors.js';

/**
 * TLS settings for `wss://` and `https://` URLs (passed to Node's `tls.connect`). Without any, the
 * server's certificate is checked against Node's trust store (its bundled CAs, plus `NODE_EXTRA_CA_CERTS`).
 */
export interface TlsOptions {
  /** CA certificates (PEM) to trust instead of Node's bundled ones. Defaults to Node's trust store. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** A client certificate (PEM), for servers that ask for one. Defaults to none. */
  cert?: string | Buffer;
  /** The client certificate's private key (PEM). Defaults to none. */
  key?: string | Buffer;
  /** The passphrase of `key`; never logged. Defaults to none. */
  passphrase?: string;
  /** The name the certificate must be valid for (SNI). Defaults to the URL's host name. */
  servername?: string;
  /**
   * Whether a certificate that does not check out fails the connection. Defaults to `true`; set `false`
   * only when you mean to talk to a server whose identity is not verified.
   */
  rejectUnauthorized?: boolean;
}

/** Node's error codes for a certificate or handshake that did not check out. */
const TLS_ERROR_CODES = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'INVALID_CA',
  'HOSTNAME_MISMATCH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'EPROTO',
]);

/** True when `error` (or its cause) is a failed TLS handshake or certificate check. */
export function isTlsError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (TLS_ERROR_CODES.has(code) || /^ERR_(SSL|TLS)_/.test(code))) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The typed error for a TLS failure: code `TLS`, the Node error as `cause`. */
export function tlsError(error: unknown, url: string): JanusError {
  const reason = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return new JanusError(
    'TLS',
    `TLS with ${url} failed: ${reason}${typeof code === 'string' ? ` (${code})` : ''}`,
    {
      cause: error,
    },
  );
}

/** The TLS settings as Node's `https.request`/`tls.connect` options (only those given). */
export function nodeTlsOptions(tls: TlsOptions | undefined): TlsOptions {
  if (!tls) return {};
  const out: TlsOptions = {};
  if (tls.ca !== undefined) out.ca = tls.ca;
  if (tls.cert !== undefined) out.cert = tls.cert;
  if (tls.key !== undefined) out.key = tls.key;
  if (tls.passphrase !== undefined) out.passphrase = tls.passphrase;
  if (tls.servername !== undefined) out.servername = tls.servername;
  if (tls.rejectUnauthorized !== undefined) out.rejectUnauthorized = tls.rejectUnauthorized;
  return out;
}
