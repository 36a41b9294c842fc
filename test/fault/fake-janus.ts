/**
 * A scripted fake Janus server over WebSocket (subprotocol `janus-protocol`), for what a real one will not
 * send on demand: malformed frames, wrong types, duplicate or missing replies, unknown senders, huge frames.
 * By default it answers the core requests like Janus (info, create, attach, claim, keepalive, message,
 * detach, destroy); a test overrides any of it with {@link FakeJanus.onRequest} and pushes raw frames with
 * {@link FakeJanus.broadcast}.
 * @module
 */
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/** A request the fake received (parsed JSON with a string `janus`). */
export interface FakeRequest {
  /** The request verb. */
  janus: string;
  /** The client's transaction. */
  transaction?: string;
  /** Target session. */
  session_id?: number;
  /** Target handle. */
  handle_id?: number;
  /** Anything else. */
  [key: string]: unknown;
}

/**
 * Intercepts a request: send anything with `reply` (an object is JSON-encoded, a string goes as is);
 * return `true` to skip the default answer.
 */
export type RequestHandler = (
  request: FakeRequest,
  reply: (frame: unknown) => void,
  socket: WebSocket,
) => boolean | undefined;

/** A running fake server. */
export interface FakeJanus {
  /** `ws://127.0.0.1:PORT`. */
  readonly url: string;
  /** Requests received, in order. */
  readonly requests: FakeRequest[];
  /** Sockets currently open. */
  readonly connections: number;
  /** Replaces the request interceptor (undefined: default answers only). */
  onRequest(handler: RequestHandler | undefined): void;
  /** Sends a raw frame (string as is, anything else as JSON) to every client. */
  broadcast(frame: unknown): void;
  /** Closes every client socket (abruptly with `terminate`). */
  dropAll(): void;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Starts a fake Janus on a free loopback port. */
export async function startFakeJanus(options: { sessionTimeoutS?: number } = {}): Promise<FakeJanus> {
  const server = new WebSocketServer({
    host: '127.0.0.1',
    port: 0,
    handleProtocols: (protocols) => (protocols.has('janus-protocol') ? 'janus-protocol' : false),
  });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  const requests: FakeRequest[] = [];
  let handler: RequestHandler | undefined;
  let nextId = 1000;
  const sessions = new Set<number>();

  const answer = (request: FakeRequest, reply: (frame: unknown) => void): void => {
    const transaction = request.transaction;
    const base = { transaction };
    switch (request.janus) {
      case 'info':
        reply({
          janus: 'server_info',
          ...base,
          name: 'Fake Janus',
          version: 1102,
          version_string: '1.1.2',
          'session-timeout': options.sessionTimeoutS ?? 60,
          'reclaim-session-timeout': 0,
          plugins: {},
          transports: {},
        });
        return;
      case 'create': {
        nextId += 1;
        sessions.add(nextId);
        reply({ janus: 'success', ...base, data: { id: nextId } });
        return;
      }
      case 'claim':
      case 'keepalive':
      case 'destroy':
      case 'detach':
      case 'trickle':
      case 'hangup':
        if (request.session_id !== undefined && !sessions.has(request.session_id)) {
          reply({ janus: 'error', ...base, error: { code: 458, reason: 'No such session' } });
          return;
        }
        if (request.janus === 'destroy') sessions.delete(request.session_id as number);
        reply({
          janus: request.janus === 'keepalive' ? 'ack' : 'success',
          ...base,
          session_id: request.session_id,
        });
        return;
      case 'attach':
        nextId += 1;
        reply({ janus: 'success', ...base, session_id: request.session_id, data: { id: nextId } });
        return;
      case 'message':
        reply({
          janus: 'success',
          ...base,
          session_id: request.session_id,
          sender: request.handle_id,
          plugindata: { plugin: 'janus.plugin.echotest', data: { echotest: 'event', result: 'ok' } },
        });
        return;
      default:
        reply({
          janus: 'error',
          ...base,
          error: { code: 453, reason: `Unknown request '${request.janus}'` },
        });
    }
  };

  server.on('connection', (socket) => {
    socket.on('message', (data) => {
      let request: FakeRequest;
      try {
        request = JSON.parse(data.toString()) as FakeRequest;
      } catch {
        return;
      }
      requests.push(request);
      const reply = (frame: unknown): void => {
        if (socket.readyState === socket.OPEN)
          socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
      };
      if (handler?.(request, reply, socket) === true) return;
      answer(request, reply);
    });
  });

  return {
    url: `ws://127.0.0.1:${port}`,
    requests,
    get connections() {
      return server.clients.size;
    },
    onRequest(next) {
      handler = next;
    },
    broadcast(frame) {
      const text = typeof frame === 'string' ? frame : JSON.stringify(frame);
      for (const socket of server.clients) if (socket.readyState === socket.OPEN) socket.send(text);
    },
    dropAll() {
      for (const socket of server.clients) socket.terminate();
    },
    close() {
      for (const socket of server.clients) socket.terminate();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
