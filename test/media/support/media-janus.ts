/**
 * A private Janus for media tests, inside the private network namespace of
 * `scripts/netns-run.sh`: EchoTest only, signalling on loopback, ICE on jpd0 (10.200.0.1) only.
 */

import type { JanusServer } from '../../../src/testing/index.js';
import { startJanus } from '../../../src/testing/index.js';

/** Starts it; stop it with `server.stop()`. */
export function startMediaJanus(): Promise<JanusServer> {
  return startJanus({
    plugins: ['echotest'],
    bindIp: '127.0.0.1',
    // Janus skips loopback for ICE anyway; gather on the namespace's veth only.
    extraNat: { ice_enforce_list: 'jpd0' },
  });
}
