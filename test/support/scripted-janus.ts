/**
 * A scripted fake Janus over WebSocket (subprotocol `janus-protocol`) on loopback, for the client-driven
 * path tests: nothing happens unless the test says so. Upgrades can be held (then accepted or refused),
 * every request is logged and, unless its verb is auto-answered, held until the test answers it; frames
 * are pushed on demand and sockets dropped on demand. The real server cannot hold a reply, refuse one
 * upgrade or send `hangup` on cue, which is what a path step needs.
 * @module
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';

/** A request the fake received. */
export interface ScriptedRequest {
  /** The request verb. */
  readonly janus: string;
  /** The client's transaction. */
  readonly transaction: string;
  /** Target session. */
  readonly session_id?: number;
  /** Target handle. */
  readonly handle_id?: number;
  /** Anything else (body, jsep, plugin, candidate...). */
  readonly [key: string]: unknown;
}

/** A request as held by the fake, with its position in the log. */
export interface HeldRequest {
  /** The request. */
  readonly request: ScriptedRequest;
  /** Position in {@link ScriptedJanus.requests} (0-based). */
  readonly index: number;
  /** Sends a frame on the socket the request came on (the transaction is added when missing). */
  reply(frame: Record<string, unknown>): void;
  /** Replies `success` (with `data` when given). */
  succeed(data?: Record<string, unknown>): void;
  /** Replies a core `error` with `code` and `reason`. */
  fail(code: number, reason: string): void;
}

/** A WebSocket upgrade the fake holds until the test decides. */
export interface HeldUpgrade {
  /** Completes the WebSocket handshake. */
  accept(): void;
  /** Answers the upgrade with HTTP 503 and closes the socket. */
  refuse(): void;
}

/** What the fake answers by itself. */
export interface AutoAnswers {
  /** `info` → `server_info`. Default `true`. */
  info?: boolean;
  /** `keepalive` → `ack`. Default `true`. */
  keepalive?: boolean;
  /** `create` → `success` with a new id. Default `false`. */
  create?: boolean;
  /** `claim` → `success`. Default `false`. */
  claim?: boolean;
  /** `destroy` → `success`. Default `false`. */
  destroy?: boolean;
}

/** Options of {@link startScriptedJanus}. */
export interface ScriptedJanusOptions {
  /** `session-timeout` announced in `server_info`, in seconds. Default 60. */
  sessionTimeoutS?: number;
  /** Verbs answered without the test. Defaults: `info` and `keepalive` only. */
  auto?: AutoAnswers;
}

/** A running scripted fake Janus. */
export interface ScriptedJanus {
  /** `ws://127.0.0.1:PORT`. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: readonly ScriptedRequest[];
  /** When each request arrived (`Date.now()`), parallel to {@link requests}. */
  readonly requestTimes: readonly number[];
  /** When each WebSocket upgrade request arrived (`Date.now()`), held or not. */
  readonly upgradeTimes: readonly number[];
  /** Every frame sent to a client (replies and pushed frames), in order. */
  readonly sent: readonly Record<string, unknown>[];
  /** Sockets currently open. */
  readonly connections: number;
  /** Verbs answered without the test (mutable). */
  readonly auto: Required<AutoAnswers>;
  /** Holds WebSocket upgrades until {@link nextUpgrade} decides (default: accepted at once). */
  holdUpgrades(hold: boolean): void;
  /** The next held upgrade (one already waiting, or the next to come), within `timeoutMs`. */
  nextUpgrade(timeoutMs?: number): Promise<HeldUpgrade>;
  /**
   * The first request received at or after `from` (an index in {@link requests}) that matches, within
   * `timeoutMs`; rejects naming what was received instead.
   */
  waitForRequest(
    match: (request: ScriptedRequest) => boolean,
    options?: { from?: number; timeoutMs?: number },
  ): Promise<HeldRequest>;
  /** Sends a frame to every open socket. */
  push(frame: Record<string, unknown>): void;
  /** Closes every client socket abruptly. */
  dropAll(): void;
  /** Stops the server. */
  close(): Promise<void>;
}

/** Default wait for a request or an upgrade, ms. */
export const SCRIPTED_WAIT_MS = 5_000;

/** Starts a scripted fake Janus on a free loopback port. */
export async function startScriptedJanus(options: ScriptedJanusOptions = {}): Promise<ScriptedJanus> {
  const http = createServer((_request, response) => {
    response.writeHead(404).end();
  });
  const wss = new WebSocketServer({
    noServer: true,
    handleProtocols: (protocols) => (protocols.has('janus-protocol') ? 'janus-protocol' : false),
  });
  const auto: Required<AutoAnswers> = {
    info: true,
    keepalive: true,
    create: false,
    claim: false,
    destroy: false,
    ...options.auto,
  };
  const requests: ScriptedRequest[] = [];
  const requestTimes: number[] = [];
  const upgradeTimes: number[] = [];
  /** Every request with its socket; `taken` once a `waitForRequest` returned it. */
  const entries: Array<{ request: ScriptedRequest; index: number; socket: WebSocket; taken: boolean }> = [];
  const waiters = new Set<() => void>();
  const pendingUpgrades: HeldUpgrade[] = [];
  const upgradeWaiters: Array<(upgrade: HeldUpgrade) => void> = [];
  const sockets = new Set<WebSocket>();
  let holding = false;
  let nextId = 4_000;

  const sent: Record<string, unknown>[] = [];
  const send = (socket: WebSocket, frame: Record<string, unknown>): void => {
    if (socket.readyState !== socket.OPEN) return;
    sent.push(frame);
    socket.send(JSON.stringify(frame));
  };
  const heldRequest = (entry: {
    request: ScriptedRequest;
    index: number;
    socket: WebSocket;
  }): HeldRequest => {
    const reply = (frame: Record<string, unknown>): void =>
      send(entry.socket, { transaction: entry.request.transaction, ...frame });
    const scope = {
      ...(entry.request.session_id !== undefined ? { session_id: entry.request.session_id } : {}),
    };
    return {
      request: entry.request,
      index: entry.index,
      reply,
      succeed: (data) => reply({ janus: 'success', ...scope, ...(data ? { data } : {}) }),
      fail: (code, reason) => reply({ janus: 'error', ...scope, error: { code, reason } }),
    };
  };
  const autoAnswer = (request: ScriptedRequest, socket: WebSocket): boolean => {
    const base = { transaction: request.transaction };
    if (request.janus === 'info' && auto.info) {
      send(socket, {
        janus: 'server_info',
        ...base,
        name: 'Scripted Janus',
        version: 1102,
        version_string: '1.1.2',
        'session-timeout': options.sessionTimeoutS ?? 60,
        'reclaim-session-timeout': 30,
        plugins: {},
        transports: {},
      });
      return true;
    }
    if (request.janus === 'keepalive' && auto.keepalive) {
      send(socket, { janus: 'ack', ...base, session_id: request.session_id });
      return true;
    }
    if (request.janus === 'create' && auto.create) {
      nextId += 1;
      send(socket, { janus: 'success', ...base, data: { id: nextId } });
      return true;
    }
    if ((request.janus === 'claim' && auto.claim) || (request.janus === 'destroy' && auto.destroy)) {
      send(socket, { janus: 'success', ...base, session_id: request.session_id });
      return true;
    }
    return false;
  };

  wss.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('message', (data) => {
      let request: ScriptedRequest;
      try {
        request = JSON.parse(data.toString()) as ScriptedRequest;
      } catch {
        return;
      }
      const index = requests.push(request) - 1;
      requestTimes.push(Date.now());
      entries.push({ request, index, socket, taken: false });
      autoAnswer(request, socket);
      for (const wake of [...waiters]) wake();
    });
  });

  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): HeldUpgrade => {
    let decided = false;
    return {
      accept() {
        if (decided) return;
        decided = true;
        wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
      },
      refuse() {
        if (decided) return;
        decided = true;
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      },
    };
  };
  http.on('upgrade', (request, socket, head) => {
    upgradeTimes.push(Date.now());
    socket.on('error', () => {});
    const held = upgrade(request, socket, head);
    if (!holding) {
      held.accept();
      return;
    }
    const waiter = upgradeWaiters.shift();
    if (waiter) waiter(held);
    else pendingUpgrades.push(held);
  });

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  const port = (http.address() as AddressInfo).port;

  return {
    url: `ws://127.0.0.1:${port}`,
    requests,
    requestTimes,
    upgradeTimes,
    sent,
    get connections() {
      return sockets.size;
    },
    auto,
    holdUpgrades(hold) {
      holding = hold;
    },
    nextUpgrade(timeoutMs = SCRIPTED_WAIT_MS) {
      const ready = pendingUpgrades.shift();
      if (ready) return Promise.resolve(ready);
      return new Promise<HeldUpgrade>((resolve, reject) => {
        const timer = setTimeout(() => {
          upgradeWaiters.splice(upgradeWaiters.indexOf(deliver), 1);
          reject(new Error(`no WebSocket upgrade within ${timeoutMs} ms`));
        }, timeoutMs);
        const deliver = (next: HeldUpgrade): void => {
          clearTimeout(timer);
          resolve(next);
        };
        upgradeWaiters.push(deliver);
      });
    },
    waitForRequest(match, { from = 0, timeoutMs = SCRIPTED_WAIT_MS } = {}) {
      const find = (): HeldRequest | undefined => {
        const hit = entries.find((entry) => !entry.taken && entry.index >= from && match(entry.request));
        if (!hit) return undefined;
        hit.taken = true;
        return heldRequest(hit);
      };
      const found = find();
      if (found) return Promise.resolve(found);
      return new Promise<HeldRequest>((resolve, reject) => {
        const wake = (): void => {
          const hit = find();
          if (!hit) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve(hit);
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          const seen = requests.slice(from).map((request) => request.janus);
          reject(
            new Error(`no matching request within ${timeoutMs} ms; received since: [${seen.join(', ')}]`),
          );
        }, timeoutMs);
        waiters.add(wake);
      });
    },
    push(frame) {
      for (const socket of sockets) send(socket, frame);
    },
    dropAll() {
      for (const socket of sockets) socket.terminate();
    },
    async close() {
      for (const socket of sockets) socket.terminate();
      for (const pending of pendingUpgrades.splice(0)) pending.refuse();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
