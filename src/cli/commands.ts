/**
 * The CLI's commands, one function each.
 * @module
 */
import { connect } from '../connect.js';
import type { ConnectOptions } from '../options.js';
import { consoleLogger } from '../util/logger.js';

/** Parsed flags shared by every command. */
export interface CliFlags {
  'api-secret'?: string | undefined;
  token?: string | undefined;
  play?: string | undefined;
  record?: string | undefined;
  seconds?: string | undefined;
  debug?: boolean | undefined;
}

/** A CLI command: positional arguments after its name, and the flags. */
export type CliCommand = (args: string[], flags: CliFlags) => Promise<void>;

/** Connection options from the flags (secrets never printed). */
export function connectOptions(flags: CliFlags): ConnectOptions {
  const options: ConnectOptions = {};
  if (flags['api-secret']) options.apiSecret = flags['api-secret'];
  if (flags.token) options.token = flags.token;
  if (flags.debug) options.logger = consoleLogger();
  return options;
}

function requireUrl(args: string[]): string {
  const url = args[0];
  if (!url)
    throw new Error('a server URL is required, e.g. ws://127.0.0.1:8188 or http://127.0.0.1:8088/janus');
  return url;
}

/** `info <url>`: prints the server's `info` reply as JSON. */
export const info: CliCommand = async (args, flags) => {
  const janus = await connect(requireUrl(args), connectOptions(flags));
  try {
    process.stdout.write(`${JSON.stringify(await janus.info(), null, 2)}\n`);
  } finally {
    await janus.close();
  }
};

/** Every command by name. */
export const commands: Record<string, CliCommand> = { info };

/** The help text. */
export function usage(): string {
  return [
    'Usage: janus-xstate <command> <url> [options]',
    '',
    'Commands:',
    '  info <url>                 print the server info (server_info) as JSON',
    '',
    'Options:',
    '  --api-secret S             the server api_secret',
    '  --token T                  an auth token',
    '  --debug                    log the protocol to stderr (secrets redacted)',
    '  -h, --help                 this help',
    '',
  ].join('\n');
}
