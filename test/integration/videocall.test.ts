/**
 * The typed VideoCall handle against a real Janus, over WS and HTTP: registration, listing and the errors
 * of calls that need no media (sent as raw requests without an SDP). Calls with media are in test/media/videocall-media.test.ts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type JanusClient, type JanusSession } from '../../src/index.js';
import { VideoCall, VideoCallErrorCode } from '../../src/plugins/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { pluginError } from '../support/plugin-errors.js';
import { TRANSPORTS } from './transports.js';

let server: TestServer;

beforeAll(async () => {
  server = await getTestServer();
});

afterAll(async () => {
  await server?.stop();
});

describe.each(TRANSPORTS)('VideoCall signalling over $name', (transport) => {
  let janus: JanusClient;
  let session: JanusSession;

  beforeAll(async () => {
    janus = await connect(transport.url(server));
    session = await janus.createSession();
  });

  afterAll(async () => {
    await janus?.close();
  });

  it('registers, lists, refuses taken names, double registration and calls before registering', async () => {
    const name = `alice-${transport.name}-${Date.now()}`;
    const alice = await session.attach(VideoCall);
    const bob = await session.attach(VideoCall);
    const early = await pluginError(bob.message({ request: 'call', username: name }));
    expect(early.janusCode).toBe(VideoCallErrorCode.REGISTER_FIRST);

    expect(await alice.register({ username: name })).toEqual({
      videocall: 'event',
      result: { event: 'registered', username: name },
    });
    const listed = await bob.list();
    expect(listed.videocall).toBe('event');
    expect(listed.result.list).toContain(name);

    const taken = await pluginError(bob.register({ username: name }));
    expect(taken.janusCode).toBe(VideoCallErrorCode.USERNAME_TAKEN);
    const twice = await pluginError(alice.register({ username: `${name}-2` }));
    expect(twice.janusCode).toBe(VideoCallErrorCode.ALREADY_REGISTERED);

    await bob.register({ username: `bob-${name}` });
    const self = await pluginError(alice.message({ request: 'call', username: name }));
    expect(self.janusCode).toBe(VideoCallErrorCode.USE_ECHO_TEST);
    const nobody = await pluginError(alice.message({ request: 'call', username: 'nobody-here' }));
    expect(nobody.janusCode).toBe(VideoCallErrorCode.NO_SUCH_USERNAME);
    const noSdp = await pluginError(alice.message({ request: 'call', username: `bob-${name}` }));
    expect(noSdp.janusCode).toBe(VideoCallErrorCode.MISSING_SDP);
    const noCall = await pluginError(bob.accept());
    expect(noCall.janusCode).toBe(VideoCallErrorCode.NO_CALL);

    // (`call` itself offers media from the handle's own peer: see test/media/videocall-media.test.ts. The
    // refusals above are checked with the raw request, without an SDP.)
    // Hanging up with no call is answered like any hangup.
    expect(await alice.hangup({ reason: 'nothing to hang up' })).toMatchObject({
      videocall: 'event',
      result: { event: 'hangup', username: name, reason: 'Explicit hangup' },
    });

    // Detaching frees the username. Janus answers `detach` before the plugin has let go of the handle: it
    // queues the plugin's `destroy_session` on the handle's loop (`janus_ice_handle_destroy`), so a `list`
    // right after the answer may still name it (a test:repeat run saw that over HTTP). The name must be
    // gone within 2 s.
    await alice.detach();
    let names = (await bob.list()).result.list;
    for (const until = Date.now() + 2000; names.includes(name) && Date.now() < until; ) {
      await sleep(20);
      names = (await bob.list()).result.list;
    }
    expect(names).not.toContain(name);
    await bob.detach();
  });
});
