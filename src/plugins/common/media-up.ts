/**
 * The one rule for methods that start media: they resolve once the media is up (`webrtcup`), unless the
 * caller opts out with `waitForMedia: false` or negotiates by itself (`jsep`).
 * @module
 */
import type { PluginHandle } from '../../plugin-handle.js';
import { type MediaRequestOptions, waitForWebrtcUp } from '../handle-helpers.js';

/**
 * Waits for `webrtcup` as `options` say: not with `waitForMedia: false` or a caller's `jsep`; at once when
 * the PeerConnection is already up (a renegotiation). Rejects like `waitForWebrtcUp`.
 */
export async function mediaUp(
  // biome-ignore lint/suspicious/noExplicitAny: any handle, whatever its event map
  handle: PluginHandle<any>,
  options: MediaRequestOptions,
): Promise<void> {
  if (options.waitForMedia === false || options.jsep) return;
  await waitForWebrtcUp(handle, { timeoutMs: options.timeoutMs, signal: options.signal });
}
