/**
 * Pins the XState internal the client relies on (`src/client/xstate-internals.ts`): an actor created with
 * a `parent` (only when inspected) cannot be stopped with the public `stop()`, and `_stop()` stops it.
 * Fails when an XState upgrade changes either.
 */
import { describe, expect, it } from 'vitest';
import { createActor, createMachine } from 'xstate';
import { stopHostedActor } from '../../src/client/xstate-internals.js';

const idle = createMachine({ id: 'idle', initial: 'waiting', states: { waiting: {} } });

describe('XState internals the client uses', () => {
  it('a parented actor refuses stop(); stopHostedActor stops it with _stop()', () => {
    const parent = createActor(idle).start();
    const child = createActor(idle, { parent, id: 'child-1' }).start();
    expect(() => child.stop()).toThrow(/non-root/);
    expect(child.getSnapshot().status).toBe('active');
    stopHostedActor(child);
    expect(child.getSnapshot().status).toBe('stopped');
    // It was never one of the parent's children: hosting it did not touch the parent's snapshot.
    expect(parent.getSnapshot().children).toEqual({});
    parent.stop();
  });

  it('a root actor is stopped with the public stop()', () => {
    const root = createActor(idle).start();
    stopHostedActor(root);
    expect(root.getSnapshot().status).toBe('stopped');
  });
});
