/** Janus admin API helpers for the bench (loopback only), on the library's own admin client. */
import { setTimeout as sleep } from 'node:timers/promises';
import { connectAdmin } from '../../src/index.js';

/** Number of sessions Janus holds now, or undefined when the admin API does not answer. */
export async function countSessions(adminHttpUrl: string, adminSecret: string): Promise<number | undefined> {
  const admin = await connectAdmin(adminHttpUrl, {
    adminSecret,
    connectTimeoutMs: 5000,
    requestTimeoutMs: 5000,
  }).catch(() => undefined);
  if (!admin) return undefined;
  try {
    return (await admin.listSessions()).sessions.length;
  } catch {
    return undefined;
  } finally {
    admin.close();
  }
}

/**
 * Waits until Janus holds at most `atMost` sessions (after a child closed its connection and Janus reaps
 * its sessions), up to `timeoutMs`.
 */
export async function waitForSessions(
  adminHttpUrl: string,
  adminSecret: string,
  atMost: number,
  timeoutMs = 30_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const n = await countSessions(adminHttpUrl, adminSecret);
    if (n === undefined) {
      await sleep(2000);
      return;
    }
    if (n <= atMost) return;
    await sleep(200);
  }
}
