import { runEchoTest } from '../../src/cli/echotest.js';
import { startJanus } from '../../src/testing/index.js';

const server = await startJanus({
  plugins: ['echotest'],
  bindIp: '127.0.0.1',
  extraNat: { ice_enforce_list: 'jpd0' },
});
const r = await runEchoTest({ url: server.wsUrl, record: '/tmp/media-rec.webm', seconds: 3 });
console.log(JSON.stringify(r.stats));
await server.stop();
