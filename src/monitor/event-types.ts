/**
 * What Janus's event handlers (`sampleevh` over HTTP POST, `wsevh` over WebSocket) send: one JSON object
 * per event (or an array of them when `grouping` is on), built by `janus_events_notify_handlers` in
 * Janus 1.1.2's `src/events.c`. Types and subtypes are Janus's own numbers (`src/events/eventhandler.h`).
 * @module
 */

/** Janus's event types (`JANUS_EVENT_TYPE_*`), a bit each. */
export const JANUS_EVENT_TYPES = {
  session: 1,
  handle: 2,
  external: 4,
  jsep: 8,
  webrtc: 16,
  media: 32,
  plugin: 64,
  transport: 128,
  core: 256,
} as const;

/** The name of a Janus event type. */
export type JanusEventTypeName = keyof typeof JANUS_EVENT_TYPES;

/** Subtypes of `webrtc` events (`JANUS_EVENT_SUBTYPE_WEBRTC_*`). */
export const WEBRTC_EVENT_SUBTYPES = {
  ice: 1,
  localCandidate: 2,
  remoteCandidate: 3,
  selectedPair: 4,
  dtls: 5,
  state: 6,
} as const;
/** Subtypes of `media` events (`JANUS_EVENT_SUBTYPE_MEDIA_*`). */
export const MEDIA_EVENT_SUBTYPES = { state: 1, slowlink: 2, stats: 3 } as const;
/** Subtypes of `core` events (`JANUS_EVENT_SUBTYPE_CORE_*`). */
export const CORE_EVENT_SUBTYPES = { startup: 1, shutdown: 2 } as const;

/** Fields every event has. */
interface EventBase {
  /** The server's `server_name`, when set. */
  emitter?: string;
  /** When it happened, µs since the epoch. */
  timestamp: number;
  /** The subtype, for `webrtc`, `media` and `core` events. */
  subtype?: number;
  /** Which event type, by name (added by the receiver; Janus sends only `type`). */
  kind: JanusEventTypeName | 'unknown';
}

/** Type 1: a session was created, destroyed or timed out. */
export interface MonitorSessionEvent extends EventBase {
  /** Which event type, by name. */
  kind: 'session';
  /** Janus's numeric event type. */
  type: 1;
  /** The session it is about. */
  session_id: number;
  /** What happened (the body Janus built for this type). */
  event: { name: 'created' | 'destroyed' | 'timeout' | (string & {}); transport?: Record<string, unknown> };
}

/** Type 2: a handle was attached or detached. */
export interface MonitorHandleEvent extends EventBase {
  /** Which event type, by name. */
  kind: 'handle';
  /** Janus's numeric event type. */
  type: 2;
  /** The session it is about. */
  session_id: number;
  /** The handle it is about. */
  handle_id: number;
  /** The opaque id given at attach, if any. */
  opaque_id?: string;
  /** What happened (the body Janus built for this type). */
  event: {
    name: 'attached' | 'detached' | (string & {});
    plugin: string;
    opaque_id?: string;
    token?: string;
  };
}

/** Type 4: a `custom_event` sent through the admin API. */
export interface MonitorExternalEvent extends EventBase {
  /** Which event type, by name. */
  kind: 'external';
  /** Janus's numeric event type. */
  type: 4;
  /** What happened (the body Janus built for this type). */
  event: { schema: string; data: Record<string, unknown> };
}

/** Type 8: an SDP went out (`owner: local`) or came in (`remote`). */
export interface MonitorJsepEvent extends EventBase {
  /** Which event type, by name. */
  kind: 'jsep';
  /** Janus's numeric event type. */
  type: 8;
  /** The session it is about. */
  session_id: number;
  /** The handle it is about. */
  handle_id: number;
  /** The opaque id given at attach, if any. */
  opaque_id?: string;
  /** What happened (the body Janus built for this type). */
  event: { owner: 'local' | 'remote'; jsep: { type: 'offer' | 'answer'; sdp: string } };
}

/**
 * Type 16: the PeerConnection. By subtype: 1 `{ ice }` state, 2 `{ 'local-candidate' }`,
 * 3 `{ 'remote-candidate' }`, 4 `{ 'selected-pair' }`, 5 `{ dtls }` state, 6 `{ connection }`
 * (`webrtcup`, `hangup`).
 */
export interface MonitorWebrtcEvent extends EventBase {
  /** Which event type, by name. */
  kind: 'webrtc';
  /** Janus's numeric event type. */
  type: 16;
  /** The session it is about. */
  session_id: number;
  /** The handle it is about. */
  handle_id: number;
  /** The opaque id given at attach, if any. */
  opaque_id?: string;
  /** What happened (the body Janus built for this type). */
  event: {
    ice?: string;
    dtls?: string;
    connection?: 'webrtcup' | 'hangup' | (string & {});
    reason?: string;
    'local-candidate'?: string;
    'remote-candidate'?: string;
    'selected-pair'?: string;
    stream_id?: number;
    component_id?: number;
    [key: string]: unknown;
  };
}

/** Type 32: media started/stopped (1), slow link (2), statistics (3). */
export interface MonitorMediaEvent extends EventBase {
  /** Which event type, by name. */
  kind: 'media';
  /** Janus's numeric event type. */
  type: 32;
  /** The session it is about. */
  session_id: number;
  /** The handle it is about. */
  handle_id: number;
  /** The opaque id given at attach, if any. */
  opaque_id?: string;
  /** What happened (the body Janus built for this type). */
  event: { mid?: string; media?: string; receiving?: boolean; [key: string]: unknown };
}

/** Type 64: something a plugin reports. */
export interface MonitorPluginEvent extends EventBase {
  /** Which event type, by name. */
  kind: 'plugin';
  /** Janus's numeric event type. */
  type: 64;
  /** The session it is about, when there is one. */
  session_id?: number;
  /** The handle it is about, when there is one. */
  handle_id?: number;
  /** The opaque id given at attach, if any. */
  opaque_id?: string;
  /** What happened (the body Janus built for this type). */
  event: { plugin: string; data: Record<string, unknown> };
}

/** Type 128: something a transport reports (connections, requests). */
export interface MonitorTransportEvent extends EventBase {
  /** Which event type, by name. */
  kind: 'transport';
  /** Janus's numeric event type. */
  type: 128;
  /** The session it is about, when there is one. */
  session_id?: number;
  /** What happened (the body Janus built for this type). */
  event: { transport: string; id: string; data: Record<string, unknown> };
}

/** Type 256: the server started (subtype 1) or is shutting down (2). */
export interface MonitorCoreEvent extends EventBase {
  /** Which event type, by name. */
  kind: 'core';
  /** Janus's numeric event type. */
  type: 256;
  /** What happened (the body Janus built for this type). */
  event: Record<string, unknown>;
}

/** An event of a type this receiver does not know (a newer Janus). */
export interface MonitorUnknownEvent extends EventBase {
  /** Which event type, by name. */
  kind: 'unknown';
  /** Janus's numeric event type. */
  type: number;
  /** The session it is about, when there is one. */
  session_id?: number;
  /** The handle it is about, when there is one. */
  handle_id?: number;
  /** What happened. */
  event?: unknown;
}

/** Any event from a Janus event handler; narrow on `kind` (or `type`). */
export type JanusEvent =
  | MonitorSessionEvent
  | MonitorHandleEvent
  | MonitorExternalEvent
  | MonitorJsepEvent
  | MonitorWebrtcEvent
  | MonitorMediaEvent
  | MonitorPluginEvent
  | MonitorTransportEvent
  | MonitorCoreEvent
  | MonitorUnknownEvent;

const KIND_BY_TYPE = new Map<number, JanusEventTypeName>(
  Object.entries(JANUS_EVENT_TYPES).map(([name, type]) => [type, name as JanusEventTypeName]),
);

/**
 * The events in what a handler sent (one event object, or an array of them when grouped), each with its
 * `kind`; anything that is not an object with a numeric `type` and a `timestamp` is dropped.
 */
export function toJanusEvents(value: unknown): JanusEvent[] {
  const items = Array.isArray(value) ? value : [value];
  const out: JanusEvent[] = [];
  for (const item of items) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) continue;
    const type = (item as { type?: unknown }).type;
    if (typeof type !== 'number') continue;
    out.push({ ...(item as object), kind: KIND_BY_TYPE.get(type) ?? 'unknown' } as JanusEvent);
  }
  return out;
}
