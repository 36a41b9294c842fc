/**
 * janus-xstate driver, over WebSocket or HTTP, through the public API of `src/index.ts` only, with every
 * option at its default (keepalive derived from the server's session timeout).
 *
 * It runs janus-xstate compiled to JavaScript (see `bench/lib/build.ts`), as `npm run build` ships it, not
 * the TypeScript through tsx: `JANUS_XSTATE_ENTRY` names the compiled entry (the runner builds it once and
 * its memory children inherit it); `JANUS_XSTATE_ENTRY=source` runs `src/index.ts` through tsx instead.
 * The library is loaded with a dynamic `import()` so that a broken work-in-progress `src/` fails only the
 * janus-xstate columns.
 */
import type { JanusClient, JanusSession, PluginHandle } from '../../src/index.js';
import { buildJanusXstate } from '../lib/build.js';
import type { BenchClient, BenchPair, Body, ClientId } from './types.js';

type Api = typeof import('../../src/index.js');

/** Which janus-xstate the bench runs: the compiled entry's URL, or `source`. Builds it when unset. */
export function janusXstateEntry(): string {
  process.env.JANUS_XSTATE_ENTRY ??= buildJanusXstate();
  return process.env.JANUS_XSTATE_ENTRY;
}

let api: Promise<Api> | undefined;
/** Loads janus-xstate's public API (compiled, or the source with `JANUS_XSTATE_ENTRY=source`). */
export function janusXstateApi(): Promise<Api> {
  const entry = janusXstateEntry();
  api ??= entry === 'source' ? import('../../src/index.js') : (import(entry) as Promise<Api>);
  return api;
}

class JanusXstatePair implements BenchPair {
  constructor(
    private readonly session: JanusSession,
    private readonly handle: PluginHandle,
  ) {}

  async message(body: Body): Promise<void> {
    await this.handle.message(body);
  }

  async close(): Promise<void> {
    await this.handle.detach();
    await this.session.destroy();
  }
}

class JanusXstateClient implements BenchClient {
  readonly keepalive: string;

  constructor(
    readonly id: ClientId,
    private readonly janus: JanusClient,
  ) {
    this.keepalive =
      'default: 27 s per idle session (0.45 of the 60 s session timeout), one scheduler per connection';
  }

  async openPair(): Promise<BenchPair> {
    const session = await this.janus.createSession();
    return new JanusXstatePair(session, await session.attach('janus.plugin.echotest'));
  }

  async fullCycle(): Promise<void> {
    const session = await this.janus.createSession();
    const handle = await session.attach('janus.plugin.echotest');
    await handle.message({ audio: false });
    await handle.detach();
    await session.destroy();
  }

  close(): Promise<void> {
    return this.janus.close();
  }
}

/** Connects janus-xstate to a `ws://` or `http://` URL with default options. */
export async function connectJanusXstate(url: string): Promise<BenchClient> {
  const { connect } = await janusXstateApi();
  const janus = await connect(url);
  return new JanusXstateClient(url.startsWith('http') ? 'janus-xstate-http' : 'janus-xstate-ws', janus);
}
