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

export {
  BROWSER_STATS_INTERVAL_MS,
  type BrowserMediaRequest,
  BrowserPeer,
  type BrowserPeerEventMap,
} from './browser/browser-peer.js';
export { BrowserMediaSource, type CanvasSourceOptions } from './browser/browser-sources.js';
export { browserPeerOf, localStreamOf, remoteStreamOf } from './browser/handle-streams.js';
export { mapRtcStats, type RtcStatsEntry, type TransceiverLine } from './browser/stats-mapper.js';
export * from './core-exports.js';

export type { BrowserInput, MediaSourceSpec } from './media/media-source.js';
export type { FeedOf, KindStats, MediaStats, PeerStats, StreamStats } from './media/media-stats.js';

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
