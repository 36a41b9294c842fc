/**
 * A handle to a plugin on a session: `message`, `trickle`, `hangup`, `detach`, and every core and plugin
 * event as typed listeners. Typed plugin handles (EchoTest, VideoRoom, ...) build on this class.
 * @module
 */
import type { ActorRefFrom } from 'xstate';
import type { HandleMachine } from '../machines/handle.machine.js';
import type { JsepMachine } from '../machines/jsep.machine.js';
import { type CellSnapshot, MachineCell } from './client/machine-cell.js';
import { JanusError } from './errors.js';
import { HandleMedia, MAX_EARLY_CANDIDATES, type NegotiationOptions } from './media/handle-media.js';
import type { JanusPeer } from './media/janus-peer.js';
import type { MediaPeer } from './media/media-peer.js';
import type {
  JanusMessage,
  JanusRequestBody,
  Jsep,
  PluginReply,
  TrickleCandidate,
  TrickleInput,
} from './protocol/messages.js';
import type { CallOptions } from './util/abort.js';
import { withDeadline } from './util/deadline.js';
import { TypedEmitter } from './util/typed-emitter.js';
import { waitForSnapshot } from './util/wait-for-snapshot.js';
import { assertState, type RequestOptions } from './wire/wire.js';

/** The handle's lifecycle state. */
export type HandleState = 'attaching' | 'attached' | 'detaching' | 'detached' | 'failed';

/** A plugin event: the plugin's data, its JSEP if any, and the raw message. */
export interface PluginEvent<TData = Record<string, unknown>> {
  /** `plugindata.data`. */
  data: TData;
  /** The JSEP that came with the event. */
  jsep?: Jsep;
  /** The plugin package that sent it. */
  plugin: string;
  /** The whole message as the server sent it. */
  raw: JanusMessage;
}

/** A `media` event: the server started or stopped receiving a kind of media. */
export interface MediaEvent {
  /** `audio` or `video`. */
  type: 'audio' | 'video' | string;
  /** Whether media of that kind is arriving at the server. */
  receiving: boolean;
  /** The stream's mid (multistream). */
  mid?: string;
  /** The whole message. */
  raw: JanusMessage;
}

/** A `slowlink` event: the server sees packet loss. */
export interface SlowLinkEvent {
  /** True when the loss is on what the server receives. */
  uplink: boolean;
  /** Packets lost in the last period. */
  lost: number;
  /** The stream's mid (multistream). */
  mid?: string;
  /** The whole message. */
  raw: JanusMessage;
}

/** Listener arguments of every event a handle emits. */
export type HandleEventMap = {
  /** A plugin event that did not answer a request of ours. */
  event: [PluginEvent];
  /** ICE and DTLS succeeded: the PeerConnection is up. */
  webrtcup: [JanusMessage];
  /** Media of one kind started or stopped arriving at the server. */
  media: [MediaEvent];
  /** The server reports packet loss. */
  slowlink: [SlowLinkEvent];
  /** The PeerConnection was closed. */
  hangup: [{ reason: string; raw: JanusMessage }];
  /** ICE failed on the server side. */
  'ice-failed': [JanusMessage];
  /** The handle is gone: `reason` says why. */
  detached: [{ reason: string; raw?: JanusMessage }];
  /** The server sent an ICE candidate, or `{ completed: true }`. */
  trickle: [{ candidate: TrickleCandidate | { completed: true }; raw: JanusMessage }];
  /** The handle's lifecycle state changed. */
  state: [HandleState];
  /**
   * The server lost the session and the handle was re-attached on its replacement (`recreate: true`):
   * `id` is now `newId`. Its plugin state is gone: renegotiate, rejoin rooms.
   */
  recreated: [{ oldId: number; newId: number; sessionId: number }];
  /**
   * Our side failed the PeerConnection and closed it, e.g. `DTLS_FINGERPRINT` (the server's DTLS
   * certificate does not match its SDP). A pending `webrtcup` wait rejects with this error.
   */
  'peer-failed': [JanusError];
  /**
   * The handle's PeerConnection was created (by the first offer or answer, or again after `closePeer()`):
   * werift's `JanusPeer` in Node, `BrowserPeer` in the browser (e.g. to listen to its remote tracks).
   */
  peer: [MediaPeer];
};

/** The handle machine as the client hosts it (see `client/machine-cell.ts`). */
export type HandleCell = MachineCell<HandleMachine>;

/** What a session gives each of its handles. */
export interface HandleHost {
  /** Sends a request on the client's wire and resolves with the message that settles it. */
  request(body: JanusRequestBody, options: RequestOptions): Promise<JanusMessage>;
  /** Reports an exception thrown by an application's listener (it must not break dispatch). */
  readonly logErrorInListener: (error: unknown, event: string) => void;
  /** The session id. */
  readonly sessionId: number;
  /** Called once when the handle has ended, so the session forgets it. */
  handleEnded(handle: PluginHandle): void;
}

/** Converts a plugin reply message to `{ data, jsep }`; a plugin error becomes a `PLUGIN_ERROR` JanusError. */
export function toPluginReply<TData>(message: JanusMessage): PluginReply<TData> {
  const data = (message.plugindata?.data ?? {}) as Record<string, unknown>;
  const errorCode = data.error_code;
  if (typeof errorCode === 'number' || (typeof data.error === 'string' && data.error.length > 0)) {
    const reason = typeof data.error === 'string' ? data.error : 'plugin error';
    throw new JanusError('PLUGIN_ERROR', `${reason} (${typeof errorCode === 'number' ? errorCode : '?'})`, {
      janusCode: typeof errorCode === 'number' ? errorCode : undefined,
      data,
    });
  }
  const reply: PluginReply<TData> = { data: data as TData };
  if (message.jsep) reply.jsep = message.jsep;
  return reply;
}

/** A handle to any plugin. */
export class PluginHandle<TEvents extends HandleEventMap = HandleEventMap> extends TypedEmitter<TEvents> {
  /**
   * The handle's lifecycle machine as the client hosts it: its current snapshot and `send`, without
   * keeping an actor alive between transitions. For a live actor, read {@link PluginHandle.actor}.
   */
  readonly cell: HandleCell;
  /** The plugin package name, e.g. `janus.plugin.echotest`. */
  readonly plugin: string;
  readonly #host: HandleHost;
  #media: HandleMedia | undefined;
  #jsepWaiters: ((jsep: Jsep) => void)[] = [];
  /** Candidates Janus trickled before this handle had a peer; created on the first one. */
  #earlyCandidates: (TrickleCandidate | null)[] | undefined;
  #ended: string | undefined;
  #lastState: HandleState;

  /**
   * Created by `JanusSession.attach` (through a {@link PluginDescriptor}); not meant to be constructed by
   * applications. `actor` is the handle's machine as the session hosts it (a {@link HandleCell}, typed as
   * the actor it stands for so that typed handles keep their constructor signature); a live actor given
   * here is adopted as is.
   */
  constructor(host: HandleHost, actor: ActorRefFrom<HandleMachine>, plugin: string) {
    super(host.logErrorInListener);
    this.#host = host;
    const cell: HandleCell =
      (actor as unknown) instanceof MachineCell ? (actor as unknown as HandleCell) : MachineCell.adopt(actor);
    this.cell = cell;
    this.plugin = plugin;
    this.#lastState = 'attaching';
    cell.start(this);
  }

  /** Told by the handle's cell of each new snapshot; not meant to be called by applications. */
  cellChanged(): void {
    this.notifyState();
  }

  /**
   * The handle's XState actor, created on demand and from then on the one that runs every transition of
   * this handle (with `inspect` on it is the session actor's child in the inspector's tree).
   */
  get actor(): ActorRefFrom<HandleMachine> {
    return this.cell.actor;
  }

  /** The server's handle id (0 until attached). */
  get id(): number {
    return this.cell.getSnapshot().context.handleId ?? 0;
  }

  /** The session this handle belongs to. */
  get sessionId(): number {
    return this.#host.sessionId;
  }

  /** The lifecycle state. */
  get state(): HandleState {
    if (this.#ended !== undefined) return 'detached';
    return topState(this.cell.getSnapshot());
  }

  /** Whether a PeerConnection is up (between `webrtcup` and `hangup`). */
  get webrtcActive(): boolean {
    return this.cell.getSnapshot().matches({ attached: 'active' });
  }

  /**
   * Sends a message to the plugin and resolves with its real reply: the synchronous `success` or the
   * asynchronous `event` with the same transaction (whichever order it and the `ack` arrive in).
   * Rejects with `PLUGIN_ERROR` when the plugin answers with an error, `TIMEOUT` after `timeoutMs`
   * (default: the client's `requestTimeoutMs`), the signal's reason when aborted, and
   * `InvalidStateError` unless attached.
   */
  async message<TData = Record<string, unknown>>(
    body: Record<string, unknown>,
    options: CallOptions & { jsep?: Jsep | undefined } = {},
  ): Promise<PluginReply<TData>> {
    assertState('message', this.state, ['attached']);
    const request: { janus: string; session_id: number; handle_id: number; body: unknown; jsep?: Jsep } = {
      janus: 'message',
      session_id: this.#host.sessionId,
      handle_id: this.id,
      body,
    };
    if (options.jsep) request.jsep = options.jsep;
    const reply = await this.#host.request(request, {
      kind: 'plugin',
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    return toPluginReply<TData>(reply);
  }

  /** Sends ICE candidates: one, several, or `null` for end-of-candidates. Resolves on the server's `ack`. */
  async trickle(candidates: TrickleInput, options: CallOptions = {}): Promise<void> {
    assertState('trickle', this.state, ['attached']);
    const request: Record<string, unknown> & { janus: string } = {
      janus: 'trickle',
      session_id: this.#host.sessionId,
      handle_id: this.id,
    };
    if (candidates === null) request.candidate = { completed: true };
    else if (Array.isArray(candidates)) request.candidates = candidates;
    else request.candidate = candidates;
    await this.#host.request(request, options);
  }

  /** Asks the server to close the PeerConnection; a `hangup` event follows if there was one. */
  async hangup(options: CallOptions = {}): Promise<void> {
    assertState('hangup', this.state, ['attached']);
    await this.#host.request(
      { janus: 'hangup', session_id: this.#host.sessionId, handle_id: this.id },
      options,
    );
  }

  /** Detaches from the plugin; resolves when detached (a second call resolves too). */
  async detach(options: CallOptions = {}): Promise<void> {
    const state = this.state;
    if (state === 'detached' || state === 'failed') return;
    assertState('detach', state, ['attached', 'detaching']);
    this.cell.send({ type: 'detach' });
    await waitForSnapshot(this.cell, 'detach', (s) => s.status === 'done', options);
    this.#end('detached');
  }

  /**
   * Offers media to the plugin: creates the werift peer on first use (sending from `source`, by default a
   * generated tone and pattern, for every kind set to `true`), sends `body` with the offer, applies the
   * answer from the reply (or from the next event carrying a JSEP), and trickles candidates both ways.
   * Calling it again renegotiates (add or remove kinds; `iceRestart: true` restarts ICE).
   */
  async offer(body: Record<string, unknown>, options: NegotiationOptions = {}): Promise<PluginReply> {
    assertState('offer', this.state, ['attached']);
    return this.#mediaController().offer(body, options);
  }

  /** Answers an offer Janus made (subscribers, streaming, textroom, an incoming call) and sends `body` with it. */
  async answer(
    offer: Jsep,
    body: Record<string, unknown>,
    options: NegotiationOptions = {},
  ): Promise<PluginReply> {
    assertState('answer', this.state, ['attached']);
    return this.#mediaController().answer(offer, body, options);
  }

  /** Restarts ICE: a new offer with fresh credentials, sent with `body`. */
  restartIce(body: Record<string, unknown>, options: NegotiationOptions = {}): Promise<PluginReply> {
    return this.offer(body, { ...options, iceRestart: true });
  }

  /**
   * The werift peer connection (Node), once an offer or answer created it; `undefined` in the browser,
   * where {@link PluginHandle.mediaPeer} is the native one.
   */
  get peer(): JanusPeer | undefined {
    const peer = this.#media?.peer;
    return peer?.platform === 'browser' ? undefined : (peer as JanusPeer | undefined);
  }

  /**
   * The handle's peer on any platform (werift's `JanusPeer` in Node, `BrowserPeer` in the browser), once an
   * offer or answer created it.
   */
  get mediaPeer(): MediaPeer | undefined {
    return this.#media?.peer;
  }

  /** The JSEP negotiation actor (a child of the handle actor), while a peer exists. */
  get jsepActor(): ActorRefFrom<JsepMachine> | undefined {
    return this.cell.getSnapshot().children.jsep as ActorRefFrom<JsepMachine> | undefined;
  }

  /** Closes the local peer connection (without telling Janus; use `hangup` for that). */
  async closePeer(): Promise<void> {
    await this.#media?.close();
  }

  #mediaController(): HandleMedia {
    this.#media ??= new HandleMedia({
      actor: this.cell,
      jsepActor: () => this.jsepActor,
      message: (body, options) => this.message(body, options),
      trickle: (candidate) => this.trickle(candidate),
      nextJsep: (options) => this.#nextJsep(options),
      reportError: (message, error) => this.#host.logErrorInListener(error, message),
      peerFailed: (error) => this.emit('peer-failed', error),
      peerCreated: (peer) => this.emit('peer', peer),
      takeEarlyCandidates: () => {
        const early = this.#earlyCandidates ?? [];
        this.#earlyCandidates = undefined;
        return early;
      },
    });
    return this.#media;
  }

  #nextJsep(options: CallOptions): Promise<Jsep> {
    return withDeadline<Jsep>(
      'waiting for a JSEP from the plugin',
      {
        ...options,
        defaultTimeoutMs: 10_000,
        abortError: () => new JanusError('CLOSED', 'no longer waiting for a JSEP'),
      },
      ({ resolve }) => {
        this.#jsepWaiters.push(resolve);
        return () => {
          this.#jsepWaiters = this.#jsepWaiters.filter((waiter) => waiter !== resolve);
        };
      },
    );
  }

  /** Routes one message from the server; called by the session. */
  receive(message: JanusMessage): void {
    switch (message.janus) {
      case 'event': {
        const event: PluginEvent = {
          data: (message.plugindata?.data ?? {}) as Record<string, unknown>,
          plugin: message.plugindata?.plugin ?? this.plugin,
          raw: message,
        };
        // A malformed JSEP (not an offer or answer with an SDP) is left out of the event.
        const jsep = validJsep(message.jsep);
        if (jsep) {
          event.jsep = jsep;
          const waiter = this.#jsepWaiters.shift();
          waiter?.(jsep);
        }
        this.onPluginEvent(event);
        return;
      }
      case 'webrtcup':
        this.cell.send({ type: 'janus.webrtcup' });
        this.emitEvent('webrtcup', message);
        {
          // Start the media source after whoever awaited `webrtcup` ran (spawning ffmpeg blocks a few ms).
          const peer = this.#media?.peer;
          if (peer) setTimeout(() => peer.markUp(), 0);
        }
        return;
      case 'media':
        this.emitEvent('media', {
          type: String(message.type ?? ''),
          receiving: message.receiving === true,
          ...(typeof message.mid === 'string' ? { mid: message.mid } : {}),
          raw: message,
        });
        return;
      case 'slowlink':
        this.emitEvent('slowlink', {
          uplink: message.uplink === true,
          lost: typeof message.lost === 'number' ? message.lost : 0,
          ...(typeof message.mid === 'string' ? { mid: message.mid } : {}),
          raw: message,
        });
        return;
      case 'hangup':
        // The PeerConnection those candidates belonged to is gone.
        this.#earlyCandidates = undefined;
        this.cell.send({ type: 'janus.hangup' });
        void this.#media?.close();
        this.emitEvent('hangup', { reason: String(message.reason ?? ''), raw: message });
        return;
      case 'ice-failed':
        this.cell.send({ type: 'janus.ice-failed' });
        this.emitEvent('ice-failed', message);
        return;
      case 'trickle': {
        const candidate = remoteCandidate(message.candidate);
        if (candidate) {
          const remote = 'completed' in candidate ? null : candidate;
          if (this.#media) this.#media.remoteCandidate(remote);
          else {
            // No peer yet (Janus offered and trickles before we answer): kept for the peer to come.
            this.#earlyCandidates ??= [];
            if (this.#earlyCandidates.length < MAX_EARLY_CANDIDATES) this.#earlyCandidates.push(remote);
          }
          this.emitEvent('trickle', { candidate, raw: message });
        }
        return;
      }
      case 'detached': {
        const requested = this.cell.getSnapshot().matches('detaching');
        this.cell.send({ type: 'janus.detached' });
        this.#end(requested ? 'detached' : 'detached by the server', message);
        return;
      }
    }
  }

  /**
   * Called by the session once it re-attached this handle on a re-created session: `id` follows, and
   * `recreated` is emitted.
   */
  reattached(sessionId: number, newId: number): void {
    const oldId = this.id;
    this.cell.send({ type: 'handle.reattached', sessionId, handleId: newId });
    this.emitEvent('recreated', { oldId, newId, sessionId });
  }

  /** Called when the session or connection ended under the handle. */
  sessionEnded(reason: string): void {
    this.#end(reason);
    this.cell.stop();
  }

  /** Handles a plugin event; typed handles override this to emit their own events too. */
  protected onPluginEvent(event: PluginEvent): void {
    this.emitEvent('event', event);
  }

  /** Emits one of the base events (typed handles add their own). */
  protected emitEvent<K extends keyof HandleEventMap>(event: K, ...args: HandleEventMap[K]): void {
    (this.emit as (event: string, ...args: unknown[]) => boolean)(event, ...args);
  }

  /** Reports a state change to `state` listeners (called by the session on actor updates). */
  notifyState(): void {
    const state = this.state;
    if (state === this.#lastState) return;
    this.#lastState = state;
    this.emitEvent('state', state);
  }

  #end(reason: string, raw?: JanusMessage): void {
    if (this.#ended !== undefined) return;
    this.#ended = reason;
    void this.#media?.close();
    this.notifyState();
    this.emitEvent('detached', raw ? { reason, raw } : { reason });
    this.#host.handleEnded(this);
  }
}

function topState(snapshot: CellSnapshot<HandleMachine>): HandleState {
  const value = snapshot.value;
  return (typeof value === 'string' ? value : Object.keys(value)[0]) as HandleState;
}

/**
 * The candidate of a server `trickle`: a candidate object, or `{ completed: true }`; anything else (a
 * malformed frame) is `undefined` and the frame is ignored.
 */
function remoteCandidate(value: unknown): TrickleCandidate | { completed: true } | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const fields = value as Record<string, unknown>;
  if (fields.completed === true) return { completed: true };
  return typeof fields.candidate === 'string' ? (value as TrickleCandidate) : undefined;
}

/** A JSEP the plugin sent: an offer or answer with its SDP; anything else is `undefined`. */
function validJsep(value: unknown): Jsep | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { type, sdp } = value as Record<string, unknown>;
  return (type === 'offer' || type === 'answer') && typeof sdp === 'string' ? (value as Jsep) : undefined;
}
