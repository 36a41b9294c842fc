/**
 * A private server starts with no rooms unless `demoRooms: true` asks for the stock demo room 1234 (with
 * its secret) in VideoRoom, TextRoom and AudioBridge.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { connect, type JanusClient } from '../../src/index.js';
import { DEMO_ROOM_ID, DEMO_ROOM_SECRET, type JanusServer, startJanus } from '../../src/testing/index.js';

const PLUGINS = ['videoroom', 'textroom', 'audiobridge'] as const;
let server: JanusServer | undefined;
let janus: JanusClient | undefined;

afterEach(async () => {
  await janus?.close();
  await server?.stop();
  janus = undefined;
  server = undefined;
});

/** `exists` for the demo room in each plugin, over the Janus API (all three answer synchronously). */
async function demoRoomExists(url: string): Promise<Record<string, unknown>> {
  janus = await connect(url);
  const session = await janus.createSession();
  const found: Record<string, unknown> = {};
  for (const plugin of PLUGINS) {
    const handle = await session.attach(`janus.plugin.${plugin}`);
    const reply = await handle.message({ request: 'exists', room: DEMO_ROOM_ID });
    found[plugin] = reply.data.exists;
  }
  await session.destroy();
  return found;
}

describe('startJanus demo rooms', () => {
  it('starts with no room at all by default, so room 1234 is free to create', async () => {
    server = await startJanus({ plugins: [...PLUGINS] });
    expect(await demoRoomExists(server.wsUrl)).toEqual({
      videoroom: false,
      textroom: false,
      audiobridge: false,
    });
    const session = await janus!.createSession();
    const textroom = await session.attach('janus.plugin.textroom');
    const created = await textroom.message({ request: 'create', room: DEMO_ROOM_ID, secret: 's3' });
    expect(created.data).toMatchObject({ textroom: 'created', room: DEMO_ROOM_ID });
  });

  it('with demoRooms: true has room 1234 in VideoRoom, TextRoom and AudioBridge, guarded by its secret', async () => {
    server = await startJanus({ plugins: [...PLUGINS], demoRooms: true });
    expect(await demoRoomExists(server.wsUrl)).toEqual({
      videoroom: true,
      textroom: true,
      audiobridge: true,
    });
    const session = await janus!.createSession();
    const videoroom = await session.attach('janus.plugin.videoroom');
    const refused = await videoroom
      .message({ request: 'edit', room: DEMO_ROOM_ID, secret: 'wrong', new_description: 'x' })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ code: 'PLUGIN_ERROR', janusCode: 433 });
    const edited = await videoroom.message({
      request: 'edit',
      room: DEMO_ROOM_ID,
      secret: DEMO_ROOM_SECRET,
      new_description: 'x',
    });
    expect(edited.data).toMatchObject({ videoroom: 'edited', room: DEMO_ROOM_ID });
  });
});
