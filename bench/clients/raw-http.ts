/**
 * The HTTP limit: a raw `undici` client, JSON over `POST`s plus one long-poll `GET` per session
 * (`maxev=10`) and a transaction map. A plugin message resolves on the `event` from the long-poll,
 * whenever its `POST` gets its `ack`.
 */
import { Pool } from 'undici';
import type { JanusReply } from './raw-ws.js';
import { type BenchClient, type BenchPair, type Body, cycleThroughPair } from './types.js';

interface Pending {
  resolve(): void;
  reject(err: Error): void;
}

class RawHttpClient implements BenchClient {
  readonly id = 'raw-http' as const;
  readonly keepalive = 'the long-poll (no keepalive requests)';
  private readonly pool: Pool;
  private readonly path: string;
  private readonly events = new Map<string, Pending>();
  private nextTx = 0;
  private readonly polls = new Map<number, AbortController>();

  constructor(url: string) {
    const u = new URL(url);
    this.pool = new Pool(u.origin);
    this.path = u.pathname.replace(/\/$/, '');
  }

  private async post(path: string, msg: Record<string, unknown>): Promise<JanusReply> {
    const res = await this.pool.request({
      method: 'POST',
      path: this.path + path,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(msg),
    });
    const reply = (await res.body.json()) as JanusReply;
    if (reply.janus === 'error') throw new Error(`${reply.error?.code} ${reply.error?.reason}`);
    return reply;
  }

  /** `GET /info`. */
  async info(): Promise<void> {
    const res = await this.pool.request({ method: 'GET', path: `${this.path}/info` });
    await res.body.json();
    if (res.statusCode !== 200) throw new Error(`GET /info: ${res.statusCode}`);
  }

  private tx(): string {
    return String(++this.nextTx);
  }

  private async poll(sessionId: number, ctl: AbortController): Promise<void> {
    while (!ctl.signal.aborted) {
      try {
        const res = await this.pool.request({
          method: 'GET',
          path: `${this.path}/${sessionId}?maxev=10`,
          signal: ctl.signal,
        });
        const got = (await res.body.json()) as JanusReply | JanusReply[];
        for (const msg of Array.isArray(got) ? got : [got]) {
          if (msg.transaction === undefined || msg.janus !== 'event') continue;
          const p = this.events.get(msg.transaction);
          if (!p) continue;
          this.events.delete(msg.transaction);
          p.resolve();
        }
      } catch {
        if (ctl.signal.aborted) return;
      }
    }
  }

  async openPair(): Promise<BenchPair> {
    const created = await this.post('', { janus: 'create', transaction: this.tx() });
    const sid = created.data!.id;
    const ctl = new AbortController();
    this.polls.set(sid, ctl);
    void this.poll(sid, ctl);
    const attached = await this.post(`/${sid}`, {
      janus: 'attach',
      plugin: 'janus.plugin.echotest',
      transaction: this.tx(),
    });
    return new RawHttpPair(this, sid, attached.data!.id);
  }

  /** Sends a plugin message and resolves on its `event` from the long-poll. */
  message(sid: number, hid: number, body: Body): Promise<void> {
    const transaction = this.tx();
    return new Promise<void>((resolve, reject) => {
      this.events.set(transaction, { resolve, reject });
      this.post(`/${sid}/${hid}`, { janus: 'message', body, transaction }).catch((err: Error) => {
        if (this.events.delete(transaction)) reject(err);
      });
    });
  }

  /** detach → destroy, then stops the session's long-poll. */
  async closePair(sid: number, hid: number): Promise<void> {
    await this.post(`/${sid}/${hid}`, { janus: 'detach', transaction: this.tx() });
    await this.post(`/${sid}`, { janus: 'destroy', transaction: this.tx() });
    this.polls.get(sid)?.abort();
    this.polls.delete(sid);
  }

  fullCycle(): Promise<void> {
    return cycleThroughPair(this);
  }

  async close(): Promise<void> {
    for (const ctl of this.polls.values()) ctl.abort();
    this.polls.clear();
    await this.pool.close();
  }
}

class RawHttpPair implements BenchPair {
  constructor(
    private readonly client: RawHttpClient,
    private readonly sid: number,
    private readonly hid: number,
  ) {}

  message(body: Body): Promise<void> {
    return this.client.message(this.sid, this.hid, body);
  }

  close(): Promise<void> {
    return this.client.closePair(this.sid, this.hid);
  }
}

/** "Connects" the raw `undici` client (checks `GET /info`). */
export async function connectRawHttp(url: string): Promise<BenchClient> {
  const client = new RawHttpClient(url);
  await client.info();
  return client;
}
