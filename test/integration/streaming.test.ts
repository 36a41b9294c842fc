/**
 * The typed Streaming handle against a real Janus, over WS and HTTP: mountpoint management and the
 * viewer requests that need no media. Media (RTP in, watchers, switch, pause) is in
 * test/media/streaming-media.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, type JanusSession } from '../../src/index.js';
import { Streaming, StreamingErrorCode, type StreamingHandle } from '../../src/plugins/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { writeOpusTone } from '../support/opus-file.js';
import { pluginError, roomId } from '../support/plugin-errors.js';
import { TRANSPORTS } from './transports.js';

let server: TestServer;
let opusFile: string;

beforeAll(async () => {
  server = await getTestServer();
  opusFile = await writeOpusTone('ondemand', 500, 2);
});

afterAll(async () => {
  await server?.stop();
});

describe.each(TRANSPORTS)('Streaming signalling over $name', (transport) => {
  let janus: JanusClient;
  let session: JanusSession;
  let admin: StreamingHandle;

  beforeAll(async () => {
    janus = await connect(transport.url(server));
    session = await janus.createSession();
    admin = await session.attach(Streaming);
  });

  afterAll(async () => {
    await janus?.close();
  });

  it('create (rtp), info, list, edit, enable/disable, recording, kick_all, destroy', async () => {
    const id = roomId();
    const created = await admin.create({
      type: 'rtp',
      id,
      description: 'rtp mp',
      secret: 's',
      media: [
        { type: 'audio', mid: 'a', port: 0, pt: 111, codec: 'opus' },
        { type: 'video', mid: 'v', port: 0, pt: 96, codec: 'vp8' },
      ],
    });
    // The 1.1.2 code answers `created` with the name (its doc says `create`).
    expect(created).toMatchObject({
      streaming: 'created',
      permanent: false,
      stream: { id, is_private: false },
    });
    expect(typeof created.created).toBe('string');
    const ports = created.stream.ports ?? [];
    expect(ports.map((p) => `${p.type}/${p.mid}`)).toEqual(['audio/a', 'video/v']);
    for (const port of ports) expect(port.port).toBeGreaterThan(0);

    const info = await admin.info({ id, secret: 's' });
    expect(info.info).toMatchObject({ id, description: 'rtp mp', enabled: true });
    expect(info.info.media?.map((m) => m.codec)).toEqual(['opus', 'vp8']);
    expect((await admin.list()).list.find((m) => m.id === id)).toMatchObject({ description: 'rtp mp' });
    expect(await admin.edit({ id, secret: 's', new_description: 'renamed' })).toMatchObject({
      streaming: 'edited',
      id,
    });
    expect((await pluginError(admin.edit({ id, secret: 'x', new_description: 'y' }))).janusCode).toBe(
      StreamingErrorCode.UNAUTHORIZED,
    );
    expect(await admin.disable({ id, secret: 's' })).toEqual({ streaming: 'ok' });
    expect((await admin.info({ id })).info.enabled).toBe(false);
    expect(await admin.enable({ id, secret: 's' })).toEqual({ streaming: 'ok' });
    expect(await admin.kickAll({ id, secret: 's' })).toMatchObject({ streaming: 'kicked_all' });
    expect(await admin.recording({ action: 'stop', id, secret: 's', media: [{ mid: 'a' }] })).toEqual({
      streaming: 'ok',
    });
    expect(await admin.destroy({ id, secret: 's' })).toMatchObject({ streaming: 'destroyed', destroyed: id });
    expect((await pluginError(admin.info({ id }))).janusCode).toBe(StreamingErrorCode.NO_SUCH_MOUNTPOINT);
  });

  it('create (ondemand and live file mountpoints), info, destroy; watch of a missing mountpoint', async () => {
    // Watching needs ICE on a non-loopback address: see test/media/streaming-media.test.ts.
    for (const type of ['ondemand', 'live'] as const) {
      const id = roomId();
      const created = await admin.create({ type, id, audio: true, filename: opusFile, audiocodec: 'opus' });
      expect(created.stream).toMatchObject({ id, type: type === 'ondemand' ? 'on demand' : 'live' });
      expect((await admin.info({ id })).info.media?.map((m) => m.type)).toEqual(['audio']);
      await admin.destroy({ id });
    }
    const refused = await pluginError(
      admin.create({ type: 'ondemand', id: roomId(), filename: opusFile } as unknown as Parameters<
        StreamingHandle['create']
      >[0]),
    );
    expect(refused.janusCode).toBe(StreamingErrorCode.CANT_CREATE);
    const viewer = await session.attach(Streaming);
    const missing = await pluginError(viewer.watch({ id: roomId() }));
    expect(missing.janusCode).toBe(StreamingErrorCode.NO_SUCH_MOUNTPOINT);
    await viewer.detach();
  });

  it('a request body holding a client option is refused with INVALID_ARGUMENT', async () => {
    const viewer = await session.attach(Streaming);
    const bad = viewer.start({ recordTo: '/tmp/x.webm' } as unknown as Record<string, never>);
    await expect(bad).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await viewer.detach();
  });
});
