/**
 * Type-level tests for the plugin wire types (src/plugins/*\/types.ts). The assertions are checked by
 * `tsc` (and by vitest's `expectTypeOf`, which is a no-op at runtime); the runtime parts only check
 * the `as const` error-code objects against the values of the `#define`s in Janus 1.1.2.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  EchoTestErrorCode,
  type EchoTestEvent,
  type EchoTestRequest,
  type EchoTestSlowLinkEvent,
  type EchoTestWireRequest,
} from '../../src/plugins/echotest/types.js';
import {
  type TextRoomDataMessage,
  type TextRoomDataWireRequest,
  TextRoomErrorCode,
  type TextRoomKickResponse,
  type TextRoomMessageEvent,
  type TextRoomRequests,
} from '../../src/plugins/textroom/types.js';
import {
  VideoCallErrorCode,
  type VideoCallEvent,
  type VideoCallHangupResult,
  type VideoCallIncomingCallResult,
  type VideoCallRequests,
} from '../../src/plugins/videocall/types.js';
import {
  type ParticipantId,
  type RoomId,
  type VideoRoomAttachedEvent,
  type VideoRoomConfiguredEvent,
  type VideoRoomCreateRequest,
  VideoRoomErrorCode,
  type VideoRoomErrorCodeValue,
  type VideoRoomErrorEvent,
  type VideoRoomEvent,
  type VideoRoomJoinedEvent,
  type VideoRoomLeavingEvent,
  type VideoRoomPublisherRequests,
  type VideoRoomRequests,
  type VideoRoomSubscriberRequests,
  type VideoRoomTalkingEvent,
  type VideoRoomUnpublishedEvent,
  type VideoRoomUnpublishedOkEvent,
  type VideoRoomWireRequest,
} from '../../src/plugins/videoroom/types.js';

/** A typed handle as the plugin layer is expected to implement it. */
type TypedCall<M, K extends keyof M> = M[K] extends { request: infer Req; response: infer Res }
  ? (req: Req) => Promise<Res>
  : never;

describe('VideoRoom types', () => {
  it('narrows the event union on the `videoroom` discriminant and on distinguishing keys', () => {
    const describeEvent = (ev: VideoRoomEvent): string => {
      switch (ev.videoroom) {
        case 'joined':
          expectTypeOf(ev).toEqualTypeOf<VideoRoomJoinedEvent>();
          expectTypeOf(ev.private_id).toEqualTypeOf<number>();
          return `joined ${ev.publishers.length}`;
        case 'attached':
          expectTypeOf(ev).toEqualTypeOf<VideoRoomAttachedEvent>();
          expectTypeOf(ev.streams[0]?.feed_id).toEqualTypeOf<ParticipantId | undefined>();
          return 'attached';
        case 'talking':
        case 'stopped-talking':
          expectTypeOf(ev).toEqualTypeOf<VideoRoomTalkingEvent>();
          expectTypeOf(ev['audio-level-dBov-avg']).toEqualTypeOf<number>();
          return ev.mid;
        case 'event':
          if ('error_code' in ev) {
            expectTypeOf(ev).toEqualTypeOf<VideoRoomErrorEvent>();
            return ev.error;
          }
          if ('configured' in ev) {
            expectTypeOf(ev).toEqualTypeOf<VideoRoomConfiguredEvent>();
            return ev.configured;
          }
          if ('unpublished' in ev) {
            expectTypeOf(ev).toEqualTypeOf<VideoRoomUnpublishedOkEvent | VideoRoomUnpublishedEvent>();
            return ev.unpublished === 'ok' ? 'self' : String(ev.unpublished);
          }
          if ('leaving' in ev && ev.leaving !== 'ok') {
            expectTypeOf(ev.leaving).toEqualTypeOf<ParticipantId>();
            return String(ev.leaving);
          }
          return 'other event';
        default:
          return ev.videoroom;
      }
    };
    expect(describeEvent({ videoroom: 'event', room: 1, configured: 'ok' })).toBe('ok');
    const leaving: VideoRoomLeavingEvent = { videoroom: 'event', room: 'lobby', leaving: 'alice' };
    expect(describeEvent(leaving)).toBe('alice');
  });

  it('keeps the `request` literal out of the user-facing bodies but in the wire type', () => {
    expectTypeOf<VideoRoomCreateRequest>().not.toHaveProperty('request');
    expectTypeOf<VideoRoomWireRequest<'create'>['request']>().toEqualTypeOf<'create'>();
    const wire: VideoRoomWireRequest<'join'> = {
      request: 'join',
      ptype: 'subscriber',
      room: 1234,
      streams: [{ feed: 42, mid: '0', crossrefid: 'cam' }],
    };
    expectTypeOf(wire).toMatchTypeOf<VideoRoomWireRequest>();
    expectTypeOf<RoomId>().toEqualTypeOf<number | string>();
    // @ts-expect-error `publisher_id` and `host` are required by rtp_forward_parameters
    const bad: VideoRoomWireRequest<'rtp_forward'> = { request: 'rtp_forward', room: 1 };
    expect(bad.request).toBe('rtp_forward');
  });

  it('maps request names to exact request/response pairs', () => {
    expectTypeOf<TypedCall<VideoRoomRequests, 'create'>>()
      .parameter(0)
      .toEqualTypeOf<VideoRoomCreateRequest>();
    expectTypeOf<
      TypedCall<VideoRoomPublisherRequests, 'join'>
    >().returns.resolves.toEqualTypeOf<VideoRoomJoinedEvent>();
    expectTypeOf<
      TypedCall<VideoRoomSubscriberRequests, 'join'>
    >().returns.resolves.toEqualTypeOf<VideoRoomAttachedEvent>();
    expectTypeOf<VideoRoomRequests['moderate']['request']>().toHaveProperty('mute').toEqualTypeOf<boolean>();
  });

  it('exposes the exact error codes', () => {
    expect(VideoRoomErrorCode.NO_SUCH_ROOM).toBe(426);
    expect(VideoRoomErrorCode.UNKNOWN_ERROR).toBe(499);
    expect(VideoRoomErrorCode.INVALID_SDP).toBe(437);
    expectTypeOf(VideoRoomErrorCode.NO_SUCH_FEED).toEqualTypeOf<428>();
    expectTypeOf<426>().toMatchTypeOf<VideoRoomErrorCodeValue>();
  });
});

describe('payloads recorded from a Janus 1.1.2 server', () => {
  it('fit the types', () => {
    const joined = {
      videoroom: 'joined',
      room: 4242,
      description: 'x',
      id: 8,
      private_id: 282730797,
      publishers: [],
      attendees: [{ id: 7, display: 'me' }],
    } satisfies VideoRoomEvent;
    const kickedSelf = {
      videoroom: 'event',
      room: 4242,
      leaving: 'ok',
      reason: 'kicked',
    } satisfies VideoRoomEvent;
    const kickedOthers = { videoroom: 'event', room: 4242, kicked: 8 } satisfies VideoRoomEvent;
    const edited = {
      videoroom: 'edited',
      room: 4242,
      permanent: false,
    } satisfies VideoRoomRequests['edit']['response'];
    const recording = {
      videoroom: 'success',
      record: false,
    } satisfies VideoRoomRequests['enable_recording']['response'];
    const participants = {
      room: 99,
      participants: [],
    } satisfies TextRoomRequests['listparticipants']['response'];
    const trError = {
      textroom: 'error',
      error_code: 423,
      error: 'No such user nobody in room 99',
    } satisfies TextRoomDataMessage;
    const vcList = {
      videocall: 'event',
      result: { list: ['alice'] },
    } satisfies VideoCallRequests['list']['response'];
    expect([joined, kickedSelf, kickedOthers, edited, recording, participants, trError, vcList]).toHaveLength(
      8,
    );
  });
});

describe('TextRoom types', () => {
  it('narrows data channel messages', () => {
    const text = (msg: TextRoomDataMessage): string | undefined => {
      if ('textroom' in msg && msg.textroom === 'message') {
        expectTypeOf(msg).toEqualTypeOf<TextRoomMessageEvent>();
        return `${msg.from}: ${msg.text}`;
      }
      return undefined;
    };
    expect(text({ textroom: 'message', room: 1, from: 'bob', date: 'now', text: 'hi' })).toBe('bob: hi');
  });

  it('types the data channel wire request with a required transaction', () => {
    const join: TextRoomDataWireRequest<'join'> = {
      textroom: 'join',
      transaction: 'abc',
      room: 'chat',
      username: 'alice',
    };
    expect(join.transaction).toBe('abc');
    // @ts-expect-error `transaction` is required on the data channel
    const noTx: TextRoomDataWireRequest<'leave'> = { textroom: 'leave', room: 1 };
    expect(noTx.textroom).toBe('leave');
    expectTypeOf<TextRoomRequests>().not.toHaveProperty('join');
  });

  it('accepts the 1.1.2 `textbridge` typo in kick replies', () => {
    const reply: TextRoomKickResponse = { textbridge: 'success', transaction: 'x' };
    expect('textbridge' in reply).toBe(true);
    expect(TextRoomErrorCode.USERNAME_EXISTS).toBe(420);
  });
});

describe('VideoCall types', () => {
  it('narrows results on the nested `event` discriminant', () => {
    const who = (ev: VideoCallEvent): string => {
      if ('error_code' in ev) return `error ${ev.error_code}`;
      const r = ev.result;
      if ('list' in r) return r.list.join(',');
      switch (r.event) {
        case 'incomingcall':
          expectTypeOf(r).toEqualTypeOf<VideoCallIncomingCallResult>();
          return r.username;
        case 'hangup':
          expectTypeOf(r).toEqualTypeOf<VideoCallHangupResult>();
          return r.reason;
        default:
          return r.event;
      }
    };
    expect(who({ videocall: 'event', result: { event: 'incomingcall', username: 'bob' } })).toBe('bob');
    expect(who({ videocall: 'event', error_code: VideoCallErrorCode.NO_SUCH_USERNAME, error: 'x' })).toBe(
      'error 478',
    );
    expectTypeOf<VideoCallRequests['call']['request']>().toEqualTypeOf<{ username: string }>();
  });
});

describe('EchoTest types', () => {
  it('has no request literal and narrows its events', () => {
    expectTypeOf<EchoTestWireRequest>().toEqualTypeOf<EchoTestRequest>();
    const kind = (ev: EchoTestEvent): string => {
      if ('error_code' in ev) return 'error';
      if ('event' in ev) {
        expectTypeOf(ev).toEqualTypeOf<EchoTestSlowLinkEvent>();
        return ev.media;
      }
      if ('result' in ev) return ev.result;
      return 'layers';
    };
    expect(kind({ echotest: 'event', result: 'done' })).toBe('done');
    expect(EchoTestErrorCode.INVALID_SDP).toBe(414);
  });
});
