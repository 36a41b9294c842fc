/**
 * The placeholder behind every I/O actor a machine declares: machines are pure, the client provides
 * the real actors with `machine.provide({ actors })`, tests provide stubs.
 * @module
 */

/** Rejects, naming the actor that the caller forgot to provide. */
export function notProvided(actor: string): Promise<never> {
  return Promise.reject(new Error(`actor '${actor}' was not provided: use machine.provide({ actors })`));
}
