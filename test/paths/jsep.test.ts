/**
 * The JSEP machine's generated paths, played on the production client (`PluginHandle.offer`, `answer`,
 * `closePeer`) against a scripted fake Janus, with the werift peer replaced by a stub whose SDP operations
 * the steps settle.
 */
import { vi } from 'vitest';
import { describeClientPaths } from '../support/client-paths.js';
import { jsepClientSuite } from './suites/jsep.js';

vi.mock('../../src/media/janus-peer.js', () => import('../support/stub-peer.js'));

describeClientPaths(jsepClientSuite);
