/** The reconnect machine's generated paths, played on the production client against a scripted fake Janus. */
import { describeClientPaths } from '../support/client-paths.js';
import { reconnectClientSuite } from './suites/reconnect.js';

describeClientPaths(reconnectClientSuite);
