/** Type tests of snapshot and restore: what `snapshot()` returns, what `restore` takes, typed handle lookup. */
import { describe, expectTypeOf, it } from 'vitest';
import {
  type ConnectOptions,
  type JanusClient,
  type JanusSession,
  type JanusSnapshot,
  type PluginDescriptor,
  type PluginHandle,
  type RestoreReport,
  VideoRoom,
  type VideoRoomHandle,
} from '../../src/index.js';

describe('snapshot and restore types', () => {
  it('snapshot() gives a JanusSnapshot, which restore takes back', () => {
    expectTypeOf<JanusClient['snapshot']>().returns.toEqualTypeOf<JanusSnapshot>();
    expectTypeOf<JanusSnapshot>().toExtend<NonNullable<ConnectOptions['restore']>>();
    expectTypeOf<ConnectOptions['plugins']>().toEqualTypeOf<readonly PluginDescriptor[] | undefined>();
    expectTypeOf<JanusClient['restored']>().toEqualTypeOf<RestoreReport | undefined>();
    expectTypeOf<JanusSnapshot['version']>().toEqualTypeOf<1>();
  });

  it('session.handle(id, Descriptor) gives the typed handle, session.handle(id) the generic one', () => {
    const typed = (session: JanusSession) => session.handle(1, VideoRoom);
    const generic = (session: JanusSession) => session.handle(1);
    expectTypeOf(typed).returns.toEqualTypeOf<VideoRoomHandle>();
    expectTypeOf(generic).returns.toEqualTypeOf<PluginHandle>();
  });
});
