/**
 * Unit tests of the typed plugin handles' pure parts: the types of the public API (checked by `tsc`), event
 * classification and the TextRoom data channel transaction link. The handles themselves are tested against Janus in test/integration and test/media.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { JanusError } from '../../src/errors.js';
import { type JanusSession, type PluginHandle, TextRoom as TextRoomFromIndex } from '../../src/index.js';
import {
  classifyVideoCallEvent,
  classifyVideoRoomEvent,
  TextRoom,
  type TextRoomDataEvent,
  TextRoomDataLink,
  TextRoomErrorCode,
  type TextRoomHandle,
  type TextRoomJoinResult,
  type TextRoomKickResponse,
  type TextRoomMessageEvent,
  type TextRoomMessageResponse,
  VideoCall,
  type VideoCallHandle,
  type VideoCallHangupEvent,
  type VideoCallIncomingCallEvent,
  VideoRoom,
  type VideoRoomAttachedEvent,
  type VideoRoomHandle,
  type VideoRoomJoinedEvent,
  type VideoRoomLeavingOkEvent,
  type VideoRoomLeftEvent,
  type VideoRoomListParticipantsResponse,
  type VideoRoomPublisher,
  type VideoRoomRtpForwardResponse,
  type VideoRoomUpdatedEvent,
  type VideoRoomUpdatingEvent,
} from '../../src/plugins/index.js';

/** Never called: `tsc` checks the types of the public API through it. */
async function typesOfThePublicApi(session: JanusSession): Promise<void> {
  const room = await session.attach(VideoRoom);
  expectTypeOf(room).toEqualTypeOf<VideoRoomHandle>();
  expectTypeOf(room).toMatchTypeOf<PluginHandle>();
  expectTypeOf(room.join({ ptype: 'publisher', room: 1 })).resolves.toEqualTypeOf<VideoRoomJoinedEvent>();
  expectTypeOf(
    room.join({ ptype: 'subscriber', room: 1, streams: [{ feed: 2 }] }),
  ).resolves.toEqualTypeOf<VideoRoomAttachedEvent>();
  expectTypeOf(
    room.listParticipants({ room: 1 }),
  ).resolves.toEqualTypeOf<VideoRoomListParticipantsResponse>();
  expectTypeOf(
    room.rtpForward({ room: 1, publisher_id: 2, host: '127.0.0.1' }),
  ).resolves.toEqualTypeOf<VideoRoomRtpForwardResponse>();
  expectTypeOf(room.update({ subscribe: [{ feed: 2 }] })).resolves.toEqualTypeOf<
    VideoRoomUpdatedEvent | VideoRoomUpdatingEvent
  >();
  expectTypeOf(room.leave()).resolves.toEqualTypeOf<VideoRoomLeavingOkEvent | VideoRoomLeftEvent>();
  // @ts-expect-error `room` is required
  void room.exists({});
  // @ts-expect-error `ptype` must be publisher or subscriber
  void room.join({ ptype: 'listener', room: 1 });
  room.on('publishers', (event) => expectTypeOf(event.data.publishers).toEqualTypeOf<VideoRoomPublisher[]>());
  room.on('updated', (event) => expectTypeOf(event.jsep?.sdp).toEqualTypeOf<string | undefined>());

  const chat = await session.attach(TextRoom);
  expectTypeOf(chat).toEqualTypeOf<TextRoomHandle>();
  expectTypeOf(chat.join({ room: 1, username: 'a' })).resolves.toEqualTypeOf<TextRoomJoinResult>();
  expectTypeOf(chat.sendMessage({ room: 1, text: 'x', to: 'b' })).resolves.toEqualTypeOf<
    TextRoomMessageResponse | undefined
  >();
  expectTypeOf(chat.message({ room: 1, text: 'x', to: 'b' })).resolves.toEqualTypeOf<
    TextRoomMessageResponse | undefined
  >();
  expectTypeOf(
    chat.kick({ room: 1, username: 'b' }, { via: 'datachannel' }),
  ).resolves.toEqualTypeOf<TextRoomKickResponse>();
  chat.on('message', (event) => expectTypeOf(event).toEqualTypeOf<TextRoomMessageEvent>());

  const call = await session.attach(VideoCall);
  expectTypeOf(call).toEqualTypeOf<VideoCallHandle>();
  expectTypeOf(call.hangup({ reason: 'bye' })).resolves.toEqualTypeOf<VideoCallHangupEvent>();
  expectTypeOf(call.hangup()).resolves.toEqualTypeOf<void>();
  call.on('incomingcall', (event) => expectTypeOf(event.data).toEqualTypeOf<VideoCallIncomingCallEvent>());
}

describe('the public API', () => {
  it('exports the typed plugins from the package entry, with typed requests, responses and events', () => {
    expect(TextRoomFromIndex).toBe(TextRoom);
    expect([VideoRoom.plugin, TextRoom.plugin, VideoCall.plugin]).toEqual([
      'janus.plugin.videoroom',
      'janus.plugin.textroom',
      'janus.plugin.videocall',
    ]);
    expect(typeof typesOfThePublicApi).toBe('function');
  });
});

describe('classifyVideoRoomEvent', () => {
  const cases: [Record<string, unknown>, string | undefined][] = [
    [{ videoroom: 'destroyed', room: 1 }, 'destroyed'],
    [{ videoroom: 'talking', room: 1, id: 2, mid: '0', mindex: 0, 'audio-level-dBov-avg': 20 }, 'talking'],
    [{ videoroom: 'stopped-talking', room: 1, id: 2 }, 'stopped-talking'],
    [{ videoroom: 'slow_link', 'current-bitrate': 100 }, 'slow-link'],
    [{ videoroom: 'updated', room: 1, streams: [] }, 'updated'],
    [{ videoroom: 'updating', room: 1 }, 'updating'],
    [{ videoroom: 'joined', room: 1 }, 'joined'],
    [{ videoroom: 'attached', room: 1, streams: [] }, 'attached'],
    [{ videoroom: 'event', room: 1, publishers: [] }, 'publishers'],
    [{ videoroom: 'event', room: 1, joining: { id: 3 } }, 'joining'],
    [{ videoroom: 'event', room: 1, unpublished: 3 }, 'unpublished'],
    [{ videoroom: 'event', room: 1, leaving: 3 }, 'leaving'],
    [{ videoroom: 'event', room: 1, leaving: 'ok', reason: 'kicked' }, 'kicked'],
    [{ videoroom: 'event', room: 1, kicked: 3 }, 'kicked'],
    [{ videoroom: 'event', room: 1, id: 3, mid: '0', moderation: 'muted' }, 'moderation'],
    [{ videoroom: 'event', room: 1, configured: 'ok' }, 'configured'],
    [{ videoroom: 'event', room: 1, switched: 'ok', changes: 1, streams: [] }, 'switched'],
    [{ videoroom: 'event', room: 1, started: 'ok' }, 'started'],
    [{ videoroom: 'event', room: 1, paused: 'ok' }, 'paused'],
    [{ videoroom: 'event', room: 1, left: 'ok' }, 'left'],
    [{ videoroom: 'event', room: 1, mid: '1', substream: 2 }, 'simulcast'],
    [{ videoroom: 'event', room: 1, mid: '1', temporal: 1 }, 'simulcast'],
    [{ videoroom: 'event', room: 1, mid: '1', spatial_layer: 1 }, 'svc'],
    [{ videoroom: 'event', id: 3, display: 'New' }, 'display'],
    [{ videoroom: 'event', id: 3, metadata: { a: 1 } }, 'metadata'],
    [{ videoroom: 'event', error_code: 426, error: 'No such room' }, 'plugin-error'],
    [{ videoroom: 'event', room: 1 }, undefined],
    [{ something: 'else' }, undefined],
  ];
  it.each(cases)('%j → %s', (data, expected) => {
    expect(classifyVideoRoomEvent(data)).toBe(expected);
  });
});

describe('classifyVideoCallEvent', () => {
  it.each([
    ['registered', 'registered'],
    ['calling', 'calling'],
    ['incomingcall', 'incomingcall'],
    ['accepted', 'accepted'],
    ['update', 'update'],
    ['set', 'set'],
    ['simulcast', 'simulcast'],
    ['hangup', 'call-hangup'],
    ['slow_link', 'slow-link'],
  ])('result.event %s → %s', (event, expected) => {
    expect(classifyVideoCallEvent({ videocall: 'event', result: { event } })).toBe(expected);
  });
  it('errors and list results', () => {
    expect(classifyVideoCallEvent({ videocall: 'event', error_code: 478, error: 'x' })).toBe('plugin-error');
    expect(classifyVideoCallEvent({ videocall: 'event', result: { list: [] } })).toBeUndefined();
  });
});

describe('TextRoomDataLink', () => {
  function setup() {
    const sent: Record<string, unknown>[] = [];
    const events: TextRoomDataEvent[] = [];
    const strays: Record<string, unknown>[] = [];
    const link = new TextRoomDataLink(
      (text) => sent.push(JSON.parse(text) as Record<string, unknown>),
      (event) => events.push(event),
      (stray) => strays.push(stray),
    );
    return { link, sent, events, strays };
  }

  it('matches replies to requests by transaction, in any order', async () => {
    const { link, sent } = setup();
    const a = link.request('join', { room: 1, username: 'a' });
    const b = link.request('leave', { room: 1 });
    expect(sent.map((m) => m.textroom)).toEqual(['join', 'leave']);
    expect(new Set(sent.map((m) => m.transaction)).size).toBe(2);
    link.receive(JSON.stringify({ textroom: 'success', transaction: sent[1]?.transaction }));
    link.receive(
      JSON.stringify({ textroom: 'success', participants: [], transaction: sent[0]?.transaction }),
    );
    await expect(a).resolves.toMatchObject({ participants: [] });
    await expect(b).resolves.toMatchObject({ textroom: 'success' });
    expect(link.pendingCount).toBe(0);
  });

  it('rejects error replies as PLUGIN_ERROR with the janusCode', async () => {
    const { link, sent } = setup();
    const p = link.request('message', { room: 1, text: 'x' });
    link.receive(
      JSON.stringify({
        textroom: 'error',
        error_code: 422,
        error: 'Not in room',
        transaction: sent[0]?.transaction,
      }),
    );
    const error = await p.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JanusError);
    expect(error).toMatchObject({ code: 'PLUGIN_ERROR', janusCode: TextRoomErrorCode.NOT_IN_ROOM });
  });

  it('times out, aborts, and rejects pending requests on close', async () => {
    const { link } = setup();
    await expect(link.request('leave', { room: 1 }, { timeoutMs: 20 })).rejects.toMatchObject({
      code: 'TIMEOUT',
    });
    const controller = new AbortController();
    const aborted = link.request('leave', { room: 1 }, { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(aborted).rejects.toThrow('stop');
    await expect(link.request('leave', { room: 1 }, { signal: AbortSignal.abort() })).rejects.toBeDefined();
    const pending = link.request('leave', { room: 1 });
    link.close();
    await expect(pending).rejects.toMatchObject({ code: 'CLOSED' });
    await expect(link.request('leave', { room: 1 })).rejects.toMatchObject({ code: 'CLOSED' });
    expect(link.pendingCount).toBe(0);
  });

  it('does not wait for a reply to a message sent with ack: false', async () => {
    const { link, sent } = setup();
    await expect(
      link.request('message', { room: 1, text: 'x', ack: false }, { expectReply: false }),
    ).resolves.toBe(undefined);
    expect(sent[0]).toMatchObject({ textroom: 'message', ack: false });
    expect(link.pendingCount).toBe(0);
  });

  it('hands events on and strays aside', () => {
    const { link, events, strays } = setup();
    link.receive(JSON.stringify({ textroom: 'message', room: 1, from: 'b', date: 'd', text: 'hi' }));
    link.receive(JSON.stringify({ textroom: 'kicked', room: 1, username: 'c' }));
    link.receive(JSON.stringify({ textroom: 'success', transaction: 'unknown' }));
    link.receive('not json');
    expect(events.map((e) => e.textroom)).toEqual(['message', 'kicked']);
    expect(strays).toEqual([{ textroom: 'success', transaction: 'unknown' }, { text: 'not json' }]);
  });

  it('reports a send failure', async () => {
    const link = new TextRoomDataLink(
      () => {
        throw new Error('closed channel');
      },
      () => {},
    );
    await expect(link.request('leave', { room: 1 })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect(link.pendingCount).toBe(0);
  });
});
