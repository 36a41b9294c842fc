/**
 * The limit: a raw `ws` client that is nothing but JSON over the socket and a transaction map. Requests
 * resolve on `success`, plugin messages on their `event` (a late or early `ack` is ignored), keepalives
 * on their `ack`. One timer sends the keepalives of every session.
 */
import WebSocket from 'ws';
import { type BenchClient, type BenchPair, type Body, cycleThroughPair } from './types.js';

/** The keepalive interval of the raw clients: half the default 60 s session timeout. */
export const RAW_KEEPALIVE_MS = 30_000;

interface Pending {
  resolve(msg: JanusReply): void;
  reject(err: Error): void;
  /** true: settle on the `event` (an `ack` only says the plugin got it). */
  event: boolean;
}

/** The fields of a Janus reply that the raw clients read. */
export interface JanusReply {
  janus: string;
  transaction?: string;
  session_id?: number;
  sender?: number;
  data?: { id: number };
  error?: { code: number; reason: string };
  plugindata?: { plugin: string; data: Record<string, unknown> };
}

class RawWsClient implements BenchClient {
  readonly id = 'raw-ws' as const;
  readonly keepalive = `${RAW_KEEPALIVE_MS / 1000} s per session (one timer for all sessions)`;
  private readonly pending = new Map<string, Pending>();
  private readonly sessions = new Set<number>();
  private nextTx = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => this.onMessage(data.toString()));
    ws.on('close', () => {
      for (const p of this.pending.values()) p.reject(new Error('connection closed'));
      this.pending.clear();
    });
    this.timer = setInterval(() => {
      for (const id of this.sessions) this.request({ janus: 'keepalive', session_id: id }).catch(() => {});
    }, RAW_KEEPALIVE_MS);
  }

  private onMessage(text: string): void {
    const msg = JSON.parse(text) as JanusReply;
    const tx = msg.transaction;
    if (tx === undefined) return;
    const p = this.pending.get(tx);
    if (!p) return;
    if (msg.janus === 'ack' && p.event) return;
    this.pending.delete(tx);
    if (msg.janus === 'error') p.reject(new Error(`${msg.error?.code} ${msg.error?.reason}`));
    else p.resolve(msg);
  }

  request(msg: Record<string, unknown>, event = false): Promise<JanusReply> {
    const transaction = String(++this.nextTx);
    return new Promise((resolve, reject) => {
      this.pending.set(transaction, { resolve, reject, event });
      this.ws.send(JSON.stringify({ ...msg, transaction }));
    });
  }

  async openPair(): Promise<BenchPair> {
    const created = await this.request({ janus: 'create' });
    const sessionId = created.data!.id;
    this.sessions.add(sessionId);
    const attached = await this.request({
      janus: 'attach',
      session_id: sessionId,
      plugin: 'janus.plugin.echotest',
    });
    return new RawWsPair(this, sessionId, attached.data!.id);
  }

  /** Forgets a destroyed session (no more keepalives for it). */
  forget(sessionId: number): void {
    this.sessions.delete(sessionId);
  }

  fullCycle(): Promise<void> {
    return cycleThroughPair(this);
  }

  close(): Promise<void> {
    clearInterval(this.timer);
    return new Promise((resolve) => {
      if (this.ws.readyState === WebSocket.CLOSED) return resolve();
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

class RawWsPair implements BenchPair {
  constructor(
    private readonly client: RawWsClient,
    private readonly sessionId: number,
    private readonly handleId: number,
  ) {}

  async message(body: Body): Promise<void> {
    await this.client.request(
      { janus: 'message', session_id: this.sessionId, handle_id: this.handleId, body },
      true,
    );
  }

  async close(): Promise<void> {
    await this.client.request({ janus: 'detach', session_id: this.sessionId, handle_id: this.handleId });
    await this.client.request({ janus: 'destroy', session_id: this.sessionId });
    this.client.forget(this.sessionId);
  }
}

/** Connects the raw `ws` client. */
export function connectRawWs(url: string): Promise<BenchClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'janus-protocol');
    ws.once('open', () => resolve(new RawWsClient(ws)));
    ws.once('error', reject);
  });
}
