/**
 * janus-xstate in the browser: the same client, statecharts and typed plugins as in Node, on the
 * platform's `WebSocket` and `fetch` and the native `RTCPeerConnection`. Its import graph holds no Node
 * built-in; `npm run build:browser` bundles it (with XState) to `dist/browser/janus-xstate.js`.
 *
 * ```ts
 * import { type BrowserPeer, connect, EchoTest, remoteStreamOf } from 'janus-xstate/browser';
 * const janus = await connect('ws://localhost:8188');
 * const session = await janus.createSession();
 * const echo = await session.attach(EchoTest);
 * await echo.start({ audio: true, video: true }); // getUserMedia, resolves at webrtcup
 * video.srcObject = remoteStreamOf(echo) ?? null; // every remote track, one MediaStream
 * echo.on('peer', (peer) => (peer as BrowserPeer).on('track', (track, stream) => { ... }));
 * ```
 * @packageDocumentation
 */
// The browser transports and peers; `janus-xstate` (Node) installs the Node ones instead.
import './platform/browser.js';

export * from './admin/index.js';
export {
  BROWSER_STATS_INTERVAL_MS,
  type BrowserMediaRequest,
  BrowserPeer,
  type BrowserPeerEventMap,
} from './browser/browser-peer.js';
export { BrowserMediaSource, type CanvasSourceOptions } from './browser/browser-sources.js';
export { browserPeerOf, localStreamOf, remoteStreamOf } from './browser/handle-streams.js';
export { mapRtcStats, type RtcStatsEntry, type TransceiverLine } from './browser/stats-mapper.js';
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
export type { NegotiationOptions } from './media/handle-media.js';
export type {
  MediaPeer,
  MediaPeerEventMap,
  MediaPeerListener,
  MediaPeerOptions,
  PeerFactory,
  PeerPlatform,
} from './media/media-peer.js';
export type { BrowserInput, MediaSourceSpec } from './media/media-source.js';
export type { FeedOf, KindStats, MediaStats, PeerStats, StreamStats } from './media/media-stats.js';
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
  type BrowserWebSocketOptions,
  browserWebSocketTransport,
  createBrowserWebSocketTransport,
  type WebSocketConstructor,
  type WebSocketLike,
} from './transport/browser-websocket-transport.js';
export {
  createFetchTransport,
  type FetchFunction,
  type FetchTransportOptions,
  fetchTransport,
} from './transport/fetch-transport.js';
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
