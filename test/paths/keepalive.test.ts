/** The keepalive machine's generated paths, played on the production client against a scripted fake Janus. */
import { describeClientPaths } from '../support/client-paths.js';
import { keepaliveClientSuite } from './suites/keepalive.js';

describeClientPaths(keepaliveClientSuite);
