/**
 * The Node built-in transports, installed into the registry when this module is loaded (by the Node entry
 * point, `janus-xstate`): `ws`/`wss` on the `ws` package, `http`/`https` on `node:http`/`node:https`, and
 * `unix` on Janus's `pfunix` datagram socket.
 * @module
 */
import { createHttpTransport } from './http-transport.js';
import { installBuiltinTransports } from './registry.js';
import { createUnixTransport } from './unix-transport.js';
import { createWebSocketTransport } from './websocket-transport.js';

installBuiltinTransports({
  ws: { kind: 'ws', create: createWebSocketTransport },
  wss: { kind: 'ws', create: createWebSocketTransport },
  http: { kind: 'http', create: createHttpTransport },
  https: { kind: 'http', create: createHttpTransport },
  unix: { kind: 'unix', create: createUnixTransport },
});
