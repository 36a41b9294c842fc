/**
 * Optional parts of a private Janus's config, each off unless asked for: TLS (`wss`, `https` and their
 * admin twins on extra ports, with a certificate the caller made), Unix sockets (`pfunix` with
 * `SOCK_DGRAM`, the type Node can reach), and the event handlers `sampleevh` and `wsevh`.
 *
 * @module
 */
import { access } from 'node:fs/promises';
import { connect as netConnect } from 'node:net';
import { join } from 'node:path';
import { type JcfgSection, jcfgFile } from './jcfg.js';
import { ForeignServerError } from './readiness.js';
import type { JanusPorts } from './types.js';

/** A certificate and key (PEM texts) for the TLS endpoints. */
export interface JanusTlsOptions {
  /** The server certificate (PEM), e.g. signed by a CA the test created. */
  cert: string;
  /** Its private key (PEM, unencrypted). */
  key: string;
}

/** Event handlers to enable, each with the URL it sends to. */
export interface JanusEventHandlerOptions {
  /** `sampleevh`: HTTP POSTs to this URL (`backend`). */
  sampleevh?: string;
  /** `wsevh`: a WebSocket to this URL (`backend`). */
  wsevh?: string;
  /** Whether events are batched (JSON arrays). Default: `true` (Janus's default). */
  grouping?: boolean;
  /** Which event types (`events`), e.g. `sessions,handles,jsep,webrtc,media`. Default: `all`. */
  events?: string;
}

/** The four TLS ports, when TLS is on. */
export interface JanusSecurePorts {
  /** Janus API over HTTPS (`secure_port`). */
  https: number;
  /** Janus API over WSS (`wss_port`). */
  wss: number;
  /** Admin API over HTTPS (`admin_secure_port`). */
  adminHttps: number;
  /** Admin API over WSS (`admin_wss_port`). */
  adminWss: number;
}

/** What the extension files need. */
export interface ExtensionParams {
  /** The config folder (absolute). */
  configDir: string;
  /** Address the transports bind to. */
  bindIp: string;
  /** The four plain ports. */
  ports: JanusPorts;
  /** The four TLS ports, when TLS is on. */
  securePorts: JanusSecurePorts | undefined;
  /** Certificate and key, when TLS is on. */
  tls: JanusTlsOptions | undefined;
  /** Whether pfunix serves both APIs. */
  unixSockets: boolean;
  /** Event handlers to enable. */
  eventHandlers: JanusEventHandlerOptions | undefined;
}

/** Paths of the Unix sockets inside the config folder. */
export function unixSocketPaths(configDir: string): { api: string; admin: string } {
  return { api: join(configDir, 'janus-api.sock'), admin: join(configDir, 'janus-admin.sock') };
}

/** The transport module names to enable on top of HTTP and WebSockets. */
export function extraTransports(p: Pick<ExtensionParams, 'unixSockets'>): string[] {
  return p.unixSockets ? ['libjanus_pfunix.so'] : [];
}

/** The `events` section of `janus.jcfg`: broadcast on, the other handlers disabled, when any is asked for. */
export function eventsSection(
  p: Pick<ExtensionParams, 'eventHandlers'>,
  available: readonly string[],
): JcfgSection {
  const wanted = new Set<string>();
  if (p.eventHandlers?.sampleevh) wanted.add('libjanus_sampleevh.so');
  if (p.eventHandlers?.wsevh) wanted.add('libjanus_wsevh.so');
  if (wanted.size === 0) return { broadcast: false };
  const disabled = available.filter((name) => !wanted.has(name));
  return { broadcast: true, ...(disabled.length > 0 ? { disable: disabled.join(',') } : {}) };
}

/** Files to write (replacing the defaults of the same name). */
export function renderExtensionFiles(p: ExtensionParams): Record<string, string> {
  const files: Record<string, string> = {};
  if (p.tls && p.securePorts) {
    const certPem = join(p.configDir, 'janus-cert.pem');
    const certKey = join(p.configDir, 'janus-key.pem');
    files['janus-cert.pem'] = p.tls.cert;
    files['janus-key.pem'] = p.tls.key;
    const certificates: JcfgSection = { cert_pem: certPem, cert_key: certKey };
    const { ports, securePorts: secure, bindIp } = p;
    files['janus.transport.http.jcfg'] = jcfgFile([
      [
        'general',
        {
          json: 'plain',
          base_path: '/janus',
          http: true,
          port: ports.http,
          ip: bindIp,
          https: true,
          secure_port: secure.https,
          secure_ip: bindIp,
        },
      ],
      [
        'admin',
        {
          admin_base_path: '/admin',
          admin_http: true,
          admin_port: ports.adminHttp,
          admin_ip: bindIp,
          admin_https: true,
          admin_secure_port: secure.adminHttps,
          admin_secure_ip: bindIp,
        },
      ],
      ['certificates', certificates],
    ]);
    files['janus.transport.websockets.jcfg'] = jcfgFile([
      [
        'general',
        {
          json: 'plain',
          ws: true,
          ws_port: ports.ws,
          ws_ip: bindIp,
          wss: true,
          wss_port: secure.wss,
          wss_ip: bindIp,
        },
      ],
      [
        'admin',
        {
          admin_ws: true,
          admin_ws_port: ports.adminWs,
          admin_ws_ip: bindIp,
          admin_wss: true,
          admin_wss_port: secure.adminWss,
          admin_wss_ip: bindIp,
        },
      ],
      ['certificates', certificates],
    ]);
  }
  if (p.unixSockets) {
    const paths = unixSocketPaths(p.configDir);
    files['janus.transport.pfunix.jcfg'] = jcfgFile([
      ['general', { enabled: true, json: 'plain', path: paths.api, type: 'SOCK_DGRAM' }],
      ['admin', { admin_enabled: true, admin_path: paths.admin, admin_type: 'SOCK_DGRAM' }],
    ]);
  }
  const evh = p.eventHandlers;
  const common = (backend: string): JcfgSection => ({
    enabled: true,
    events: evh?.events ?? 'all',
    grouping: evh?.grouping ?? true,
    json: 'plain',
    backend,
  });
  if (evh?.sampleevh)
    files['janus.eventhandler.sampleevh.jcfg'] = jcfgFile([['general', common(evh.sampleevh)]]);
  if (evh?.wsevh) files['janus.eventhandler.wsevh.jcfg'] = jcfgFile([['general', common(evh.wsevh)]]);
  return files;
}

/** How long a pfunix socket must stay in place, once the HTTP API answers, before it counts as ready. */
const SOCKET_SETTLE_MS = 400;

/**
 * Readiness probes for the extension endpoints: TLS ports accept TCP, Unix sockets exist.
 *
 * Janus 1.1.2's pfunix starts its thread before it sets `initialized`; when the thread runs first, it sees
 * "not initialized", ends at once and unlinks both sockets (about 1 start in 4 on a loaded machine). Janus
 * loads pfunix before the HTTP transport, so a socket still missing twice, 300 ms apart, while the HTTP API
 * already answers means the race struck: the probe reports it as a clash and the server is started again.
 * A socket counts as ready only once it has stayed in place for `SOCKET_SETTLE_MS` after the HTTP API answers,
 * since the losing thread can unlink it after that on a loaded machine.
 */
export function extensionProbes(p: ExtensionParams, connectIp: string, httpAnswers: () => Promise<boolean>) {
  const probes: { name: string; url: string; check(): Promise<boolean> }[] = [];
  if (p.securePorts) {
    for (const [name, port] of Object.entries(p.securePorts)) {
      probes.push({
        name: `${name} port ${port}`,
        url: `tcp://${connectIp}:${port}`,
        check: () => tcpOpen(connectIp, port),
      });
    }
  }
  if (p.unixSockets) {
    for (const path of Object.values(unixSocketPaths(p.configDir))) {
      let missingSince: number | undefined;
      let presentSince: number | undefined;
      probes.push({
        name: `Unix socket ${path}`,
        url: `unix://${path}`,
        check: async () => {
          if (await exists(path)) {
            // The losing thread unlinks the socket some time after it was bound; on a loaded machine that
            // can come after the HTTP API answers. Ready only once it has stayed for SOCKET_SETTLE_MS since
            // the HTTP API answered (a race seen in a full suite run: both sockets gone right after ready).
            missingSince = undefined;
            if (presentSince === undefined) {
              if (!(await httpAnswers())) return false;
              presentSince = Date.now();
            }
            return Date.now() - presentSince >= SOCKET_SETTLE_MS;
          }
          presentSince = undefined;
          if (!(await httpAnswers())) return false;
          missingSince ??= Date.now();
          if (Date.now() - missingSince < 300 || (await exists(path))) return false;
          throw new ForeignServerError(
            `the pfunix thread ended at start and removed ${path} (Janus 1.1.2 race)`,
          );
        },
      });
    }
  }
  return probes;
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function tcpOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ host, port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
