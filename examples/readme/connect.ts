import { connect, consoleLogger, JanusError } from 'janus-xstate';

const url = process.env.JANUS_URL ?? 'ws://127.0.0.1:8188'; // or http://127.0.0.1:8088/janus, or a list
const janus = await connect(url, {
  apiSecret: process.env.JANUS_API_SECRET, // when the server has an api_secret
  requestTimeoutMs: 5_000, // default 10 s
  logger: consoleLogger(), // wire traffic to stderr, secrets redacted; default: silent
});
janus.on('state', (state) => console.error(`connection ${state}`));

const info = await janus.info();
console.log(`${info.name} ${info.version_string}`);

const session = await janus.createSession(); // keepalive runs by itself
const handle = await session.attach('janus.plugin.echotest');
handle.on('event', (event) => console.log('event', event.data)); // what the plugin sends unasked

// Resolves on the real reply: `success`, or the `event` that follows the `ack`, in either order.
const reply = await handle.message(
  { audio: false },
  { timeoutMs: 3_000, signal: AbortSignal.timeout(5_000) },
);
console.log('reply', reply.data);

try {
  await session.attach('janus.plugin.nope');
} catch (error) {
  if (!(error instanceof JanusError)) throw error;
  console.log(`refused: ${error.code} (${error.janusCode})`); // PLUGIN_NOT_FOUND (460)
}

await handle.detach();
await session.destroy();
await janus.close(); // the process can exit right after
