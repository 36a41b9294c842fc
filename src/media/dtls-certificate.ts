/**
 * The DTLS certificate every peer of this process presents: a self-signed ECDSA P-256 certificate
 * made with `node:crypto` alone (key generation and signature in OpenSSL, the X.509 DER written
 * here), once per process.
 *
 * Why: left alone, werift makes its certificate with `@peculiar/x509` on the first call of a process
 * (WebCrypto key generation, then ASN.1 schemas built and serialised in JavaScript): ~16 ms on a quiet
 * machine, 50-100 ms under load, all on the cold path of a one-call process. This takes well under
 * 1 ms. werift takes it through its `dtls.keys` option and never calls its own generator.
 * @module
 */
import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { DtlsKeys } from 'werift';

/** Validity of the certificate: from one day before it is made (clock skew) to 30 days after. */
const VALID_BEFORE_MS = 24 * 3600 * 1000;
const VALID_AFTER_MS = 30 * 24 * 3600 * 1000;

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let rest = length; rest > 0; rest >>= 8) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

function der(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

const sequence = (...content: Buffer[]) => der(0x30, ...content);

/** OID 1.2.840.10045.4.3.2, ecdsa-with-SHA256. */
const ECDSA_WITH_SHA256 = sequence(Buffer.from('06082a8648ce3d040302', 'hex'));

/** `CN=<commonName>`, a Name of one RDN (OID 2.5.4.3, UTF8String). */
function commonName(name: string): Buffer {
  return sequence(der(0x31, sequence(Buffer.from('0603550403', 'hex'), der(0x0c, Buffer.from(name)))));
}

/** UTCTime `YYMMDDHHMMSSZ` (valid for years 1950-2049). */
function utcTime(date: Date): Buffer {
  const iso = date.toISOString();
  const text = `${iso.slice(2, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  return der(0x17, Buffer.from(text, 'ascii'));
}

function pem(label: string, body: Buffer): string {
  const lines = body.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * Makes werift's `dtls.keys` (PEM certificate, PEM PKCS #8 key, TLS 1.2 signature scheme sha256 (4) with
 * ecdsa (3)): a new self-signed ECDSA P-256 / SHA-256 X.509 v3 certificate (`CN=janus-xstate`, random
 * 64-bit serial, valid from a day ago for 30 days) and its key.
 *
 * @param now - the certificate's reference time. Default: now
 * @param serialBytes - 8 bytes for the serial (made a positive, minimally encoded DER INTEGER). Default: random
 */
export function createDtlsKeys(now = new Date(), serialBytes: Buffer = randomBytes(8)): DtlsKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const serial = Buffer.from(serialBytes);
  // A positive INTEGER whose first byte is not 0: DER allows no leading zero byte, and OpenSSL (Janus)
  // rejects such a certificate ("illegal padding"), which failed every call of a process 1 time in 256.
  serial[0] = (serial[0] ?? 0) & 0x7f || 0x01;
  const name = commonName('janus-xstate');
  const tbs = sequence(
    der(0xa0, der(0x02, Buffer.from([2]))), // [0] EXPLICIT version v3
    der(0x02, serial),
    ECDSA_WITH_SHA256,
    name,
    sequence(
      utcTime(new Date(now.getTime() - VALID_BEFORE_MS)),
      utcTime(new Date(now.getTime() + VALID_AFTER_MS)),
    ),
    name,
    publicKey.export({ type: 'spki', format: 'der' }),
  );
  const signature = sign('sha256', tbs, privateKey); // DER ECDSA-Sig-Value
  const certificate = sequence(tbs, ECDSA_WITH_SHA256, der(0x03, Buffer.from([0]), signature));
  return {
    certPem: pem('CERTIFICATE', certificate),
    keyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    signatureHash: { hash: 4, signature: 3 },
  };
}

let processKeys: { keys: DtlsKeys; expiresAtMs: number } | undefined;

/**
 * The process's DTLS keys, made on first use and renewed when less than a day of validity is left.
 * Every peer of the process presents the same certificate, as werift does by default.
 */
export function processDtlsKeys(): DtlsKeys {
  const now = Date.now();
  if (!processKeys || processKeys.expiresAtMs - now < VALID_BEFORE_MS) {
    processKeys = { keys: createDtlsKeys(new Date(now)), expiresAtMs: now + VALID_AFTER_MS };
  }
  return processKeys.keys;
}
