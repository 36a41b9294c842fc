/**
 * The SIP handle's typed events: their names, how a plugin event is classified, and a wait for one.
 * @module
 */
import { JanusError } from '../../errors.js';
import type { HandleEventMap, PluginEvent, PluginHandle } from '../../plugin-handle.js';
import { withDeadline } from '../../util/deadline.js';
import type {
  SipAcceptedResult,
  SipAckResult,
  SipErrorEvent,
  SipEvent,
  SipHangupResult,
  SipIncomingCallResult,
  SipInfoResult,
  SipMessageDeliveryResult,
  SipMessageResult,
  SipMissedCallResult,
  SipNotifyResult,
  SipProceedingResult,
  SipRegisteredResult,
  SipRegistrationFailedResult,
  SipRingingResult,
  SipSubscribeResult,
  SipTransferResult,
} from './types.js';

type Ev<R extends SipEvent['result']> = [PluginEvent<SipEvent<R>>];

/**
 * Listener arguments of every event a SIP handle emits. Names are the plugin's, with `_` written `-`;
 * the plugin's `hangup` is `call-hangup` (and is also emitted as the core `hangup`, `raw.janus` `event`).
 * Replies to our own requests are not events; the same names arrive here when the plugin sends them by
 * itself.
 */
export type SipEventMap = HandleEventMap & {
  /** The registrar accepted the REGISTER. */
  registered: Ev<SipRegisteredResult>;
  /** The un-REGISTER went through. */
  unregistered: Ev<SipRegisteredResult>;
  /** The registrar refused the REGISTER (definitively). */
  'registration-failed': Ev<SipRegistrationFailedResult>;
  /** A call comes in: `jsep` is its offer (kept for `accept`), absent for an offerless INVITE. */
  incomingcall: Ev<SipIncomingCallResult>;
  /** A re-INVITE: `jsep` is its offer (answered by itself unless `autoRenegotiate` is off). */
  updatingcall: Ev<SipIncomingCallResult>;
  /** A call arrived while we were busy. */
  'missed-call': Ev<SipMissedCallResult>;
  /** 180 Ringing. */
  ringing: Ev<SipRingingResult>;
  /** Another provisional response. */
  proceeding: Ev<SipProceedingResult>;
  /** 183 with SDP (early media): `jsep` is the answer. */
  progress: Ev<SipAcceptedResult>;
  /** The callee answered (`jsep`: its answer, unless `progress` brought it) or our `accept` of an offerless INVITE completed. */
  accepted: Ev<SipAcceptedResult>;
  /** The call ended: `result.code`/`reason` say why (200 `Session Terminated`-like for a BYE). */
  'call-hangup': Ev<SipHangupResult>;
  /** The peer sent a REFER: follow up with `call({ uri: refer_to, refer_id })` or `decline({ refer_id })`. */
  transfer: Ev<SipTransferResult>;
  /** An incoming SIP INFO. */
  info: Ev<SipInfoResult>;
  /** An incoming SIP MESSAGE. */
  message: Ev<SipMessageResult>;
  /** The peer's answer to a MESSAGE we sent. */
  messagedelivery: Ev<SipMessageDeliveryResult>;
  /** An incoming NOTIFY. */
  notify: Ev<SipNotifyResult>;
  /** The SUBSCRIBE was accepted. */
  'subscribe-succeeded': Ev<SipSubscribeResult>;
  /** The SUBSCRIBE failed. */
  'subscribe-failed': Ev<SipSubscribeResult>;
  /** A status the plugin sent by itself that is a reply name (`hangingup` when the PeerConnection closed, ...). */
  status: Ev<SipAckResult>;
  /** An error the plugin sent outside the reply to a request. */
  'plugin-error': [PluginEvent<SipErrorEvent>];
  /** Answering the offer of a re-INVITE failed. */
  'renegotiation-failed': [unknown];
};

/** Names of the SIP-specific events. */
export type SipEventName = Exclude<keyof SipEventMap, keyof HandleEventMap>;

const RESULT_EVENTS: Readonly<Record<string, SipEventName>> = {
  registered: 'registered',
  unregistered: 'unregistered',
  registration_failed: 'registration-failed',
  incomingcall: 'incomingcall',
  updatingcall: 'updatingcall',
  missed_call: 'missed-call',
  ringing: 'ringing',
  proceeding: 'proceeding',
  progress: 'progress',
  accepted: 'accepted',
  hangup: 'call-hangup',
  transfer: 'transfer',
  info: 'info',
  message: 'message',
  messagedelivery: 'messagedelivery',
  notify: 'notify',
  subscribe_succeeded: 'subscribe-succeeded',
  subscribe_failed: 'subscribe-failed',
};

/** Names the typed event a SIP `plugindata.data` object is, or `undefined`. */
export function classifySipEvent(data: Record<string, unknown>): SipEventName | undefined {
  if ('error_code' in data) return 'plugin-error';
  const event = (data.result as { event?: unknown } | undefined)?.event;
  if (typeof event !== 'string') return undefined;
  return RESULT_EVENTS[event] ?? 'status';
}

/** What {@link waitForSipEvent} waits for. */
export interface SipEventWait {
  /** The event that resolves the wait. */
  done(event: PluginEvent): boolean;
  /** An event that rejects it with `PLUGIN_ERROR` (`janusCode`: the event's `code`). */
  fail(event: PluginEvent): boolean;
  /** What is awaited, for the timeout message. */
  what: string;
  /** Default 10,000 ms. */
  timeoutMs?: number | undefined;
  /** Withdraws the wait (rejects with the signal's reason). */
  signal?: AbortSignal | undefined;
}

/** Resolves with the first plugin event of `handle` that `wait.done` accepts. */
export function waitForSipEvent(
  // biome-ignore lint/suspicious/noExplicitAny: any handle, whatever its event map
  handle: PluginHandle<any>,
  wait: SipEventWait,
): Promise<PluginEvent> {
  const base = handle as PluginHandle;
  const options = { timeoutMs: wait.timeoutMs, signal: wait.signal, defaultTimeoutMs: 10_000 };
  return withDeadline<PluginEvent>(`'${wait.what}'`, options, (settle) => {
    const onEvent = (event: PluginEvent): void => {
      if (wait.done(event)) settle.resolve(event);
      else if (wait.fail(event)) settle.reject(failure(event));
    };
    base.on('event', onEvent);
    return () => base.off('event', onEvent);
  });
}

/** The `PLUGIN_ERROR` a failure event (`registration_failed`...) rejects with: `janusCode` is its SIP status. */
function failure(event: PluginEvent): JanusError {
  const result = (event.data as { result?: { code?: unknown; reason?: unknown; event?: unknown } }).result;
  const code = typeof result?.code === 'number' ? result.code : undefined;
  return new JanusError(
    'PLUGIN_ERROR',
    `${String(result?.event)}: ${code ?? '?'} ${String(result?.reason ?? '')}`,
    {
      janusCode: code,
      data: event.data,
    },
  );
}
