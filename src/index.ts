/**
 * janus-xstate: a typed Janus WebRTC Server client for Node.js, built from XState statecharts.
 * @packageDocumentation
 */
// The Node transports and werift peers; `janus-xstate/browser` installs the browser's instead.
import './platform/node.js';

export * from './admin/index.js';
export { connect } from './connect.js';
export {
  fromJanus,
  type JanusCommand,
  type JanusLogicInput,
  type JanusReport,
  janusLogic,
} from './embed/from-janus.js';
export type { JanusCoreErrorCode, JanusErrorCode, JanusErrorOptions } from './errors.js';
export { InvalidStateError, isJanusError, JANUS_CORE_ERROR_CODES, JanusError } from './errors.js';
export {
  type ClientEventMap,
  type ConnectionState,
  type CreateSessionOptions,
  JanusClient,
  type ReconnectedEvent,
  type ReconnectingEvent,
} from './janus-client.js';
export {
  type AttachOptions,
  JanusSession,
  type PluginDescriptor,
  type RecreatedEvent,
  type RecreatedHandle,
  type SessionEventMap,
  type SessionState,
} from './janus-session.js';
// Types the public API above refers to (options, events, media descriptions), exported so that users can
// name them and the API docs can link them.
export type {
  AudioEncoding,
  FileInput,
  GeneratedInput,
  MediaKind,
  VideoEncoding,
} from './media/generated-source.js';
export type { NegotiationOptions } from './media/handle-media.js';
export type {
  IceServer,
  JanusPeer,
  KindStats,
  MediaRequest,
  PeerEventMap,
  PeerOptions,
  PeerStats,
} from './media/janus-peer.js';
export type {
  MediaPeer,
  MediaPeerEventMap,
  MediaPeerListener,
  MediaPeerOptions,
  PeerFactory,
  PeerPlatform,
} from './media/media-peer.js';
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
export {
  type ConnectOptions,
  DEFAULT_CLOSE_TIMEOUT_MS,
  DEFAULT_CONNECT_TIMEOUT_MS,
  DEFAULT_REQUEST_TIMEOUT_MS,
  type InspectOption,
} from './options.js';
export {
  type HandleEventMap,
  type HandleHost,
  type HandleState,
  type MediaEvent,
  type PluginEvent,
  PluginHandle,
  type SlowLinkEvent,
  toPluginReply,
} from './plugin-handle.js';
export * from './plugins/index.js';
export type {
  HandleCoreEventName,
  JanusMessage,
  JanusRequestBody,
  JanusWireRequest,
  Jsep,
  PluginData,
  PluginReply,
  ServerInfo,
  TrickleCandidate,
  TrickleInput,
} from './protocol/messages.js';
export { HANDLE_CORE_EVENTS } from './protocol/messages.js';
export {
  DEFAULT_RECONNECT_POLICY,
  type ExponentialBackoffOptions,
  exponentialBackoff,
  type ReconnectContext,
  type ReconnectPolicy,
} from './reconnect/policy.js';
export {
  registeredSchemes,
  registerTransport,
  type TransportDefinition,
  type TransportOption,
} from './transport/registry.js';
export type { TlsOptions } from './transport/tls.js';
export type {
  JanusApi,
  Transport,
  TransportEvents,
  TransportFactory,
  TransportKind,
  TransportOptions,
} from './transport/transport.js';
export type { CallOptions } from './util/abort.js';
export { type DeadlineOptions, type DeadlineSettle, withDeadline } from './util/deadline.js';
export { consoleLogger, type JanusLogger, redact } from './util/logger.js';
export type { EventMap, Listener } from './util/typed-emitter.js';
export type { ReplyKind } from './wire/transactions.js';
export type { RequestOptions } from './wire/wire.js';
