/**
 * `janus-xstate/testing`: start private Janus WebRTC Servers for tests.
 *
 * ```ts
 * import { startJanus } from 'janus-xstate/testing';
 * const janus = await startJanus({ plugins: ['echotest'] });
 * // ... connect to janus.wsUrl or janus.httpUrl ...
 * await janus.stop();
 * ```
 *
 * @module
 */

export { DEMO_ROOM_ID, DEMO_ROOM_SECRET } from './config-templates.js';
export { JANUS_INSTALL_COMMAND, JanusNotInstalledError, JanusStartError } from './errors.js';
export { startJanus } from './janus-server.js';
export { DEFAULT_PLUGINS } from './options.js';
export type { JanusPorts, JanusServer, JanusServerOptions, JanusSettingValue } from './types.js';
