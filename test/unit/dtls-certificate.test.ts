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

  it('is made once per process', () => {
    expect(processDtlsKeys()).toBe(processDtlsKeys());
  });
});
