/**
 * A private CA and a server certificate for 127.0.0.1 signed by it, made with the system's `openssl`.
 * @module
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** PEM texts of a test CA and of a server certificate it signed. */
export interface TestCertificates {
  /** The CA certificate: trust it to trust the server. */
  ca: string;
  /** The server certificate (subjectAltName IP:127.0.0.1, DNS:localhost). */
  cert: string;
  /** The server key. */
  key: string;
  /** A file holding the CA certificate (for `NODE_EXTRA_CA_CERTS`). */
  caFile: string;
  /** Removes the files. */
  remove(): Promise<void>;
}

/** Makes a CA (`janus-xstate test CA`) and a server certificate signed by it, valid for a day. */
export async function makeTestCertificates(): Promise<TestCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'janus-xstate-tls-'));
  const path = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => run('openssl', args, { timeout: 30_000 });
  await openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=janus-xstate test CA',
    '-keyout',
    path('ca.key'),
    '-out',
    path('ca.pem'),
  );
  await openssl(
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=127.0.0.1',
    '-keyout',
    path('server.key'),
    '-out',
    path('server.csr'),
  );
  await writeFile(path('san.ext'), 'subjectAltName = IP:127.0.0.1, DNS:localhost\n');
  await openssl(
    'x509',
    '-req',
    '-in',
    path('server.csr'),
    '-CA',
    path('ca.pem'),
    '-CAkey',
    path('ca.key'),
    '-CAcreateserial',
    '-days',
    '1',
    '-extfile',
    path('san.ext'),
    '-out',
    path('server.pem'),
  );
  return {
    ca: await readFile(path('ca.pem'), 'utf8'),
    cert: await readFile(path('server.pem'), 'utf8'),
    key: await readFile(path('server.key'), 'utf8'),
    caFile: path('ca.pem'),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}
