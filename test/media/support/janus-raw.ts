/**
 * A deliberately tiny raw-`ws` Janus API client for the media prototype and tests: independent of
 * the library under construction, so media measurements do not depend on it. Replies are matched
 * by transaction in either order (`ack` before or after the plugin `event`).
 */
import WebSocket from 'ws';

/** One Janus API message. */
export type JanusMessage = Record<string, unknown> & {
  janus: string;
  transaction?: string;
  session_id?: number;
  sender?: number;
  jsep?: { type: 'offer' | 'answer'; sdp: string };
  plugindata?: { plugin: string; data: Record<string, unknown> };
  data?: { id: number };
};

let nextId = 0;

/** A connected raw client. */
export class RawJanus {
  private readonly pending = new Map<string, (message: JanusMessage) => void>();
  private readonly waiters = new Set<{
    match: (m: JanusMessage) => boolean;
    resolve: (m: JanusMessage) => void;
  }>();
  /** Every message without a pending transaction (events such as `webrtcup`, `media`, `hangup`). */
  readonly events: JanusMessage[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as JanusMessage;
      const resolve = message.transaction ? this.pending.get(message.transaction) : undefined;
      if (resolve && message.janus !== 'ack') {
        this.pending.delete(message.transaction as string);
        resolve(message);
        return;
      }
      if (message.janus === 'ack') return;
      this.events.push(message);
      for (const waiter of this.waiters) {
        if (waiter.match(message)) {
          this.waiters.delete(waiter);
          waiter.resolve(message);
        }
      }
    });
  }

  /** Opens a WebSocket to `url` with the `janus-protocol` subprotocol. */
  static connect(url: string): Promise<RawJanus> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, 'janus-protocol');
      ws.once('open', () => resolve(new RawJanus(ws)));
      ws.once('error', reject);
    });
  }

  /** Sends a request and resolves with its first reply that is not an `ack`. */
  request(body: Record<string, unknown>, timeoutMs = 5000): Promise<JanusMessage> {
    const transaction = `raw-${++nextId}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(transaction);
        reject(new Error(`no reply to ${String(body.janus)} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(transaction, (message) => {
        clearTimeout(timer);
        if (message.janus === 'error') reject(new Error(`Janus error: ${JSON.stringify(message.error)}`));
        else resolve(message);
      });
      this.ws.send(JSON.stringify({ ...body, transaction }));
    });
  }

  /** Sends a request without waiting for any reply (e.g. `trickle`). */
  send(body: Record<string, unknown>): void {
    this.ws.send(JSON.stringify({ ...body, transaction: `raw-${++nextId}` }));
  }

  /** Resolves with the first event (already received or future) that matches. */
  waitFor(match: (message: JanusMessage) => boolean, timeoutMs = 5000): Promise<JanusMessage> {
    const seen = this.events.find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (message: JanusMessage) => {
          clearTimeout(timer);
          resolve(message);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no matching event within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  /** `create`, then `attach` to `plugin`; returns both ids. */
  async attach(plugin: string): Promise<{ sessionId: number; handleId: number }> {
    const created = await this.request({ janus: 'create' });
    const sessionId = created.data?.id as number;
    const attached = await this.request({ janus: 'attach', session_id: sessionId, plugin });
    return { sessionId, handleId: attached.data?.id as number };
  }

  /** Closes the WebSocket (Janus then destroys the session) and waits for the close. */
  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}
