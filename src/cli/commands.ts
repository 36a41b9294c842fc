/**
 * The CLI's commands, one function each.
 * @module
 */
// Node only: the Node transports and werift peers.
import '../platform/node.js';
import { connect } from '../connect.js';
import type { ConnectOptions } from '../options.js';
import { consoleLogger } from '../util/logger.js';
import { ADMIN_COMMANDS, runAdminCommand } from './admin.js';
import { formatProgress, runEchoTest } from './echotest.js';
import { runEventsCommand } from './events.js';

/** Parsed flags shared by every command. */
export interface CliFlags {
  'api-secret'?: string | undefined;
  token?: string | undefined;
  play?: string | undefined;
  record?: string | undefined;
  seconds?: string | undefined;
  debug?: boolean | undefined;
  'admin-secret'?: string | undefined;
  json?: boolean | undefined;
  plugins?: string | undefined;
  port?: string | undefined;
  host?: string | undefined;
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

/** `echotest <url> [--play FILE] [--record FILE] [--seconds N]`: an echo call with a live progress line. */
export const echotest: CliCommand = async (args, flags) => {
  const seconds = flags.seconds === undefined ? 5 : Number(flags.seconds);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new Error(`--seconds must be a positive number, not '${flags.seconds}'`);
  const tty = process.stdout.isTTY;
  const result = await runEchoTest({
    url: requireUrl(args),
    connectOptions: connectOptions(flags),
    play: flags.play,
    record: flags.record,
    seconds,
    onProgress: (progress) => {
      const line = formatProgress(progress);
      process.stdout.write(tty ? `\r${line}   ` : `${line}\n`);
    },
  });
  if (tty) process.stdout.write('\n');
  const { audio, video } = result.stats;
  const share = (s: { packetsSent: number; packetsReceived: number }) =>
    s.packetsSent ? ((100 * s.packetsReceived) / s.packetsSent).toFixed(1) : '0';
  process.stdout.write(
    `webrtcup ${result.connectToWebrtcupMs.toFixed(1)} ms after connect; echoed audio ${share(audio)}%, video ${share(video)}%` +
      `${result.medianRoundTripMs === undefined ? '' : `; data round trip ${result.medianRoundTripMs.toFixed(1)} ms median`}\n`,
  );
  if (result.recording) process.stdout.write(`recorded the echo to ${result.recording}\n`);
};

/** `admin <url> <command> [args]`: the Admin/Monitor API (see `src/cli/admin.ts`). */
export const admin: CliCommand = (args, flags) => runAdminCommand(args, flags);

/** `events [--port N]`: prints what Janus's event handlers send, until Ctrl-C. */
export const events: CliCommand = async (_args, flags) => {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    await runEventsCommand(flags, controller.signal);
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
};

/** Every command by name. */
export const commands: Record<string, CliCommand> = { info, echotest, admin, events };

/** The help text. */
export function usage(): string {
  return [
    'Usage: janus-xstate <command> <url> [options]',
    '',
    'Commands:',
    '  info <url>                 print the server info (server_info) as JSON',
    '  echotest <url>             an EchoTest call with generated or file media and a progress line',
    '      --play FILE            play this file (anything ffmpeg reads, looped) instead of a test pattern',
    '      --record FILE          record the echo to a WebM file',
    '      --seconds N            how long to run (default 5)',
    '  admin <url> <command>      the Admin/Monitor API (ws://host:7188, http://host:7088/admin, unix:///path)',
    `      commands: ${Object.keys(ADMIN_COMMANDS).join(', ')}`,
    '      sessions | handles <session> | handle <session> <handle> | tokens',
    '      add-token <token> [--plugins a,b] | remove-token <token> | log-level <0-7>',
    '      pcap <session> <handle> <file> [--seconds N] | hangup <session> <handle> | detach <session> <handle>',
    '      --admin-secret S       the admin_secret (or JANUS_ADMIN_SECRET)',
    "      --json                 print Janus's replies as JSON instead of tables",
    '  events [--port N]          receive sampleevh (HTTP POST) and wsevh (WebSocket) events and print them',
    '      --host A               address to listen on (default 127.0.0.1)',
    '      --json                 one JSON object per line',
    '',
    'Options:',
    '  --api-secret S             the server api_secret',
    '  --token T                  an auth token',
    '  --debug                    log the protocol to stderr (secrets redacted)',
    '  -h, --help                 this help',
    '',
  ].join('\n');
}
