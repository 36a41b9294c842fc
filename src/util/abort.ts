/**
 * `AbortSignal` and timeout helpers shared by every wait.
 * @module
 */

/** Options every asynchronous method of janus-xstate takes. */
export interface CallOptions {
  /** Aborts the wait; the promise rejects with `signal.reason`. An already-aborted signal rejects at once. */
  signal?: AbortSignal | undefined;
  /** How long to wait before rejecting with a `TIMEOUT` `JanusError`. Defaults to the client's `requestTimeoutMs`. */
  timeoutMs?: number | undefined;
}

/** The reason a signal aborted with. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
