/** A throwing listener is reported and does not stop the later listeners of the same event. */
import { describe, expect, it } from 'vitest';
import { TypedEmitter } from '../../src/util/typed-emitter.js';

type Events = { ping: [number] };

class Pinger extends TypedEmitter<Events> {
  ping(value: number): boolean {
    return this.emit('ping', value);
  }
}

describe('TypedEmitter listener isolation', () => {
  it('runs every listener when an earlier one throws, and reports the error', () => {
    const reported: [unknown, string][] = [];
    const emitter = new Pinger((error, event) => reported.push([error, event]));
    const heard: string[] = [];
    const boom = new Error('listener bug');
    emitter.on('ping', () => {
      heard.push('first');
      throw boom;
    });
    emitter.once('ping', (value) => heard.push(`once ${value}`));
    emitter.on('ping', (value) => heard.push(`last ${value}`));
    expect(emitter.ping(1)).toBe(true);
    expect(heard).toEqual(['first', 'once 1', 'last 1']);
    expect(reported).toEqual([[boom, 'ping']]);
    // The once listener was removed; the others stay.
    heard.length = 0;
    emitter.ping(2);
    expect(heard).toEqual(['first', 'last 2']);
    expect(emitter.listenerCount('ping')).toBe(2);
  });

  it('reports a listener promise that rejects instead of leaving an unhandled rejection', async () => {
    const reported: unknown[] = [];
    const emitter = new Pinger((error) => reported.push(error));
    const boom = new Error('async listener bug');
    emitter.on('ping', async () => {
      throw boom;
    });
    emitter.ping(1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reported).toEqual([boom]);
  });

  it('survives a reporter that throws and emits nothing without listeners', () => {
    const emitter = new Pinger(() => {
      throw new Error('reporter bug');
    });
    expect(emitter.ping(1)).toBe(false);
    const heard: number[] = [];
    emitter.on('ping', () => {
      throw new Error('listener bug');
    });
    emitter.on('ping', (value) => heard.push(value));
    expect(() => emitter.ping(3)).not.toThrow();
    expect(heard).toEqual([3]);
  });
});
