/**
 * The EchoTest plugin: attach with `session.attach(EchoTest)`.
 * @module
 */
export * from './handle.js';
export * from './types.js';
