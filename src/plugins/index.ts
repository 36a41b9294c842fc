/**
 * Typed plugin handles: attach with `session.attach(EchoTest)`, `session.attach(VideoRoom)`,
 * `session.attach(TextRoom)`, `session.attach(VideoCall)`, `session.attach(AudioBridge)`,
 * `session.attach(Streaming)`, `session.attach(RecordPlay)`, `session.attach(Sip)`, `session.attach(NoSip)`,
 * `session.attach(VoiceMail)`, `session.attach(LuaEchoTest)`...; each re-exports its plugin's wire types. `common` is the foundation they
 * share (negotiation flows, request-body rule, `stats()` shape, shared types).
 * @module
 */

export * from './audiobridge/index.js';
export { builtInPlugins } from './built-in.js';
export * from './common/index.js';
export * from './duktape/index.js';
export * from './echotest/index.js';
export {
  countPacketsByMid,
  DEFAULT_WEBRTCUP_TIMEOUT_MS,
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
export * from './streaming/index.js';
export * from './textroom/index.js';
export * from './videocall/index.js';
export * from './videoroom/index.js';
export * from './voicemail/index.js';
