/**
 * The typed VoiceMail handle: leave a message of up to 10 s of audio, get the `.opus` file's name in the
 * `done` event.
 * @module
 */
import type { PluginDescriptor } from '../../janus-session.js';
import type { HandleEventMap, PluginEvent } from '../../plugin-handle.js';
import type { CallOptions } from '../../util/abort.js';
import { offerRequest } from '../common/client-offers.js';
import { MediaPluginHandle } from '../common/media-handle.js';
import { type MediaRequestOptions, sendPluginRequest, typedEvent } from '../handle-helpers.js';
import type {
  VoiceMailDoneEvent,
  VoiceMailErrorEvent,
  VoiceMailRecordRequest,
  VoiceMailStatusEvent,
  VoiceMailStopRequest,
  VoiceMailUpdateRequest,
} from './types.js';

/** Listener arguments of every event a {@link VoiceMailHandle} emits. */
export type VoiceMailEventMap = HandleEventMap & {
  /** `starting`, `started` (recording began: the PeerConnection is up) or `updating`. */
  status: [PluginEvent<VoiceMailStatusEvent>];
  /** The message is recorded: `data.recording` names the `.opus` file. */
  done: [PluginEvent<VoiceMailDoneEvent>];
  /** An error the plugin sent outside the reply to a request. */
  'plugin-error': [PluginEvent<VoiceMailErrorEvent>];
};

/** Names of the VoiceMail-specific events. */
export type VoiceMailEventName = Exclude<keyof VoiceMailEventMap, keyof HandleEventMap>;

/** Names the typed event a VoiceMail `plugindata.data` object is, or `undefined`. */
export function classifyVoiceMailEvent(data: Record<string, unknown>): VoiceMailEventName | undefined {
  if ('error_code' in data) return 'plugin-error';
  if (data.status === 'done') return 'done';
  return typeof data.status === 'string' ? 'status' : undefined;
}

/**
 * A handle on the VoiceMail plugin. Attach with `session.attach(VoiceMail)`.
 *
 * Every request is answered asynchronously; a plugin error rejects as a `PLUGIN_ERROR` JanusError whose
 * `janusCode` is one of `VoiceMailErrorCode`. After `done` the plugin ends the handle (`detached`).
 */
export class VoiceMailHandle extends MediaPluginHandle<VoiceMailEventMap> {
  /**
   * `record`: offers audio from `options.source` (default: a generated tone; the plugin takes Opus audio
   * only) and starts recording. Resolves with the plugin's status once the PeerConnection is up, or at
   * its reply with `waitForMedia: false`. Recording ends with `done` after 10 s or on {@link stop}.
   */
  async record(
    request: VoiceMailRecordRequest = {},
    options: MediaRequestOptions = {},
  ): Promise<VoiceMailStatusEvent> {
    const reply = await offerRequest<VoiceMailStatusEvent>(this, 'record', request, options, {
      audio: true,
      video: false,
    });
    return reply.data;
  }

  /** `update` (in the code, not in the doc): renegotiates while recording, e.g. `{ iceRestart: true }`. */
  async update(
    request: VoiceMailUpdateRequest = {},
    options: MediaRequestOptions = {},
  ): Promise<VoiceMailStatusEvent> {
    return (await offerRequest<VoiceMailStatusEvent>(this, 'update', request, options)).data;
  }

  /** `stop`: ends the recording now. Resolves with `done` (naming the file); the plugin then ends the handle. */
  async stop(request: VoiceMailStopRequest = {}, options: CallOptions = {}): Promise<VoiceMailDoneEvent> {
    return (await sendPluginRequest<VoiceMailDoneEvent>(this, 'stop', request, options)).data;
  }

  /** Classifies a plugin event into its typed event, then emits the generic `event` too. */
  protected override onPluginEvent(event: PluginEvent): void {
    const name = classifyVoiceMailEvent(event.data);
    if (name) (this.emit as (name: string, ...args: unknown[]) => boolean)(name, typedEvent(event));
    super.onPluginEvent(event);
  }
}

/** The VoiceMail plugin: `session.attach(VoiceMail)` resolves with a {@link VoiceMailHandle}. */
export const VoiceMail: PluginDescriptor<VoiceMailHandle> = {
  plugin: 'janus.plugin.voicemail',
  create: (host, actor) => new VoiceMailHandle(host, actor, 'janus.plugin.voicemail'),
};
