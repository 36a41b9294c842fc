/**
 * The AudioBridge and Streaming event classifiers, on payloads shaped as the 1.1.2 code sends them.
 */
import { describe, expect, it } from 'vitest';
import { classifyAudioBridgeEvent, classifyStreamingEvent } from '../../src/plugins/index.js';

describe('classifyAudioBridgeEvent', () => {
  it.each([
    [{ audiobridge: 'joined', room: 1, id: 5, participants: [] }, 'joined'],
    [
      { audiobridge: 'joined', room: 1, participants: [{ id: 6, setup: false, muted: false }] },
      'participants',
    ],
    [{ audiobridge: 'event', room: 1, participants: [{ id: 6, setup: true, muted: true }] }, 'participants'],
    [{ audiobridge: 'event', room: 1, leaving: 6 }, 'leaving'],
    [{ audiobridge: 'event', room: 1, kicked: 6 }, 'kicked'],
    [{ audiobridge: 'event', room: 1, kicked_all: 6 }, 'kicked'],
    [{ audiobridge: 'event', room: 1, muted: true }, 'room-muted'],
    [{ audiobridge: 'event', room: 1, result: 'ok' }, 'configured'],
    [{ audiobridge: 'event', error_code: 485, error: 'No such room' }, 'plugin-error'],
    [{ audiobridge: 'talking', room: 1, id: 6 }, 'talking'],
    [{ audiobridge: 'stopped-talking', room: 1, id: 6 }, 'stopped-talking'],
    [{ audiobridge: 'announcement-started', room: 1, file_id: 'f' }, 'announcement-started'],
    [{ audiobridge: 'announcement-stopped', room: 1, file_id: 'f' }, 'announcement-stopped'],
    [{ audiobridge: 'destroyed', room: 1 }, 'destroyed'],
    [{ audiobridge: 'left', room: 1, id: 5 }, 'left'],
    [{ audiobridge: 'roomchanged', room: 2, id: 5, participants: [] }, 'roomchanged'],
    [{ audiobridge: 'success' }, undefined],
  ])('%j → %s', (data, name) => {
    expect(classifyAudioBridgeEvent(data)).toBe(name);
  });
});

describe('classifyStreamingEvent', () => {
  it.each([
    [{ streaming: 'event', result: { status: 'preparing' } }, 'status'],
    [{ streaming: 'event', result: { status: 'stopped' } }, 'status'],
    [{ streaming: 'event', result: { switched: 'ok', id: 2 } }, 'switched'],
    [{ streaming: 'event', result: { event: 'configured' } }, 'configured'],
    [{ streaming: 'event', result: { mid: 'v', substream: 1 } }, 'layer'],
    [{ streaming: 'event', result: { mid: 'v', spatial_layer: 1 } }, 'layer'],
    [{ streaming: 'event', error_code: 455, error: 'No such mountpoint' }, 'plugin-error'],
    [{ streaming: 'ok' }, undefined],
  ])('%j → %s', (data, name) => {
    expect(classifyStreamingEvent(data)).toBe(name);
  });
});
