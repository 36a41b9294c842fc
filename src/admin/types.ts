/**
 * The Admin/Monitor API of Janus 1.1.2 (`janus_process_incoming_admin_request` in `src/janus.c`): what
 * each request takes and what its `success` reply carries, with Janus's own field names. Replies are given
 * without `janus` and `transaction`.
 * @module
 */

/** `get_status`: the server's current settings. */
export interface AdminStatus {
  /** Whether token auth is on. */
  token_auth: boolean;
  /** Global `session_timeout`, seconds. */
  session_timeout: number;
  /** `reclaim_session_timeout`, seconds. */
  reclaim_session_timeout: number;
  /** `candidates_timeout`, seconds. */
  candidates_timeout: number;
  /** Log level, 0-7. */
  log_level: number;
  /** Whether log lines carry timestamps. */
  log_timestamps: boolean;
  /** Whether log lines are coloured. */
  log_colors: boolean;
  /** Whether lock debugging is on. */
  locking_debug: boolean;
  /** Whether reference-count debugging is on. */
  refcount_debug: boolean;
  /** Whether libnice debugging is on. */
  libnice_debug: boolean;
  /** Minimum NACK queue, ms. */
  min_nack_queue: number;
  /** Whether NACK optimizations are on. */
  'nack-optimizations': boolean;
  /** No-media timer, seconds. */
  no_media_timer: number;
  /** Slowlink threshold, lost packets per second. */
  slowlink_threshold: number;
}

/** `get_status` reply. */
export interface GetStatusReply {
  /** The settings. */
  status: AdminStatus;
}

/** `set_session_timeout` reply (global, or for one session when `session_id` is present). */
export interface SetSessionTimeoutReply {
  /** The timeout now in force, seconds (for a session: 0 never, -1 the global one). */
  timeout: number;
  /** The session, when the request named one. */
  session_id?: number;
}

/** `set_log_level` reply. */
export interface SetLogLevelReply {
  /** The log level now in force. */
  level: number;
}
/** `set_locking_debug` reply. */
export interface SetLockingDebugReply {
  /** Whether lock debugging is now on. */
  locking_debug: boolean;
}
/** `set_refcount_debug` reply. */
export interface SetRefcountDebugReply {
  /** Whether reference-count debugging is now on. */
  refcount_debug: boolean;
}
/** `set_log_timestamps` reply. */
export interface SetLogTimestampsReply {
  /** Whether timestamps are now on. */
  log_timestamps: boolean;
}
/** `set_log_colors` reply. */
export interface SetLogColorsReply {
  /** Whether colours are now on. */
  log_colors: boolean;
}
/** `set_libnice_debug` reply. */
export interface SetLibniceDebugReply {
  /** Whether libnice debugging is now on. */
  libnice_debug: boolean;
}
/** `set_min_nack_queue` reply. */
export interface SetMinNackQueueReply {
  /** The minimum NACK queue now in force, ms. */
  min_nack_queue: number;
}
/** `set_nack_optimizations` reply. */
export interface SetNackOptimizationsReply {
  /** Whether NACK optimizations are now on. */
  'nack-optimizations': boolean;
}
/** `set_no_media_timer` reply. */
export interface SetNoMediaTimerReply {
  /** The no-media timer now in force, seconds. */
  no_media_timer: number;
}
/** `set_slowlink_threshold` reply. */
export interface SetSlowlinkThresholdReply {
  /** The threshold now in force. */
  slowlink_threshold: number;
}
/** `accept_new_sessions` reply. */
export interface AcceptNewSessionsReply {
  /** Whether new sessions are now accepted. */
  accept: boolean;
}

/** `message_plugin`, `query_transport`, `query_eventhandler`, `query_logger` reply. */
export interface QueryReply<TResponse = Record<string, unknown>> {
  /** What the plugin, transport, event handler or logger answered (`{}` when it answered nothing). */
  response: TResponse;
}

/** `list_sessions` reply. */
export interface ListSessionsReply {
  /** Ids of every session on the server. */
  sessions: number[];
}

/** `add_token`, `allow_token`, `disallow_token` reply. */
export interface TokenPluginsReply {
  /** `data.plugins`: the package names of the plugins the token may now use. */
  data: { plugins: string[] };
}

/** One entry of `list_tokens`. */
export interface StoredToken {
  /** The token. */
  token: string;
  /** Package names of the plugins it may use. */
  allowed_plugins: string[];
}

/** `list_tokens` reply. */
export interface ListTokensReply {
  /** `data.tokens`: every stored token with its plugins. */
  data: { tokens: StoredToken[] };
}

/** `resolve_address` reply. */
export interface ResolveAddressReply {
  /** The address it resolved to. */
  ip: string;
  /** How long resolving took, µs. */
  elapsed: number;
}

/** `test_stun` reply. */
export interface TestStunReply {
  /** The public address the STUN server saw. */
  public_ip: string;
  /** The public port the STUN server saw. */
  public_port: number;
  /** How long the test took, µs. */
  elapsed: number;
}

/** One static event loop in `loops_info`. */
export interface EventLoopInfo {
  /** Loop index. */
  id: number;
  /** Handles it serves. */
  handles: number;
}

/** `loops_info` reply. */
export interface LoopsInfoReply {
  /** One entry per static event loop (`[]` without `event_loops`). */
  loops: EventLoopInfo[];
}

/** `list_handles` reply. */
export interface ListHandlesReply {
  /** The session. */
  session_id: number;
  /** Ids of its handles. */
  handles: number[];
}

/** The ICE part of `handle_info`'s `webrtc`. */
export interface HandleIceInfo {
  /** Stream id. */
  stream_id: number;
  /** Component id. */
  component_id: number;
  /** ICE state: `disconnected`, `gathering`, `connecting`, `connected`, `ready`, `failed`. */
  state: string;
  /** When gathering ended (monotonic µs). */
  gathered?: number;
  /** When ICE connected (monotonic µs). */
  connected?: number;
  /** Janus's candidates. */
  'local-candidates'?: string[];
  /** The peer's candidates. */
  'remote-candidates'?: string[];
  /** The pair in use, e.g. `10.200.0.1:40000 [host,udp] <-> 10.200.0.1:50000 [host,udp]`. */
  'selected-pair'?: string;
  /** Candidates done. */
  ready: number;
  /** When an ICE failure was detected. */
  'failed-detected'?: number;
  /** Whether the ICE failure timer runs. */
  'icetimer-started'?: boolean;
}

/** Packets and bytes one way. */
export interface PacketCounts {
  /** Packets. */
  packets: number;
  /** Bytes. */
  bytes: number;
  /** Bytes in the last second (media only). */
  bytes_lastsec?: number;
  /** NACKs (media only). */
  nacks?: number;
  /** Retransmissions (incoming media with NACKs). */
  retransmissions?: number;
  /** Any other field. */
  [key: string]: unknown;
}

/** The DTLS part of `handle_info`'s `webrtc`. */
export interface HandleDtlsInfo {
  /** Janus's certificate fingerprint. */
  fingerprint?: string;
  /** The peer's fingerprint. */
  'remote-fingerprint'?: string;
  /** Its hash function. */
  'remote-fingerprint-hash'?: string;
  /** `client`, `server`, `actpass`. */
  'dtls-role'?: string;
  /** `created`, `trying`, `connected`, `failed`. */
  'dtls-state'?: string;
  /** Handshake retransmissions. */
  retransmissions?: number;
  /** Whether SRTP keys are valid. */
  valid?: boolean;
  /** The SRTP profile. */
  'srtp-profile'?: string;
  /** Whether DTLS is ready. */
  ready?: boolean;
  /** When the handshake started. */
  'handshake-started'?: number;
  /** When DTLS connected. */
  connected?: number;
  /** Whether an SCTP association exists (data channels). */
  'sctp-association'?: boolean;
  /** DTLS packets in and out. */
  stats?: { in: PacketCounts; out: PacketCounts };
}

/** One m-line in `handle_info`'s `webrtc.media`, by mid. */
export interface HandleMediumInfo {
  /** `audio`, `video` or `data`. */
  type: 'audio' | 'video' | 'data';
  /** m-line index. */
  mindex: number;
  /** The mid. */
  mid: string;
  /** Direction (audio/video). */
  direction?: { send: boolean; recv: boolean };
  /** Codec and payload types (audio/video). */
  codecs?: { pt?: number; 'rtx-pt'?: number; 'opus-red-pt'?: number; codec?: string };
  /** SSRCs (audio/video). */
  ssrc?: Record<string, number>;
  /** RTCP statistics (audio/video). */
  rtcp?: Record<string, Record<string, number>>;
  /** Packets and bytes in and out. */
  stats: { in: PacketCounts; out: PacketCounts };
  /** Any other field. */
  [key: string]: unknown;
}

/** `handle_info`'s `webrtc`: the PeerConnection. */
export interface HandleWebrtcInfo {
  /** ICE. */
  ice: HandleIceInfo;
  /** DTLS. */
  dtls: HandleDtlsInfo;
  /** Negotiated RTP extensions by URI → id. */
  extensions: Record<string, number>;
  /** Bandwidth estimation. */
  bwe: { twcc: boolean; 'twcc-ext-id'?: number };
  /** Each m-line by mid. */
  media: Record<string, HandleMediumInfo>;
}

/** `handle_info`'s `info`. */
export interface HandleInfo {
  /** The session. */
  session_id: number;
  /** Last activity of the session (monotonic µs). */
  session_last_activity: number;
  /** The session's timeout, seconds. */
  session_timeout: number;
  /** The transport package the session came in on, e.g. `janus.transport.websockets`. */
  session_transport?: string;
  /** The handle. */
  handle_id: number;
  /** The opaque id given at attach. */
  opaque_id?: string;
  /** The token the handle was attached with. */
  token?: string;
  /** Whether the handle's loop runs. */
  'loop-running': boolean;
  /** When the handle was created (monotonic µs). */
  created: number;
  /** Now (monotonic µs). */
  current_time: number;
  /** The plugin package, e.g. `janus.plugin.echotest`. */
  plugin?: string;
  /** What the plugin reports about this handle. */
  plugin_specific?: Record<string, unknown>;
  /** WebRTC flags (`got-offer`, `negotiated`, `ready`, `has-audio`, ...); absent with `plugin_only`. */
  flags?: Record<string, boolean>;
  /** When the ICE agent was created. */
  'agent-created'?: number;
  /** When it started. */
  'agent-started'?: number;
  /** `full` or `lite`. */
  'ice-mode'?: string;
  /** `controlling` or `controlled`. */
  'ice-role'?: string;
  /** The SDPs. */
  sdps?: { profile?: string; local?: string; remote?: string };
  /** Trickles waiting. */
  'pending-trickles'?: number;
  /** Packets queued. */
  'queued-packets'?: number;
  /** Whether a pcap capture runs. */
  'dump-to-pcap'?: boolean;
  /** Its file. */
  'pcap-file'?: string;
  /** Whether a text2pcap capture runs. */
  'dump-to-text2pcap'?: boolean;
  /** Its file. */
  'text2pcap-file'?: string;
  /** The PeerConnection, once there is one. */
  webrtc?: HandleWebrtcInfo;
}

/** `handle_info` reply. */
export interface HandleInfoReply {
  /** The session. */
  session_id: number;
  /** The handle. */
  handle_id: number;
  /** What Janus knows about it. */
  info: HandleInfo;
}

/** `start_pcap`/`start_text2pcap` options (Janus's fields). */
export interface CaptureOptions {
  /** Folder to write into. Defaults to Janus's working folder. */
  folder?: string;
  /** File name. Defaults to one Janus makes up from the ids and time. */
  filename?: string;
  /** Bytes of each packet to keep (0 = all). Defaults to 0. */
  truncate?: number;
}

/** `info` reply over the admin API: the same `server_info` as the Janus API. */
export type { ServerInfo as AdminServerInfo } from '../protocol/messages.js';
