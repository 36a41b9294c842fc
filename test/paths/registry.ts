/**
 * Every machine's client-driven path suite, by the machine's name in `machines/index.ts`. A machine added
 * to `machines/` without a suite here fails `test/paths/registry.test.ts`. Loaders are lazy, so a test can
 * load a suite after mocking a machine module (the mutation tests). The handle and JSEP suites need the
 * stub peer installed (`vi.mock` of `src/media/janus-peer.js`, see their test files).
 * @module
 */
import type { AnyStateMachine } from 'xstate';
import type { ClientPathSuite } from '../support/client-paths.js';

/** A client path suite of any machine. */
export type AnyClientPathSuite = ClientPathSuite<AnyStateMachine, never>;

/** Loads a suite module and returns the suite. */
export type SuiteLoader = () => Promise<AnyClientPathSuite>;

/** Client-driven path suites by machine name; each runs from `test/paths/<name>.test.ts`. */
export const clientPathSuites: Readonly<Record<string, SuiteLoader>> = {
  connection: async () =>
    (await import('./suites/connection.js')).connectionClientSuite as unknown as AnyClientPathSuite,
  handle: async () => (await import('./suites/handle.js')).handleClientSuite as unknown as AnyClientPathSuite,
  session: async () =>
    (await import('./suites/session.js')).sessionClientSuite as unknown as AnyClientPathSuite,
  jsep: async () => (await import('./suites/jsep.js')).jsepClientSuite as unknown as AnyClientPathSuite,
  keepalive: async () =>
    (await import('./suites/keepalive.js')).keepaliveClientSuite as unknown as AnyClientPathSuite,
  reconnect: async () =>
    (await import('./suites/reconnect.js')).reconnectClientSuite as unknown as AnyClientPathSuite,
};
