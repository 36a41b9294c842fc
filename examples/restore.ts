/**
 * Sessions that survive a restart of the client process. The first run (`save`) creates a session with
 * an EchoTest handle, writes `janus.snapshot()` to a file and exits without closing anything (as a
 * crashed or redeployed process would). The second run (`resume`), in a new process, restores that
 * snapshot: it claims the session, gets the typed handle back by its id, and uses it.
 *
 *   JANUS_URL=ws://127.0.0.1:8188 npx tsx examples/restore.ts save /tmp/janus-snapshot.json
 *   JANUS_URL=ws://127.0.0.1:8188 npx tsx examples/restore.ts resume /tmp/janus-snapshot.json
 *
 * The server must keep the session long enough: over WebSocket its `reclaim_session_timeout` (in
 * `janus.jcfg`, default 0 = destroyed at once), over HTTP its `session_timeout`. A refused claim ends the
 * session (`janus.restored.lost`), or re-creates it when `recreate: true`.
 *
 * (In your own project the import is `from 'janus-xstate'`.)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { connect, EchoTest, type JanusSnapshot } from 'janus-xstate';

const [mode, file] = process.argv.slice(2);
if ((mode !== 'save' && mode !== 'resume') || !file) {
  throw new Error('usage: restore.ts save|resume SNAPSHOT_FILE');
}
const url = process.env.JANUS_URL ?? 'ws://127.0.0.1:8188';
// Secrets are never written to a snapshot: give them again when restoring.
const apiSecret = process.env.JANUS_API_SECRET;

if (mode === 'save') {
  const janus = await connect(url, { apiSecret });
  const session = await janus.createSession();
  const echo = await session.attach(EchoTest, { opaqueId: 'restore-example' });
  writeFileSync(file, JSON.stringify(janus.snapshot(), null, 2));
  console.log(`saved session ${session.id} with handle ${echo.id}`);
  // No close(): the server keeps the session for the next process to claim.
  process.exit(0);
}

const snapshot = JSON.parse(readFileSync(file, 'utf8')) as JanusSnapshot;
const janus = await connect(url, { apiSecret, restore: snapshot });
try {
  const report = janus.restored;
  console.log(
    `restored over ${janus.transportKind}: ${report?.claimed.length} claimed, ${report?.lost.length} lost`,
  );
  for (const session of janus.sessions) {
    for (const saved of snapshot.sessions.find((s) => s.id === session.id)?.handles ?? []) {
      // Typed again: the handle was rebuilt with the EchoTest descriptor.
      const echo = session.handle(saved.id, EchoTest);
      const reply = await echo.configure({ audio: false }, { timeoutMs: 3_000 });
      console.log(`session ${session.id} handle ${echo.id} replied: ${JSON.stringify(reply.data)}`);
    }
  }
} finally {
  // Destroys the restored sessions on the server.
  await janus.close();
}
