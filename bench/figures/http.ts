/**
 * Figure 6: HTTP. Request round trip (sequential echotest `message`, resolved on its event) and long-poll
 * event latency: from sending the message to the moment the response of the long-poll `GET` that carries
 * its event arrives. The latter is observed passively on Node's diagnostics channels, whichever HTTP stack
 * the client uses: `undici:request:headers` (the `undici` package and Node's built-in `fetch`) and
 * `http.client.response.finish` (`node:http`, published when the response head is parsed). Janus writes
 * these small responses in one go, so the head and the body arrive together. NaN when neither is seen.
 */
import { subscribe } from 'node:diagnostics_channel';
import { type BenchPair, ECHO_BODY } from '../clients/types.js';
import { type Latency, latency } from '../lib/stats.js';

let since = -1;
let pollDone = Number.NaN;
let subscribed = false;

function onResponse(message: unknown): void {
  if (since < 0 || !Number.isNaN(pollDone)) return;
  const request = (message as { request?: { method?: string; path?: string } }).request;
  if (request?.method === 'GET' && /\/\d+(\?|$)/.test(request.path ?? '')) pollDone = performance.now();
}

/** Round trip and event latency of one round. */
export interface HttpRound {
  roundTrip: Latency;
  /** NaN when the long-poll could not be observed. */
  eventLatency: Latency;
  /** How many of the round's messages had their long-poll observed. */
  observed: number;
}

/** One round of `n` sequential messages over HTTP. */
export async function httpRound(pair: BenchPair, n: number): Promise<HttpRound> {
  if (!subscribed) {
    subscribe('undici:request:headers', onResponse);
    subscribe('http.client.response.finish', onResponse);
    subscribed = true;
  }
  const rtt = new Array<number>(n);
  const event: number[] = [];
  for (let i = 0; i < n; i++) {
    pollDone = Number.NaN;
    const t0 = performance.now();
    since = t0;
    await pair.message(ECHO_BODY);
    rtt[i] = performance.now() - t0;
    since = -1;
    if (!Number.isNaN(pollDone)) event.push(pollDone - t0);
  }
  return {
    roundTrip: latency(rtt),
    eventLatency: event.length > n / 2 ? latency(event) : { median: Number.NaN, p90: Number.NaN },
    observed: event.length,
  };
}
