/**
 * Checking a DTLS peer's certificate against the `a=fingerprint` lines of its SDP (RFC 8122, RFC 8842):
 * what binds the encrypted media to the signalling. werift 0.24.4 checks this itself in
 * `RTCDtlsTransport.start()`; {@link JanusPeer} checks again, independently, in both DTLS roles, and
 * turns a mismatch into a typed error (`DTLS_FINGERPRINT`) that fails the call.
 * @module
 */
import { createHash } from 'node:crypto';
import type { RTCPeerConnection } from 'werift';
import { JanusError } from '../errors.js';

/** One `a=fingerprint` line. */
export interface SdpFingerprint {
  /** Hash function, lower case, e.g. `'sha-256'`. */
  readonly algorithm: string;
  /** Hex bytes, upper case, colon separated. */
  readonly value: string;
}

/** Hash functions this check can compute: the SDP name → Node's name. */
const HASHES: Readonly<Record<string, string>> = {
  'sha-1': 'sha1',
  'sha-224': 'sha224',
  'sha-256': 'sha256',
  'sha-384': 'sha384',
  'sha-512': 'sha512',
};

/**
 * Every `a=fingerprint` line of an SDP (session and media level).
 *
 * @param sdp - a session description
 */
export function sdpFingerprints(sdp: string): SdpFingerprint[] {
  const out: SdpFingerprint[] = [];
  for (const match of sdp.matchAll(/^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/gm)) {
    out.push({ algorithm: (match[1] ?? '').toLowerCase(), value: (match[2] ?? '').toUpperCase() });
  }
  return out;
}

/**
 * The fingerprint of a DER certificate with an SDP hash function, as SDP writes it.
 *
 * @param certificate - the DER bytes
 * @param algorithm - e.g. `'sha-256'`
 * @returns the fingerprint, or `undefined` for a hash function this check does not know
 */
export function certificateFingerprint(certificate: Uint8Array, algorithm: string): string | undefined {
  const hash = HASHES[algorithm.toLowerCase()];
  if (!hash) return undefined;
  const hex = createHash(hash).update(certificate).digest('hex').toUpperCase();
  return hex.match(/../g)?.join(':') ?? '';
}

/**
 * Whether `certificate` matches at least one fingerprint of a known hash function in `fingerprints`
 * (false when there is none: an SDP without a usable fingerprint does not authenticate anything).
 *
 * @param certificate - the peer's DER certificate
 * @param fingerprints - the `a=fingerprint` lines of the peer's SDP
 */
export function matchesFingerprint(
  certificate: Uint8Array,
  fingerprints: readonly SdpFingerprint[],
): boolean {
  return fingerprints.some(
    (fingerprint) => certificateFingerprint(certificate, fingerprint.algorithm) === fingerprint.value,
  );
}

/**
 * Checks the remote DTLS certificate against the remote SDP's `a=fingerprint` when each DTLS transport of
 * `pc` connects or fails, in either DTLS role. werift 0.24.4 runs the same check and fails the transport
 * before `connected`; this one does not rely on it, and names the failure.
 *
 * @param pc - the peer connection (call after each remote description is set: new transports are added)
 * @param watched - transports already watched (kept by the caller across calls)
 * @param onMismatch - called with a `DTLS_FINGERPRINT` error
 */
export function watchDtlsFingerprints(
  pc: RTCPeerConnection,
  watched: WeakSet<object>,
  onMismatch: (error: JanusError) => void,
): void {
  for (const transport of pc.dtlsTransports) {
    if (watched.has(transport)) continue;
    watched.add(transport);
    transport.onStateChange.subscribe((state) => {
      if (state !== 'connected' && state !== 'failed') return;
      const certificate = (transport as unknown as { dtls?: { remoteCertificate?: Uint8Array } }).dtls
        ?.remoteCertificate;
      if (!certificate) return;
      const fingerprints = sdpFingerprints(pc.remoteDescription?.sdp ?? '');
      if (matchesFingerprint(certificate, fingerprints)) return;
      const algorithms = fingerprints.map((fingerprint) => fingerprint.algorithm).join(', ') || 'none';
      onMismatch(
        new JanusError(
          'DTLS_FINGERPRINT',
          `the remote DTLS certificate does not match the remote SDP's a=fingerprint (${algorithms})`,
        ),
      );
    });
  }
}
