/**
 * Server frames generated with fast-check, end to end through a real client and the fake Janus over
 * WebSocket: invalid JSON, wrong types, unknown transactions and senders, duplicate replies, garbage
 * replies to real requests, huge frames. Each must end as a typed error (for a request it answers) or an
 * ignored frame (with a debug log): never a crash, an unhandled rejection, a hang or a stuck state.
 * Then replies generated for the transactions of requests really pending (success, ack, event, error and
 * other types, with mutated bodies): every pending promise settles, typed. And a handle survives frames of
 * every kind addressed to other handles and sessions.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, JanusError, type PluginHandle } from '../../src/index.js';
import { HANDLE_CORE_EVENTS } from '../../src/protocol/messages.js';
import { type FakeJanus, startFakeJanus } from '../fault/fake-janus.js';

const KINDS = [
  'success',
  'error',
  'ack',
  'event',
  ...HANDLE_CORE_EVENTS,
  'timeout',
  'keepalive',
  'server_info',
  'claim',
];

/** A JSON-ish value of any type, for fields that should have a precise one. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.constant(null),
  fc.integer(),
  fc.string(),
  fc.array(fc.integer(), { maxLength: 3 }),
);

/** Builds the frame arbitrary; ids the client really uses are mixed in so frames hit live handlers. */
function frameArbitrary(ids: { session: number; handle: number; transaction: () => string }) {
  const janusMessage = fc.record(
    {
      janus: fc.oneof(fc.constantFrom(...KINDS), fc.string({ maxLength: 8 }), anyValue),
      transaction: fc.oneof(fc.string({ maxLength: 12 }), fc.constant('live'), anyValue),
      session_id: fc.oneof(fc.constant(ids.session), fc.integer(), anyValue),
      sender: fc.oneof(fc.constant(ids.handle), fc.integer(), anyValue),
      plugindata: fc.oneof(
        fc.record({ plugin: fc.string({ maxLength: 20 }), data: anyValue }, { requiredKeys: [] }),
        anyValue,
      ),
      data: fc.oneof(fc.record({ id: anyValue }, { requiredKeys: [] }), anyValue),
      error: fc.oneof(fc.record({ code: anyValue, reason: anyValue }, { requiredKeys: [] }), anyValue),
      jsep: anyValue,
      candidate: anyValue,
      type: anyValue,
      receiving: anyValue,
      reason: anyValue,
      uplink: anyValue,
      lost: anyValue,
      mid: anyValue,
    },
    { requiredKeys: [] },
  );
  return fc.oneof(
    { weight: 30, arbitrary: janusMessage.map((m) => fixTransaction(m, ids.transaction)) },
    { weight: 5, arbitrary: fc.array(janusMessage, { maxLength: 4 }).map((a) => JSON.stringify(a)) },
    { weight: 5, arbitrary: fc.string({ maxLength: 60 }) }, // mostly invalid JSON
    { weight: 5, arbitrary: anyValue.map((v) => JSON.stringify(v) ?? 'undefined') },
    { weight: 2, arbitrary: fc.constantFrom('{', '[', '{"janus":', '\u0000', '', 'null', '[]', '{}') },
    {
      weight: 1,
      arbitrary: fc.integer({ min: 64, max: 1024 }).map((kb) => hugeFrame(kb * 1024, ids.handle)),
    },
  );
}

function fixTransaction(message: Record<string, unknown>, live: () => string): string {
  if (message.transaction === 'live') message.transaction = live();
  return JSON.stringify(message);
}

function hugeFrame(bytes: number, handle: number): string {
  return JSON.stringify({
    janus: 'event',
    sender: handle,
    plugindata: { plugin: 'janus.plugin.echotest', data: { blob: 'x'.repeat(bytes) } },
  });
}

/**
 * A failing property is shrunk, and each shrink step may wait out request deadlines: stop in time to report
 * the seed and the counterexample, rather than hit the test's hang guard with nothing to show.
 */
const REPORT_IN_TIME = { interruptAfterTimeLimit: 90_000, markInterruptAsFailure: true } as const;

let fake: FakeJanus;
let janus: JanusClient;
let echo: PluginHandle;
let sessionId: number;
const debugLines: string[] = [];
const problems: unknown[] = [];
const onProblem = (reason: unknown): void => {
  problems.push(reason);
};

beforeAll(async () => {
  process.on('unhandledRejection', onProblem);
  process.on('uncaughtException', onProblem);
  fake = await startFakeJanus();
  janus = await connect(fake.url, {
    requestTimeoutMs: 500,
    reconnect: false,
    keepaliveMs: false,
    logger: {
      debug: (message) => debugLines.push(message),
      error: (message, details) => problems.push({ message, details }),
    },
  });
  const session = await janus.createSession();
  sessionId = session.id;
  echo = await session.attach('janus.plugin.echotest');
});

afterAll(async () => {
  process.off('unhandledRejection', onProblem);
  process.off('uncaughtException', onProblem);
  await janus?.close();
  await fake?.close();
});

describe('fuzzed server frames', () => {
  it('10,000+ generated frames: typed errors or ignored frames, never a crash or a stuck state', async () => {
    let frames = 0;
    let lastTransaction = '';
    // Live ids mixed in, so frames reach the real session and handle.
    const live = frameArbitrary({ session: sessionId, handle: echo.id, transaction: () => lastTransaction });
    const outcomes = { resolved: 0, typed: 0, other: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(live, { minLength: 100, maxLength: 100 }), async (batch) => {
        // Requests in flight while the frames arrive, some answered by a generated frame.
        fake.onRequest((request, reply) => {
          lastTransaction = String(request.transaction);
          if (request.janus !== 'message') return undefined;
          // Duplicate reply, then a generated one with the real transaction.
          reply({
            janus: 'success',
            transaction: request.transaction,
            sender: request.handle_id,
            plugindata: { plugin: 'janus.plugin.echotest', data: { result: 'ok' } },
          });
          reply({ janus: 'success', transaction: request.transaction, sender: request.handle_id });
          return true;
        });
        const pending = [
          echo.message({ audio: false }),
          janus.request({ janus: 'keepalive', session_id: sessionId }),
        ];
        for (const frame of batch) fake.broadcast(frame);
        frames += batch.length;
        for (const result of await Promise.allSettled(pending)) {
          if (result.status === 'fulfilled') outcomes.resolved += 1;
          else if (result.reason instanceof JanusError) outcomes.typed += 1;
          else outcomes.other += 1;
        }
        // Not stuck: a fresh round trip still works.
        fake.onRequest(undefined);
        const info = await janus.info({ timeoutMs: 2000 });
        return info.janus === 'server_info' && janus.state === 'open';
      }),
      { numRuns: 100, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000), ...REPORT_IN_TIME },
    );
    const ignored = debugLines.filter((line) => line.startsWith('ignored')).length;
    console.log(
      `fuzz: ${frames} frames; requests resolved ${outcomes.resolved}, typed errors ${outcomes.typed}, ` +
        `other ${outcomes.other}; ${ignored} 'ignored ...' debug lines; problems ${problems.length}; ` +
        `state ${janus.state}, pending ${janus.pendingRequests}`,
    );
    expect(frames).toBeGreaterThanOrEqual(10_000);
    expect(outcomes.other).toBe(0);
    expect(problems).toEqual([]);
    expect(ignored).toBeGreaterThan(0);
    expect(janus.state).toBe('open');
    // Fuzzed `detached`/`timeout` frames may legitimately have ended the handle or session; a fresh
    // session and handle on the same connection work.
    const fresh = await (await janus.createSession()).attach('janus.plugin.echotest');
    expect((await fresh.message({ audio: false })).data).toMatchObject({ result: 'ok' });
  }, 120_000);

  it('replies generated for live transactions: every pending request settles, resolved or typed', async () => {
    /** A reply for `transaction`: a real reply type or any other, with a mutated body. */
    const replyFor = (transaction: string, handle: number) =>
      fc.record(
        {
          janus: fc.oneof(
            { weight: 6, arbitrary: fc.constantFrom('success', 'ack', 'event', 'error') },
            {
              weight: 1,
              arbitrary: fc.oneof(fc.constantFrom(...KINDS), fc.string({ maxLength: 8 }), anyValue),
            },
          ),
          transaction: fc.constant(transaction),
          session_id: fc.oneof(fc.constant(sessionId), anyValue),
          sender: fc.oneof(fc.constant(handle), anyValue),
          plugindata: fc.oneof(
            fc.record(
              { plugin: fc.oneof(fc.constant('janus.plugin.echotest'), anyValue), data: anyValue },
              { requiredKeys: [] },
            ),
            anyValue,
          ),
          data: fc.oneof(fc.record({ id: anyValue }, { requiredKeys: [] }), anyValue),
          error: fc.oneof(
            fc.record({ code: fc.constantFrom(403, 456, 458, 459, 462, 490), reason: fc.string() }),
            fc.record({ code: anyValue, reason: anyValue }, { requiredKeys: [] }),
            anyValue,
          ),
          jsep: anyValue,
        },
        { requiredKeys: ['janus', 'transaction'] },
      );
    const outcomes = { resolved: 0, other: 0, frames: 0, requests: 0 };
    const codes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.infiniteStream(fc.integer()),
        async (perRequest, seeds) => {
          if (echo.state !== 'attached')
            echo = await (await janus.createSession()).attach('janus.plugin.echotest');
          const handleId = echo.id;
          const live: string[] = [];
          // Nothing is answered by the fake: every reply comes from the generator, with the real transaction.
          fake.onRequest((request) => {
            if (typeof request.transaction === 'string') live.push(request.transaction);
            return true;
          });
          const pending = [
            echo.message({ audio: false }),
            echo.message({ video: false }),
            janus.request({ janus: 'keepalive', session_id: sessionId }),
            janus.request({
              janus: 'trickle',
              session_id: sessionId,
              handle_id: handleId,
              candidate: { completed: true },
            }),
            janus.info(),
          ];
          outcomes.requests += pending.length;
          // Wait until the fake holds every request (each live transaction is known before replies are made).
          for (let waited = 0; live.length < pending.length && waited < 2000; waited += 5)
            await new Promise((resolve) => setTimeout(resolve, 5));
          expect(live).toHaveLength(pending.length);
          const seedIterator = seeds[Symbol.iterator]();
          for (const transaction of live) {
            const frames = fc.sample(replyFor(transaction, handleId), {
              numRuns: perRequest,
              seed: seedIterator.next().value as number,
            });
            for (const frame of frames) fake.broadcast(JSON.stringify(frame));
            outcomes.frames += frames.length;
          }
          for (const result of await Promise.allSettled(pending)) {
            if (result.status === 'fulfilled') outcomes.resolved += 1;
            else if (result.reason instanceof JanusError)
              codes.set(result.reason.code, (codes.get(result.reason.code) ?? 0) + 1);
            else outcomes.other += 1;
          }
          fake.onRequest(undefined);
          return janus.state === 'open' && janus.pendingRequests === 0;
        },
      ),
      { numRuns: 40, seed: Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000), ...REPORT_IN_TIME },
    );
    const byFrame =
      outcomes.resolved + [...codes].filter(([c]) => c !== 'TIMEOUT').reduce((n, [, k]) => n + k, 0);
    console.log(
      `fuzz (live transactions): ${outcomes.frames} frames for ${outcomes.requests} pending requests; ` +
        `resolved ${outcomes.resolved}, rejected ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ')}, ` +
        `other ${outcomes.other}; settled by a generated frame ${byFrame}`,
    );
    expect(outcomes.other).toBe(0);
    expect(problems).toEqual([]);
    // Most requests are settled by a generated reply, not by their deadline: the frames hit live entries.
    expect(byFrame).toBeGreaterThan(outcomes.requests / 2);
    expect(outcomes.resolved).toBeGreaterThan(0);
    expect(codes.size).toBeGreaterThan(1);
  }, 120_000);

  it('a handle survives 5,000 frames of every kind addressed to other handles and sessions', async () => {
    const session = await janus.createSession();
    const handle = await session.attach('janus.plugin.echotest');
    const heard: string[] = [];
    for (const event of ['event', ...HANDLE_CORE_EVENTS] as const)
      handle.on(event as 'event', () => heard.push(event));
    const other = fc.integer({ min: 1, max: 2 ** 52 }).filter((id) => id !== handle.id && id !== session.id);
    const elsewhere = fc.record(
      {
        janus: fc.constantFrom(...KINDS),
        session_id: fc.oneof(other, anyValue),
        sender: fc.oneof(other, anyValue),
        transaction: fc.oneof(fc.string({ maxLength: 12 }), anyValue),
        plugindata: fc.record({ plugin: fc.constant('janus.plugin.echotest'), data: anyValue }),
        error: fc.record({ code: fc.constantFrom(458, 459, 490), reason: fc.string() }),
        reason: anyValue,
      },
      { requiredKeys: ['janus', 'session_id', 'sender'] },
    );
    const frames = fc.sample(elsewhere, { numRuns: 5000, seed: Number(process.env.FUZZ_SEED ?? 42) });
    // Anything addressed to this handle's id or session's id would be a different test: none is.
    expect(frames.every((f) => f.sender !== handle.id && f.session_id !== session.id)).toBe(true);
    for (const frame of frames) fake.broadcast(JSON.stringify(frame));
    expect((await handle.message({ audio: false })).data).toMatchObject({ result: 'ok' });
    expect(handle.state).toBe('attached');
    expect(session.state).toBe('active');
    expect(heard).toEqual([]);
    expect(problems).toEqual([]);
    await session.destroy();
  }, 120_000);
});
