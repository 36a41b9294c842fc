/**
 * The statecharts of janus-xstate, pure: every I/O actor is a placeholder that the client (or a test)
 * replaces with `machine.provide({ actors })`.
 * @module
 */
import type { AnyStateMachine } from 'xstate';
import { connectionMachine } from './connection.machine.js';
import { handleMachine } from './handle.machine.js';
import { jsepMachine } from './jsep.machine.js';
import { keepaliveMachine } from './keepalive.machine.js';
import { reconnectMachine } from './reconnect.machine.js';
import { sessionMachine } from './session.machine.js';

export * from './connection.machine.js';
export * from './handle.machine.js';
export * from './jsep.machine.js';
export * from './keepalive.machine.js';
export * from './reconnect.machine.js';
export * from './session.machine.js';
export * from './types.js';

/** Every machine by name, for diagrams and coverage tests. */
export const machines: Record<string, AnyStateMachine> = {
  connection: connectionMachine,
  session: sessionMachine,
  handle: handleMachine,
  jsep: jsepMachine,
  reconnect: reconnectMachine,
  keepalive: keepaliveMachine,
};
