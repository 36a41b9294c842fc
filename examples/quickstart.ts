/**
 * A first script, as a new user writes it: only the public entry points, against a Janus it did not
 * start. Run it with the server's URL:
 *
 *   JANUS_URL=ws://127.0.0.1:8188 npx tsx examples/quickstart.ts
 *   JANUS_URL=http://127.0.0.1:8088/janus npx tsx examples/quickstart.ts
 *
 * (In your own project the import is `from 'janus-xstate'`.)
 */
import { connect, JanusError } from 'janus-xstate';

const url = process.env.JANUS_URL ?? 'ws://127.0.0.1:8188';
const janus = await connect(url, { apiSecret: process.env.JANUS_API_SECRET, requestTimeoutMs: 5_000 });
try {
  const info = await janus.info();
  console.log(`connected to ${info.name} ${info.version_string} over ${janus.transportKind}`);

  const session = await janus.createSession();
  const handle = await session.attach('janus.plugin.echotest');
  handle.on('detached', ({ reason }) => console.log(`handle detached (${reason})`));

  const reply = await handle.message(
    { audio: false },
    { timeoutMs: 3_000, signal: AbortSignal.timeout(5_000) },
  );
  console.log('echotest replied:', JSON.stringify(reply.data));

  try {
    await session.attach('janus.plugin.does-not-exist');
  } catch (error) {
    if (error instanceof JanusError) console.log(`attach refused: ${error.code} (${error.janusCode})`);
    else throw error;
  }

  await handle.detach();
  await session.destroy();
  console.log(`session ${session.state}`);
} finally {
  await janus.close();
}
