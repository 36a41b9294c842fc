/**
 * `npm run demo`: starts a private Janus, connects, creates a session, attaches the echotest, sends a
 * message and prints the reply and every state transition the actors went through.
 */
import type { InspectionEvent } from 'xstate';
import { connect } from '../src/index.js';
import { startJanus } from '../src/testing/index.js';
import { ensureJanus } from './ensure-janus.js';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Prints `actor: from → to` for every snapshot change, from the inspection stream. */
function transitionPrinter(): (event: InspectionEvent) => void {
  const last = new Map<string, string>();
  return (event) => {
    if (event.type !== '@xstate.snapshot') return;
    const id = (event.actorRef as { id?: string }).id ?? '?';
    const value = (event.snapshot as { value?: unknown }).value;
    if (value === undefined) return;
    const state = JSON.stringify(value).replaceAll('"', '');
    const before = last.get(id);
    if (before === state) return;
    last.set(id, state);
    log(`  [${id.padEnd(10)}] ${before ?? '(start)'} → ${state}`);
  };
}

ensureJanus(log);
const server = await startJanus({ plugins: ['echotest'] });
log(`Private Janus started (pid ${server.pid}) at ${server.wsUrl}`);
try {
  const janus = await connect(server.wsUrl, { inspect: transitionPrinter() });
  const info = await janus.info();
  log(`Connected: ${info.name} ${info.version_string}, session-timeout ${info['session-timeout']} s`);
  const session = await janus.createSession();
  log(`Session ${session.id} created`);
  const echo = await session.attach('janus.plugin.echotest');
  log(`Attached janus.plugin.echotest as handle ${echo.id}`);
  const started = performance.now();
  const reply = await echo.message({ audio: false });
  log(`Echotest reply in ${(performance.now() - started).toFixed(2)} ms: ${JSON.stringify(reply.data)}`);
  await echo.detach();
  await session.destroy();
  await janus.close();
  log('Closed: every actor stopped.');
} finally {
  await server.stop();
}
