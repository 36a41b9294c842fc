/** The connection machine's generated paths, played on the production client against scripted fake servers. */
import { describeClientPaths } from '../support/client-paths.js';
import { connectionClientSuite } from './suites/connection.js';

describeClientPaths(connectionClientSuite);
