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
  type AnyActorRef,
  type AnyMachineSnapshot,
  type AnyStateMachine,
  createActor,
  type EventFromLogic,
  type InputFrom,
  type SnapshotFrom,
} from 'xstate';
import { stopHostedActor } from './xstate-internals.js';

/** Observes a cell as `actor.subscribe` would. */
export interface CellObserver<TSnapshot> {
  /** Each new snapshot. */
  next?(snapshot: TSnapshot): void;
  /** The actor failed. */
  error?(error: unknown): void;
  /** The machine is done or was stopped. */
  complete?(): void;
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
}

/** One machine, hosted: the actor while a transition runs (or while resident), its snapshot otherwise. */
export class MachineCell<TMachine extends AnyStateMachine> {
  /** The actor id. */
  readonly id: string;
  readonly #logic: TMachine;
  readonly #parent: AnyActorRef | undefined;
  #resident: boolean;
  #actor: Actor<TMachine> | undefined;
  #snapshot: SnapshotFrom<TMachine>;
  #onChange: ((snapshot: SnapshotFrom<TMachine>) => void) | undefined;
  #observers: Set<CellObserver<SnapshotFrom<TMachine>>> | undefined;
  #parkScheduled = false;

  /** Creates the cell's first actor (not started: {@link MachineCell.start} starts it). */
  constructor(logic: TMachine, options: MachineCellOptions<TMachine>) {
    this.#logic = logic;
    this.id = options.id;
    this.#parent = options.parent;
    this.#resident = options.resident === true;
    const actor = (createActor as (logic: AnyStateMachine, options: object) => AnyActorRef)(logic, {
      id: options.id,
      input: options.input,
      ...(options.parent ? { parent: options.parent } : {}),
    }) as Actor<TMachine>;
    this.#actor = actor;
    this.#snapshot = actor.getSnapshot() as SnapshotFrom<TMachine>;
  }

  /** Starts the machine; `onChange` hears every snapshot (the owner's listener). */
  start(onChange: (snapshot: SnapshotFrom<TMachine>) => void): void {
    this.#onChange = onChange;
    const actor = this.#actor;
    if (actor) this.#run(actor);
  }

  /** The current snapshot: the live actor's, or the one held while idle. */
  getSnapshot(): SnapshotFrom<TMachine> {
    return this.#snapshot;
  }

  /** Whether an actor is alive right now (for diagnostics and tests). */
  get live(): boolean {
    return this.#actor !== undefined;
  }

  /** Sends an event: to the live actor, or to one restored from the held snapshot. Ignored once ended. */
  send(event: EventFromLogic<TMachine>): void {
    if ((this.#snapshot as AnyMachineSnapshot).status !== 'active') return;
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
  subscribe(observer: CellObserver<SnapshotFrom<TMachine>>): { unsubscribe(): void } {
    this.#observers ??= new Set();
    this.#observers.add(observer);
    return { unsubscribe: () => this.#observers?.delete(observer) };
  }

  /**
   * Stops the machine (the connection ended under it): the snapshot becomes `stopped` and observers
   * complete; the owner's listener is not called (the owner asked for the stop).
   */
  stop(): void {
    const held = this.#snapshot as AnyMachineSnapshot;
    if (held.status !== 'active') return;
    const actor = this.#actor;
    if (actor) {
      stopHostedActor(actor);
      return;
    }
    this.#snapshot = { ...held, status: 'stopped' } as SnapshotFrom<TMachine>;
    this.#complete();
  }

  #wake(): Actor<TMachine> {
    if (this.#actor) return this.#actor;
    const actor = (createActor as (logic: AnyStateMachine, options: object) => AnyActorRef)(this.#logic, {
      id: this.id,
      snapshot: this.#snapshot,
      ...(this.#parent ? { parent: this.#parent } : {}),
    }) as Actor<TMachine>;
    this.#actor = actor;
    this.#run(actor);
    return actor;
  }

  #run(actor: Actor<TMachine>): void {
    actor.subscribe({
      next: (snapshot) => {
        if (this.#actor === actor) this.#update(snapshot as SnapshotFrom<TMachine>);
      },
      error: (error) => {
        if (this.#actor !== actor) return;
        this.#snapshot = actor.getSnapshot() as SnapshotFrom<TMachine>;
        this.#onChange?.(this.#snapshot);
        const observers = this.#observers;
        this.#observers = undefined;
        for (const observer of observers ?? []) observer.error?.(error);
      },
      complete: () => {
        if (this.#actor !== actor) return;
        // Done was reported by `next`; a stop is not (the owner stopped it and knows).
        this.#snapshot = actor.getSnapshot() as SnapshotFrom<TMachine>;
        if (!this.#resident) this.#actor = undefined;
        this.#complete();
      },
    });
    actor.start();
  }

  #update(snapshot: SnapshotFrom<TMachine>): void {
    this.#snapshot = snapshot;
    this.#onChange?.(snapshot);
    if (this.#observers) for (const observer of [...this.#observers]) observer.next?.(snapshot);
    if (!this.#resident && !this.#parkScheduled && isIdle(snapshot)) {
      // Park once the current macrostep and whatever its listeners sent synchronously are processed.
      this.#parkScheduled = true;
      queueMicrotask(() => this.#park());
    }
  }

  #park(): void {
    this.#parkScheduled = false;
    const actor = this.#actor;
    if (!actor || this.#resident) return;
    const snapshot = actor.getSnapshot() as SnapshotFrom<TMachine>;
    if (!isIdle(snapshot)) return;
    this.#snapshot = snapshot;
    this.#actor = undefined;
    stopHostedActor(actor);
  }

  #complete(): void {
    const observers = this.#observers;
    this.#observers = undefined;
    for (const observer of observers ?? []) observer.complete?.();
  }
}

/** Active, with no invoked or spawned actor in flight: nothing would be lost by stopping the actor. */
function isIdle(snapshot: unknown): boolean {
  const { status, children } = snapshot as AnyMachineSnapshot;
  if (status !== 'active') return false;
  for (const _ in children) return false;
  return true;
}
