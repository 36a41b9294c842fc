/**
 * The browser platform, installed when the browser entry point (`janus-xstate/browser`) is loaded: the
 * WebSocket transport on the platform's `WebSocket` for `ws:`/`wss:`, HTTP long-poll on `fetch` for
 * `http:`/`https:`, and peers on the native `RTCPeerConnection`.
 * @module
 */
import { BrowserPeer } from '../browser/browser-peer.js';
import { installPeerFactory } from '../media/media-peer.js';
import { browserWebSocketTransport } from '../transport/browser-websocket-transport.js';
import { fetchTransport } from '../transport/fetch-transport.js';
import { installBuiltinTransports } from '../transport/registry.js';

const webSocket = browserWebSocketTransport();
const http = fetchTransport();
installBuiltinTransports({ ws: webSocket, wss: webSocket, http, https: http });
installPeerFactory((options) => BrowserPeer.create(options));
