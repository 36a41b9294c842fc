/**
 * How sessions and handles are hosted: not children of the connection actor (so creating or ending one
 * never copies the connection's `children`); an idle one holds its state without a live actor; its
 * `actor` is created on demand from that state and from then on is the actor that runs its transitions.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from '../../src/index.js';
import { getTestServer, type TestServer } from '../harness/servers.js';

let server: TestServer;

beforeAll(async () => {
  server = await getTestServer({ plugins: ['echotest'] });
});

afterAll(async () => {
  await server?.stop();
});

describe('hosting of sessions and handles', () => {
  it('idle sessions and handles hold no actor; actor on demand runs the next transitions', async () => {
    const janus = await connect(server.wsUrl);
    const sessions = await Promise.all([1, 2, 3].map(() => janus.createSession()));
    const handles = await Promise.all(sessions.map((session) => session.attach('janus.plugin.echotest')));
    // Not children of the connection actor.
    expect(Object.keys(janus.actor.getSnapshot().children).filter((id) => id.startsWith('session'))).toEqual(
      [],
    );
    // Idle: after the sweep, no live actor, the state is held.
    await sleep(300);
    for (const session of sessions) expect(session.cell.live).toBe(false);
    for (const handle of handles) expect(handle.cell.live).toBe(false);
    expect(sessions.map((session) => session.state)).toEqual(['active', 'active', 'active']);
    expect(handles.map((handle) => handle.state)).toEqual(['attached', 'attached', 'attached']);
    const [session, handle] = [sessions[0], handles[0]] as [(typeof sessions)[0], (typeof handles)[0]];
    // On demand: a real actor restored in the held state, kept alive from then on.
    const actor = handle.actor;
    expect(actor.getSnapshot().value).toEqual({ attached: 'inactive' });
    expect(actor.getSnapshot().context.handleId).toBe(handle.id);
    await sleep(300);
    expect(handle.cell.live).toBe(true);
    expect(handle.actor).toBe(actor);
    // That actor runs the detach.
    const values: unknown[] = [];
    actor.subscribe((snapshot) => values.push(snapshot.value));
    await handle.detach();
    expect(values).toContain('detaching');
    expect(actor.getSnapshot().status).toBe('done');
    // A held session still takes events: destroy restores an actor for the transition.
    await session.destroy();
    expect(session.state).toBe('destroyed');
    expect(session.cell.live).toBe(false);
    await janus.close();
    expect(sessions.slice(1).map((s) => s.state)).toEqual(['destroyed', 'destroyed']);
  });

  it('a session that ends right after going idle is not kept alive by the idle sweep', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const janus = await connect(server.wsUrl);
    const refs: WeakRef<object>[] = [];
    // Each session goes idle once created (so the sweep will look at it ~100 ms later), then ends at once.
    const createAndDestroy = async (): Promise<void> => {
      const session = await janus.createSession();
      refs.push(new WeakRef(session.cell));
      await session.destroy();
    };
    for (let i = 0; i < 5; i++) await createAndDestroy();
    gc();
    // Before the sweep has run: an ended cell must already be collectable (the sweep list let it go).
    expect(refs.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
    await janus.close();
  });

  it("clients share one set of machine definitions, and each client's actors stay on its own wire", async () => {
    const a = await connect(server.wsUrl);
    const b = await connect(server.wsUrl);
    // Built once per process, not once per connection.
    expect(b.actor.logic).toBe(a.actor.logic);
    const sessionA = await a.createSession();
    const sessionB = await b.createSession();
    expect(sessionA.cell.getSnapshot().status).toBe('active');
    // With A closed, everything B's machines send still goes on B's wire.
    await a.close();
    expect(sessionA.state).toBe('destroyed');
    const handle = await sessionB.attach('janus.plugin.echotest');
    await sleep(300); // parked: the next transition runs in an actor restored from the held state
    expect(handle.cell.live).toBe(false);
    await handle.detach();
    await sessionB.destroy();
    expect(sessionB.state).toBe('destroyed');
    expect(b.pendingRequests).toBe(0);
    await b.close();
  });
});
