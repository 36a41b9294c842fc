/**
 * The typed plugins this package ships, one per plugin package: what a restore builds handles with
 * unless `ConnectOptions.plugins` says otherwise.
 * @module
 */
import type { PluginDescriptor } from '../janus-session.js';
import { AudioBridge } from './audiobridge/handle.js';
import { Duktape } from './duktape/handle.js';
import { EchoTest } from './echotest/handle.js';
import { Lua } from './lua/handle.js';
import { NoSip } from './nosip/handle.js';
import { RecordPlay } from './recordplay/handle.js';
import { Sip } from './sip/handle.js';
import { Streaming } from './streaming/handle.js';
import { TextRoom } from './textroom/handle.js';
import { VideoCall } from './videocall/handle.js';
import { VideoRoom } from './videoroom/handle.js';
import { VoiceMail } from './voicemail/handle.js';

/**
 * Every built-in typed plugin, one descriptor per plugin package: `AudioBridge`, `Duktape`, `EchoTest`,
 * `Lua`, `NoSip`, `RecordPlay`, `Sip`, `Streaming`, `TextRoom`, `VideoCall`, `VideoRoom`, `VoiceMail`.
 * The default of `ConnectOptions.plugins` for `connect()`.
 */
export const builtInPlugins: readonly PluginDescriptor[] = Object.freeze([
  AudioBridge,
  Duktape,
  EchoTest,
  Lua,
  NoSip,
  RecordPlay,
  Sip,
  Streaming,
  TextRoom,
  VideoCall,
  VideoRoom,
  VoiceMail,
] as PluginDescriptor[]);
