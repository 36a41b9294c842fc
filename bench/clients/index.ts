/** The bench's client drivers, by id. */
import { connectJanode } from './janode.js';
import { connectJanusXstate } from './janus-xstate.js';
import { connectRawHttp, connectRawNodeHttp } from './raw-http.js';
import { connectRawWs } from './raw-ws.js';
import type { ClientId, ConnectClient } from './types.js';
import { connectXstateFloor } from './xstate-floor.js';

/** How to connect each client, and over which transport. */
export const CLIENTS: Record<ClientId, { connect: ConnectClient; transport: 'ws' | 'http'; label: string }> =
  {
    'raw-ws': { connect: connectRawWs, transport: 'ws', label: 'raw ws' },
    'janus-xstate-ws': { connect: connectJanusXstate, transport: 'ws', label: 'janus-xstate' },
    janode: { connect: connectJanode, transport: 'ws', label: 'janode 1.8' },
    'raw-http': { connect: connectRawHttp, transport: 'http', label: 'raw undici' },
    'raw-node-http': { connect: connectRawNodeHttp, transport: 'http', label: 'raw node:http' },
    'janus-xstate-http': { connect: connectJanusXstate, transport: 'http', label: 'janus-xstate' },
    'xstate-floor': { connect: connectXstateFloor, transport: 'ws', label: 'raw ws + actors' },
  };

/** The WebSocket clients, in round order (A B C). */
export const WS_CLIENTS: ClientId[] = ['raw-ws', 'janus-xstate-ws', 'janode'];
/**
 * The full cycle's clients: the WebSocket ones and the floor of a client whose transitions run in real
 * actors (the floor takes no other figure).
 */
export const CYCLE_CLIENTS: ClientId[] = [...WS_CLIENTS, 'xstate-floor'];
/** The HTTP clients, in round order. */
export const HTTP_CLIENTS: ClientId[] = ['raw-http', 'raw-node-http', 'janus-xstate-http'];
