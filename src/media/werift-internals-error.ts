/**
 * The error every werift workaround throws when werift's internals no longer have the shape it relies on.
 * @module
 */

/** Thrown when werift's internals no longer have the shape a workaround relies on. */
export class WeriftInternalsError extends Error {
  /** @param what - the werift internal that was missing or unexpected */
  constructor(what: string) {
    super(`werift internals changed (${what}); re-check src/media/werift-workarounds.ts`);
    this.name = 'WeriftInternalsError';
  }
}
