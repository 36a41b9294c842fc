/** Janus admin API helpers for the bench (loopback only). */
import { setTimeout as sleep } from 'node:timers/promises';

/** Number of sessions Janus holds now, or undefined when the admin API does not answer. */
export async function countSessions(adminHttpUrl: string, adminSecret: string): Promise<number | undefined> {
  try {
    const res = await fetch(adminHttpUrl, {
      method: 'POST',
      body: JSON.stringify({ janus: 'list_sessions', transaction: 'bench', admin_secret: adminSecret }),
      signal: AbortSignal.timeout(5000),
    });
    const reply = (await res.json()) as { sessions?: unknown[] };
    return reply.sessions?.length;
  } catch {
    return undefined;
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
