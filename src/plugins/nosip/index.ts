/**
 * The nosip plugin: the typed handle and the wire types.
 * @module
 */
export * from './handle.js';
export * from './types.js';
