/**
 * The requests of a lifecycle (create, claim, destroy, attach, detach) as plain transactions: a machine's
 * entry action puts the request on the wire, and its outcome goes back to the machine as an event. No
 * actor is invoked per request; the machine only takes the transitions.
 *
 * The outcome is sent to the machine's cell (`client/machine-cell.ts`), not to the actor that ran the
 * entry action: an idle cell may have dropped that actor by the time the server answers, and the cell
 * then restores one to take the transition.
 * @module
 */
import type { AnyActorRef, AnyEventObject } from 'xstate';
import { JanusError } from '../errors.js';
import type { JanusMessage, JanusRequestBody } from '../protocol/messages.js';
import type { InternalRequestOptions, Wire } from '../wire/wire.js';
import { MachineCell } from './machine-cell.js';

/** Where an outcome goes: the actor's cell, or the actor itself when no cell hosts it. */
type OutcomeTarget = { send(event: AnyEventObject): void };

/** A request in flight for a machine: its transaction, and how to undo what it creates. */
interface InFlight {
  transaction: string;
  undo: ((reply: JanusMessage) => Promise<unknown>) | undefined;
}

/** The request in flight for each machine (at most one: one per requesting state). */
const inFlight = new WeakMap<OutcomeTarget, InFlight>();

/** Dropped when the machine leaves the state before the server answered; nobody sees it. */
const CANCELLED = new JanusError('CLOSED', 'the machine left the state that sent the request');

function targetOf(self: AnyActorRef): OutcomeTarget {
  return MachineCell.of(self) ?? self;
}

/**
 * Sends `body` for the machine running `self`; sends it `done(reply)` when the server answers, or
 * `{ type: failed, error }` when the request fails (or `done` throws, e.g. on a reply without an id).
 *
 * `undo`, for a request that creates something on the server (`create`, `attach`): when the machine
 * leaves the state first (the caller aborted), the request is not dropped: its late success is given to
 * `undo` (`destroy`, `detach`), so that nothing is left orphaned on the server.
 */
export function requestForMachine(
  wire: Wire,
  self: AnyActorRef,
  body: JanusRequestBody,
  options: InternalRequestOptions,
  done: (reply: JanusMessage) => AnyEventObject,
  failed: string,
  undo?: (reply: JanusMessage) => Promise<unknown>,
): void {
  const target = targetOf(self);
  const promise = wire.request(body, options);
  // The wire stamped the request with its transaction.
  const transaction = (body as { transaction?: string }).transaction;
  const entry = transaction !== undefined ? { transaction, undo } : undefined;
  if (entry) inFlight.set(target, entry);
  promise.then(
    (reply) => {
      if (!settle(target, entry)) {
        if (entry?.undo && abandoned.has(entry)) entry.undo(reply).catch(() => undefined);
        return;
      }
      let event: AnyEventObject;
      try {
        event = done(reply);
      } catch (error) {
        event = { type: failed, error };
      }
      target.send(event);
    },
    (error: unknown) => {
      if (settle(target, entry)) target.send({ type: failed, error });
    },
  );
}

/** Requests whose machine left the state while they were in flight, kept to undo their late success. */
const abandoned = new WeakSet<InFlight>();

/** Drops the request the machine running `self` has in flight, if any: its outcome is ignored. */
export function cancelMachineRequest(wire: Wire, self: AnyActorRef): void {
  const target = targetOf(self);
  const entry = inFlight.get(target);
  if (entry === undefined) return;
  inFlight.delete(target);
  // Left to run under its own deadline: its late success is undone (see `requestForMachine`).
  if (entry.undo) abandoned.add(entry);
  else wire.table.reject(entry.transaction, CANCELLED);
}

/** Whether `entry` is still the request `target` waits for (then it no longer waits). */
function settle(target: OutcomeTarget, entry: InFlight | undefined): boolean {
  if (entry === undefined) return true; // rejected before it had a transaction (the wire was closed)
  if (inFlight.get(target) !== entry) return false;
  inFlight.delete(target);
  return true;
}
