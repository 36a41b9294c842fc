/**
 * SIP signalling against a real Janus, over WS and HTTP: guest and helper registration, the plugin's
 * errors for requests out of place, `reset`, `keyframe` (unknown to 1.1.2) and the request-body rule.
 * Calls with media, against SIPp, are in test/media/sip-media.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connect,
  type JanusClient,
  type JanusError,
  type JanusSession,
  MediaSource,
} from '../../src/index.js';
import { Sip, SipErrorCode } from '../../src/plugins/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';
import { pluginError } from '../support/plugin-errors.js';
import { TRANSPORTS } from './transports.js';

let server: TestServer;

beforeAll(async () => {
  server = await getTestServer({ plugins: ['sip'] });
});

afterAll(async () => {
  await server?.stop();
});

describe.each(TRANSPORTS)('SIP signalling over $name', (transport) => {
  let janus: JanusClient;
  let session: JanusSession;

  beforeAll(async () => {
    janus = await connect(transport.url(server));
    session = await janus.createSession();
  });

  afterAll(async () => {
    await janus?.close();
  });

  it('registers a guest (again too), refuses a bad URI, a missing secret and a helper without master', async () => {
    const guest = await session.attach(Sip);
    const bad = await pluginError(guest.register({ username: 'not a uri', type: 'guest' }));
    expect(bad.janusCode).toBe(SipErrorCode.INVALID_ADDRESS);
    const noSecret = await pluginError(guest.register({ username: 'sip:bob@127.0.0.1' }));
    expect(noSecret.janusCode).toBe(SipErrorCode.MISSING_ELEMENT);
    const registered = (await guest.register({
      type: 'guest',
      username: 'sip:bob@127.0.0.1',
      display_name: 'Bob',
    })) as { result: { master_id?: number } };
    expect(registered).toMatchObject({
      sip: 'event',
      result: { event: 'registered', username: 'bob', register_sent: false },
    });
    // A guest sends no REGISTER and is never "registered" in the plugin: registering again is allowed.
    const again = await guest.register({ type: 'guest', username: 'sip:bob@127.0.0.1' });
    expect(again.result).toMatchObject({ event: 'registered', master_id: registered.result.master_id });
    const helper = await session.attach(Sip);
    const noMaster = await pluginError(
      helper.register({ type: 'helper', username: 'sip:bob@127.0.0.1', master_id: 987_654 }),
    );
    expect(noMaster.janusCode).toBe(SipErrorCode.HELPER_ERROR);
    await helper.detach();
    await guest.detach();
  });

  it('call requests without a call: errors, or no answer (hold, hangup); reset; keyframe unknown to 1.1.2', async () => {
    const handle = await session.attach(Sip);
    const early = await pluginError(handle.message({ request: 'call', uri: 'sip:x@127.0.0.1' }));
    expect(early.janusCode).toBe(SipErrorCode.WRONG_STATE);
    await handle.register({ type: 'guest', username: 'sip:carol@127.0.0.1' });
    // In a call's place, 1.1.2 answers info, dtmf_info, transfer and message with error_code 0...
    for (const request of [
      () => handle.dtmfInfo({ digit: '1' }),
      () => handle.info({ type: 'text/plain', content: 'hi' }),
      () => handle.transfer({ uri: 'sip:dave@127.0.0.1' }),
      () => handle.message({ content: 'hello' }),
    ]) {
      const error = await pluginError(request());
      expect(error.janusCode).toBe(0);
      expect(error.message).toContain('Wrong state');
    }
    // ...and does not answer hold, unhold or hangup at all: they end at their deadline.
    for (const request of [
      () => handle.hold({}, { timeoutMs: 1000 }),
      () => handle.hangup({}, { timeoutMs: 1000 }),
    ]) {
      const error = await request().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as JanusError).code).toBe('TIMEOUT');
    }
    expect(await handle.reset()).toEqual({ sip: 'event', result: { event: 'reset' } });
    expect((await pluginError(handle.keyframe({ user: true }))).janusCode).toBe(SipErrorCode.INVALID_REQUEST);
    await handle.detach();
  });

  it('a client option in a request body is INVALID_ARGUMENT and nothing is sent', async () => {
    const handle = await session.attach(Sip);
    for (const call of [
      () => handle.call({ uri: 'sip:x@127.0.0.1', source: MediaSource.generated() } as never),
      () => handle.register({ username: 'sip:x@127.0.0.1', recordTo: '/tmp/x.webm' } as never),
      () => handle.accept({ audio: 'recvonly' } as never),
    ]) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect((error as JanusError).code).toBe('INVALID_ARGUMENT');
    }
    // Nothing reached the plugin: the handle is still unregistered and can register.
    expect((await handle.register({ type: 'guest', username: 'sip:erin@127.0.0.1' })).result).toMatchObject({
      event: 'registered',
    });
    await handle.detach();
  });
});
