import { describe, expect, it } from 'vitest';
import { and, createMachine, not, or, stateIn } from 'xstate';
import {
  formatEventType,
  formatGuard,
  listInvokes,
  listTransitions,
  transitionKey,
} from '../../../scripts/lib/machine-introspection.js';
import { GENERATED_MARKER, renderDiagramMarkdown, renderMermaid } from '../../../scripts/lib/mermaid.js';
import { connectionFixtureMachine, layoutFixtureMachine } from '../../support/fixtures/machines.js';

describe('formatEventType', () => {
  it.each([
    ['xstate.done.actor.openSocket', undefined, 'done: openSocket'],
    ['xstate.error.actor.openSocket', undefined, 'error: openSocket'],
    ['xstate.snapshot.child', undefined, 'snapshot: child'],
    ['xstate.after.RETRY_DELAY.connection.backoff', 'connection.backoff', 'after RETRY_DELAY'],
    ['xstate.after.RETRY_DELAY.connection.backoff', undefined, 'after RETRY_DELAY'],
    ['xstate.after.1500.connection.backoff', 'connection.backoff', 'after 1500ms'],
    ['xstate.done.state.connection.running', 'connection.running', 'onDone'],
    ['', undefined, 'always'],
    ['janus.event', undefined, 'janus.event'],
  ])('%s (declared on %s) → %s', (eventType, sourceId, label) => {
    expect(formatEventType(eventType, sourceId)).toBe(label);
  });
});

describe('formatGuard', () => {
  it('names named, parameterised, higher-order and inline guards', () => {
    expect(formatGuard(undefined)).toBeUndefined();
    expect(formatGuard('canRetry')).toBe('canRetry');
    expect(formatGuard({ type: 'isNormalClosure', params: { code: 1000 } })).toBe('isNormalClosure');
    expect(formatGuard(not('canRetry'))).toBe('!canRetry');
    expect(formatGuard(and(['a', or(['b', not('c')])]))).toBe('a && (b || !c)');
    expect(formatGuard(stateIn('#connection.connected'))).toBe('in(#connection.connected)');
    expect(formatGuard(() => true)).toBe('inline');
    expect(
      formatGuard(function hasQuota() {
        return true;
      }),
    ).toBe('hasQuota');
  });
});

describe('transition keys', () => {
  it('disambiguate identical candidates by their index only when needed', () => {
    const machine = createMachine({
      id: 'dup',
      initial: 'a',
      states: {
        a: { on: { GO: [{ target: 'b', actions: () => {} }, { target: 'b' }], STAY: {} } },
        b: {},
      },
    });
    expect(listTransitions(machine).map((transition) => transition.key)).toEqual([
      'dup.a --GO--> dup.b #0',
      'dup.a --GO--> dup.b #1',
      'dup.a --STAY--> (targetless)',
    ]);
    const clone = machine.provide({});
    const [first] = clone.root.states.a!.transitions.get('GO')!;
    expect(transitionKey(first!)).toBe('dup.a --GO--> dup.b #0');
  });

  it('lists invokes with their source state and actor name', () => {
    expect(listInvokes(connectionFixtureMachine)).toEqual([
      { source: 'connection.connecting', id: 'open', src: 'openSocket' },
    ]);
    expect(listInvokes(layoutFixtureMachine)).toEqual([
      { source: 'layout.running.video-track.off', id: 'probe', src: 'inline' },
    ]);
  });
});

describe('renderMermaid', () => {
  it('renders nested, initial and final states, labelled transitions and invoke notes', () => {
    expect(renderMermaid(connectionFixtureMachine)).toBe(
      [
        'stateDiagram-v2',
        '  state "connection" as connection {',
        '    [*] --> idle',
        '    state "idle" as idle',
        '    state "connecting" as connecting',
        '    state "backoff" as backoff',
        '    state "connected" as connected {',
        '      [*] --> connected__healthy',
        '      state "healthy" as connected__healthy',
        '      state "probing" as connected__probing',
        '    }',
        '    state "lost" as lost',
        '    state "failed" as failed',
        '    state "closed" as closed',
        '    failed --> [*]',
        '    closed --> [*]',
        '  }',
        '  idle --> connecting : CONNECT',
        '  connecting --> closed : DISCONNECT',
        '  connecting --> connected : done: open',
        '  connecting --> backoff : error: open [canRetry]',
        '  connecting --> failed : error: open',
        '  backoff --> closed : DISCONNECT',
        '  backoff --> connecting : after RETRY_DELAY',
        '  connected --> closed : DISCONNECT',
        '  connected --> closed : SOCKET_CLOSED [isNormalClosure]',
        '  connected --> lost : SOCKET_CLOSED',
        '  connected__healthy --> connected__probing : after KEEPALIVE_INTERVAL',
        '  connected__probing --> connected__healthy : KEEPALIVE_ACK',
        '  connected__probing --> lost : after KEEPALIVE_TIMEOUT',
        '  lost --> failed : always [!canRetry]',
        '  lost --> backoff : always',
        '  note right of connecting',
        '    invoke: open (openSocket)',
        '  end note',
        '',
      ].join('\n'),
    );
  });

  it('renders parallel regions, history, root transitions, self-loops and unsafe state keys', () => {
    const text = renderMermaid(layoutFixtureMachine);
    expect(text).toContain(
      [
        '      }',
        '      --',
        '      state "video-track" as running__video_track {',
        '        [*] --> running__video_track__off',
      ].join('\n'),
    );
    expect(text).toContain('        state "H*" as running__audio__hist\n');
    // `end` is a Mermaid keyword: the id gets a suffix, the label stays.
    expect(text).toContain('    state "end" as end_\n    end_ --> [*]\n');
    expect(text).toContain('  layout --> running : RESET\n');
    expect(text).toContain('  running --> end_ : onDone\n');
    expect(text).toContain('  running__video_track__off --> running__video_track__off : note\n');
    expect(text).toContain(
      '  note right of running__video_track__off\n    invoke: probe (inline)\n  end note\n',
    );
    expect(text).not.toMatch(/\[\*\] --> running__audio\b(?!__)/);
  });

  it('gives colliding paths distinct ids and escapes labels', () => {
    const machine = createMachine({
      id: 'x',
      initial: 'a_b',
      states: { a_b: { on: { 'say;"hi"': 'a-b' } }, 'a-b': {} },
    });
    const text = renderMermaid(machine);
    expect(text).toContain('state "a_b" as a_b\n');
    expect(text).toContain('state "a-b" as a_b_2\n');
    expect(text).toContain("a_b --> a_b_2 : say,'hi'\n");
  });

  it('is deterministic', () => {
    expect(renderMermaid(connectionFixtureMachine)).toBe(renderMermaid(connectionFixtureMachine.provide({})));
  });
});

describe('renderDiagramMarkdown', () => {
  it('wraps the diagram in a fenced mermaid block under a generated header', () => {
    const markdown = renderDiagramMarkdown('connection', connectionFixtureMachine);
    expect(markdown.startsWith(`${GENERATED_MARKER}\n\n# \`connection\` machine\n`)).toBe(true);
    expect(markdown).toContain('Machine id `connection`: 9 states, 15 transitions, 1 invoked actor.');
    expect(markdown).toContain(`\`\`\`mermaid\n${renderMermaid(connectionFixtureMachine)}\`\`\`\n`);
    expect(markdown.endsWith('```\n')).toBe(true);
  });
});
