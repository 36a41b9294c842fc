/**
 * Public types of the private-Janus launcher.
 *
 * @module
 */
import type { Readable } from 'node:stream';

/** A scalar setting for the `extra*` escape hatches of {@link JanusServerOptions}. */
export type JanusSettingValue = string | number | boolean;

/** The four TCP ports of a private Janus server. */
export interface JanusPorts {
  /** Janus API over HTTP (`base_path` `/janus`). */
  http: number;
  /** Janus API over WebSocket (subprotocol `janus-protocol`). */
  ws: number;
  /** Admin API over HTTP (`admin_base_path` `/admin`). */
  adminHttp: number;
  /** Admin API over WebSocket (subprotocol `janus-admin-protocol`). */
  adminWs: number;
}

/** Options of {@link startJanus}. Every option is optional. */
export interface JanusServerOptions {
  /** `api_secret` every Janus API request must carry. Default: none. */
  apiSecret?: string;
  /** `token_auth = true`; add tokens with {@link JanusServer.addToken}. Default: `false`. */
  tokenAuth?: boolean;
  /** `admin_secret` of the admin API (always set). Default: a random 24-hex-digit string. */
  adminSecret?: string;
  /** `session_timeout` in seconds (0 = never). Default: `60`. */
  sessionTimeoutS?: number;
  /** `reclaim_session_timeout` in seconds. Default: `0`. */
  reclaimSessionTimeoutS?: number;
  /**
   * Short names of the plugins to enable (`echotest` for `libjanus_echotest.so`); all others are disabled.
   * Default: `echotest, videoroom, textroom, videocall, audiobridge, streaming, recordplay, nosip, sip`.
   */
  plugins?: string[];
  /**
   * Give VideoRoom, TextRoom and AudioBridge the demo room `1234` (secret `'adminpwd'`) that Janus's stock
   * configs define, for code written against the stock demos. Default: `false`: a private server starts
   * with no rooms at all, so `create({ room: 1234 })` works and every room has the secret you gave it.
   */
  demoRooms?: boolean;
  /** Fixed ports, e.g. to start a second server on the ports of a first one. Default: free loopback ports. */
  ports?: Partial<JanusPorts>;
  /** Address every transport binds to (and the URLs point at). Default: `'127.0.0.1'`. */
  bindIp?: string;
  /** `rtp_port_range` (core and plugins), `'MIN-MAX'`. Default: a distinct 500-port range per server. */
  rtpPortRange?: string;
  /** Janus log level, 0-7 (`-d`). Default: `3` (warnings and errors). */
  debugLevel?: number;
  /** The Janus executable, a name looked up in `PATH` or a path. Default: `'janus'`. */
  janusBinary?: string;
  /**
   * Where the Janus log goes: `'ignore'`, `'inherit'` (this process's stdout/stderr) or `'pipe'`
   * ({@link JanusServer.stdout}/{@link JanusServer.stderr}). Default: the file {@link JanusServer.logFile}.
   */
  stdio?: 'ignore' | 'inherit' | 'pipe';
  /** How long start (and restart) may take before failing, in ms. Default: `10000`. */
  startTimeoutMs?: number;
  /** Extra or overriding settings of `general` in `janus.jcfg`. Default: none. */
  extraGeneral?: Record<string, JanusSettingValue>;
  /** Extra or overriding settings of `media` in `janus.jcfg` (e.g. `dtls_timeout`). Default: none. */
  extraMedia?: Record<string, JanusSettingValue>;
  /** Extra or overriding settings of `nat` (e.g. `ice_enforce_list`, `nat_1_1_mapping`). Default: none. */
  extraNat?: Record<string, JanusSettingValue>;
  /**
   * Extra or replacement files for the config folder, by file name (e.g. a `janus.plugin.streaming.jcfg`
   * with mountpoints); `{configDir}` in a text is replaced by the config folder. Default: none.
   */
  extraFiles?: Record<string, string>;
}

/** A private Janus server started by {@link startJanus}. */
export interface JanusServer {
  /** Janus API over WebSocket, e.g. `ws://127.0.0.1:PORT` (subprotocol `janus-protocol`). */
  readonly wsUrl: string;
  /** Janus API over HTTP, e.g. `http://127.0.0.1:PORT/janus`. */
  readonly httpUrl: string;
  /** Admin API over WebSocket, e.g. `ws://127.0.0.1:PORT` (subprotocol `janus-admin-protocol`). */
  readonly adminWsUrl: string;
  /** Admin API over HTTP, e.g. `http://127.0.0.1:PORT/admin`. */
  readonly adminHttpUrl: string;
  /** The `admin_secret` (given or generated). */
  readonly adminSecret: string;
  /** The `api_secret`, if one was given. */
  readonly apiSecret?: string;
  /** The four ports, the same across {@link JanusServer.restart}. */
  readonly ports: Readonly<JanusPorts>;
  /** Process id of the current (or last) Janus process. */
  readonly pid: number;
  /** The temporary config folder (removed by {@link JanusServer.stop}). */
  readonly configDir: string;
  /** The log file inside {@link JanusServer.configDir}, when `stdio` was not given. */
  readonly logFile?: string;
  /** Janus's stdout (the log) when `stdio` is `'pipe'`, kept across restarts; else `null`. */
  readonly stdout: Readable | null;
  /** Janus's stderr when `stdio` is `'pipe'`, kept across restarts; else `null`. */
  readonly stderr: Readable | null;
  /** Whether the Janus process is running. */
  readonly running: boolean;
  /**
   * Adds a token with the admin API `add_token` over admin HTTP (for `tokenAuth`). `plugins` are short
   * names (`echotest`) or package names (`janus.plugin.echotest`). Default: access to every plugin.
   */
  addToken(token: string, plugins?: string[]): Promise<void>;
  /**
   * Sends one admin API request over admin HTTP (`transaction` and `admin_secret` are added) and returns
   * the reply, e.g. `{ janus: 'list_sessions' }`. Rejects on a transport failure, not on a Janus error.
   */
  adminRequest(request: Record<string, unknown>, path?: string): Promise<Record<string, unknown>>;
  /** SIGTERM (SIGKILL after 2 s), waits for the exit, removes the config folder. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Sends `signal` (default `SIGKILL`) without any cleanup, e.g. to test a crash, and waits for the exit
   * (except for `SIGSTOP`/`SIGCONT`-like signals that do not end a process).
   */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** Starts Janus again on the same ports and config, after kill or stop (stops it first if running). */
  restart(): Promise<void>;
}
