/**
 * PacedRtpStream: RTP that arrives in a burst leaves on its RTP timestamps (never before its media time),
 * in order; a late packet moves the clock later, so the backlog after it is spread out instead of sent at once.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { RtpHeader, RtpPacket } from 'werift';
import { PACER_EARLY_MS, Pacer } from '../../../src/media/pacer.js';
import { PacedRtpStream, RTP_PLAYOUT_DELAY_MS } from '../../../src/media/rtp-pacing.js';

const packet = (sequenceNumber: number, timestamp: number) =>
  new RtpPacket(new RtpHeader({ sequenceNumber, timestamp, payloadType: 111 }), Buffer.from([1]));

describe('PacedRtpStream', () => {
  it('releases a burst on the media clock, in order, none before its time', async () => {
    const released: { seq: number; at: number }[] = [];
    const stream = new PacedRtpStream(
      48_000,
      (p) => released.push({ seq: p.header.sequenceNumber, at: performance.now() }),
      true,
      new Pacer(),
    );
    const arrived = performance.now();
    for (let i = 0; i < 6; i++) stream.push(packet(100 + i, 0xffff_fc40 + i * 960)); // wraps the timestamp
    await sleep(RTP_PLAYOUT_DELAY_MS + 6 * 20 + 200);
    stream.stop();
    expect(released.map((r) => r.seq)).toEqual([100, 101, 102, 103, 104, 105]);
    released.forEach((r, i) => {
      expect(r.at).toBeGreaterThanOrEqual(arrived + RTP_PLAYOUT_DELAY_MS + i * 20 - PACER_EARLY_MS);
    });
  });

  it('after a late packet, spreads the backlog that follows instead of sending it at once', async () => {
    const released: number[] = [];
    const stream = new PacedRtpStream(48_000, () => released.push(performance.now()), true, new Pacer());
    stream.push(packet(1, 0));
    await sleep(RTP_PLAYOUT_DELAY_MS + 100); // the source stalls for 100 ms after its time...
    const backlogAt = performance.now();
    for (let i = 1; i <= 5; i++) stream.push(packet(1 + i, i * 960)); // ...then sends its backlog at once
    await sleep(5 * 20 + 200);
    stream.stop();
    expect(released).toHaveLength(6);
    // The backlog's first packet goes at once (it is late); the rest 20 ms apart on the clock after it.
    released.slice(1).forEach((at, i) => {
      expect(at).toBeGreaterThanOrEqual(backlogAt + i * 20 - PACER_EARLY_MS);
    });
  });
});
