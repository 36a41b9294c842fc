/**
 * The Node platform, installed when the Node entry point (`janus-xstate`) is loaded: the Node transports
 * in the registry (`ws`/`wss`, `http`/`https`, `unix`) and werift peers for media. werift is imported on
 * the first negotiation only, so a signalling-only process never loads it.
 * @module
 */
import '../transport/node-transports.js';
import type { PeerOptions } from '../media/janus-peer.js';
import { installPeerFactory } from '../media/media-peer.js';

/**
 * The werift module, loaded on first use; the promise is kept because each `import()` call, even of a
 * module already loaded, costs ~1-2 ms under a loader (tsx, vitest) on every negotiation.
 */
let peerModule: Promise<typeof import('../media/janus-peer.js')> | undefined;

installPeerFactory(async (options) => {
  peerModule ??= import('../media/janus-peer.js');
  const { JanusPeer } = await peerModule;
  return JanusPeer.create(options as PeerOptions);
});
