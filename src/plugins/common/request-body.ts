/**
 * A request body holds only what goes to Janus. The types make an empty body reject every key at
 * compile time ({@link EmptyRequest}); {@link assertJanusBody} catches, at run time, a client media
 * option (`source`, `recordTo`, an `audio`/`video` direction) put in a body instead of the options.
 * @module
 */
import { JanusError } from '../../errors.js';

/**
 * The body of a request that has no fields besides `request`: `{}` compiles, `{ recordTo: file }` does
 * not (an index signature of `never`, unlike `Record<never, never>`, which is `{}` and admits anything).
 */
export type EmptyRequest = { readonly [key: string]: never };

/** Client-side option names that never go to Janus: they belong in a method's options argument. */
export const CLIENT_ONLY_KEYS: readonly string[] = ['source', 'recordTo', 'jsep', 'waitForMedia'];

const DIRECTIONS = new Set(['sendrecv', 'sendonly', 'recvonly', 'inactive']);

/**
 * Throws an `INVALID_ARGUMENT` {@link JanusError} when `body` carries a client media option: `source`,
 * `recordTo`, `jsep` or `waitForMedia`, or an `audio`/`video` direction string (`'recvonly'`...; Janus's own
 * `audio`/`video` fields are booleans). Nothing is sent then.
 *
 * @param method - the method that was called, for the message, e.g. `VideoRoom.start`
 * @param body - the request body the caller passed
 */
export function assertJanusBody(method: string, body: object | undefined): void {
  if (body === undefined || body === null) return;
  if (typeof body !== 'object' || Array.isArray(body)) {
    throw new JanusError('INVALID_ARGUMENT', `${method}: the request body must be an object`);
  }
  const record = body as Record<string, unknown>;
  for (const key of CLIENT_ONLY_KEYS) {
    if (key in record && record[key] !== undefined) {
      throw new JanusError(
        'INVALID_ARGUMENT',
        `${method}: '${key}' is a client option, not a Janus field: pass it in the options (second argument)`,
      );
    }
  }
  for (const key of ['audio', 'video']) {
    const value = record[key];
    if (typeof value === 'string' && DIRECTIONS.has(value)) {
      throw new JanusError(
        'INVALID_ARGUMENT',
        `${method}: '${key}: ${value}' is a media direction, a client option: pass it in the options (second argument)`,
      );
    }
  }
}
