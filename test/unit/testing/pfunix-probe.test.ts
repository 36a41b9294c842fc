/**
 * The readiness probe of pfunix's sockets (Janus 1.1.2 start-up race): a socket that the losing pfunix
 * thread unlinks shortly after the HTTP API answers must not count as ready, and one that stays does.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type ExtensionParams, extensionProbes, unixSocketPaths } from '../../../src/testing/extensions.js';

let configDir: string;

beforeEach(async () => {
  configDir = await mkdtemp(join(tmpdir(), 'janus-xstate-probe-'));
});

afterEach(async () => {
  await rm(configDir, { recursive: true, force: true });
});

function apiProbe() {
  const probes = extensionProbes(
    { configDir, unixSockets: true, securePorts: undefined } as ExtensionParams,
    '127.0.0.1',
    async () => true,
  );
  const probe = probes.find((p) => p.url.endsWith('janus-api.sock'));
  if (!probe) throw new Error('no probe for the API socket');
  return probe;
}

describe('pfunix socket readiness', () => {
  it('is not ready while the socket is fresh, and is ready once it stayed in place', async () => {
    const probe = apiProbe();
    await writeFile(unixSocketPaths(configDir).api, '');
    expect(await probe.check()).toBe(false);
    await sleep(450);
    expect(await probe.check()).toBe(true);
  });

  it('does not count a socket that vanished and came back as settled', async () => {
    const probe = apiProbe();
    const path = unixSocketPaths(configDir).api;
    await writeFile(path, '');
    expect(await probe.check()).toBe(false);
    await rm(path);
    expect(await probe.check()).toBe(false);
    await sleep(450);
    await writeFile(path, '');
    expect(await probe.check()).toBe(false);
  });

  it('reports the race when the socket stays missing while the HTTP API answers', async () => {
    const probe = apiProbe();
    expect(await probe.check()).toBe(false);
    await sleep(350);
    await expect(probe.check()).rejects.toThrow(/pfunix thread ended at start/);
  });
});
