/** Starts the bench's private Janus through the project's launcher, `src/testing/janus-server.ts`. */
import { startJanus } from '../../src/testing/janus-server.js';
import type { JanusServer } from '../../src/testing/types.js';

/** The private Janus the bench runs against. */
export type BenchJanus = JanusServer;

/** Which starter {@link startBenchJanus} uses (for the report). */
export const JANUS_STARTER = 'src/testing/janus-server.ts';

/** Starts one private Janus on loopback: echotest only, `event_loops = 2`, session timeout 60 s. */
export function startBenchJanus(): Promise<BenchJanus> {
  return startJanus({ plugins: ['echotest'], sessionTimeoutS: 60 });
}
