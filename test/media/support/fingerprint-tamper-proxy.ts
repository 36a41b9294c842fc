/**
 * A loopback TCP proxy in front of Janus's API port that alters one byte of every `a=fingerprint` Janus
 * sends (server → client), leaving the length and everything else as it was: a man in the middle of
 * the signalling who cannot touch the media's DTLS. For the DTLS fingerprint tests.
 */
import { createServer, Socket } from 'node:net';

/** A running proxy. */
export interface TamperProxy {
  /** `ws://127.0.0.1:<port>` + the path of the target URL. */
  readonly url: string;
  /** Fingerprints altered so far. */
  readonly altered: number;
  /** Whether to alter (default `true`); `false` makes it a plain proxy. */
  tamper: boolean;
  close(): Promise<void>;
}

/** `a=fingerprint:<hash> ` then the first hex digit of the first byte. */
const FINGERPRINT = /a=fingerprint:\S+ ([0-9A-Fa-f])/g;

/** Swaps a hex digit for another one (same length, a different certificate hash). */
function otherDigit(digit: string): string {
  return digit.toUpperCase() === 'A' ? 'B' : 'A';
}

/**
 * Starts the proxy for `targetUrl` (a `ws://` or `http://` URL on loopback).
 *
 * @param targetUrl - Janus's API URL
 */
export async function startTamperProxy(targetUrl: string): Promise<TamperProxy> {
  const target = new URL(targetUrl);
  const sockets = new Set<Socket>();
  let altered = 0;
  const state = { tamper: true };
  const server = createServer((client) => {
    const upstream = new Socket();
    sockets.add(client);
    sockets.add(upstream);
    upstream.connect(Number(target.port), target.hostname);
    client.on('data', (chunk: Buffer) => upstream.write(chunk));
    upstream.on('data', (chunk: Buffer) => {
      if (!state.tamper) {
        client.write(chunk);
        return;
      }
      const text = chunk.toString('latin1');
      const out = text.replace(FINGERPRINT, (match: string, digit: string) => {
        altered++;
        return `${match.slice(0, -1)}${otherDigit(digit)}`;
      });
      client.write(Buffer.from(out, 'latin1'));
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `${target.protocol}//127.0.0.1:${port}${target.pathname}`,
    get altered() {
      return altered;
    },
    get tamper() {
      return state.tamper;
    },
    set tamper(value: boolean) {
      state.tamper = value;
    },
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
