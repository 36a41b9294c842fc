/**
 * The types the machines share with the client, defined here so that `machines/` imports nothing but
 * `xstate` and its siblings (the client's protocol module re-exports them).
 * @module
 */

/** A JSEP object: an SDP offer or answer, optionally with `trickle: false` or `e2ee`. */
export interface Jsep {
  /** `offer` or `answer`. */
  type: 'offer' | 'answer';
  /** The session description. */
  sdp: string;
  /** `false` when the SDP already carries every candidate. */
  trickle?: boolean;
  /** Set by Janus when end-to-end encryption is in use. */
  e2ee?: boolean;
  /** Any other field Janus adds. */
  [key: string]: unknown;
}

/** One ICE candidate as Janus expects it in `trickle`. */
export interface TrickleCandidate {
  /** The `candidate:` line. */
  candidate: string;
  /** Media section id. */
  sdpMid?: string | null;
  /** Media section index. */
  sdpMLineIndex?: number | null;
}

/** What `info` returns: the server's description of itself (`janus: "server_info"`). */
export interface ServerInfo {
  /** Always `server_info`. */
  janus: 'server_info';
  /** E.g. `Janus WebRTC Server`. */
  name: string;
  /** Numeric version, e.g. 1102. */
  version: number;
  /** Version as a string, e.g. `1.1.2`. */
  version_string: string;
  /** Seconds a session lives without a request; 0 means never times out. */
  'session-timeout': number;
  /** Seconds a session survives its transport going away. */
  'reclaim-session-timeout': number;
  /** Whether an API secret is required. */
  api_secret: boolean;
  /** Whether token auth is on. */
  auth_token: boolean;
  /** Loaded plugins by package name. */
  plugins: Record<string, { name: string; version: number; version_string: string; description: string }>;
  /** Loaded transports by package name. */
  transports: Record<string, { name: string; version: number; description: string }>;
  /** Any other field of the reply. */
  [key: string]: unknown;
}

/**
 * A failure a machine detects by itself (its own deadline ran out), as plain data: the client turns it
 * into its typed error with the same `code`.
 */
export interface MachineFault {
  /** Marks the object as a machine fault. */
  readonly fault: true;
  /** A stable code, the same string as the client's error code. */
  readonly code: 'TIMEOUT';
  /** What went wrong. */
  readonly message: string;
}

/** Builds a {@link MachineFault}. */
export function machineFault(code: MachineFault['code'], message: string): MachineFault {
  return { fault: true, code, message };
}

/** Whether `value` is a {@link MachineFault}. */
export function isMachineFault(value: unknown): value is MachineFault {
  return typeof value === 'object' && value !== null && (value as { fault?: unknown }).fault === true;
}
