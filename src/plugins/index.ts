/**
 * Typed plugin handles: attach with `session.attach(VideoRoom)`, `session.attach(TextRoom)`,
 * `session.attach(VideoCall)`; each re-exports its plugin's wire types.
 * @module
 */

export * from './duktape/index.js';
export {
  countPacketsByMid,
  type MediaRequestOptions,
  type MidPacketCounts,
  type PluginRequestOptions,
  sendPluginRequest,
  waitForWebrtcUp,
} from './handle-helpers.js';
export * from './lua/index.js';
export * from './nosip/index.js';
export * from './recordplay/index.js';
export * from './sip/index.js';
export * from './textroom/index.js';
export * from './videocall/index.js';
export * from './videoroom/index.js';
export * from './voicemail/index.js';
