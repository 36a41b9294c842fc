/**
 * Turns what the server sent into Janus messages, dropping (with a debug log) what is not one.
 * @module
 */

import type { JanusMessage } from '../protocol/messages.js';
import type { JanusLogger } from '../util/logger.js';

/** True when `value` has the shape every Janus message has: an object with a string `janus`. */
export function isJanusMessage(value: unknown): value is JanusMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { janus?: unknown }).janus === 'string'
  );
}

/** Parses one frame or HTTP body: a message or an array of messages. Invalid input yields `[]`. */
export function parseServerFrame(text: string, logger: Required<JanusLogger>): JanusMessage[] {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    logger.debug('ignored a frame that is not JSON', { length: text.length });
    return [];
  }
  return toMessages(value, logger);
}

/** Keeps the valid messages of a parsed value (one message or an array of them). */
export function toMessages(value: unknown, logger: Required<JanusLogger>): JanusMessage[] {
  const items = Array.isArray(value) ? value : [value];
  const out: JanusMessage[] = [];
  for (const item of items) {
    if (isJanusMessage(item)) out.push(item);
    else logger.debug('ignored a value that is not a Janus message');
  }
  return out;
}
