/**
 * One-shot JSON requests over plain HTTP, without connection reuse (a restarted server on the same port
 * must never see a stale pooled socket).
 *
 * @module
 */
import { request } from 'node:http';

/** An HTTP status and the parsed JSON body (`undefined` when the body is not JSON). */
export interface JsonResponse {
  /** HTTP status code. */
  status: number;
  /** The parsed body. */
  body: unknown;
}

/** Sends `GET url` (no body) or `POST url` (with `body` as JSON) and parses the answer. */
export function httpJson(url: string, body?: unknown, timeoutMs = 2000): Promise<JsonResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      url,
      {
        method: payload === undefined ? 'GET' : 'POST',
        agent: false,
        timeout: timeoutMs,
        headers: payload === undefined ? {} : { 'content-type': 'application/json' },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown;
          try {
            parsed = JSON.parse(text);
          } catch {
            parsed = undefined;
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`HTTP request to ${url} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(payload);
  });
}
