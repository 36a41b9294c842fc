/**
 * The exports both entry points share (`janus-xstate` for Node, `janus-xstate/browser`): the client,
 * sessions, handles, typed plugins, errors, options, the admin API, the wire's types and the embedding
 * logic. Nothing here reaches a Node built-in; each entry adds its platform's transports, peer and sources.
 * @module
 */
export * from './admin/index.js';
export {
  type HandleSnapshot,
  JANUS_SNAPSHOT_FORMAT,
  JANUS_SNAPSHOT_VERSION,
  type JanusSnapshot,
  type PersistedMachineState,
  type SessionSnapshot,
} from './client/snapshot.js';
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
  type RestoreReport,
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
  MediaPeer,
  MediaPeerEventMap,
  MediaPeerListener,
  MediaPeerOptions,
  PeerFactory,
  PeerPlatform,
} from './media/media-peer.js';
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
