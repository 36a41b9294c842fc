/**
 * Hosts the lifecycle machine of one session or handle beside the connection actor instead of as its
 * child: XState copies a parent's whole `children` object on every spawn and stop, so hosting thousands
 * of children under one actor makes each create and destroy cost O(children).
 *
 * Every transition runs inside a real XState actor of the machine. Between transitions an idle cell
 * (no invoked or spawned actor in flight) may keep its last snapshot alone: the next event restores an
 * actor from it (`createActor(machine, { snapshot })`). A cell is `resident` (its actor stays alive)
 * when someone asked for `actor`, or when an inspector watches (then its actor has the parent it has in
 * the tree: connection → session → handle).
 * @module
 */
import {
  type Actor,
  type ActorRefFrom,
  type AnyActorRef,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  createActor,
  type EventFromLogic,
  type InputFrom,
  matchesState,
  type SnapshotFrom,
  type StateValue,
} from 'xstate';
import { stopHostedActor } from './xstate-internals.js';

/**
 * What a cell's snapshot offers, whether an actor is alive or the cell holds its state while idle:
 * `status`, `value`, `context`, `children`, `matches()`, `error`, `output`.
 */
export type CellSnapshot<TMachine extends AnyStateMachine> = Pick<
  SnapshotFrom<TMachine>,
  'status' | 'value' | 'context' | 'children' | 'matches' | 'error' | 'output'
>;

const NO_CHILDREN: Readonly<Record<string, never>> = Object.freeze({});

/** The cell each hosted actor belongs to (an actor is registered when its cell starts it). */
const cellOfActor = new WeakMap<AnyActorRef, MachineCell<AnyStateMachine>>();

/**
 * The state an idle cell holds: value, context and status, sharing the objects of the actor's last
 * snapshot. About a fifth of a full `MachineSnapshot` (no node list, tag set or bound methods).
 */
class HeldSnapshot {
  constructor(
    readonly status: string,
    readonly value: StateValue,
    readonly context: unknown,
    readonly historyValue: unknown,
  ) {}

  get children(): Record<string, never> {
    return NO_CHILDREN;
  }

  get output(): undefined {
    return undefined;
  }

  get error(): undefined {
    return undefined;
  }

  matches(value: StateValue): boolean {
    return matchesState(value, this.value);
  }

  /** What `createActor(machine, { snapshot })` restores from. */
  persisted(): object {
    return {
      status: 'active',
      value: this.value,
      context: this.context,
      historyValue: this.historyValue,
      children: {},
      output: undefined,
      error: undefined,
    };
  }
}

/** Observes a cell as `actor.subscribe` would. */
export interface CellObserver<TSnapshot> {
  /** Each new snapshot. */
  next?(snapshot: TSnapshot): void;
  /** The actor failed. */
  error?(error: unknown): void;
  /** The machine is done or was stopped. */
  complete?(): void;
}

/** Who owns a cell (the session or handle object): told of every snapshot, before other observers. */
export interface CellOwner<TMachine extends AnyStateMachine> {
  /** A new snapshot (not called for a stop the owner asked for). */
  cellChanged(snapshot: CellSnapshot<TMachine>): void;
}

/** How a cell starts. */
export interface MachineCellOptions<TMachine extends AnyStateMachine> {
  /** The actor id (`session-1`, `handle-3`), reused by every actor the cell restores. */
  id: string;
  /** The machine's input. */
  input: InputFrom<TMachine>;
  /** The actor's parent in the inspector's tree; only given when inspected (the cell is then resident). */
  parent?: AnyActorRef | undefined;
  /** Keep one actor alive from start to end. Defaults to `false` (idle cells hold their snapshot only). */
  resident?: boolean | undefined;
  /**
   * Called with every actor the cell creates (its first, and each it restores), after `createActor` and
   * before `start`: how a client binds the actors of its machines to its wire. Defaults to none.
   */
  bind?: ((actor: AnyActorRef) => void) | undefined;
  /**
   * A persisted snapshot to restore the machine from (`createActor(machine, { snapshot })`, e.g. from a
   * `JanusSnapshot` written by another process) instead of starting it from `input`. Defaults to none.
   */
  snapshot?: object | undefined;
}

/** One machine, hosted: the actor while a transition runs (or while resident), its snapshot otherwise. */
export class MachineCell<TMachine extends AnyStateMachine> {
  /** The actor id. */
  readonly id: string;
  readonly #logic: TMachine;
  readonly #parent: AnyActorRef | undefined;
  readonly #bind: ((actor: AnyActorRef) => void) | undefined;
  #resident: boolean;
  #actor: Actor<TMachine> | undefined;
  #snapshot: CellSnapshot<TMachine>;
  #owner: CellOwner<TMachine> | undefined;
  #observers: Set<CellObserver<CellSnapshot<TMachine>>> | undefined;
  #parkScheduled = false;

  /**
   * Creates the cell's first actor (not started: {@link MachineCell.start} starts it), or takes `existing`.
   */
  constructor(logic: TMachine, options: MachineCellOptions<TMachine>, existing?: Actor<TMachine>) {
    this.#logic = logic;
    this.id = options.id;
    this.#parent = options.parent;
    this.#resident = options.resident === true;
    this.#bind = options.bind;
    const actor =
      existing ??
      ((createActor as (logic: AnyStateMachine, options: object) => AnyActorRef)(logic, {
        id: options.id,
        ...(options.snapshot ? { snapshot: options.snapshot } : { input: options.input }),
        ...(options.parent ? { parent: options.parent } : {}),
      }) as Actor<TMachine>);
    if (!existing) this.#bind?.(actor);
    this.#actor = actor;
    this.#snapshot = actor.getSnapshot() as CellSnapshot<TMachine>;
  }

  /** A resident cell around an actor that already exists (started or not). */
  static adopt<TMachine extends AnyStateMachine>(actor: ActorRefFrom<TMachine>): MachineCell<TMachine> {
    const live = actor as unknown as Actor<TMachine>;
    return new MachineCell(
      live.logic,
      { id: live.id, input: undefined as InputFrom<TMachine>, resident: true },
      live,
    );
  }

  /** The cell hosting `actor`, if a cell started it. */
  static of(actor: AnyActorRef): MachineCell<AnyStateMachine> | undefined {
    return cellOfActor.get(actor);
  }

  /** Starts the machine; `owner` hears every snapshot. */
  start(owner: CellOwner<TMachine>): void {
    this.#owner = owner;
    const actor = this.#actor;
    if (actor) this.#run(actor);
  }

  /** The current snapshot: the live actor's, or the one held while idle. */
  getSnapshot(): CellSnapshot<TMachine> {
    return this.#snapshot;
  }

  /**
   * The machine's persisted state (value, context, history), as `getPersistedSnapshot()` gives it for a
   * live actor or as the cell holds it while idle; children (in-flight actors) are left out.
   */
  persisted(): { value: StateValue; context: unknown; historyValue: unknown } {
    const snapshot = this.#snapshot as unknown as HeldSnapshot;
    return { value: snapshot.value, context: snapshot.context, historyValue: snapshot.historyValue ?? {} };
  }

  /** Whether an actor is alive right now (for diagnostics and tests). */
  get live(): boolean {
    return this.#actor !== undefined;
  }

  /** Sends an event: to the live actor, or to one restored from the held snapshot. Ignored once ended. */
  send(event: EventFromLogic<TMachine>): void {
    if ((this.#snapshot as unknown as AnyMachineSnapshot).status !== 'active') return;
    this.#wake().send(event);
  }

  /**
   * The live actor, created on demand (restored from the held snapshot) and kept alive from then on,
   * so it stays the one that runs every transition.
   */
  get actor(): Actor<TMachine> {
    this.#resident = true;
    return this.#wake();
  }

  /** Observes snapshots as `actor.subscribe` would (`complete` once done or stopped). */
  subscribe(observer: CellObserver<CellSnapshot<TMachine>>): { unsubscribe(): void } {
    this.#observers ??= new Set();
    this.#observers.add(observer);
    return {
      unsubscribe: () => {
        const observers = this.#observers;
        if (observers?.delete(observer) && observers.size === 0) this.#observers = undefined;
      },
    };
  }

  /**
   * Stops the machine (the connection ended under it): the snapshot becomes `stopped` and observers
   * complete; the owner is not told (it asked for the stop).
   */
  stop(): void {
    const held = this.#snapshot as unknown as HeldSnapshot;
    if (held.status !== 'active') return;
    const actor = this.#actor;
    if (actor) {
      stopHostedActor(actor);
      return;
    }
    this.#snapshot = new HeldSnapshot(
      'stopped',
      held.value,
      held.context,
      held.historyValue,
    ) as unknown as CellSnapshot<TMachine>;
    this.#complete();
  }

  #wake(): Actor<TMachine> {
    if (this.#actor) return this.#actor;
    const actor = (createActor as (logic: AnyStateMachine, options: object) => AnyActorRef)(this.#logic, {
      id: this.id,
      snapshot: this.#snapshot instanceof HeldSnapshot ? this.#snapshot.persisted() : this.#snapshot,
      ...(this.#parent ? { parent: this.#parent } : {}),
    }) as Actor<TMachine>;
    this.#bind?.(actor);
    this.#actor = actor;
    this.#run(actor);
    return actor;
  }

  #run(actor: Actor<TMachine>): void {
    cellOfActor.set(actor, this as unknown as MachineCell<AnyStateMachine>);
    actor.subscribe({
      next: (snapshot) => {
        if (this.#actor === actor) this.#update(snapshot as CellSnapshot<TMachine>);
      },
      error: (error) => {
        if (this.#actor !== actor) return;
        this.#snapshot = actor.getSnapshot() as CellSnapshot<TMachine>;
        this.#owner?.cellChanged(this.#snapshot);
        const observers = this.#observers;
        this.#observers = undefined;
        for (const observer of observers ?? []) observer.error?.(error);
      },
      complete: () => {
        if (this.#actor !== actor) return;
        // Done was reported by `next`; a stop is not (the owner stopped it and knows).
        this.#snapshot = actor.getSnapshot() as CellSnapshot<TMachine>;
        if (!this.#resident) this.#actor = undefined;
        this.#complete();
      },
    });
    actor.start();
  }

  #update(snapshot: CellSnapshot<TMachine>): void {
    this.#snapshot = snapshot;
    this.#owner?.cellChanged(snapshot);
    if (this.#observers) for (const observer of [...this.#observers]) observer.next?.(snapshot);
    if (!this.#resident && !this.#parkScheduled && isIdle(snapshot)) {
      // Parked a little later, by one sweep for every cell: a session destroyed (or a handle detached)
      // right after its last transition never pays for stopping and restoring an actor.
      this.#parkScheduled = true;
      idleCells.add(this);
      sweepSoon();
    }
  }

  /** Drops the live actor if the cell is still idle, keeping its state (called by the idle sweep). */
  park(): void {
    this.#parkScheduled = false;
    const actor = this.#actor;
    if (!actor || this.#resident) return;
    const snapshot = actor.getSnapshot() as AnyMachineSnapshot;
    if (!isIdle(snapshot)) return;
    this.#snapshot = new HeldSnapshot(
      snapshot.status,
      snapshot.value,
      snapshot.context,
      snapshot.historyValue,
    ) as unknown as CellSnapshot<TMachine>;
    this.#actor = undefined;
    stopHostedActor(actor);
  }

  #complete(): void {
    // An ended cell has nothing to park: the sweep must not keep it (and its last actor and snapshot) alive
    // until it runs, up to 100 ms after a session or handle that lived a millisecond has ended.
    if (this.#parkScheduled) {
      this.#parkScheduled = false;
      idleCells.delete(this);
    }
    const observers = this.#observers;
    this.#observers = undefined;
    for (const observer of observers ?? []) observer.complete?.();
  }
}

/** How long an idle cell keeps its actor before the sweep parks it. */
const PARK_AFTER_MS = 100;
/** Cells that went idle since the last sweep (each at most once: `#parkScheduled`); ended ones leave it. */
let idleCells = new Set<MachineCell<AnyStateMachine>>();
let sweepTimer: ReturnType<typeof setTimeout> | undefined;

function sweepSoon(): void {
  if (sweepTimer) return;
  sweepTimer = setTimeout(sweepIdleCells, PARK_AFTER_MS);
  // The sweep never keeps a process alive (Node; browser timers have no `unref`).
  (sweepTimer as { unref?: () => void }).unref?.();
}

function sweepIdleCells(): void {
  sweepTimer = undefined;
  const cells = idleCells;
  idleCells = new Set();
  for (const cell of cells) cell.park();
}

/** Active, with no invoked or spawned actor in flight: nothing would be lost by stopping the actor. */
function isIdle(snapshot: unknown): boolean {
  const { status, children } = snapshot as AnyMachineSnapshot;
  if (status !== 'active') return false;
  for (const _ in children) return false;
  return true;
}
