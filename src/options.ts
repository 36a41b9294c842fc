/**
 * Options of `connect()`, with their defaults.
 * @module
 */
import type { InspectionEvent, Observer } from 'xstate';
import type { JanusSnapshot } from './client/snapshot.js';
import type { PluginDescriptor } from './janus-session.js';
import type { ReconnectPolicy } from './reconnect/policy.js';
import type { TransportOption } from './transport/registry.js';
import type { TlsOptions } from './transport/tls.js';
import type { JanusLogger } from './util/logger.js';

/** Default for {@link ConnectOptions.requestTimeoutMs}. */
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
/** Default for {@link ConnectOptions.connectTimeoutMs}. */
export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000;
/** Default for {@link ConnectOptions.closeTimeoutMs}. */
export const DEFAULT_CLOSE_TIMEOUT_MS = 2_000;

/** An inspector for the root actor: an observer or a function of XState inspection events. */
export type InspectOption = Observer<InspectionEvent> | ((event: InspectionEvent) => void);

/** Options of `connect()`. */
export interface ConnectOptions {
  /** The server's `api_secret`, sent with every request; never logged. Defaults to none. */
  apiSecret?: string;
  /** A token for servers with `token_auth`, sent with every request; never logged. Defaults to none. */
  token?: string;
  /** How long a request waits for its reply before rejecting with `TIMEOUT`. Defaults to 10,000 ms. */
  requestTimeoutMs?: number;
  /** How long opening the transport and the `info` handshake may take. Defaults to 10,000 ms. */
  connectTimeoutMs?: number;
  /**
   * How long a session may send nothing before its `keepalive` goes out. One scheduler per connection
   * checks every session each tick (a quarter of this value, or a twelfth of the server's `session-timeout`,
   * at most 5 s). Defaults to 0.45 of the server's `session-timeout` (27 s for 60 s); `false` or `0` turns
   * keepalive off (the server will then time the session out).
   */
  keepaliveMs?: number | false;
  /** How long `close()` may spend destroying live sessions before it drops the transport. Defaults to 2,000 ms. */
  closeTimeoutMs?: number;
  /**
   * An XState inspector for the root actor, so every session and handle actor is seen, e.g.
   * `createSkyInspector().inspect` or `createWebSocketInspector().inspect` from `@statelyai/inspect`, or any
   * function of inspection events. Defaults to none.
   */
  inspect?: InspectOption;
  /** Where diagnostics go; secrets are removed first. Defaults to nowhere. */
  logger?: JanusLogger;
  /**
   * What to do when the link to the server is lost after the connection opened (a socket closed, an HTTP
   * request or long-poll failed to reach the server, or a keepalive timed out):
   * - a {@link ReconnectPolicy} (`{ nextDelayMs({ attempt, elapsedMs, lastError }) => number | null }`):
   *   the connection goes `reconnecting`, waits the delay the policy returns, opens a new transport (on
   *   the next URL given to `connect()` when the current one cannot be reached), redoes the `info`
   *   handshake, `claim`s every live session on the new transport so its handles keep their ids and events,
   *   and is `open` again; `null` gives up (the connection ends `disconnected`);
   * - `true` or absent: the default policy, `exponentialBackoff()`: first attempt at once, then 250 ms
   *   doubling up to 5 s, minus up to 30 % jitter, giving up after 60 s of outage;
   * - `false`: no reconnection, the connection ends `disconnected`.
   *
   * Requests during an outage: requests in flight when the link goes reject with `DISCONNECTED` (they may
   * or may not have reached the server); requests made during the outage wait in a queue, each under its
   * own `timeoutMs` (rejecting with `TIMEOUT` when it runs out) and go out once the sessions are claimed;
   * when reconnect is off or the policy gives up they reject with `DISCONNECTED`. Nothing waits forever.
   *
   * Sessions keep their server-side state only if the server has `reclaim_session_timeout` > 0 (over
   * WebSocket) and did not restart; otherwise the claim fails with 458 and the session is lost (see
   * {@link ConnectOptions.recreate}).
   */
  reconnect?: ReconnectPolicy | boolean;
  /**
   * When the server no longer knows a session (the claim after a reconnection, a keepalive or a long-poll
   * answers 458), create a new session and re-attach its handles (same plugin, same opaque id) instead of
   * ending it. The `JanusSession` and `PluginHandle` objects keep working (requests are routed to the new
   * ids); the session emits `recreated` with the old → new ids, and the application must renegotiate any
   * PeerConnection and rejoin any room on those handles: the plugin state is gone. Defaults to `false`
   * (the session ends `lost`, and emits `lost`).
   */
  recreate?: boolean;
  /**
   * TLS settings for `wss://` and `https://` URLs: `ca` to trust a private CA, a client certificate, or
   * `rejectUnauthorized: false` (only when you ask for it). A certificate that does not check out makes
   * `connect` reject with a `TLS` error. Defaults to Node's trust store with certificates checked.
   */
  tls?: TlsOptions;
  /**
   * The transport to use instead of the registry's entry for the URL's scheme: a factory, or
   * `{ kind, create }` (see `registerTransport` for the contract). Defaults to the registry
   * (`ws`, `wss`, `http`, `https`, `unix`, and any registered).
   */
  transport?: TransportOption;
  /**
   * Sessions to take over from a {@link JanusSnapshot} that `janus.snapshot()` wrote, typically in another
   * process that has since ended. Once the connection is open the client `claim`s each session (the server
   * keeps a session whose transport went away for its `reclaim_session_timeout`, over HTTP until its
   * `session_timeout`), rebuilds its handles with their ids, and only then resolves `connect()`: the
   * handles answer requests and receive their events (find them in `janus.sessions` and
   * `session.handles`, or typed with `session.handle(id, VideoRoom)`). A refused claim follows the
   * reconnect rules: the session is lost, or re-created with its handles re-attached when `recreate` is
   * on; `janus.restored` says which. PeerConnections are not restored (renegotiate). The secrets are not
   * in the snapshot: pass `apiSecret`/`token` again. A malformed snapshot throws `INVALID_ARGUMENT`.
   * Defaults to none (a fresh client).
   */
  restore?: JanusSnapshot;
  /**
   * The typed plugins a restore builds handles with, matched by plugin package (e.g. `VideoRoom` for
   * `janus.plugin.videoroom`); a handle whose plugin is not listed is restored as a generic
   * `PluginHandle`. With `connect()` defaults to every built-in typed plugin (`builtInPlugins`); with
   * `new JanusClient()` to none.
   */
  plugins?: readonly PluginDescriptor[];
}
