/**
 * The one `stats()` shape of every handle with media (EchoTest, VideoRoom, VideoCall, AudioBridge,
 * Streaming, ...): the per-kind totals of the peer ({@link PeerStats}: `audio`/`video` with
 * `packetsSent`, `packetsReceived`...) plus `streams`, one entry per audio/video m-line. The types live in
 * `media/media-stats.ts`, shared by the Node and the browser peers.
 * @module
 */
export type { MediaStats, StreamStats } from '../../media/media-stats.js';
export { StreamCounters } from '../../media/stream-counters.js';
