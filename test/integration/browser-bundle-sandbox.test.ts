/**
 * The browser bundle runs where there is no Node: its code (the same graph as `dist/browser/janus-xstate.js`,
 * packaged as a script) is evaluated in a `vm` context that has only web-platform globals (`WebSocket`,
 * `fetch`, timers, `URL`, `AbortController`, `TextDecoder`...; the `ws` package's constructor stands in for
 * the browser's `WebSocket`) and no `process`, `Buffer`, `setImmediate` or `require`. In it, the client
 * talks to the real Janus over both transports, and an `inspect` callback sees the connection → session →
 * handle tree.
 * @module
 */
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { buildBrowserBundle } from '../../scripts/browser-bundle.js';
import { getTestServer, type TestServer } from '../harness/servers.js';

let server: TestServer;
let code: string;

beforeAll(async () => {
  server = await getTestServer({ plugins: ['echotest', 'videoroom'] });
  const bundle = await buildBrowserBundle({ write: false, format: 'iife' });
  code = new TextDecoder().decode(bundle.code);
});

afterAll(async () => {
  await server?.stop();
});

/** A context with the globals a browser page has (and that the client uses), nothing from Node. */
function browserLikeContext(): vm.Context {
  const sandbox: Record<string, unknown> = {
    console,
    // Browser timers are numbers (no `unref`, no `ref`): Node's, turned into their ids.
    setTimeout: (callback: () => void, ms?: number) => Number(setTimeout(callback, ms)),
    clearTimeout: (id?: number) => clearTimeout(id),
    setInterval: (callback: () => void, ms?: number) => Number(setInterval(callback, ms)),
    clearInterval: (id?: number) => clearInterval(id),
    queueMicrotask,
    structuredClone,
    URL,
    URLSearchParams,
    AbortController,
    AbortSignal,
    Event,
    EventTarget,
    DOMException,
    TextEncoder,
    TextDecoder,
    // A browser's fetch throws 'Illegal invocation' when called on another object than the window.
    fetch(this: unknown, input: string, init?: RequestInit) {
      if (this !== undefined && this !== sandbox) throw new TypeError('Illegal invocation');
      return fetch(input, init);
    },
    Request,
    Response,
    Headers,
    WebSocket,
    performance,
    crypto: globalThis.crypto,
  };
  sandbox.globalThis = sandbox;
  sandbox.self = sandbox;
  return vm.createContext(sandbox);
}

/** Runs `body` (the source of an async function of the bundle's exports) in the context. */
async function runInPage<T>(context: vm.Context, body: string, args: Record<string, unknown>): Promise<T> {
  context.args = args;
  vm.runInContext(code, context, { filename: 'janus-xstate.js' });
  return (await vm.runInContext(`(async (J, args) => { ${body} })(JanusXState, args)`, context)) as T;
}

describe('the browser bundle in a context without Node', () => {
  it('has no Node globals to lean on, and browser-like timers', async () => {
    const context = browserLikeContext();
    const globals = await runInPage<{ present: string[]; timer: string }>(
      context,
      `const present = ['process', 'Buffer', 'setImmediate', 'require', 'module', 'global', '__dirname']
         .filter((name) => typeof globalThis[name] !== 'undefined');
       const id = setTimeout(() => {}, 1);
       clearTimeout(id);
       return { present, timer: typeof id };`,
      {},
    );
    expect(globals).toEqual({ present: [], timer: 'number' });
  });

  it.each([
    ['ws', true],
    ['http', true],
    ['ws', false],
    ['http', false],
  ] as const)(
    'talks to the real Janus over %s (inspect: %s): session, EchoTest, VideoRoom, close',
    async (kind, inspected) => {
      const context = browserLikeContext();
      const url = kind === 'ws' ? server.wsUrl : server.httpUrl;
      const result = await runInPage<{
        transport: string;
        echo: unknown;
        rooms: unknown;
        actors: string[];
        tree: boolean;
        stateAfterClose: string;
      }>(
        context,
        `const actors = [];
       const parents = new Map();
       const inspect = (event) => {
         if (event.type !== '@xstate.actor') return;
         const id = event.actorRef.logic?.id ?? event.actorRef.id;
         actors.push(id);
         parents.set(event.actorRef.sessionId, { id, parent: event.actorRef._parent?.sessionId });
       };
       const janus = await J.connect(args.url, args.inspected ? { inspect } : {});
       // Idle actors are parked by a timer sweep when nothing inspects them: give it time to run.
       await new Promise((resolve) => setTimeout(resolve, 150));
       const session = await janus.createSession();
       const echo = await session.attach(J.EchoTest);
       const reply = await echo.configure({ audio: false });
       await new Promise((resolve) => setTimeout(resolve, 150));
       const room = await session.attach(J.VideoRoom);
       const list = await room.list();
       const idOf = (sessionId) => parents.get(sessionId)?.id;
       const tree = [...parents.values()].some((entry) => entry.id === 'handle' && idOf(entry.parent) === 'session' &&
         idOf(parents.get(entry.parent).parent) === 'connection');
       const transport = janus.transportKind;
       await janus.close();
       return { transport, echo: reply.data, rooms: Array.isArray(list.list), actors, tree, stateAfterClose: janus.state };`,
        { url, inspected },
      );
      expect(result.transport).toBe(kind);
      expect(result.echo).toMatchObject({ echotest: 'event', result: 'ok' });
      expect(result.rooms).toBe(true);
      if (inspected) {
        expect(result.actors).toEqual(expect.arrayContaining(['connection', 'session', 'handle']));
        expect(result.tree).toBe(true);
      } else {
        expect(result.actors).toEqual([]);
      }
      expect(result.stateAfterClose).toBe('closed');
    },
  );
});
