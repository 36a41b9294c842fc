/**
 * The config folder of a private Janus server, as template functions (no dependence on `/etc/janus`).
 *
 * @module
 */
import { join } from 'node:path';
import { type JanusLibrary, moduleFileName } from './janus-paths.js';
import { type JcfgSection, jcfgFile } from './jcfg.js';
import { duktapeTemplate, luaTemplate } from './plugin-configs/scripts.js';
import type { JanusPorts, JanusSettingValue } from './types.js';

/** Everything the templates need, fully resolved. */
export interface ConfigParams {
  /** The config folder (absolute). */
  configDir: string;
  /** Where the Janus modules are. */
  library: JanusLibrary;
  /** Short names of the plugins to enable. */
  plugins: readonly string[];
  /** Address the transports bind to. */
  bindIp: string;
  /** A concrete local address for plugins that need one (SIP, NoSIP, AudioBridge). */
  localIp: string;
  /** The four transport ports. */
  ports: JanusPorts;
  /** `rtp_port_range`, `'MIN-MAX'`. */
  rtpPortRange: string;
  /** `debug_level`. */
  debugLevel: number;
  /** `server_name`, unique per server: readiness checks compare it. */
  serverName: string;
  /** `admin_secret`. */
  adminSecret: string;
  /** `api_secret`, if any. */
  apiSecret: string | undefined;
  /** `token_auth`. */
  tokenAuth: boolean;
  /** `session_timeout`. */
  sessionTimeoutS: number;
  /** `reclaim_session_timeout`. */
  reclaimSessionTimeoutS: number;
  /** Overrides for `general`. */
  extraGeneral: Record<string, JanusSettingValue>;
  /** Overrides for `media`. */
  extraMedia: Record<string, JanusSettingValue>;
  /** Overrides for `nat`. */
  extraNat: Record<string, JanusSettingValue>;
}

/** The files (name → text) and the folders to create inside the config folder. */
export interface RenderedConfig {
  /** File name → file text. */
  files: Record<string, string>;
  /** Absolute paths of folders the plugins write into. */
  directories: string[];
}

/** Transports that are always disabled (nanomsg crashes Janus at start about half the time). */
export const ALWAYS_DISABLED_TRANSPORTS = [
  'libjanus_rabbitmq.so',
  'libjanus_mqtt.so',
  'libjanus_nanomsg.so',
  'libjanus_pfunix.so',
];

/** The transports a private server runs. */
const ENABLED_TRANSPORTS = new Set(['libjanus_http.so', 'libjanus_websockets.so']);

/** Renders every file of the config folder. */
export function renderConfig(p: ConfigParams): RenderedConfig {
  const files: Record<string, string> = {
    'janus.jcfg': janusJcfg(p),
    'janus.transport.http.jcfg': httpTransportJcfg(p),
    'janus.transport.websockets.jcfg': websocketsTransportJcfg(p),
  };
  const directories: string[] = [];
  for (const plugin of p.plugins) {
    const template = PLUGIN_TEMPLATES[plugin];
    if (!template) continue;
    const rendered = template(p);
    files[`janus.plugin.${plugin}.jcfg`] = rendered.text;
    directories.push(...(rendered.directories ?? []));
  }
  return { files, directories };
}

/** `janus.jcfg`: folders, secrets, timeouts, 2 event loops, no STUN, only the chosen modules. */
export function janusJcfg(p: ConfigParams): string {
  const enabled = new Set(p.plugins.map(moduleFileName));
  const disabledPlugins = p.library.plugins.filter((name) => !enabled.has(name));
  const disabledTransports = [
    ...new Set([
      ...ALWAYS_DISABLED_TRANSPORTS,
      ...p.library.transports.filter((name) => !ENABLED_TRANSPORTS.has(name)),
    ]),
  ];
  const general: JcfgSection = {
    configs_folder: p.configDir,
    plugins_folder: join(p.library.root, 'plugins'),
    transports_folder: join(p.library.root, 'transports'),
    events_folder: join(p.library.root, 'events'),
    loggers_folder: join(p.library.root, 'loggers'),
    debug_level: p.debugLevel,
    server_name: p.serverName,
    admin_secret: p.adminSecret,
    api_secret: p.apiSecret,
    token_auth: p.tokenAuth ? true : undefined,
    session_timeout: p.sessionTimeoutS,
    reclaim_session_timeout: p.reclaimSessionTimeoutS,
    event_loops: 2,
    ...p.extraGeneral,
  };
  return jcfgFile([
    ['general', general],
    ['media', { rtp_port_range: p.rtpPortRange, ...p.extraMedia }],
    // No stun_server: an unreachable one makes start-up hang 5 s and fail. No mDNS lookups either.
    ['nat', { nice_debug: false, ignore_mdns: true, ice_ignore_list: 'vmnet', ...p.extraNat }],
    ['plugins', disabledList(disabledPlugins)],
    ['transports', disabledList(disabledTransports)],
    ['loggers', disabledList(p.library.loggers)],
    ['events', { broadcast: false }],
  ]);
}

/** `janus.transport.http.jcfg`: plain HTTP API and admin API on their own ports. */
export function httpTransportJcfg(p: ConfigParams): string {
  return jcfgFile([
    [
      'general',
      { json: 'plain', base_path: '/janus', http: true, port: p.ports.http, ip: p.bindIp, https: false },
    ],
    [
      'admin',
      {
        admin_base_path: '/admin',
        admin_http: true,
        admin_port: p.ports.adminHttp,
        admin_ip: p.bindIp,
        admin_https: false,
      },
    ],
  ]);
}

/** `janus.transport.websockets.jcfg`: plain WebSocket API and admin API on their own ports. */
export function websocketsTransportJcfg(p: ConfigParams): string {
  return jcfgFile([
    ['general', { json: 'plain', ws: true, ws_port: p.ports.ws, ws_ip: p.bindIp, wss: false }],
    ['admin', { admin_ws: true, admin_ws_port: p.ports.adminWs, admin_ws_ip: p.bindIp, admin_wss: false }],
  ]);
}

interface PluginConfig {
  text: string;
  directories?: string[];
}

/** The demo room 1234 the stock VideoRoom, TextRoom and AudioBridge configs define. */
const DEMO_ROOM = { description: 'Demo Room', secret: 'adminpwd' } as const;

/** A clean, minimal config per plugin short name. */
export const PLUGIN_TEMPLATES: Readonly<Record<string, (p: ConfigParams) => PluginConfig>> = {
  echotest: () => ({ text: jcfgFile([['general', {}]]) }),
  videocall: () => ({ text: jcfgFile([['general', {}]]) }),
  videoroom: () => ({
    text: jcfgFile([
      ['general', {}],
      ['room-1234', { ...DEMO_ROOM, publishers: 6, bitrate: 128000, fir_freq: 10, record: false }],
    ]),
  }),
  textroom: () => ({
    text: jcfgFile([
      ['general', { json: 'plain' }],
      ['room-1234', { ...DEMO_ROOM }],
    ]),
  }),
  audiobridge: (p) => ({
    text: jcfgFile([
      ['general', { local_ip: p.localIp, rtp_port_range: p.rtpPortRange }],
      ['room-1234', { ...DEMO_ROOM, sampling_rate: 16000, record: false }],
    ]),
  }),
  // No mountpoints: the stock ones bind UDP 5002/5004 (and more) and read missing files.
  streaming: (p) => ({ text: jcfgFile([['general', { rtp_port_range: p.rtpPortRange }]]) }),
  recordplay: (p) => {
    const path = join(p.configDir, 'recordings');
    return { text: jcfgFile([['general', { path }]]), directories: [path] };
  },
  voicemail: (p) => {
    const path = join(p.configDir, 'voicemail');
    // `base` = `path`: the `done` event's `recording` is then the file's own path.
    return { text: jcfgFile([['general', { path, base: path }]]), directories: [path] };
  },
  nosip: (p) => ({
    text: jcfgFile([['general', { local_ip: p.localIp, sdp_ip: p.localIp, rtp_port_range: p.rtpPortRange }]]),
  }),
  sip: (p) => ({
    text: jcfgFile([
      [
        'general',
        {
          local_ip: p.localIp,
          local_media_ip: p.localIp,
          sdp_ip: p.localIp,
          keepalive_interval: 120,
          behind_nat: false,
          register_ttl: 3600,
          rtp_port_range: p.rtpPortRange,
          sip_timer_t1x64: 32000,
        },
      ],
    ]),
  }),
  lua: luaTemplate,
  duktape: duktapeTemplate,
};

function disabledList(names: readonly string[]): JcfgSection {
  return names.length > 0 ? { disable: names.join(',') } : {};
}
