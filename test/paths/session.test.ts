/** The session machine's generated paths, played on the production client against a scripted fake Janus. */
import { describeClientPaths } from '../support/client-paths.js';
import { sessionClientSuite } from './suites/session.js';

describeClientPaths(sessionClientSuite);
