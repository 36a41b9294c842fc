/**
 * `janus-xstate admin <url> <command>`: the Admin/Monitor API from the command line, as tables or `--json`.
 * @module
 */
// Node only: the Node transports and werift peers.
import '../platform/node.js';
import { basename, dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectAdmin, type JanusAdmin } from '../admin/admin-client.js';
import type { HandleInfo } from '../admin/types.js';
import { consoleLogger } from '../util/logger.js';
import { formatFields, formatTable } from './table.js';

/** Flags the admin commands read. */
export interface AdminCliFlags {
  /** `--admin-secret`; else `JANUS_ADMIN_SECRET`. */
  'admin-secret'?: string | undefined;
  /** `--json`: print Janus's replies as JSON instead of tables. */
  json?: boolean | undefined;
  /** `--plugins a,b` for `add-token` (short or package names). */
  plugins?: string | undefined;
  /** `--seconds N` for `pcap` (default 5). */
  seconds?: string | undefined;
  /** `--debug`: log the protocol to stderr (secrets redacted). */
  debug?: boolean | undefined;
}

/** Where the output goes (stdout unless a test gives its own). */
export type Write = (text: string) => void;

type AdminCommand = (admin: JanusAdmin, args: string[], flags: AdminCliFlags, write: Write) => Promise<void>;

/** The admin commands, by name. */
export const ADMIN_COMMANDS: Record<string, AdminCommand> = {
  sessions: async (admin, _args, flags, write) => {
    const { sessions } = await admin.listSessions();
    const rows = await Promise.all(
      sessions.map(async (id) => {
        const handles = await admin.listHandles(id).then(
          (reply) => reply.handles,
          () => [] as number[],
        );
        return { session_id: id, handles };
      }),
    );
    if (flags.json) return write(json({ sessions: rows }));
    write(
      formatTable(
        ['SESSION', 'HANDLES'],
        rows.map((row) => [row.session_id, row.handles]),
      ),
    );
  },
  handles: async (admin, args, flags, write) => {
    const sessionId = id(args[0], 'session');
    const { handles } = await admin.listHandles(sessionId);
    const infos = await Promise.all(handles.map((handle) => admin.handleInfo(sessionId, handle)));
    if (flags.json) return write(json({ session_id: sessionId, handles: infos.map((reply) => reply.info) }));
    write(
      formatTable(
        ['HANDLE', 'PLUGIN', 'OPAQUE ID', 'ICE', 'DTLS'],
        infos.map(({ info }) => [
          info.handle_id,
          info.plugin,
          info.opaque_id,
          info.webrtc?.ice.state,
          info.webrtc?.dtls['dtls-state'],
        ]),
      ),
    );
  },
  handle: async (admin, args, flags, write) => {
    const { info } = await admin.handleInfo(id(args[0], 'session'), id(args[1], 'handle'));
    if (flags.json) return write(json(info));
    write(describeHandle(info));
  },
  tokens: async (admin, _args, flags, write) => {
    const { tokens } = (await admin.listTokens()).data;
    if (flags.json) return write(json({ tokens }));
    write(
      formatTable(
        ['TOKEN', 'PLUGINS'],
        tokens.map((token) => [token.token, token.allowed_plugins]),
      ),
    );
  },
  'add-token': async (admin, args, flags, write) => {
    const token = required(args[0], 'a token');
    const plugins = flags.plugins
      ?.split(',')
      .filter(Boolean)
      .map((name) => (name.includes('.') ? name : `janus.plugin.${name}`));
    const reply = await admin.addToken(token, plugins);
    if (flags.json) return write(json(reply));
    write(`added a token for ${reply.data.plugins.join(', ') || 'no plugin'}\n`);
  },
  'remove-token': async (admin, args, flags, write) => {
    await admin.removeToken(required(args[0], 'a token'));
    write(flags.json ? json({ removed: true }) : 'removed the token\n');
  },
  'log-level': async (admin, args, flags, write) => {
    const level = Number(required(args[0], 'a level from 0 to 7'));
    if (!Number.isInteger(level))
      throw new Error(`the log level must be an integer from 0 to 7, not '${args[0]}'`);
    const reply = await admin.setLogLevel(level);
    write(flags.json ? json(reply) : `log level ${reply.level}\n`);
  },
  pcap: async (admin, args, flags, write) => {
    const sessionId = id(args[0], 'session');
    const handleId = id(args[1], 'handle');
    const file = required(args[2], 'a pcap file path (written by the Janus server)');
    if (!file.startsWith('/'))
      throw new Error(`the pcap file must be an absolute path on the server, not '${file}'`);
    const seconds = flags.seconds === undefined ? 5 : Number(flags.seconds);
    if (!Number.isFinite(seconds) || seconds <= 0)
      throw new Error(`--seconds must be a positive number, not '${flags.seconds}'`);
    await admin.startPcap(sessionId, handleId, { folder: dirname(file), filename: basename(file) });
    try {
      await sleep(seconds * 1000);
    } finally {
      await admin.stopPcap(sessionId, handleId);
    }
    write(flags.json ? json({ file, seconds }) : `captured ${seconds} s of handle ${handleId} to ${file}\n`);
  },
  hangup: async (admin, args, flags, write) => {
    const handleId = id(args[1], 'handle');
    await admin.hangupWebrtc(id(args[0], 'session'), handleId);
    write(flags.json ? json({ hangup: handleId }) : `hung up handle ${handleId}\n`);
  },
  detach: async (admin, args, flags, write) => {
    const handleId = id(args[1], 'handle');
    await admin.detachHandle(id(args[0], 'session'), handleId);
    write(flags.json ? json({ detached: handleId }) : `detached handle ${handleId}\n`);
  },
};

/** Runs `admin <url> <command> [args]`. */
export async function runAdminCommand(
  args: string[],
  flags: AdminCliFlags,
  write: Write = (text) => process.stdout.write(text),
): Promise<void> {
  const [url, name, ...rest] = args;
  if (!url)
    throw new Error('an admin URL is required, e.g. ws://127.0.0.1:7188 or http://127.0.0.1:7088/admin');
  const command = name ? ADMIN_COMMANDS[name] : undefined;
  if (!command) {
    throw new Error(`an admin command is required: ${Object.keys(ADMIN_COMMANDS).join(', ')}`);
  }
  const adminSecret = flags['admin-secret'] ?? process.env.JANUS_ADMIN_SECRET;
  const admin = await connectAdmin(url, {
    ...(adminSecret ? { adminSecret } : {}),
    ...(flags.debug ? { logger: consoleLogger('janus-xstate admin') } : {}),
  });
  try {
    await command(admin, rest, flags, write);
  } finally {
    admin.close();
  }
}

/** The `handle` command's text: the handle, ICE, DTLS, then one row per stream with bytes in and out. */
export function describeHandle(info: HandleInfo): string {
  const webrtc = info.webrtc;
  const head = formatFields([
    ['session', info.session_id],
    ['handle', info.handle_id],
    ['plugin', info.plugin],
    ['opaque id', info.opaque_id],
    ['transport', info.session_transport],
    ['ICE state', webrtc?.ice.state],
    ['ICE role', info['ice-role']],
    ['selected pair', webrtc?.ice['selected-pair']],
    ['DTLS state', webrtc?.dtls['dtls-state']],
    ['DTLS role', webrtc?.dtls['dtls-role']],
    ['SRTP profile', webrtc?.dtls['srtp-profile']],
    ['pcap', info['pcap-file']],
  ]);
  const media = Object.values(webrtc?.media ?? {});
  if (media.length === 0) return `${head}streams: none\n`;
  const streams = formatTable(
    ['MID', 'TYPE', 'CODEC', 'PACKETS IN', 'BYTES IN', 'PACKETS OUT', 'BYTES OUT'],
    media.map((medium) => [
      medium.mid,
      medium.type,
      medium.codecs?.codec,
      medium.stats.in.packets,
      medium.stats.in.bytes,
      medium.stats.out.packets,
      medium.stats.out.bytes,
    ]),
  );
  return `${head}\n${streams}`;
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new Error(`missing ${what}`);
  return value;
}

function id(value: string | undefined, what: 'session' | 'handle'): number {
  const text = required(value, `a ${what} id`);
  const number = Number(text);
  if (!Number.isSafeInteger(number) || number <= 0) throw new Error(`'${text}' is not a ${what} id`);
  return number;
}
