/**
 * The Admin/Monitor API client.
 * @module
 */
export { connectAdmin, JanusAdmin } from './admin-client.js';
export type { AdminLinkState, AdminOptions } from './admin-connection.js';
export type * from './types.js';
