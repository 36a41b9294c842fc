/**
 * The TextRoom plugin: the typed handle and the wire types.
 * @module
 */

export * from './data-link.js';
export * from './handle.js';
export * from './types.js';
