/**
 * Record&Play, VoiceMail and NoSIP signalling against a real Janus, over WS and HTTP: the requests that
 * need no media, the plugins' errors, and the request-body rule (a client media option in a body is an
 * `INVALID_ARGUMENT`, never sent). Media is in test/media/{recordplay,voicemail,nosip}-media.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, JanusError, type JanusSession, MediaSource } from '../../src/index.js';
import {
  NoSip,
  NoSipErrorCode,
  RecordPlay,
  RecordPlayErrorCode,
  VoiceMail,
  VoiceMailErrorCode,
} from '../../src/plugins/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { pluginError } from '../support/plugin-errors.js';
import { TRANSPORTS } from './transports.js';

let server: TestServer;

beforeAll(async () => {
  server = await getTestServer({ plugins: ['recordplay', 'voicemail', 'nosip'] });
});

afterAll(async () => {
  await server?.stop();
});

async function invalidArgument(promise: Promise<unknown>): Promise<JanusError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JanusError);
  expect((error as JanusError).code).toBe('INVALID_ARGUMENT');
  return error as JanusError;
}

describe.each(TRANSPORTS)('Record&Play, VoiceMail and NoSIP signalling over $name', (transport) => {
  let janus: JanusClient;
  let session: JanusSession;

  beforeAll(async () => {
    janus = await connect(transport.url(server));
    session = await janus.createSession();
  });

  afterAll(async () => {
    await janus?.close();
  });

  it('Record&Play: list, update, configure (synchronous), and the errors of play, start and record', async () => {
    const handle = await session.attach(RecordPlay);
    expect(await handle.list()).toEqual({ recordplay: 'list', list: [] });
    expect(await handle.update()).toEqual({ recordplay: 'ok' });
    expect(await handle.configure({ 'video-bitrate-max': 256_000, 'video-keyframe-interval': 5000 })).toEqual(
      {
        recordplay: 'configure',
        status: 'ok',
        settings: { 'video-bitrate-max': 256_000, 'video-keyframe-interval': 5000 },
      },
    );
    expect((await pluginError(handle.play({ id: 424242 }))).janusCode).toBe(RecordPlayErrorCode.NOT_FOUND);
    expect((await pluginError(handle.start())).janusCode).toBe(RecordPlayErrorCode.INVALID_STATE);
    const noOffer = await pluginError(handle.message({ request: 'record', name: 'x' }));
    expect(noOffer.janusCode).toBe(RecordPlayErrorCode.MISSING_ELEMENT);
    expect((await pluginError(handle.message({ request: 'rewind' }))).janusCode).toBe(
      RecordPlayErrorCode.INVALID_REQUEST,
    );
    expect(await handle.stop()).toEqual({ recordplay: 'event', result: { status: 'stopped' } });
    // A client option in the body is refused before anything is sent.
    const misplaced = { name: 'x', source: MediaSource.generated() } as unknown as { name: string };
    await invalidArgument(handle.record(misplaced));
    await invalidArgument(handle.play({ id: 1, recordTo: '/tmp/x.webm' } as unknown as { id: number }));
    await handle.detach();
  });

  it('VoiceMail: stop without a recording, an unknown request, and the body rule', async () => {
    const handle = await session.attach(VoiceMail);
    expect((await pluginError(handle.message({ request: 'rewind' }))).janusCode).toBe(
      VoiceMailErrorCode.INVALID_REQUEST,
    );
    const notRecording = await pluginError(handle.message({ request: 'update' }));
    expect(notRecording.janusCode).toBe(VoiceMailErrorCode.INVALID_STATE);
    await invalidArgument(handle.record({ audio: 'recvonly' } as unknown as Record<never, never>));
    // `stop` answers `done` (naming the file it would have written) and the plugin ends the handle.
    const detached = new Promise((resolve) => handle.once('detached', resolve));
    const done = await handle.stop();
    expect(done).toMatchObject({ voicemail: 'event', status: 'done' });
    expect(done.recording).toMatch(/\/janus-voicemail-\d+\.opus$/);
    await detached;
    expect(handle.state).toBe('detached');
  });

  it('NoSIP: process without SDP, a bad type, recording without a target, keyframe unknown to 1.1.2', async () => {
    const handle = await session.attach(NoSip);
    const noSdp = await pluginError(handle.message({ request: 'process', type: 'answer' }));
    expect(noSdp.janusCode).toBe(NoSipErrorCode.MISSING_ELEMENT);
    const badType = await pluginError(handle.process({ type: 'pranswer' as 'offer', sdp: 'v=0\r\n' }));
    expect(badType.janusCode).toBe(NoSipErrorCode.MISSING_SDP);
    const nothing = await pluginError(handle.recording({ action: 'start' }));
    expect(nothing.janusCode).toBe(NoSipErrorCode.RECORDING_ERROR);
    expect((await pluginError(handle.keyframe({ user: true }))).janusCode).toBe(
      NoSipErrorCode.INVALID_REQUEST,
    );
    expect(await handle.hangup({})).toEqual({ nosip: 'event', result: { event: 'hangingup' } });
    await invalidArgument(
      handle.generate({ source: MediaSource.generated() } as unknown as Record<string, never>),
    );
    await handle.detach();
  });
});
