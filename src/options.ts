/**
 * Options of `connect()`, with their defaults.
 * @module
 */
import type { InspectionEvent, Observer } from 'xstate';
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
   * Interval of the keepalive check of each session: a keepalive goes out when the session sent nothing
   * during half of it. Defaults to a third of the server's `session-timeout` (20 s for 60 s); `false` or `0`
   * turns keepalive off (the server will then time the session out).
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
}
