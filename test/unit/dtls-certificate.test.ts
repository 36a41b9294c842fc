/**
 * The process's DTLS certificate, written with node:crypto: a well-formed self-signed ECDSA P-256 X.509
 * certificate whose key is the PEM key next to it, valid now, and the same one for every peer of the process.
 */
import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createDtlsKeys, processDtlsKeys } from '../../src/media/dtls-certificate.js';

describe('createDtlsKeys', () => {
  it('makes a self-signed ECDSA P-256 certificate that matches its PKCS #8 key', () => {
    const now = new Date();
    const keys = createDtlsKeys(now);
    const cert = new X509Certificate(keys.certPem);
    expect(cert.subject).toBe('CN=janus-xstate');
    expect(cert.issuer).toBe(cert.subject);
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    expect(cert.checkPrivateKey(createPrivateKey(keys.keyPem))).toBe(true);
    expect(keys.keyPem).toMatch(/^-----BEGIN PRIVATE KEY-----\n/);
    expect(new Date(cert.validFrom).getTime()).toBeLessThan(now.getTime());
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(now.getTime() + 7 * 24 * 3600 * 1000);
    expect(keys.signatureHash).toEqual({ hash: 4, signature: 3 });
    const other = new X509Certificate(createDtlsKeys(now).certPem);
    expect(other.serialNumber).not.toBe(cert.serialNumber);
    expect(other.publicKey.equals(createPublicKey(keys.keyPem))).toBe(false);
  });

  it.each([
    ['00', 0x00],
    ['80', 0x80],
  ])(
    'encodes a serial drawn with first byte 0x%s minimally, so OpenSSL accepts the certificate',
    (_hex, first) => {
      // 1 process in 256 drew such a serial, and Janus's OpenSSL refused every DTLS handshake it made.
      const serialBytes = Buffer.from([first, 0x10, 1, 2, 3, 4, 5, 6]);
      const certificate = new X509Certificate(createDtlsKeys(new Date(), serialBytes).certPem);
      // 8 bytes, the first in 0x01-0x7f: positive, and no leading zero byte.
      expect(certificate.serialNumber).toMatch(/^(0[1-9A-F]|[1-7][0-9A-F])[0-9A-F]{14}$/);
    },
  );

  it('is made once per process', () => {
    expect(processDtlsKeys()).toBe(processDtlsKeys());
  });
});
