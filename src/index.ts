/**
 * janus-xstate: a typed Janus WebRTC Server client for Node.js, built from XState statecharts.
 * @packageDocumentation
 */
export { connect } from './connect.js';
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
export type { NegotiationOptions } from './media/handle-media.js';
export type {
  IceServer,
  JanusPeer,
  KindStats,
  MediaRequest,
  PeerOptions,
  PeerStats,
} from './media/janus-peer.js';
export {
  type FileSourceOptions,
  type GeneratedSourceOptions,
  MediaSource,
  type MediaSourceSpec,
} from './media/media-source.js';
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
  Jsep,
  PluginData,
  PluginReply,
  ServerInfo,
  TrickleCandidate,
  TrickleInput,
} from './protocol/messages.js';
export {
  DEFAULT_RECONNECT_POLICY,
  type ExponentialBackoffOptions,
  exponentialBackoff,
  type ReconnectContext,
  type ReconnectPolicy,
} from './reconnect/policy.js';
export type { CallOptions } from './util/abort.js';
export { type DeadlineOptions, type DeadlineSettle, withDeadline } from './util/deadline.js';
export { consoleLogger, type JanusLogger, redact } from './util/logger.js';
export type { ReplyKind } from './wire/transactions.js';
export type { RequestOptions } from './wire/wire.js';
