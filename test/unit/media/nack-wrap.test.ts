/**
 * (f) of the werift workarounds: the NACKs werift's receiver sends for lost video survive the 16-bit
 * sequence-number wrap, and its NACK timer stops once nothing is missing. Each test drives a real werift
 * receiver's NACK handler with packets and reads the NACKs it sends (its transport's `sendRtcp` is
 * replaced by a recorder); the control tests show stock werift failing both.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GenericNack, RTCPeerConnection, RtpHeader, RtpPacket } from 'werift';
import { fixNackSequenceWrap, NACK_MAX_LOST } from '../../../src/media/werift-nack-wrap.js';

/** werift's NACK handler, as far as the tests look into it. */
interface NackHandler {
  nackLoop: unknown;
  addPacket(packet: RtpPacket): void;
}

const SSRC = 0x1234;
const peers: RTCPeerConnection[] = [];

afterEach(async () => {
  for (const pc of peers.splice(0)) await pc.close();
});

/** A receiving video transceiver's NACK handler, with every NACK it sends recorded as its list of lost packets. */
function videoReceiver(fixed: boolean): { nack: NackHandler; nacks: number[][]; pc: RTCPeerConnection } {
  const pc = new RTCPeerConnection();
  peers.push(pc);
  if (fixed) fixNackSequenceWrap(pc);
  const transceiver = pc.addTransceiver('video', { direction: 'recvonly' });
  const receiver = transceiver.receiver as unknown as {
    nack: NackHandler;
    dtlsTransport: { sendRtcp(packets: { feedback: { lost: number[] } }[]): Promise<void> };
  };
  const nacks: number[][] = [];
  receiver.dtlsTransport.sendRtcp = async (packets) => {
    for (const packet of packets) {
      // The packet werift built, serialised and read back: what a peer would see on the wire.
      const feedback = packet.feedback as unknown as GenericNack;
      nacks.push(GenericNack.deSerialize(feedback.serialize().subarray(4), feedback.header).lost);
    }
  };
  return { nack: receiver.nack, nacks, pc };
}

function feed(nack: NackHandler, ...sequenceNumbers: number[]): void {
  for (const sequenceNumber of sequenceNumbers) {
    nack.addPacket(
      new RtpPacket(new RtpHeader({ sequenceNumber, ssrc: SSRC, payloadType: 96 }), Buffer.alloc(10)),
    );
  }
}

/** Lets werift's 5 ms NACK interval run a few times. */
const nackRounds = () => new Promise((resolve) => setTimeout(resolve, 30));

/** Every sequence number any NACK asked for. */
const asked = (nacks: number[][]) => new Set(nacks.flat());

describe('werift NACKs across the sequence-number wrap (fixNackSequenceWrap)', () => {
  it('NACKs a packet lost at the wrap, and the losses after it', async () => {
    const { nack, nacks } = videoReceiver(true);
    feed(nack, 65532, 65533, 65534, 0, 1, 2);
    await nackRounds();
    expect(asked(nacks)).toEqual(new Set([65535]));
    feed(nack, 3, 5, 6);
    await nackRounds();
    expect(asked(nacks)).toEqual(new Set([65535, 4]));
  });

  it('marks every packet of a gap that spans the wrap', async () => {
    const { nack, nacks } = videoReceiver(true);
    feed(nack, 65530, 65531, 65532, 65533, 2);
    await nackRounds();
    expect(asked(nacks)).toEqual(new Set([65534, 65535, 0, 1]));
  });

  it('ignores a repeated or reordered older packet, and stops asking for one that arrives late', async () => {
    const { nack, nacks } = videoReceiver(true);
    feed(nack, 100, 101, 103, 103, 99);
    await nackRounds();
    expect(asked(nacks)).toEqual(new Set([102]));
    feed(nack, 102);
    const before = nacks.length;
    await nackRounds();
    expect(nacks.length).toBe(before);
  });

  it(`marks only the latest ${NACK_MAX_LOST} packets of a larger gap`, async () => {
    const { nack, nacks } = videoReceiver(true);
    feed(nack, 1000, 2000);
    await nackRounds();
    const lost = asked(nacks);
    expect(lost.size).toBe(NACK_MAX_LOST);
    expect(Math.min(...lost)).toBe(2000 - NACK_MAX_LOST);
    expect(Math.max(...lost)).toBe(1999);
  });

  it('stops its NACK timer once nothing is missing', async () => {
    const { nack } = videoReceiver(true);
    feed(nack, 10, 12);
    expect(nack.nackLoop).toBeDefined();
    feed(nack, 11);
    await nackRounds();
    expect(nack.nackLoop).toBeUndefined();
  });

  it('gives up on a packet after werift`s 10 tries, and then stops its timer', async () => {
    const { nack, nacks } = videoReceiver(true);
    feed(nack, 10, 12);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(nacks.length).toBeGreaterThanOrEqual(10);
    expect(nacks.length).toBeLessThanOrEqual(12);
    expect(nack.nackLoop).toBeUndefined();
  });

  it('leaves the receivers of other peer connections as werift made them', () => {
    const fixed = videoReceiver(true);
    const stock = videoReceiver(false);
    expect(Object.hasOwn(fixed.nack, 'addPacket')).toBe(true);
    expect(Object.hasOwn(stock.nack, 'addPacket')).toBe(false);
  });

  it('counts the receivers it fixed and the packets it marked lost', () => {
    const { nack, pc } = videoReceiver(true);
    feed(nack, 1, 4);
    expect(fixNackSequenceWrap(pc)).toEqual({ receivers: 1, lost: 2 });
  });
});

describe('control: stock werift 0.24.4', () => {
  it('stops NACKing after a loss at the wrap', async () => {
    const { nack, nacks } = videoReceiver(false);
    feed(nack, 65532, 65533, 65534, 0, 1, 2, 3, 5, 6);
    await nackRounds();
    expect(asked(nacks).has(65535)).toBe(false);
    expect(asked(nacks).has(4)).toBe(false);
  });

  it('keeps its NACK timer running when nothing is missing', async () => {
    const { nack } = videoReceiver(false);
    feed(nack, 10, 12, 11);
    await nackRounds();
    expect(nack.nackLoop).toBeDefined();
  });
});
