/**
 * Janus servers for the integration suites: an external one named by environment variables, or a private
 * one started with {@link startJanus}.
 *
 * Environment (all optional; `JANUS_WS_URL` or `JANUS_HTTP_URL` switches to the external server):
 * - `JANUS_WS_URL`: Janus API over WebSocket, e.g. `ws://127.0.0.1:8188`
 * - `JANUS_HTTP_URL`: Janus API over HTTP, e.g. `http://127.0.0.1:8088/janus`
 * - `JANUS_ADMIN_WS_URL`, `JANUS_ADMIN_HTTP_URL`: the admin API
 * - `JANUS_ADMIN_SECRET`, `JANUS_API_SECRET`: secrets of that server
 *
 * @module
 */
import { type JanusServer, type JanusServerOptions, startJanus } from '../../src/testing/index.js';

/** A Janus server for one suite. Reading a URL the server does not have throws, naming the variable. */
export interface TestServer {
  /** Janus API over WebSocket (subprotocol `janus-protocol`). */
  readonly wsUrl: string;
  /** Janus API over HTTP, ending in `/janus`. */
  readonly httpUrl: string;
  /** Admin API over WebSocket (subprotocol `janus-admin-protocol`). */
  readonly adminWsUrl: string;
  /** Admin API over HTTP, ending in `/admin`. */
  readonly adminHttpUrl: string;
  /** The admin secret. */
  readonly adminSecret: string;
  /** The API secret, if the server has one. */
  readonly apiSecret: string | undefined;
  /** Whether this is an external server from the environment (then {@link TestServer.janus} is absent). */
  readonly external: boolean;
  /** The private server, for kill/restart/addToken; `undefined` for an external one. */
  readonly janus: JanusServer | undefined;
  /** Stops the private server; does nothing for an external one. */
  stop(): Promise<void>;
}

/**
 * Returns the server a suite should use. When `JANUS_WS_URL` or `JANUS_HTTP_URL` is set and no option is
 * given (`undefined` or `{}`), returns that external server with a no-op `stop`; otherwise starts a
 * private one with `startJanus(options)` (which needs the `janus` executable).
 */
export async function getTestServer(options?: JanusServerOptions): Promise<TestServer> {
  const env = process.env;
  const noOptions = options === undefined || Object.values(options).every((value) => value === undefined);
  if (noOptions && (env.JANUS_WS_URL || env.JANUS_HTTP_URL)) return externalServer(env);
  const janus = await startJanus(options);
  return {
    wsUrl: janus.wsUrl,
    httpUrl: janus.httpUrl,
    adminWsUrl: janus.adminWsUrl,
    adminHttpUrl: janus.adminHttpUrl,
    adminSecret: janus.adminSecret,
    apiSecret: janus.apiSecret,
    external: false,
    janus,
    stop: () => janus.stop(),
  };
}

function externalServer(env: NodeJS.ProcessEnv): TestServer {
  const required = (name: string): string => {
    const value = env[name];
    if (!value)
      throw new Error(
        `the external Janus server has no ${name} (set it, or unset JANUS_WS_URL/JANUS_HTTP_URL)`,
      );
    return value;
  };
  return {
    get wsUrl() {
      return required('JANUS_WS_URL');
    },
    get httpUrl() {
      return required('JANUS_HTTP_URL');
    },
    get adminWsUrl() {
      return required('JANUS_ADMIN_WS_URL');
    },
    get adminHttpUrl() {
      return required('JANUS_ADMIN_HTTP_URL');
    },
    get adminSecret() {
      return required('JANUS_ADMIN_SECRET');
    },
    apiSecret: env.JANUS_API_SECRET || undefined,
    external: true,
    janus: undefined,
    stop: async () => {},
  };
}
