/**
 * The floor of the full-cycle figure for any client whose every session and handle transition runs in a
 * real XState actor, as the design card asks of janus-xstate: the raw `ws` client (JSON over the socket and
 * a transaction map) plus one actor of `machines/session.machine.ts` and one of `machines/handle.machine.ts`
 * per pair, provided once per process. The machines' entry actions put `create`, `attach`, `detach` and
 * `destroy` on the socket and each reply goes back to its actor as an event, as in janus-xstate; the plugin
 * message is a plain transaction, as in janus-xstate. Nothing else: no deadlines, abort signals, idle
 * parking, keepalives, error paths or wrappers. Used by the cycle figure only, to show how much of
 * janus-xstate's ratio the actors alone cost.
 */
import WebSocket from 'ws';
import { type AnyActorRef, type AnyMachineSnapshot, createActor } from 'xstate';
import { handleMachine, sessionMachine } from '../../machines/index.js';
import type { JanusReply } from './raw-ws.js';
import { type BenchClient, type BenchPair, type Body, cycleThroughPair } from './types.js';

/** Sends a request and calls `settle` with its reply (not its `ack`). */
class FloorWire {
  readonly #pending = new Map<string, (reply: JanusReply) => void>();
  #next = 0;

  constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const reply = JSON.parse(data.toString()) as JanusReply;
      const tx = reply.transaction;
      const settle = tx === undefined ? undefined : this.#pending.get(tx);
      if (!settle || reply.janus === 'ack') return;
      this.#pending.delete(tx as string);
      settle(reply);
    });
  }

  send(body: Record<string, unknown>, settle: (reply: JanusReply) => void): void {
    const transaction = String(++this.#next);
    this.#pending.set(transaction, settle);
    this.ws.send(JSON.stringify({ ...body, transaction }));
  }
}

type AnySnapshot = AnyMachineSnapshot;
const ended = (s: AnySnapshot): boolean => s.status === 'done';

/** Each actor's wire (its client's socket). */
const wireOf = new WeakMap<AnyActorRef, FloorWire>();
const wire = (self: AnyActorRef): FloorWire => wireOf.get(self) as FloorWire;

const floorSession = sessionMachine.provide({
  actions: {
    sendCreate: ({ self }) =>
      wire(self).send({ janus: 'create' }, (r) =>
        self.send({ type: 'create.done', sessionId: r.data?.id as number }),
      ),
    sendDestroy: ({ self, context }) =>
      wire(self).send({ janus: 'destroy', session_id: context.sessionId }, () =>
        self.send({ type: 'destroy.done' }),
      ),
  },
});

const floorHandle = handleMachine.provide({
  actions: {
    sendAttach: ({ self, context }) =>
      wire(self).send({ janus: 'attach', session_id: context.sessionId, plugin: context.plugin }, (r) =>
        self.send({ type: 'attach.done', handleId: r.data?.id as number }),
      ),
    sendDetach: ({ self, context }) =>
      wire(self).send({ janus: 'detach', session_id: context.sessionId, handle_id: context.handleId }, () =>
        self.send({ type: 'detach.done' }),
      ),
  },
});

/** Runs `kick` (start the actor, or send it an event) and resolves at the first snapshot that is `done`. */
function until(actor: AnyActorRef, kick: () => void, done: (s: AnySnapshot) => boolean): Promise<void> {
  return new Promise((resolve) => {
    const subscription = actor.subscribe((snapshot: AnySnapshot) => {
      if (done(snapshot)) {
        subscription.unsubscribe();
        resolve();
      }
    });
    kick();
  });
}

class FloorPair implements BenchPair {
  constructor(
    private readonly floor: FloorWire,
    private readonly session: AnyActorRef,
    private readonly handle: AnyActorRef,
  ) {}

  message(body: Body): Promise<void> {
    const { sessionId, handleId } = this.handle.getSnapshot().context;
    return new Promise((resolve) =>
      this.floor.send({ janus: 'message', session_id: sessionId, handle_id: handleId, body }, () =>
        resolve(),
      ),
    );
  }

  async close(): Promise<void> {
    await until(this.handle, () => this.handle.send({ type: 'detach' }), ended);
    await until(this.session, () => this.session.send({ type: 'destroy' }), ended);
  }
}

class FloorClient implements BenchClient {
  readonly id = 'xstate-floor' as const;
  readonly keepalive = 'none';

  constructor(private readonly floor: FloorWire) {}

  async openPair(): Promise<BenchPair> {
    const session = createActor(floorSession, { input: { keepaliveMs: 0 } });
    wireOf.set(session, this.floor);
    await until(
      session,
      () => session.start(),
      (s) => s.value !== 'creating',
    );
    const sessionId = session.getSnapshot().context.sessionId as number;
    const handle = createActor(floorHandle, { input: { sessionId, plugin: 'janus.plugin.echotest' } });
    wireOf.set(handle, this.floor);
    await until(
      handle,
      () => handle.start(),
      (s) => s.value !== 'attaching',
    );
    return new FloorPair(this.floor, session, handle);
  }

  fullCycle(): Promise<void> {
    return cycleThroughPair(this);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.floor.ws.once('close', () => resolve());
      this.floor.ws.close();
    });
  }
}

/** Connects the floor client. */
export function connectXstateFloor(url: string): Promise<BenchClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, 'janus-protocol');
    ws.once('open', () => resolve(new FloorClient(new FloorWire(ws))));
    ws.once('error', reject);
  });
}
