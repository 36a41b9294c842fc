/** The handle machine's generated paths, played on the production client against a scripted fake Janus. */
import { describeClientPaths } from '../support/client-paths.js';
import { handleClientSuite } from './suites/handle.js';

describeClientPaths(handleClientSuite);
