/**
 * janus-xstate: a typed Janus WebRTC Server client for Node.js, built from XState statecharts.
 * @packageDocumentation
 */
// The Node transports and werift peers; `janus-xstate/browser` installs the browser's instead.
import './platform/node.js';

export * from './core-exports.js';

// Types the public API above refers to (options, events, media descriptions), exported so that users can
// name them and the API docs can link them.
export type {
  AudioEncoding,
  FileInput,
  GeneratedInput,
  MediaKind,
  VideoEncoding,
} from './media/generated-source.js';

export type {
  IceServer,
  JanusPeer,
  KindStats,
  MediaRequest,
  PeerEventMap,
  PeerOptions,
  PeerStats,
} from './media/janus-peer.js';

export {
  type BrowserInput,
  type FileSourceOptions,
  type GeneratedSourceOptions,
  MediaSource,
  type MediaSourceSpec,
} from './media/media-source.js';
export type { FeedOf, StreamStats } from './media/media-stats.js';
export type { RecordedStream, RecordTarget } from './media/peer-recording.js';
export type { CountedPeer } from './media/stream-counters.js';
export type { WebmRecording } from './media/webm-recorder.js';
export type {
  EarlyDtlsOptions,
  IceServerLike,
  SuppressStunOptions,
  WeriftWorkaroundOptions,
} from './media/werift-workarounds.js';
export * from './monitor/index.js';

export type { TlsOptions } from './transport/tls.js';
