/**
 * Server events with malformed fields, addressed to a live handle over a real WebSocket: each is ignored
 * (or delivered as far as it is valid), and the link keeps carrying the next frame. A seeded fuzz run
 * (`FUZZ_SEED=301300`) found the first of them: a `trickle` whose `candidate` is a string threw inside the
 * handle, the exception escaped into the WebSocket's receiver, and no later frame was ever read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, type PluginHandle } from '../../src/index.js';
import { type FakeJanus, startFakeJanus } from '../fault/fake-janus.js';

let fake: FakeJanus;
let janus: JanusClient;
let echo: PluginHandle;
const errors: string[] = [];
const problems: unknown[] = [];
const onProblem = (reason: unknown): void => {
  problems.push(reason);
};

beforeAll(async () => {
  process.on('uncaughtException', onProblem);
  process.on('unhandledRejection', onProblem);
  fake = await startFakeJanus();
  janus = await connect(fake.url, {
    requestTimeoutMs: 1000,
    reconnect: false,
    keepaliveMs: false,
    logger: { error: (message) => errors.push(message) },
  });
  echo = await (await janus.createSession()).attach('janus.plugin.echotest');
});

afterAll(async () => {
  process.off('uncaughtException', onProblem);
  process.off('unhandledRejection', onProblem);
  await janus?.close();
  await fake?.close();
});

const MALFORMED_CANDIDATES: unknown[] = [
  ' D.',
  7,
  true,
  [],
  ['candidate:1'],
  {},
  { completed: 'yes' },
  { candidate: 3 },
];

describe('malformed server events to a live handle', () => {
  it.each(MALFORMED_CANDIDATES.map((candidate) => [JSON.stringify(candidate), candidate]))(
    'a trickle with candidate %s is ignored, and the next frame is still read',
    async (_label, candidate) => {
      const heard: unknown[] = [];
      const listener = (event: unknown): void => {
        heard.push(event);
      };
      echo.on('trickle', listener);
      fake.broadcast({ janus: 'trickle', session_id: echo.sessionId, sender: echo.id, candidate });
      // The reply to this request comes after the malformed frame on the same socket.
      const info = await janus.info({ timeoutMs: 1000 });
      echo.off('trickle', listener);
      expect(info.janus).toBe('server_info');
      expect(heard).toEqual([]);
      expect(errors).toEqual([]);
      expect(problems).toEqual([]);
    },
  );

  it('well-formed candidates and the end of candidates still reach the handle', async () => {
    const heard: unknown[] = [];
    echo.on('trickle', (event) => heard.push(event.candidate));
    const candidate = {
      sdpMid: '0',
      sdpMLineIndex: 0,
      candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host',
    };
    fake.broadcast({ janus: 'trickle', session_id: echo.sessionId, sender: echo.id, candidate });
    fake.broadcast({
      janus: 'trickle',
      session_id: echo.sessionId,
      sender: echo.id,
      candidate: { completed: true },
    });
    await janus.info({ timeoutMs: 1000 });
    expect(heard).toEqual([candidate, { completed: true }]);
    expect(errors).toEqual([]);
  });

  it.each([
    ['a number', 741240462],
    ['a string', 'v=0'],
    ['an unknown type', { type: 'pranswer', sdp: 'v=0' }],
    ['an offer without SDP', { type: 'offer' }],
  ])('a plugin event whose jsep is %s is delivered without it', async (_label, jsep) => {
    const events: { data: Record<string, unknown>; jsep?: unknown }[] = [];
    const listener = (event: { data: Record<string, unknown>; jsep?: unknown }): void => {
      events.push(event);
    };
    echo.on('event', listener);
    fake.broadcast({
      janus: 'event',
      session_id: echo.sessionId,
      sender: echo.id,
      plugindata: { plugin: 'janus.plugin.echotest', data: { echotest: 'event', result: 'ok' } },
      jsep,
    });
    await janus.info({ timeoutMs: 1000 });
    echo.off('event', listener);
    expect(events).toHaveLength(1);
    expect(events[0]?.data).toEqual({ echotest: 'event', result: 'ok' });
    expect(events[0]?.jsep).toBeUndefined();
    expect(errors).toEqual([]);
  });
});
