/**
 * Shared helpers of the plugin signalling suites.
 * @module
 */
import { expect } from 'vitest';
import { JanusError } from '../../src/index.js';

/** Expects `promise` to reject with a `PLUGIN_ERROR` JanusError and returns it (for its `janusCode`). */
export async function pluginError(promise: Promise<unknown>): Promise<JanusError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JanusError);
  expect((error as JanusError).code).toBe('PLUGIN_ERROR');
  return error as JanusError;
}

/** A room id unlikely to clash with other tests' rooms on the same server. */
export function roomId(): number {
  return 100_000 + Math.floor(Math.random() * 1_000_000_000);
}
