#!/usr/bin/env node
/**
 * The `janus-xstate` command line.
 *
 * ```
 * janus-xstate info <url> [--api-secret S] [--token T]
 * janus-xstate echotest <url> [--play FILE] [--record FILE] [--seconds N]
 * janus-xstate admin <url> <command> [args] [--admin-secret S] [--json]
 * janus-xstate events [--port N] [--json]
 * ```
 * @module
 */
import { parseArgs } from 'node:util';
import { commands, usage } from './commands.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    'api-secret': { type: 'string' },
    token: { type: 'string' },
    play: { type: 'string' },
    record: { type: 'string' },
    seconds: { type: 'string' },
    debug: { type: 'boolean' },
    'admin-secret': { type: 'string' },
    json: { type: 'boolean' },
    plugins: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

const [name, ...rest] = positionals;
const command = name ? commands[name] : undefined;
if (values.help || !command) {
  process.stdout.write(usage());
  process.exitCode = values.help ? 0 : 2;
} else {
  try {
    await command(rest, values);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    process.stderr.write(
      `janus-xstate ${name}: ${error instanceof Error ? error.message : String(error)}${code ? ` [${String(code)}]` : ''}\n`,
    );
    process.exitCode = 1;
  }
}
