/**
 * `janus-xstate events --port N`: receives Janus's event handlers (`sampleevh` POSTs, `wsevh` WebSocket)
 * and prints each event live, one line each (or one JSON object per line with `--json`).
 * @module
 */
import { listenForEvents } from '../monitor/event-receiver.js';
import type { JanusEvent } from '../monitor/event-types.js';
import type { Write } from './admin.js';

/** Flags the `events` command reads. */
export interface EventsCliFlags {
  /** `--port N` (default 0: any free port, printed at start). */
  port?: string | undefined;
  /** `--host A` (default 127.0.0.1). */
  host?: string | undefined;
  /** `--json`: one JSON object per line. */
  json?: boolean | undefined;
}

/** Runs the receiver until `signal` aborts (Ctrl-C in the CLI). */
export async function runEventsCommand(
  flags: EventsCliFlags,
  signal: AbortSignal,
  write: Write = (text) => process.stdout.write(text),
): Promise<void> {
  const port = flags.port === undefined ? 0 : Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port must be a port number, not '${flags.port}'`);
  const receiver = await listenForEvents({ port, host: flags.host ?? '127.0.0.1', signal });
  process.stderr.write(
    `listening for Janus events: sampleevh backend = "${receiver.url}", wsevh backend = "${receiver.wsUrl}"\n`,
  );
  for await (const event of receiver)
    write(flags.json ? `${JSON.stringify(event)}\n` : `${formatEvent(event)}\n`);
}

/** One line per event: time, type name, session, handle, and what happened. */
export function formatEvent(event: JanusEvent): string {
  const time = new Date(Math.floor(event.timestamp / 1000)).toISOString().slice(11, 23);
  const ids = [
    'session_id' in event && event.session_id !== undefined ? `session=${event.session_id}` : '',
    'handle_id' in event && event.handle_id !== undefined ? `handle=${event.handle_id}` : '',
  ].filter(Boolean);
  return [time, event.kind.padEnd(9), ...ids, summary(event)].join(' ');
}

function summary(event: JanusEvent): string {
  switch (event.kind) {
    case 'session':
      return event.event.name;
    case 'handle':
      return `${event.event.name} ${event.event.plugin}`;
    case 'jsep':
      return `${event.event.owner} ${event.event.jsep.type}`;
    case 'webrtc': {
      const body = event.event;
      if (body.ice) return `ice ${body.ice}`;
      if (body.dtls) return `dtls ${body.dtls}`;
      if (body.connection) return `${body.connection}${body.reason ? ` (${body.reason})` : ''}`;
      if (body['selected-pair']) return `selected-pair ${body['selected-pair']}`;
      if (body['local-candidate']) return `local-candidate ${body['local-candidate']}`;
      if (body['remote-candidate']) return `remote-candidate ${body['remote-candidate']}`;
      return JSON.stringify(body);
    }
    case 'media': {
      const body = event.event;
      if (body.receiving !== undefined)
        return `${body.media ?? ''} ${body.mid ?? ''} receiving=${body.receiving}`.trim();
      return JSON.stringify(body).slice(0, 200);
    }
    case 'plugin':
      return `${event.event.plugin} ${JSON.stringify(event.event.data).slice(0, 200)}`;
    case 'external':
      return `${event.event.schema} ${JSON.stringify(event.event.data).slice(0, 200)}`;
    case 'transport':
      return `${event.event.transport} ${JSON.stringify(event.event.data).slice(0, 200)}`;
    default:
      return JSON.stringify(event.event ?? null).slice(0, 200);
  }
}
