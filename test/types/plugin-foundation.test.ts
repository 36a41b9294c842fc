/**
 * Type tests of the plugin foundation: empty request bodies admit no key, client options go in the
 * options argument, and every handle with media has the same `stats()` shape.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type {
  AudioBridgeHandle,
  EchoTestHandle,
  MediaStats,
  StreamingHandle,
  StreamStats,
  VideoCallHandle,
  VideoRoomHandle,
  VideoRoomStartRequest,
} from '../../src/index.js';

describe('request bodies admit nothing unknown', () => {
  it('an empty body rejects a client option at compile time; the options argument takes it', () => {
    const start = (sub: VideoRoomHandle) => {
      // @ts-expect-error recordTo is a client option, not a field of the `start` request
      void sub.start({ recordTo: '/tmp/x.webm' });
      // @ts-expect-error no key at all is admitted in an empty body
      void sub.pause({ anything: 1 });
      return sub.start({}, { recordTo: '/tmp/x.webm', waitForMedia: false });
    };
    expectTypeOf(start).toBeFunction();
    expectTypeOf<Record<string, never>>().toMatchTypeOf<VideoRoomStartRequest>();
    const streaming = (viewer: StreamingHandle, bridge: AudioBridgeHandle) => {
      // @ts-expect-error recordTo belongs in the options of watch
      void viewer.watch({ id: 1, recordTo: '/tmp/x.webm' });
      // @ts-expect-error an AudioBridge leave takes no fields
      void bridge.leave({ room: 1 });
      return viewer.watch({ id: 1 }, { recordTo: '/tmp/x.webm', autoStart: false });
    };
    expectTypeOf(streaming).toBeFunction();
  });
});

describe('stats() has one shape on every handle with media', () => {
  it('EchoTest, VideoRoom, VideoCall, AudioBridge and Streaming return MediaStats', () => {
    expectTypeOf<ReturnType<AudioBridgeHandle['stats']>>().toEqualTypeOf<MediaStats>();
    expectTypeOf<ReturnType<StreamingHandle['stats']>>().toEqualTypeOf<MediaStats>();
    expectTypeOf<ReturnType<EchoTestHandle['stats']>>().toEqualTypeOf<MediaStats>();
    expectTypeOf<ReturnType<VideoRoomHandle['stats']>>().toEqualTypeOf<MediaStats>();
    expectTypeOf<ReturnType<VideoCallHandle['stats']>>().toEqualTypeOf<MediaStats>();
  });

  it('keeps the per-kind totals and adds per-stream detail', () => {
    expectTypeOf<MediaStats['audio']['packetsSent']>().toEqualTypeOf<number>();
    expectTypeOf<MediaStats['video']['packetsReceived']>().toEqualTypeOf<number>();
    expectTypeOf<MediaStats['streams']>().toEqualTypeOf<StreamStats[]>();
    expectTypeOf<StreamStats>().toHaveProperty('mid').toEqualTypeOf<string>();
    expectTypeOf<StreamStats>().toHaveProperty('kind').toEqualTypeOf<'audio' | 'video'>();
    expectTypeOf<StreamStats>().toHaveProperty('bytesReceived').toEqualTypeOf<number>();
    expectTypeOf<StreamStats>().toHaveProperty('mediaSecondsReceived').toEqualTypeOf<number>();
  });
});
