/**
 * Media in Node with werift, for Janus: the workarounds that make werift a quick and quiet Janus
 * peer, an ffmpeg RTP source (generated tone/pattern or a file), an RTP counter and a WebM
 * recorder. Independent of the signalling client.
 *
 * @packageDocumentation
 */
export {
  type AudioEncoding,
  type FileInput,
  type GeneratedInput,
  type MediaKind,
  type RtpSource,
  type RtpSourceOptions,
  type SourceExit,
  startRtpSource,
  type VideoEncoding,
} from './generated-source.js';
export { type RtpCount, RtpCounter } from './rtp-counter.js';
export {
  type ProbedMedia,
  type ProbedStream,
  probeMedia,
  recordToWebm,
  type WebmRecorderOptions,
  type WebmRecording,
} from './webm-recorder.js';
export {
  type AppliedWorkarounds,
  applyWeriftWorkarounds,
  bufferEarlyDtls,
  disableNativeP256,
  type EarlyDtlsOptions,
  type EarlyDtlsStats,
  enableNativeP256,
  type IceServerLike,
  type NativeP256Stats,
  type StunSuppression,
  type SuppressStunOptions,
  suppressImplicitStun,
  WeriftInternalsError,
  type WeriftWorkaroundOptions,
} from './werift-workarounds.js';
