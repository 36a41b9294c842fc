/**
 * The keepalive scheduler of a connection: one timer for all sessions. Every tick the client sends a
 * `keepalive` for each session that has been idle for its keepalive interval, straight over the wire, and
 * tells a session only when its keepalive failed (`keepalive.failed`). One `after` timer for the whole
 * connection instead of one per session: XState walks every scheduled event whenever an actor stops, so
 * per-session timers made each request O(sessions) (measured: 69 % of a core idle with 8,000 sessions).
 * @module
 */
import { setup } from 'xstate';

/** What the keepalive scheduler is started with. */
export interface KeepaliveMachineInput {
  /** Milliseconds between checks. */
  tickMs: number;
}

/** The keepalive scheduler statechart. Provide the `tick` action. */
export const keepaliveMachine = setup({
  types: {
    context: {} as KeepaliveMachineInput,
    input: {} as KeepaliveMachineInput,
  },
  actions: {
    /** Sends the keepalives that are due. Provided by the client. */
    tick: () => {},
  },
  delays: {
    tick: ({ context }) => context.tickMs,
  },
}).createMachine({
  id: 'keepalive',
  context: ({ input }) => ({ tickMs: input.tickMs }),
  initial: 'ticking',
  states: {
    ticking: {
      after: { tick: { target: 'ticking', reenter: true, actions: 'tick' } },
    },
  },
});

/** The keepalive machine's type. */
export type KeepaliveMachine = typeof keepaliveMachine;
