/**
 * The handle machine's generated paths, played on the production client against a scripted fake Janus
 * (the werift peer replaced by a stub, for the handle's `jsep.start` / `jsep.stop`).
 */
import { vi } from 'vitest';
import { describeClientPaths } from '../support/client-paths.js';
import { handleClientSuite } from './suites/handle.js';

vi.mock('../../src/media/janus-peer.js', () => import('../support/stub-peer.js'));

describeClientPaths(handleClientSuite);
