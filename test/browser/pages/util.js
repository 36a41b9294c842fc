// Small helpers shared by the test pages.

/** Resolves after `ms`. */
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` every 50 ms until it returns a truthy value; rejects naming `what` after `timeoutMs`. */
export async function until(check, what, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`page: no ${what} within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/** The camera and microphone (Chromium's fake devices in the tests). */
export function camera() {
  return navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240 } });
}

/** Inbound and outbound RTP totals of a native RTCPeerConnection, from `getStats()`. */
export async function rtpTotals(pc) {
  const totals = { audioIn: 0, videoIn: 0, framesDecoded: 0, audioOut: 0, videoOut: 0 };
  for (const report of (await pc.getStats()).values()) {
    if (report.type === 'inbound-rtp') {
      if (report.kind === 'audio') totals.audioIn += report.packetsReceived ?? 0;
      if (report.kind === 'video') {
        totals.videoIn += report.packetsReceived ?? 0;
        totals.framesDecoded += report.framesDecoded ?? 0;
      }
    }
    if (report.type === 'outbound-rtp') {
      if (report.kind === 'audio') totals.audioOut += report.packetsSent ?? 0;
      if (report.kind === 'video') totals.videoOut += report.packetsSent ?? 0;
    }
  }
  return totals;
}

/** An error as plain data the test can print. */
export function describe(error) {
  return { name: error?.name, code: error?.code, message: error?.message ?? String(error) };
}

/** Video frames encoded (sent) and decoded (received) by a native RTCPeerConnection, from `getStats()`. */
export async function framesBothWays(pc) {
  const frames = { encoded: 0, decoded: 0 };
  for (const report of (await pc.getStats()).values()) {
    if (report.kind !== 'video') continue;
    if (report.type === 'outbound-rtp') frames.encoded += report.framesEncoded ?? 0;
    if (report.type === 'inbound-rtp') frames.decoded += report.framesDecoded ?? 0;
  }
  return frames;
}
