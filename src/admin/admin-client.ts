/**
 * `connectAdmin()` and {@link JanusAdmin}: a client for Janus's Admin/Monitor API, one method per request
 * the admin handler of Janus 1.1.2 accepts (`janus_process_incoming_admin_request` in `src/janus.c`), over
 * the same wire, transaction table and transports as the Janus API client.
 * @module
 */
import { JanusError } from '../errors.js';
import type { JanusMessage, JanusRequestBody, ServerInfo } from '../protocol/messages.js';
import type { TransportKind } from '../transport/transport.js';
import type { CallOptions } from '../util/abort.js';
import { AdminLink, type AdminLinkState, type AdminOptions } from './admin-connection.js';
import type {
  AcceptNewSessionsReply,
  CaptureOptions,
  GetStatusReply,
  HandleInfoReply,
  ListHandlesReply,
  ListSessionsReply,
  ListTokensReply,
  LoopsInfoReply,
  QueryReply,
  ResolveAddressReply,
  SetLibniceDebugReply,
  SetLockingDebugReply,
  SetLogColorsReply,
  SetLogLevelReply,
  SetLogTimestampsReply,
  SetMinNackQueueReply,
  SetNackOptimizationsReply,
  SetNoMediaTimerReply,
  SetRefcountDebugReply,
  SetSessionTimeoutReply,
  SetSlowlinkThresholdReply,
  TestStunReply,
  TokenPluginsReply,
} from './types.js';

/**
 * Connects to Janus's Admin/Monitor API and resolves once the `info` handshake is done:
 * `ws://host:7188` / `wss://` (subprotocol `janus-admin-protocol`), `http://host:7088/admin` / `https://`,
 * `unix:///path/to/admin-socket` (pfunix with `admin_type = "SOCK_DGRAM"`), or any registered scheme.
 * Rejects with a typed `JanusError` (`TLS`, `TRANSPORT`, `TIMEOUT`, `DISCONNECTED`...) or the signal's reason.
 */
export async function connectAdmin(
  url: string,
  options: AdminOptions & Pick<CallOptions, 'signal'> = {},
): Promise<JanusAdmin> {
  const admin = new JanusAdmin(url, options);
  try {
    await admin.ready({ signal: options.signal, timeoutMs: options.connectTimeoutMs });
    return admin;
  } catch (error) {
    admin.close();
    throw error;
  }
}

/** A client of the Admin/Monitor API. Get one with {@link connectAdmin}. */
export class JanusAdmin {
  readonly #link: AdminLink;
  #serverInfo: ServerInfo | undefined;

  /** Starts opening the link at once; {@link connectAdmin} is the usual way in. */
  constructor(url: string, options: AdminOptions = {}) {
    this.#link = new AdminLink(url, options);
  }

  /** The admin URL. */
  get url(): string {
    return this.#link.url;
  }

  /** The transport's kind (`ws`, `http`, `unix`, or a registered one's). */
  get transportKind(): TransportKind {
    return this.#link.kind;
  }

  /** Where the link is: `connecting`, `open`, `closed` or `disconnected`. */
  get state(): AdminLinkState {
    return this.#link.state;
  }

  /** The `info` reply of the handshake. */
  get serverInfo(): ServerInfo | undefined {
    return this.#serverInfo;
  }

  /** Requests in flight (for diagnostics and leak checks). */
  get pendingRequests(): number {
    return this.#link.wire.table.size;
  }

  /** Resolves once the link is open and `info` answered (within `timeoutMs`, default 10,000 ms). */
  async ready(options: CallOptions = {}): Promise<this> {
    await this.#link.opened(options);
    this.#serverInfo ??= await this.info(options);
    return this;
  }

  /**
   * Sends any admin request as is (plus `transaction` and `admin_secret`) and resolves with the reply; an
   * `error` reply rejects with a typed `JanusError` (403 → `UNAUTHORIZED`, 458 → `SESSION_NOT_FOUND`...).
   */
  request(body: JanusRequestBody, options: CallOptions = {}): Promise<JanusMessage> {
    if (this.#link.state === 'closed') {
      return Promise.reject(
        new JanusError('CLOSED', `cannot send '${body.janus}': the admin client was closed`),
      );
    }
    return this.#link.wire.request({ ...body }, options);
  }

  /** Closes the link; requests in flight reject with `CLOSED`. Safe to call twice. */
  close(): void {
    this.#link.close();
  }

  // ——— Requests without a session (janus.c: `session_id == 0 && handle_id == 0`) ———

  /** `info`: the server's description (no secret needed). */
  async info(options?: CallOptions): Promise<ServerInfo> {
    return (await this.request({ janus: 'info' }, options)) as unknown as ServerInfo;
  }

  /** `ping`: resolves when the server answers `pong` (no secret needed). */
  async ping(options?: CallOptions): Promise<void> {
    await this.request({ janus: 'ping' }, options);
  }

  /** `get_status`: the server's current settings. */
  getStatus(options?: CallOptions): Promise<GetStatusReply> {
    return this.#call({ janus: 'get_status' }, options);
  }

  /**
   * `set_session_timeout`: the global session timeout in seconds (0 = never), or, with `sessionId`, one
   * session's (0 = never, -1 = the global one).
   */
  setSessionTimeout(
    timeout: number,
    options: CallOptions & { sessionId?: number } = {},
  ): Promise<SetSessionTimeoutReply> {
    const { sessionId, ...call } = options;
    const body: JanusRequestBody = { janus: 'set_session_timeout', timeout };
    if (sessionId !== undefined) body.session_id = sessionId;
    return this.#call(body, call);
  }

  /** `set_log_level`: the log level, 0 (none) to 7 (huge). */
  setLogLevel(level: number, options?: CallOptions): Promise<SetLogLevelReply> {
    return this.#call({ janus: 'set_log_level', level }, options);
  }

  /** `set_locking_debug`: log every lock (very verbose). */
  setLockingDebug(debug: boolean, options?: CallOptions): Promise<SetLockingDebugReply> {
    return this.#call({ janus: 'set_locking_debug', debug }, options);
  }

  /** `set_refcount_debug`: log every reference count change (very verbose). */
  setRefcountDebug(debug: boolean, options?: CallOptions): Promise<SetRefcountDebugReply> {
    return this.#call({ janus: 'set_refcount_debug', debug }, options);
  }

  /** `set_log_timestamps`: timestamps on log lines. */
  setLogTimestamps(timestamps: boolean, options?: CallOptions): Promise<SetLogTimestampsReply> {
    return this.#call({ janus: 'set_log_timestamps', timestamps }, options);
  }

  /** `set_log_colors`: colours on log lines. */
  setLogColors(colors: boolean, options?: CallOptions): Promise<SetLogColorsReply> {
    return this.#call({ janus: 'set_log_colors', colors }, options);
  }

  /** `set_libnice_debug`: libnice's own debug output. */
  setLibniceDebug(debug: boolean, options?: CallOptions): Promise<SetLibniceDebugReply> {
    return this.#call({ janus: 'set_libnice_debug', debug }, options);
  }

  /** `set_min_nack_queue`: the minimum NACK queue, ms. */
  setMinNackQueue(minNackQueue: number, options?: CallOptions): Promise<SetMinNackQueueReply> {
    return this.#call({ janus: 'set_min_nack_queue', min_nack_queue: minNackQueue }, options);
  }

  /** `set_nack_optimizations`: whether NACK optimizations are on. */
  setNackOptimizations(enabled: boolean, options?: CallOptions): Promise<SetNackOptimizationsReply> {
    return this.#call({ janus: 'set_nack_optimizations', nack_optimizations: enabled }, options);
  }

  /** `set_no_media_timer`: seconds without media before Janus reports it. */
  setNoMediaTimer(seconds: number, options?: CallOptions): Promise<SetNoMediaTimerReply> {
    return this.#call({ janus: 'set_no_media_timer', no_media_timer: seconds }, options);
  }

  /** `set_slowlink_threshold`: lost packets per second that trigger `slowlink`. */
  setSlowlinkThreshold(threshold: number, options?: CallOptions): Promise<SetSlowlinkThresholdReply> {
    return this.#call({ janus: 'set_slowlink_threshold', slowlink_threshold: threshold }, options);
  }

  /** `accept_new_sessions`: `false` makes `create` fail with 472 (draining a server). */
  acceptNewSessions(accept: boolean, options?: CallOptions): Promise<AcceptNewSessionsReply> {
    return this.#call({ janus: 'accept_new_sessions', accept }, options);
  }

  /** `message_plugin`: a request to a plugin's admin hook, e.g. VideoRoom `{ request: 'list' }`. */
  messagePlugin<TResponse = Record<string, unknown>>(
    plugin: string,
    request?: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<QueryReply<TResponse>> {
    return this.#call(withRequest({ janus: 'message_plugin', plugin }, request), options);
  }

  /** `query_transport`: a request to a transport plugin, e.g. `janus.transport.http`. */
  queryTransport<TResponse = Record<string, unknown>>(
    transport: string,
    request?: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<QueryReply<TResponse>> {
    return this.#call(withRequest({ janus: 'query_transport', transport }, request), options);
  }

  /** `query_eventhandler`: a request to an event handler, e.g. `janus.eventhandler.sampleevh`. */
  queryEventhandler<TResponse = Record<string, unknown>>(
    handler: string,
    request?: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<QueryReply<TResponse>> {
    return this.#call(withRequest({ janus: 'query_eventhandler', handler }, request), options);
  }

  /** `query_logger`: a request to a logger plugin. */
  queryLogger<TResponse = Record<string, unknown>>(
    logger: string,
    request?: Record<string, unknown>,
    options?: CallOptions,
  ): Promise<QueryReply<TResponse>> {
    return this.#call(withRequest({ janus: 'query_logger', logger }, request), options);
  }

  /** `custom_event`: an `external` event (type 4) for the event handlers, with your `schema` and `data`. */
  async customEvent(schema: string, data: Record<string, unknown>, options?: CallOptions): Promise<void> {
    await this.request({ janus: 'custom_event', schema, data }, options);
  }

  /** `custom_logline`: a line in Janus's log at `level` (default 4, info). */
  async customLogline(line: string, options: CallOptions & { level?: number } = {}): Promise<void> {
    const { level, ...call } = options;
    await this.request({ janus: 'custom_logline', line, ...(level === undefined ? {} : { level }) }, call);
  }

  /** `list_sessions`: every session id on the server. */
  listSessions(options?: CallOptions): Promise<ListSessionsReply> {
    return this.#call({ janus: 'list_sessions' }, options);
  }

  /** `add_token`: a token for `token_auth`, for `plugins` (package names) or, without, every plugin. */
  addToken(token: string, plugins?: string[], options?: CallOptions): Promise<TokenPluginsReply> {
    return this.#call({ janus: 'add_token', token, ...(plugins ? { plugins } : {}) }, options);
  }

  /** `list_tokens`: every stored token with its plugins. */
  listTokens(options?: CallOptions): Promise<ListTokensReply> {
    return this.#call({ janus: 'list_tokens' }, options);
  }

  /** `allow_token`: lets an existing token use more plugins (package names, at least one). */
  allowToken(token: string, plugins: string[], options?: CallOptions): Promise<TokenPluginsReply> {
    return this.#call({ janus: 'allow_token', token, plugins }, options);
  }

  /** `disallow_token`: takes plugins (package names, at least one) away from a token. */
  disallowToken(token: string, plugins: string[], options?: CallOptions): Promise<TokenPluginsReply> {
    return this.#call({ janus: 'disallow_token', token, plugins }, options);
  }

  /** `remove_token`: the token no longer authenticates anything. */
  async removeToken(token: string, options?: CallOptions): Promise<void> {
    await this.request({ janus: 'remove_token', token }, options);
  }

  /** `resolve_address`: whether (and how fast) the server resolves a host name. */
  resolveAddress(address: string, options?: CallOptions): Promise<ResolveAddressReply> {
    return this.#call({ janus: 'resolve_address', address }, options);
  }

  /** `test_stun`: asks a STUN server what the server's public address is (`localport` default 0: any). */
  testStun(
    address: string,
    port: number,
    options: CallOptions & { localport?: number } = {},
  ): Promise<TestStunReply> {
    const { localport, ...call } = options;
    return this.#call(
      { janus: 'test_stun', address, port, ...(localport === undefined ? {} : { localport }) },
      call,
    );
  }

  /** `loops_info`: handles per static event loop. */
  loopsInfo(options?: CallOptions): Promise<LoopsInfoReply> {
    return this.#call({ janus: 'loops_info' }, options);
  }

  // ——— Requests about a session ———

  /** `list_handles`: the handle ids of a session. */
  listHandles(sessionId: number, options?: CallOptions): Promise<ListHandlesReply> {
    return this.#call({ janus: 'list_handles', session_id: sessionId }, options);
  }

  /** `destroy_session`: ends a session (its client sees it gone: 458 on its next request). */
  async destroySession(sessionId: number, options?: CallOptions): Promise<void> {
    await this.request({ janus: 'destroy_session', session_id: sessionId }, options);
  }

  // ——— Requests about a handle ———

  /** `handle_info`: everything Janus knows about a handle (ICE, DTLS, media, plugin); `pluginOnly` trims it. */
  handleInfo(
    sessionId: number,
    handleId: number,
    options: CallOptions & { pluginOnly?: boolean } = {},
  ): Promise<HandleInfoReply> {
    const { pluginOnly, ...call } = options;
    return this.#call(
      {
        janus: 'handle_info',
        session_id: sessionId,
        handle_id: handleId,
        ...(pluginOnly === undefined ? {} : { plugin_only: pluginOnly }),
      },
      call,
    );
  }

  /** `detach_handle`: detaches a handle from its plugin. */
  async detachHandle(sessionId: number, handleId: number, options?: CallOptions): Promise<void> {
    await this.request({ janus: 'detach_handle', session_id: sessionId, handle_id: handleId }, options);
  }

  /** `hangup_webrtc`: closes a handle's PeerConnection (its client gets `hangup`, reason `Admin API`). */
  async hangupWebrtc(sessionId: number, handleId: number, options?: CallOptions): Promise<void> {
    await this.request({ janus: 'hangup_webrtc', session_id: sessionId, handle_id: handleId }, options);
  }

  /** `start_pcap`: dumps the handle's RTP/RTCP (decrypted) to a pcap file the server writes. */
  async startPcap(
    sessionId: number,
    handleId: number,
    capture: CaptureOptions = {},
    options?: CallOptions,
  ): Promise<void> {
    await this.request(
      { janus: 'start_pcap', session_id: sessionId, handle_id: handleId, ...capture },
      options,
    );
  }

  /** `stop_pcap`: ends the pcap capture. */
  async stopPcap(sessionId: number, handleId: number, options?: CallOptions): Promise<void> {
    await this.request({ janus: 'stop_pcap', session_id: sessionId, handle_id: handleId }, options);
  }

  /** `start_text2pcap`: like `start_pcap`, as text for `text2pcap`. */
  async startText2pcap(
    sessionId: number,
    handleId: number,
    capture: CaptureOptions = {},
    options?: CallOptions,
  ): Promise<void> {
    await this.request(
      { janus: 'start_text2pcap', session_id: sessionId, handle_id: handleId, ...capture },
      options,
    );
  }

  /** `stop_text2pcap`: ends the text2pcap capture. */
  async stopText2pcap(sessionId: number, handleId: number, options?: CallOptions): Promise<void> {
    await this.request({ janus: 'stop_text2pcap', session_id: sessionId, handle_id: handleId }, options);
  }

  /** Sends `body` and returns the reply without `janus` and `transaction`. */
  async #call<T>(body: JanusRequestBody, options: CallOptions | undefined): Promise<T> {
    const { janus: _janus, transaction: _transaction, ...reply } = await this.request(body, options);
    return reply as T;
  }
}

function withRequest(body: JanusRequestBody, request: Record<string, unknown> | undefined): JanusRequestBody {
  return request === undefined ? body : { ...body, request };
}
