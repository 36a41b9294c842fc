/**
 * JSEP negotiation for one handle: a local offer and the remote answer, or a remote offer (Janus offers
 * for subscribers, streaming, textroom) and the local answer; renegotiation and ICE restart from `stable`;
 * one negotiation in flight at a time; remote candidates buffered until a remote description is set.
 * The werift peer connection lives in the provided actors; this machine stays pure.
 * @module
 */
import { assign, fromPromise, setup } from 'xstate';
import { notProvided } from './not-provided.js';
import type { Jsep, TrickleCandidate } from './types.js';

/** What the JSEP machine is started with. */
export interface JsepMachineInput {
  /** The handle whose peer connection this machine negotiates. */
  handleId: number;
  /** Names the peer connection in the client's registry (the machine holds no reference to it). */
  peerKey: string;
}

/** A remote candidate, or `null` for end-of-candidates. */
export type RemoteCandidate = TrickleCandidate | null;

/** The JSEP machine's context. Serialisable. */
export interface JsepMachineContext {
  /** The handle whose peer this is. */
  handleId: number;
  /** Names the peer connection in the client's registry. */
  peerKey: string;
  /** Whether the next offer restarts ICE. */
  iceRestart: boolean;
  /** Whether a remote description has been applied (candidates can be added directly). */
  remoteDescriptionSet: boolean;
  /** Remote candidates that arrived before any remote description. */
  pendingCandidates: RemoteCandidate[];
  /** The last local description (offer or answer). */
  localJsep: Jsep | undefined;
  /** The remote JSEP being applied. */
  remoteJsep: Jsep | undefined;
  /** Negotiations completed (offer/answer rounds). */
  rounds: number;
  /** The last negotiation error. */
  error: unknown;
}

/** Events the JSEP machine accepts. */
export type JsepMachineEvent =
  | { type: 'negotiate'; iceRestart?: boolean }
  | { type: 'remote.answer'; jsep: Jsep }
  | { type: 'remote.offer'; jsep: Jsep }
  | { type: 'remote.candidate'; candidate: RemoteCandidate }
  | { type: 'offer.abandoned'; error?: unknown }
  | { type: 'close' };

/** Input of the negotiation actors. */
export interface JsepActorInput {
  /** The peer connection to use. */
  peerKey: string;
  /** The remote JSEP to apply (answer or offer). */
  jsep: Jsep | undefined;
  /** Restart ICE in this offer. */
  iceRestart: boolean;
}

/** The JSEP negotiation statechart. Provide `createOffer`, `applyAnswer`, `createAnswer`, `addCandidates`. */
export const jsepMachine = setup({
  types: {
    context: {} as JsepMachineContext,
    events: {} as JsepMachineEvent,
    input: {} as JsepMachineInput,
  },
  actors: {
    /** Creates and sets the local offer; outputs it. */
    createOffer: fromPromise<Jsep, JsepActorInput>(() => notProvided('createOffer')),
    /** Sets the remote answer. */
    applyAnswer: fromPromise<void, JsepActorInput>(() => notProvided('applyAnswer')),
    /** Sets the remote offer, creates and sets the local answer; outputs it. */
    createAnswer: fromPromise<Jsep, JsepActorInput>(() => notProvided('createAnswer')),
  },
  actions: {
    /**
     * Adds remote candidates to the peer connection: the event's candidate on `remote.candidate`, else the
     * buffered ones. Provided by the client.
     */
    addCandidates: () => {},
    /** A remote description is set: count the round and clear the buffer (already flushed). */
    remoteDescriptionApplied: assign(({ context }) => ({
      remoteDescriptionSet: true,
      pendingCandidates: [],
      rounds: context.rounds + 1,
      error: undefined,
    })),
  },
  guards: {
    remoteDescriptionSet: ({ context }) => context.remoteDescriptionSet,
  },
}).createMachine({
  id: 'jsep',
  context: ({ input }) => ({
    handleId: input.handleId,
    peerKey: input.peerKey,
    iceRestart: false,
    remoteDescriptionSet: false,
    pendingCandidates: [],
    localJsep: undefined,
    remoteJsep: undefined,
    rounds: 0,
    error: undefined,
  }),
  initial: 'open',
  states: {
    open: {
      initial: 'ready',
      on: {
        close: { target: 'closed' },
        'remote.candidate': [
          {
            guard: 'remoteDescriptionSet',
            actions: 'addCandidates',
          },
          {
            actions: assign({
              pendingCandidates: ({ context, event }) => [...context.pendingCandidates, event.candidate],
            }),
          },
        ],
      },
      states: {
        ready: {
          // Ready for a new negotiation: nothing negotiated yet, the last one done, or the last one failed.
          initial: 'idle',
          states: {
            idle: {},
            stable: {},
            failed: {},
          },
          on: {
            negotiate: {
              target: 'offering',
              actions: assign({ iceRestart: ({ event }) => event.iceRestart === true }),
            },
            'remote.offer': {
              target: 'answering',
              actions: assign({ remoteJsep: ({ event }) => event.jsep }),
            },
          },
        },
        offering: {
          invoke: {
            id: 'createOffer',
            src: 'createOffer',
            input: ({ context }) => ({
              peerKey: context.peerKey,
              jsep: undefined,
              iceRestart: context.iceRestart,
            }),
            onDone: {
              target: 'awaitingAnswer',
              actions: assign({ localJsep: ({ event }) => event.output, iceRestart: false }),
            },
            onError: { target: 'ready.failed', actions: assign({ error: ({ event }) => event.error }) },
          },
        },
        awaitingAnswer: {
          on: {
            'remote.answer': {
              target: 'applyingAnswer',
              actions: assign({ remoteJsep: ({ event }) => event.jsep }),
            },
            'offer.abandoned': [
              {
                guard: 'remoteDescriptionSet',
                target: 'ready.stable',
                actions: assign({ error: ({ event }) => event.error }),
              },
              { target: 'ready.idle', actions: assign({ error: ({ event }) => event.error }) },
            ],
          },
        },
        applyingAnswer: {
          invoke: {
            id: 'applyAnswer',
            src: 'applyAnswer',
            input: ({ context }) => ({
              peerKey: context.peerKey,
              jsep: context.remoteJsep,
              iceRestart: false,
            }),
            onDone: {
              target: 'ready.stable',
              actions: ['addCandidates', 'remoteDescriptionApplied'],
            },
            onError: { target: 'ready.failed', actions: assign({ error: ({ event }) => event.error }) },
          },
        },
        answering: {
          invoke: {
            id: 'createAnswer',
            src: 'createAnswer',
            input: ({ context }) => ({
              peerKey: context.peerKey,
              jsep: context.remoteJsep,
              iceRestart: false,
            }),
            onDone: {
              target: 'ready.stable',
              actions: [
                assign({ localJsep: ({ event }) => event.output }),
                'addCandidates',
                'remoteDescriptionApplied',
              ],
            },
            onError: { target: 'ready.failed', actions: assign({ error: ({ event }) => event.error }) },
          },
        },
      },
    },
    closed: { type: 'final' },
  },
});

/** The JSEP machine's type. */
export type JsepMachine = typeof jsepMachine;
