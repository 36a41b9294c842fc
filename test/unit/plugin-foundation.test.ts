/**
 * The plugin foundation, without a server: the one deadline helper, the request-body rule, one notice
 * per repeated event, and the data link's use of the wire's transaction table.
 */
import { describe, expect, it } from 'vitest';
import { JanusError } from '../../src/errors.js';
import { assertJanusBody, OnceNotices } from '../../src/plugins/common/index.js';
import { TextRoomDataLink } from '../../src/plugins/textroom/data-link.js';
import { withDeadline } from '../../src/util/deadline.js';

describe('withDeadline', () => {
  it('resolves from inside and runs the cleanup exactly once', async () => {
    let cleanups = 0;
    const value = await withDeadline<number>('x', { timeoutMs: 1000 }, ({ resolve }) => {
      setImmediate(() => {
        resolve(7);
        resolve(8);
      });
      return () => {
        cleanups += 1;
      };
    });
    expect(value).toBe(7);
    expect(cleanups).toBe(1);
  });

  it('rejects with TIMEOUT naming the wait, and cleans up', async () => {
    let cleaned = false;
    const wait = withDeadline<void>('webrtcup', { timeoutMs: 20 }, () => () => {
      cleaned = true;
    });
    await expect(wait).rejects.toMatchObject({ code: 'TIMEOUT', message: 'webrtcup timed out after 20 ms' });
    expect(cleaned).toBe(true);
  });

  it('uses defaultTimeoutMs when timeoutMs is not given', async () => {
    const wait = withDeadline<void>('w', { defaultTimeoutMs: 10 }, () => undefined);
    await expect(wait).rejects.toMatchObject({ code: 'TIMEOUT' });
  });

  it('rejects with the signal reason, at once when already aborted, and with abortError when given', async () => {
    const controller = new AbortController();
    let cleaned = 0;
    const wait = withDeadline<void>('w', { signal: controller.signal }, () => () => {
      cleaned += 1;
    });
    controller.abort(new Error('stop'));
    await expect(wait).rejects.toThrow('stop');
    expect(cleaned).toBe(1);
    let started = false;
    const early = withDeadline<void>('w', { signal: controller.signal }, () => {
      started = true;
      return undefined;
    });
    await expect(early).rejects.toThrow('stop');
    expect(started).toBe(false);
    const custom = withDeadline<void>(
      'w',
      { signal: controller.signal, abortError: () => new JanusError('CLOSED', 'withdrawn') },
      () => undefined,
    );
    await expect(custom).rejects.toMatchObject({ code: 'CLOSED' });
  });

  it('settled while starting: the cleanup still runs', async () => {
    let cleaned = false;
    const value = await withDeadline<string>('w', {}, ({ resolve }) => {
      resolve('now');
      return () => {
        cleaned = true;
      };
    });
    expect(value).toBe('now');
    expect(cleaned).toBe(true);
  });
});

describe('assertJanusBody', () => {
  it.each([
    [{ recordTo: '/tmp/x.webm' }, 'recordTo'],
    [{ source: { input: { type: 'generated' } } }, 'source'],
    [{ audio: 'recvonly' }, 'audio: recvonly'],
    [{ video: 'sendonly' }, 'video: sendonly'],
    [{ jsep: { type: 'offer', sdp: '' } }, 'jsep'],
  ])('rejects the client option %j with INVALID_ARGUMENT', (body, what) => {
    let error: unknown;
    try {
      assertJanusBody('VideoRoom.start', body);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(JanusError);
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(String((error as Error).message)).toContain(what);
  });

  it("admits Janus's own fields, boolean audio/video included", () => {
    expect(() =>
      assertJanusBody('EchoTest.configure', { audio: true, video: false, bitrate: 1 }),
    ).not.toThrow();
    expect(() => assertJanusBody('x', {})).not.toThrow();
    expect(() => assertJanusBody('x', undefined)).not.toThrow();
  });
});

describe('OnceNotices', () => {
  it('gives a notice once until forgotten', () => {
    const notices = new OnceNotices();
    expect(notices.first('unpublished:1:5')).toBe(true);
    expect(notices.first('unpublished:1:5')).toBe(false);
    expect(notices.first('unpublished:1:6')).toBe(true);
    notices.forget('unpublished:1:5');
    expect(notices.first('unpublished:1:5')).toBe(true);
  });
});

describe('TextRoomDataLink on the transaction table', () => {
  it('leaves nothing pending after replies, errors, timeouts and close', async () => {
    const sent: Record<string, unknown>[] = [];
    const link = new TextRoomDataLink(
      (text) => sent.push(JSON.parse(text) as Record<string, unknown>),
      () => {},
    );
    const ok = link.request<{ textroom: string }>('list', {});
    const bad = link.request('join', { room: 1 });
    const slow = link.request('leave', { room: 1 }, { timeoutMs: 10 });
    expect(link.pendingCount).toBe(3);
    const [first, second] = sent;
    link.receive(
      JSON.stringify({
        textroom: 'error',
        error_code: 417,
        error: 'No such room',
        transaction: second?.transaction,
      }),
    );
    link.receive(JSON.stringify({ textroom: 'success', list: [], transaction: first?.transaction }));
    await expect(ok).resolves.toEqual({ textroom: 'success', list: [], transaction: first?.transaction });
    await expect(bad).rejects.toMatchObject({ code: 'PLUGIN_ERROR', janusCode: 417 });
    await expect(slow).rejects.toMatchObject({ code: 'TIMEOUT' });
    const late = link.request('leave', { room: 1 });
    link.close();
    await expect(late).rejects.toMatchObject({ code: 'CLOSED' });
    expect(link.pendingCount).toBe(0);
  });
});
