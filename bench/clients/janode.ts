/**
 * janode 1.8 driver, used as a library and configured as its defaults are (keepalive every 30 s per
 * session, WebSocket ping every 10 s). Its logger is set to `none`: it logs an error and a warning for
 * every `ack` that arrives after its `event`.
 */
import type { BenchClient, BenchPair, Body } from './types.js';

interface JanodeHandle {
  message(body: Body, jsep?: unknown): Promise<unknown>;
  detach(): Promise<void>;
}
interface JanodeSession {
  attach(plugin: unknown): Promise<JanodeHandle>;
  destroy(): Promise<void>;
}
interface JanodeConnection {
  create(kaIntervalS?: number): Promise<JanodeSession>;
  close(): Promise<void>;
}
interface JanodeModule {
  connect(config: Record<string, unknown>): Promise<JanodeConnection>;
  Logger: { setLevel(level: string): string };
}

// janode ships JSDoc only (no .d.ts): import it through non-literal specifiers and type it locally.
const JANODE: string = 'janode';
const ECHOTEST: string = 'janode/plugins/echotest';

let loaded: Promise<{ janode: JanodeModule; echotest: unknown }> | undefined;
function load(): Promise<{ janode: JanodeModule; echotest: unknown }> {
  loaded ??= (async () => {
    const janode = ((await import(JANODE)) as { default: JanodeModule }).default;
    const echotest = ((await import(ECHOTEST)) as { default: unknown }).default;
    janode.Logger.setLevel('none');
    return { janode, echotest };
  })();
  return loaded;
}

class JanodePair implements BenchPair {
  constructor(
    private readonly session: JanodeSession,
    private readonly handle: JanodeHandle,
  ) {}

  async message(body: Body): Promise<void> {
    await this.handle.message(body);
  }

  async close(): Promise<void> {
    await this.handle.detach();
    await this.session.destroy();
  }
}

class JanodeClient implements BenchClient {
  readonly id = 'janode' as const;
  readonly keepalive = '30 s per session (janode default `ka_interval`), plus a WebSocket ping every 10 s';

  constructor(
    private readonly conn: JanodeConnection,
    private readonly echotest: unknown,
  ) {}

  async openPair(): Promise<BenchPair> {
    const session = await this.conn.create();
    return new JanodePair(session, await session.attach(this.echotest));
  }

  async fullCycle(): Promise<void> {
    const session = await this.conn.create();
    const handle = await session.attach(this.echotest);
    await handle.message({ audio: false });
    await handle.detach();
    await session.destroy();
  }

  close(): Promise<void> {
    return this.conn.close();
  }
}

/** Connects janode (one try, no retries). */
export async function connectJanode(url: string): Promise<BenchClient> {
  const { janode, echotest } = await load();
  const conn = await janode.connect({ address: { url }, retry_time_secs: 1, max_retries: 0 });
  return new JanodeClient(conn, echotest);
}
