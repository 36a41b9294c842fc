/**
 * `fromJanus` / `janusLogic` in process, against a real Janus (signalling only; the media call of the
 * embedding example runs in `test/media/examples-embedded-bot.test.ts`): an application machine invokes
 * the connection, sends it commands as events, and gets every answer back as a typed report, with the
 * `ref` it gave. Stopping the application stops the connection: the server no longer has its session.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AnyActorRef, assign, createActor, setup } from 'xstate';
import {
  connectAdmin,
  fromJanus,
  type JanusAdmin,
  type JanusCommand,
  type JanusReport,
  janusLogic,
} from '../../src/index.js';
import { freePorts } from '../../src/testing/free-port.js';
import { type JanusServer, startJanus } from '../../src/testing/index.js';

let server: JanusServer;
let admin: JanusAdmin;

beforeAll(async () => {
  server = await startJanus({ plugins: ['echotest'] });
  admin = await connectAdmin(server.adminWsUrl, { adminSecret: server.adminSecret });
});

afterAll(async () => {
  admin?.close();
  await server?.stop();
});

/** An application machine that invokes `logic` as `janus` and keeps every report it gets. */
function app(logic: ReturnType<typeof fromJanus> | typeof janusLogic, input?: unknown) {
  const machine = setup({
    types: { context: {} as { reports: JanusReport[] }, events: {} as JanusReport | { type: 'app.leave' } },
    actors: { janus: logic as ReturnType<typeof fromJanus> },
  }).createMachine({
    context: { reports: [] },
    initial: 'embedding',
    states: {
      embedding: {
        invoke: { id: 'janus', src: 'janus', input: input as never },
        on: {
          '*': {
            actions: assign({ reports: ({ context, event }) => [...context.reports, event as JanusReport] }),
          },
          'app.leave': 'done',
        },
      },
      done: { type: 'final' },
    },
  });
  const actor = createActor(machine).start();
  const janus = (): AnyActorRef => {
    const child = actor.getSnapshot().children.janus;
    if (!child) throw new Error('the janus actor is not running');
    return child as AnyActorRef;
  };
  /** Sends `command` and resolves with the first report after it that `match` accepts. */
  const ask = <T extends JanusReport['type']>(
    command: JanusCommand | undefined,
    type: T,
    match: (report: Extract<JanusReport, { type: T }>) => boolean = () => true,
  ): Promise<Extract<JanusReport, { type: T }>> => {
    const seen = actor.getSnapshot().context.reports.length;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        subscription.unsubscribe();
        reject(new Error(`no ${type} report within 10 s`));
      }, 10_000);
      const check = () => {
        const found = actor
          .getSnapshot()
          .context.reports.slice(seen)
          .find(
            (report): report is Extract<JanusReport, { type: T }> =>
              report.type === type && match(report as never),
          );
        if (!found) return;
        clearTimeout(timer);
        subscription.unsubscribe();
        resolve(found);
      };
      const subscription = actor.subscribe(check);
      if (command) janus().send(command);
      check();
    });
  };
  return { actor, ask, janus };
}

describe('fromJanus embedded in an application machine', () => {
  it('answers every command with its report, carrying the ref', async () => {
    const { actor, ask } = app(fromJanus(server.wsUrl, { reconnect: false }));
    expect((await ask(undefined, 'janus.connected')).url).toBe(server.wsUrl);

    const session = await ask({ type: 'janus.session.create', ref: 's1' }, 'janus.session.up');
    expect(session.ref).toBe('s1');
    expect((await admin.listSessions()).sessions).toContain(session.sessionId);

    const handle = await ask(
      {
        type: 'janus.attach',
        sessionId: session.sessionId,
        plugin: 'janus.plugin.echotest',
        opaqueId: 'bot-1',
        ref: 'h1',
      },
      'janus.handle.up',
    );
    expect(handle).toMatchObject({
      sessionId: session.sessionId,
      plugin: 'janus.plugin.echotest',
      ref: 'h1',
    });
    expect((await admin.listHandles(session.sessionId)).handles).toContain(handle.handleId);

    const reply = await ask(
      { type: 'janus.message', handleId: handle.handleId, body: { audio: false }, ref: 'm1' },
      'janus.reply',
    );
    expect(reply).toMatchObject({
      handleId: handle.handleId,
      ref: 'm1',
      data: { echotest: 'event', result: 'ok' },
    });

    // A plugin error is a typed error report for that command, with its ref.
    const failed = await ask(
      { type: 'janus.message', handleId: handle.handleId, body: { bitrate: 'fast' }, ref: 'bad' },
      'janus.error',
    );
    expect(failed).toMatchObject({ command: 'janus.message', ref: 'bad' });
    expect(failed.code).not.toBe('INVALID_ARGUMENT');

    // Ids the actor does not know are refused without a request.
    for (const command of [
      { type: 'janus.message', handleId: 1, body: {} },
      { type: 'janus.hangup', handleId: 1 },
      { type: 'janus.detach', handleId: 1 },
      { type: 'janus.attach', sessionId: 1, plugin: 'janus.plugin.echotest' },
      { type: 'janus.session.destroy', sessionId: 1 },
    ] as const) {
      const error = await ask(
        { ...command, ref: command.type },
        'janus.error',
        (r) => r.ref === command.type,
      );
      expect(error).toMatchObject({ command: command.type, code: 'INVALID_ARGUMENT' });
    }

    const detached = await ask({ type: 'janus.detach', handleId: handle.handleId }, 'janus.handle.detached');
    expect(detached.handleId).toBe(handle.handleId);
    expect((await admin.listHandles(session.sessionId)).handles).not.toContain(handle.handleId);

    const ended = await ask(
      { type: 'janus.session.destroy', sessionId: session.sessionId },
      'janus.session.ended',
    );
    expect(ended).toMatchObject({ sessionId: session.sessionId, state: 'destroyed' });
    expect((await admin.listSessions()).sessions).not.toContain(session.sessionId);
    actor.stop();
  });

  it('janusLogic takes its URL as input; leaving the state that invoked it closes the connection', async () => {
    const { actor, ask } = app(janusLogic, { url: server.httpUrl, options: { reconnect: false } });
    await ask(undefined, 'janus.connected');
    const { sessionId } = await ask({ type: 'janus.session.create' }, 'janus.session.up');
    expect((await admin.listSessions()).sessions).toContain(sessionId);
    actor.send({ type: 'app.leave' });
    expect(actor.getSnapshot().status).toBe('done');
    // close() destroys the session on the server.
    const deadline = Date.now() + 10_000;
    while ((await admin.listSessions()).sessions.includes(sessionId) && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await admin.listSessions()).sessions).not.toContain(sessionId);
  });

  it('reports janus.disconnected with TRANSPORT when the server is not there', async () => {
    const [port] = await freePorts(1);
    const { actor, ask } = app(
      fromJanus(`ws://127.0.0.1:${port}`, { reconnect: false, connectTimeoutMs: 2000 }),
    );
    const lost = await ask(undefined, 'janus.disconnected');
    expect(lost.code).toBe('TRANSPORT');
    actor.stop();
  });
});
