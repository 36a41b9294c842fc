/**
 * The browser media of a handle, typed: its `BrowserPeer`, the remote stream to show and the local one
 * being sent.
 * @module
 */
import type { PluginHandle } from '../plugin-handle.js';
import { BrowserPeer } from './browser-peer.js';

/** Any typed handle, whatever its event map. */
// biome-ignore lint/suspicious/noExplicitAny: any handle, whatever its event map
type AnyHandle = PluginHandle<any>;

/** The handle's `BrowserPeer`, once an offer or answer created it; `undefined` before (or in Node). */
export function browserPeerOf(handle: AnyHandle): BrowserPeer | undefined {
  const peer = handle.mediaPeer;
  return peer instanceof BrowserPeer ? peer : undefined;
}

/**
 * Every remote track of the handle, in one `MediaStream` (set it as a `<video>`'s `srcObject`; tracks that
 * arrive later, e.g. new VideoRoom feeds, are added to it); `undefined` before the handle has a peer.
 */
export function remoteStreamOf(handle: AnyHandle): MediaStream | undefined {
  return browserPeerOf(handle)?.remoteStream;
}

/** The local tracks the handle sends, in one `MediaStream` (a preview); `undefined` before it has a peer. */
export function localStreamOf(handle: AnyHandle): MediaStream | undefined {
  return browserPeerOf(handle)?.localStream;
}
