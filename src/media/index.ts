/**
 * Media in Node with werift, for Janus: the workarounds that make werift a quick and quiet Janus
 * peer, an ffmpeg RTP source (generated tone/pattern or a file), an RTP counter and a WebM
 * recorder. Independent of the signalling client.
 *
 * @packageDocumentation
 */

export { CLIP_VIDEO, loadClip } from './clip.js';
export {
  certificateFingerprint,
  matchesFingerprint,
  type SdpFingerprint,
  sdpFingerprints,
} from './dtls-fingerprint.js';
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
export { type IvfFile, type IvfFrame, parseIvf } from './ivf.js';
export { loadMediaFile } from './media-file.js';
export { type OggOpusFile, opusPacketSamples, parseOggOpus } from './ogg-opus.js';
export { Pacer, sharedPacer } from './pacer.js';
export { type PlayOptions, playPacketised } from './packet-player.js';
export type { PacketisedFrame, PacketisedMedia, PacketisedTrack, PacketSource } from './packet-source.js';
export type { RecordedStream, RecordTarget } from './peer-recording.js';
export { type RtpCount, RtpCounter } from './rtp-counter.js';
export { isVp8Keyframe, isVp8KeyframePayload, packetizeVp8, vp8FrameSize } from './vp8-rtp.js';
export { finaliseWebm, inspectWebm, type WebmInfo, type WebmTrack } from './webm-file.js';
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
  fixNackSequenceWrap,
  type IceServerLike,
  type KeyframeRoutingStats,
  type NackWrapStats,
  type NativeP256Stats,
  routeKeyframeRequestsByMediaSsrc,
  type StunSuppression,
  type SuppressStunOptions,
  suppressImplicitStun,
  WeriftInternalsError,
  type WeriftWorkaroundOptions,
} from './werift-workarounds.js';
