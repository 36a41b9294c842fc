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
import { takeTurns } from '../lib/turns.js';

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

/** What one message gives: its round trip, and its event latency when its long-poll was observed. */
interface HttpSample {
  roundTrip: number;
  event: number;
}

/** Sends one message and times it (and its long-poll, when observed). */
async function httpMessage(pair: BenchPair): Promise<HttpSample> {
  if (!subscribed) {
    subscribe('undici:request:headers', onResponse);
    subscribe('http.client.response.finish', onResponse);
    subscribed = true;
  }
  pollDone = Number.NaN;
  const t0 = performance.now();
  since = t0;
  try {
    await pair.message(ECHO_BODY);
  } finally {
    since = -1;
  }
  return { roundTrip: performance.now() - t0, event: pollDone - t0 };
}

function toRound(samples: readonly HttpSample[]): HttpRound {
  const event = samples.map((s) => s.event).filter((x) => !Number.isNaN(x));
  return {
    roundTrip: latency(samples.map((s) => s.roundTrip)),
    eventLatency:
      event.length > samples.length / 2 ? latency(event) : { median: Number.NaN, p90: Number.NaN },
    observed: event.length,
  };
}

/**
 * One round of `n` sequential messages over HTTP per client, the clients taking turns message by message
 * (the order rotating), as the WebSocket round trip and the full cycle do.
 */
export async function httpRoundInterleaved<TId extends string>(
  pairs: ReadonlyMap<TId, BenchPair>,
  n: number,
  onError: (id: TId, error: unknown) => void,
): Promise<Map<TId, HttpRound>> {
  const samples = await takeTurns(pairs, n, onError, httpMessage);
  return new Map([...samples].map(([id, s]) => [id, toRound(s)]));
}
