/**
 * The HTTP limit: a raw client, JSON over `POST`s plus one long-poll `GET` per session (`maxev=10`) and a
 * transaction map. A plugin message resolves on the `event` from the long-poll, whenever its `POST` gets
 * its `ack`. The same client runs on two HTTP stacks, side by side: `undici` (a `Pool`, the limit the
 * ratios are taken to) and `node:http` (an `Agent` with keep-alive, the stack janus-xstate's HTTP transport
 * uses), so the report shows which of the two is faster here.
 */
import { Agent, request as httpRequest } from 'node:http';
import { Pool } from 'undici';
import type { JanusReply } from './raw-ws.js';
import { type BenchClient, type BenchPair, type Body, cycleThroughPair } from './types.js';

/** One HTTP exchange on a keep-alive stack: status and parsed JSON body. */
interface HttpStack {
  exchange(
    method: 'GET' | 'POST',
    path: string,
    body?: string,
    signal?: AbortSignal,
  ): Promise<{ status: number; json: unknown }>;
  close(): Promise<void>;
}

/** undici: one `Pool` for the origin. */
function undiciStack(origin: string): HttpStack {
  const pool = new Pool(origin);
  return {
    async exchange(method, path, body, signal) {
      const res = await pool.request({
        method,
        path,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body }),
        ...(signal ? { signal } : {}),
      });
      return { status: res.statusCode, json: await res.body.json() };
    },
    close: () => pool.close(),
  };
}

/** `node:http`: one keep-alive `Agent`, the body read in chunks and parsed once. */
function nodeHttpStack(origin: string): HttpStack {
  const agent = new Agent({ keepAlive: true });
  return {
    exchange(method, path, body, signal) {
      return new Promise((resolve, reject) => {
        const headers: Record<string, string | number> = {};
        if (body !== undefined) {
          headers['content-type'] = 'application/json';
          headers['content-length'] = Buffer.byteLength(body);
        }
        const req = httpRequest(origin + path, { method, headers, agent, ...(signal ? { signal } : {}) });
        req.on('error', reject);
        req.on('response', (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            try {
              resolve({
                status: res.statusCode ?? 0,
                json: JSON.parse(Buffer.concat(chunks).toString('utf8')),
              });
            } catch (error) {
              reject(error);
            }
          });
        });
        req.end(body);
      });
    },
    close: async () => agent.destroy(),
  };
}

interface Pending {
  resolve(): void;
  reject(err: Error): void;
}

class RawHttpClient implements BenchClient {
  readonly keepalive = 'the long-poll (no keepalive requests)';
  private readonly stack: HttpStack;
  private readonly path: string;
  private readonly events = new Map<string, Pending>();
  private nextTx = 0;
  private readonly polls = new Map<number, AbortController>();

  constructor(
    readonly id: 'raw-http' | 'raw-node-http',
    url: string,
  ) {
    const u = new URL(url);
    this.stack = id === 'raw-http' ? undiciStack(u.origin) : nodeHttpStack(u.origin);
    this.path = u.pathname.replace(/\/$/, '');
  }

  private async post(path: string, msg: Record<string, unknown>): Promise<JanusReply> {
    const { json } = await this.stack.exchange('POST', this.path + path, JSON.stringify(msg));
    const reply = json as JanusReply;
    if (reply.janus === 'error') throw new Error(`${reply.error?.code} ${reply.error?.reason}`);
    return reply;
  }

  /** `GET /info`. */
  async info(): Promise<void> {
    const { status } = await this.stack.exchange('GET', `${this.path}/info`);
    if (status !== 200) throw new Error(`GET /info: ${status}`);
  }

  private tx(): string {
    return String(++this.nextTx);
  }

  private async poll(sessionId: number, ctl: AbortController): Promise<void> {
    while (!ctl.signal.aborted) {
      try {
        const { json } = await this.stack.exchange(
          'GET',
          `${this.path}/${sessionId}?maxev=10`,
          undefined,
          ctl.signal,
        );
        const got = json as JanusReply | JanusReply[];
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
    await this.stack.close();
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
  const client = new RawHttpClient('raw-http', url);
  await client.info();
  return client;
}

/** "Connects" the raw `node:http` keep-alive client (checks `GET /info`). */
export async function connectRawNodeHttp(url: string): Promise<BenchClient> {
  const client = new RawHttpClient('raw-node-http', url);
  await client.info();
  return client;
}
