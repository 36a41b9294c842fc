/**
 * The error hierarchy of janus-xstate: one class, {@link JanusError}, with a stable string `code`,
 * the server's numeric `janusCode` where the server sent one, and the underlying `cause`.
 * @module
 */

/** Janus core error codes (see `janus/apierror.h`) mapped to stable string codes. */
export const JANUS_CORE_ERROR_CODES = {
  403: 'UNAUTHORIZED',
  405: 'UNAUTHORIZED_PLUGIN',
  450: 'TRANSPORT_SPECIFIC',
  452: 'MISSING_REQUEST',
  453: 'UNKNOWN_REQUEST',
  454: 'INVALID_JSON',
  455: 'INVALID_JSON_OBJECT',
  456: 'MISSING_MANDATORY_ELEMENT',
  457: 'INVALID_REQUEST_PATH',
  458: 'SESSION_NOT_FOUND',
  459: 'HANDLE_NOT_FOUND',
  460: 'PLUGIN_NOT_FOUND',
  461: 'PLUGIN_ATTACH',
  462: 'PLUGIN_MESSAGE',
  463: 'PLUGIN_DETACH',
  464: 'JSEP_UNKNOWN_TYPE',
  465: 'JSEP_INVALID_SDP',
  466: 'TRICKLE_INVALID_STREAM',
  467: 'INVALID_ELEMENT_TYPE',
  468: 'SESSION_CONFLICT',
  469: 'UNEXPECTED_ANSWER',
  470: 'TOKEN_NOT_FOUND',
  471: 'WEBRTC_STATE',
  472: 'NOT_ACCEPTING_SESSIONS',
  490: 'UNKNOWN',
} as const;

/** A string code for an error the Janus core reported. */
export type JanusCoreErrorCode = (typeof JANUS_CORE_ERROR_CODES)[keyof typeof JANUS_CORE_ERROR_CODES];

/**
 * Stable string codes carried by every {@link JanusError}.
 * - `TIMEOUT`: no reply within the request's `timeoutMs`.
 * - `DISCONNECTED`: the link went away (after it had been open) before a reply arrived; the request may
 *   or may not have reached the server.
 * - `CLOSED`: the client was closed by the application.
 * - `TRANSPORT`: the transport failed (HTTP status, socket error). A first connection that never opens
 *   (refused, unreachable) rejects with `TRANSPORT` over WebSocket and over HTTP alike.
 * - `SESSION_LOST`: the request was waiting (e.g. queued during an outage) for a session that then ended
 *   on the server's side: the server no longer knew it after a reconnection (the claim was refused), or
 *   timed it out. The request was never answered; retrying it needs a new session.
 * - `PROTOCOL`: the server sent something that is not a valid Janus message.
 * - `PLUGIN_ERROR`: the plugin answered with an `error`/`error_code` in its data.
 * - `INVALID_STATE`: the call is not allowed in the object's current state.
 * - `INVALID_ARGUMENT`: the caller passed something unusable.
 * - `TLS`: the TLS handshake or the server's certificate check failed (`cause` holds Node's error).
 * - `MISSING_MODULE`: an optional module a feature needs is not installed (e.g. `unix-dgram` for `unix:`).
 * - `DTLS_FINGERPRINT`, `FFMPEG_MISSING`, `MEDIA_FORMAT`, `MEDIA_UNSUPPORTED`: media errors (see each).
 * - and every {@link JanusCoreErrorCode} for errors the Janus core returned (`janusCode` holds the number).
 */
export type JanusErrorCode =
  | JanusCoreErrorCode
  | 'TIMEOUT'
  | 'DISCONNECTED'
  | 'SESSION_LOST'
  | 'CLOSED'
  | 'TRANSPORT'
  | 'PROTOCOL'
  | 'PLUGIN_ERROR'
  | 'INVALID_STATE'
  | 'INVALID_ARGUMENT'
  | 'TLS'
  | 'MISSING_MODULE'
  | 'SERVER_ERROR'
  | 'DTLS_FINGERPRINT'
  | 'FFMPEG_MISSING'
  | 'MEDIA_FORMAT'
  | 'MEDIA_UNSUPPORTED';

/** Options for {@link JanusError}. */
export interface JanusErrorOptions extends ErrorOptions {
  /** The numeric code the server sent (core or plugin), when there is one. */
  janusCode?: number;
  /** Extra data, e.g. the plugin's reply body for `PLUGIN_ERROR`. */
  data?: unknown;
}

/** Every error janus-xstate raises. Branch on `code`, never on the message. */
export class JanusError extends Error {
  /** A stable string code, see {@link JanusErrorCode}. */
  readonly code: JanusErrorCode;
  /** The server's numeric error code (e.g. 458), when the error came from the server. */
  readonly janusCode: number | undefined;
  /** The plugin's reply data for `PLUGIN_ERROR`, or other context. */
  readonly data: unknown;

  /**
   * Creates the error; janus-xstate raises it, users rarely need to.
   * @param code - the stable string code
   * @param message - what went wrong, for people
   * @param options - `janusCode`, `data` and `cause`; each defaults to `undefined`
   */
  constructor(code: JanusErrorCode, message: string, options: JanusErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'JanusError';
    this.code = code;
    this.janusCode = options.janusCode;
    this.data = options.data;
  }

  /** Builds the error for a Janus core `error` reply (`{ code, reason }`). */
  static fromServer(error: { code?: unknown; reason?: unknown } | undefined): JanusError {
    const janusCode = typeof error?.code === 'number' ? error.code : undefined;
    const reason = typeof error?.reason === 'string' ? error.reason : 'Janus returned an error';
    const code =
      janusCode !== undefined && janusCode in JANUS_CORE_ERROR_CODES
        ? JANUS_CORE_ERROR_CODES[janusCode as keyof typeof JANUS_CORE_ERROR_CODES]
        : 'SERVER_ERROR';
    return new JanusError(code, `${reason} (${janusCode ?? '?'})`, { janusCode });
  }
}

/** Thrown when a method is called in a state that does not allow it (a message on a detached handle). */
export class InvalidStateError extends JanusError {
  /** The state the object was in when the call was made. */
  readonly state: string;

  /**
   * Creates the error for a refused call.
   * @param what - the call that was refused, e.g. `message`
   * @param state - the state that refused it
   */
  constructor(what: string, state: string) {
    super('INVALID_STATE', `${what} is not allowed in state '${state}'`);
    this.name = 'InvalidStateError';
    this.state = state;
  }
}

/** True when `value` is a {@link JanusError} (also across module copies). */
export function isJanusError(value: unknown): value is JanusError {
  return value instanceof JanusError || (value instanceof Error && value.name === 'JanusError');
}
