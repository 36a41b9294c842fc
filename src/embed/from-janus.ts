/**
 * A Janus connection as actor logic that an application's own statechart can `invoke` or `spawn`:
 * commands go in as events, what happens comes back to the parent as typed events, and stopping the
 * actor (its parent left the state that invoked it, or stopped) closes the connection.
 *
 * ```ts
 * invoke: { id: 'janus', src: fromJanus('ws://127.0.0.1:8188') },
 * on: { 'janus.connected': { actions: sendTo('janus', { type: 'janus.session.create' }) } },
 * ```
 * @module
 */
import { fromCallback } from 'xstate';
import { isJanusError, JanusError } from '../errors.js';
import { JanusClient } from '../janus-client.js';
import type { JanusSession } from '../janus-session.js';
import type { MediaRequest } from '../media/janus-peer.js';
import type { ConnectOptions } from '../options.js';
import type { PluginHandle } from '../plugin-handle.js';
import type { Jsep } from '../protocol/messages.js';

/** Commands the Janus actor accepts. `ref` (optional) comes back on the report that answers it. */
export type JanusCommand =
  /** Creates a session; answered by `janus.session.up`. */
  | { type: 'janus.session.create'; ref?: string }
  /** Attaches a plugin on a session; answered by `janus.handle.up`. */
  | { type: 'janus.attach'; sessionId: number; plugin: string; opaqueId?: string; ref?: string }
  /** Sends a plugin message; answered by `janus.reply`. */
  | { type: 'janus.message'; handleId: number; body: Record<string, unknown>; jsep?: Jsep; ref?: string }
  /**
   * Offers media (werift; by default a generated tone and pattern for each kind set to `true`) with
   * `body`; answered by `janus.reply` (the answer is applied), then `janus.webrtcup`.
   */
  | {
      type: 'janus.offer';
      handleId: number;
      body: Record<string, unknown>;
      media: MediaRequest;
      ref?: string;
    }
  /** Asks the server to close the handle's PeerConnection; `janus.handle.hangup` follows if there was one. */
  | { type: 'janus.hangup'; handleId: number; ref?: string }
  /** Detaches a handle; answered by `janus.handle.detached`. */
  | { type: 'janus.detach'; handleId: number; ref?: string }
  /** Destroys a session; answered by `janus.session.ended`. */
  | { type: 'janus.session.destroy'; sessionId: number; ref?: string };

/** What the Janus actor reports to its parent. */
export type JanusReport =
  /** The connection is open. */
  | { type: 'janus.connected'; url: string }
  /** The connection could not open, or was lost for good (the actor does nothing more). */
  | { type: 'janus.disconnected'; code: string; message: string }
  /** A session exists. */
  | { type: 'janus.session.up'; sessionId: number; ref?: string }
  /** A session ended (destroyed, timed out). */
  | { type: 'janus.session.ended'; sessionId: number; state: string; ref?: string }
  /** The server no longer knows a session: it ended with its handles. */
  | { type: 'janus.session.lost'; sessionId: number; code: string }
  /** A handle is attached. */
  | { type: 'janus.handle.up'; sessionId: number; handleId: number; plugin: string; ref?: string }
  /** The plugin's reply to `janus.message` or `janus.offer`. */
  | { type: 'janus.reply'; handleId: number; data: Record<string, unknown>; jsep?: Jsep; ref?: string }
  /** A plugin event that answered no request. */
  | { type: 'janus.handle.event'; handleId: number; data: Record<string, unknown>; jsep?: Jsep }
  /** The handle's PeerConnection is up. */
  | { type: 'janus.webrtcup'; handleId: number }
  /** Media of one kind started or stopped arriving at the server. */
  | { type: 'janus.media'; handleId: number; kind: string; receiving: boolean }
  /** The handle's PeerConnection was closed. */
  | { type: 'janus.handle.hangup'; handleId: number; reason: string }
  /** The handle ended. */
  | { type: 'janus.handle.detached'; handleId: number; reason: string }
  /** The link came back after an outage (sessions claimed, re-created or lost). */
  | { type: 'janus.reconnected'; url: string; claimed: number; recreated: number; lost: number }
  /** A command failed: `code` is the `JanusError` code (`INVALID_ARGUMENT` for an id the actor does not know). */
  | { type: 'janus.error'; command: JanusCommand['type']; code: string; message: string; ref?: string };

/** Input of {@link janusLogic}. */
export interface JanusLogicInput {
  /** The server URL (or several, for failover). */
  url: string | readonly string[];
  /** As for `connect()`. */
  options?: ConnectOptions;
}

/**
 * Actor logic of a Janus connection, configured by its input (`invoke: { src: janusLogic, input: { url } }`).
 * See {@link fromJanus}.
 */
export const janusLogic = fromCallback<JanusCommand, JanusLogicInput, JanusReport>(
  ({ input, receive, sendBack }) =>
    runJanus(input.url, input.options ?? {}, receive, sendBack as (report: JanusReport) => void),
);

/**
 * Actor logic of a Janus connection to `url`, for an application machine to `invoke` or `spawn`. It
 * connects at once and reports `janus.connected` (or `janus.disconnected`), takes {@link JanusCommand}s,
 * reports {@link JanusReport}s to its parent, and closes the connection when stopped.
 */
export function fromJanus(url: string | readonly string[], options: ConnectOptions = {}) {
  return fromCallback<JanusCommand, void, JanusReport>(({ receive, sendBack }) =>
    runJanus(url, options, receive, sendBack as (report: JanusReport) => void),
  );
}

function runJanus(
  url: string | readonly string[],
  options: ConnectOptions,
  receive: (listener: (command: JanusCommand) => void) => void,
  report: (report: JanusReport) => void,
): () => void {
  const janus = new JanusClient(url, options);
  const sessions = new Map<number, JanusSession>();
  const handles = new Map<number, PluginHandle>();
  let stopped = false;
  const send = (event: JanusReport): void => {
    if (!stopped) report(event);
  };
  const fail = (command: JanusCommand, error: unknown): void => {
    send({
      type: 'janus.error',
      command: command.type,
      code: isJanusError(error) ? error.code : 'UNKNOWN',
      message: error instanceof Error ? error.message : String(error),
      ...(command.ref !== undefined ? { ref: command.ref } : {}),
    });
  };
  const withRef = (ref: string | undefined) => (ref !== undefined ? { ref } : {});

  janus.ready().then(
    () => send({ type: 'janus.connected', url: janus.url }),
    (error: unknown) =>
      send({
        type: 'janus.disconnected',
        code: isJanusError(error) ? error.code : 'DISCONNECTED',
        message: error instanceof Error ? error.message : String(error),
      }),
  );
  janus.on('reconnected', (event) =>
    send({
      type: 'janus.reconnected',
      url: event.url,
      claimed: event.claimed,
      recreated: event.recreated,
      lost: event.lost,
    }),
  );
  janus.on('reconnect-failed', (error) =>
    send({ type: 'janus.disconnected', code: error.code, message: error.message }),
  );
  janus.on('session-lost', (session, error) =>
    send({ type: 'janus.session.lost', sessionId: session.id, code: error.code }),
  );

  const follow = (handle: PluginHandle): void => {
    const handleId = handle.id;
    handles.set(handleId, handle);
    handle.on('event', (event) =>
      send({
        type: 'janus.handle.event',
        handleId,
        data: event.data,
        ...(event.jsep ? { jsep: event.jsep } : {}),
      }),
    );
    handle.on('webrtcup', () => send({ type: 'janus.webrtcup', handleId }));
    handle.on('media', (event) =>
      send({ type: 'janus.media', handleId, kind: event.type, receiving: event.receiving }),
    );
    handle.on('hangup', (event) => send({ type: 'janus.handle.hangup', handleId, reason: event.reason }));
    handle.on('detached', (event) => {
      handles.delete(handleId);
      send({ type: 'janus.handle.detached', handleId, reason: event.reason });
    });
  };

  const run = async (command: JanusCommand): Promise<void> => {
    switch (command.type) {
      case 'janus.session.create': {
        const session = await janus.createSession();
        sessions.set(session.id, session);
        session.on('state', (state) => {
          if (state === 'destroyed' || state === 'timedOut') {
            sessions.delete(session.id);
            send({ type: 'janus.session.ended', sessionId: session.id, state });
          }
        });
        send({ type: 'janus.session.up', sessionId: session.id, ...withRef(command.ref) });
        return;
      }
      case 'janus.attach': {
        const session = known(sessions, command.sessionId, 'session');
        const handle = await session.attach(
          command.plugin,
          command.opaqueId ? { opaqueId: command.opaqueId } : {},
        );
        follow(handle);
        send({
          type: 'janus.handle.up',
          sessionId: session.id,
          handleId: handle.id,
          plugin: handle.plugin,
          ...withRef(command.ref),
        });
        return;
      }
      case 'janus.message': {
        const handle = known(handles, command.handleId, 'handle');
        const reply = await handle.message(command.body, command.jsep ? { jsep: command.jsep } : {});
        send({
          type: 'janus.reply',
          handleId: command.handleId,
          data: reply.data,
          ...(reply.jsep ? { jsep: reply.jsep } : {}),
          ...withRef(command.ref),
        });
        return;
      }
      case 'janus.offer': {
        const handle = known(handles, command.handleId, 'handle');
        const reply = await handle.offer(command.body, command.media);
        send({ type: 'janus.reply', handleId: command.handleId, data: reply.data, ...withRef(command.ref) });
        return;
      }
      case 'janus.hangup':
        await known(handles, command.handleId, 'handle').hangup();
        return;
      case 'janus.detach':
        await known(handles, command.handleId, 'handle').detach();
        return;
      case 'janus.session.destroy':
        await known(sessions, command.sessionId, 'session').destroy();
        return;
    }
  };

  receive((command) => {
    if (stopped) return;
    run(command).catch((error: unknown) => fail(command, error));
  });

  return () => {
    stopped = true;
    void janus.close();
  };
}

function known<T>(map: Map<number, T>, id: number, what: string): T {
  const found = map.get(id);
  if (!found) throw new JanusError('INVALID_ARGUMENT', `no ${what} with id ${id} on this actor`);
  return found;
}
