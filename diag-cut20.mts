import { connect, JanusError } from './src/index.ts';
import { startTcpProxy } from './test/fault/tcp-proxy.ts';
import { startJanus } from './src/testing/index.ts';
const server = await startJanus({ plugins: ['echotest', 'videoroom'], reclaimSessionTimeoutS: 10 });
const proxy = await startTcpProxy({ port: Number(new URL(server.wsUrl).port) });
const logs: string[] = [];
const t0 = Date.now();
const log = (m: string, d?: unknown) => { logs.push(`${Date.now() - t0} ${m} ${d ? JSON.stringify(d).slice(0, 200) : ''}`); if (logs.length > 400) logs.shift(); };
const janus = await connect(`ws://127.0.0.1:${proxy.port}`, { reconnect: true, requestTimeoutMs: 3000, connectTimeoutMs: 2000, logger: { debug: log, info: log, warn: log, error: log } });
janus.on('state', (s) => log('STATE ' + s));
const session = await janus.createSession();
const echo = await session.attach('janus.plugin.echotest');
let failures = 0;
for (let cut = 1; cut <= 200 && failures < 2; cut++) {
  const inflight = [0, 1, 2].map(() => echo.message({ audio: false }).catch(() => {}));
  const back = new Promise((r) => janus.once('reconnected', r));
  const down = new Promise((r) => janus.once('reconnecting', r));
  log(`CUT ${cut}`);
  proxy.cutAll();
  await down;
  log(`QUEUE message (state ${janus.state})`);
  const q = echo.message({ audio: true }, { timeoutMs: 10000 }).catch((e) => { failures++; log(`QUEUED FAILED ${(e as JanusError).code} ${(e as Error).message} state ${janus.state}`); console.log(logs.slice(-60).join('\n')); });
  await back;
  await q; await Promise.all(inflight);
}
await janus.close(); await proxy.close(); await server.stop();
