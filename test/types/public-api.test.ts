/**
 * Type tests of the public API: the names users' scripts are written against, and what they return.
 */
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ConnectionState,
  connect,
  EchoTest,
  type EchoTestHandle,
  type InvalidStateError,
  type JanusClient,
  type JanusError,
  type JanusErrorCode,
  type JanusSession,
  type PluginHandle,
  type PluginReply,
  type ServerInfo,
} from '../../src/index.js';

describe('public API types', () => {
  it('connect resolves with a client; createSession, attach and message chain with typed results', () => {
    expectTypeOf(connect).parameter(0).toEqualTypeOf<string | readonly string[]>();
    expectTypeOf(connect).returns.resolves.toEqualTypeOf<JanusClient>();
    expectTypeOf<JanusClient['info']>().returns.resolves.toEqualTypeOf<ServerInfo>();
    expectTypeOf<JanusClient['createSession']>().returns.resolves.toEqualTypeOf<JanusSession>();
    expectTypeOf<JanusClient['state']>().toEqualTypeOf<ConnectionState>();
    const send = (handle: PluginHandle) => handle.message({ audio: false });
    expectTypeOf(send).returns.resolves.toEqualTypeOf<PluginReply<Record<string, unknown>>>();
  });

  it('attach with a descriptor gives the typed handle, with a name the generic handle', () => {
    const typed = (session: JanusSession) => session.attach(EchoTest);
    const generic = (session: JanusSession) => session.attach('janus.plugin.echotest');
    expectTypeOf(typed).returns.resolves.toEqualTypeOf<EchoTestHandle>();
    expectTypeOf(generic).returns.resolves.toEqualTypeOf<PluginHandle>();
    expectTypeOf<EchoTestHandle['sendData']>().parameter(0).toEqualTypeOf<string | Uint8Array>();
  });

  it('errors carry a string code and the server numeric code', () => {
    expectTypeOf<JanusError['code']>().toEqualTypeOf<JanusErrorCode>();
    expectTypeOf<JanusError['janusCode']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<InvalidStateError>().toMatchTypeOf<JanusError>();
  });

  it('event listeners receive typed arguments', () => {
    const handle = {} as PluginHandle;
    expectTypeOf(handle.on).toBeFunction();
    handle.on = (() => handle) as PluginHandle['on'];
    handle.on('hangup', (event) => {
      expectTypeOf(event.reason).toEqualTypeOf<string>();
    });
    handle.on('media', (event) => {
      expectTypeOf(event.receiving).toEqualTypeOf<boolean>();
    });
  });
});
