/**
 * Defaults and validation of {@link JanusServerOptions}.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { PLUGIN_TEMPLATES } from './config-templates.js';
import { type JanusLibrary, moduleFileName, shortModuleName } from './janus-paths.js';
import { checkRtpPortRange, nextRtpPortRange } from './rtp-range.js';
import type { JanusPorts, JanusServerOptions, JanusSettingValue } from './types.js';

/** Plugins enabled when `plugins` is not given (not lua, duktape, voicemail). */
export const DEFAULT_PLUGINS: readonly string[] = [
  'echotest',
  'videoroom',
  'textroom',
  'videocall',
  'audiobridge',
  'streaming',
  'recordplay',
  'nosip',
  'sip',
];

/** {@link JanusServerOptions} with every default applied. */
export interface ResolvedOptions {
  /** See {@link JanusServerOptions.apiSecret}. */
  apiSecret: string | undefined;
  /** See {@link JanusServerOptions.tokenAuth}. */
  tokenAuth: boolean;
  /** See {@link JanusServerOptions.adminSecret}. */
  adminSecret: string;
  /** See {@link JanusServerOptions.sessionTimeoutS}. */
  sessionTimeoutS: number;
  /** See {@link JanusServerOptions.reclaimSessionTimeoutS}. */
  reclaimSessionTimeoutS: number;
  /** See {@link JanusServerOptions.demoRooms}. */
  demoRooms: boolean;
  /** Short plugin names, without duplicates. */
  plugins: string[];
  /** The ports given in {@link JanusServerOptions.ports}; the others are allocated. */
  fixedPorts: Partial<JanusPorts>;
  /** See {@link JanusServerOptions.bindIp}. */
  bindIp: string;
  /** Where clients connect (loopback when `bindIp` is a wildcard). */
  connectIp: string;
  /** See {@link JanusServerOptions.rtpPortRange}. */
  rtpPortRange: string;
  /** See {@link JanusServerOptions.debugLevel}. */
  debugLevel: number;
  /** See {@link JanusServerOptions.janusBinary}. */
  janusBinary: string;
  /** See {@link JanusServerOptions.stdio}; `'file'` is the default log file. */
  stdio: 'file' | 'ignore' | 'inherit' | 'pipe';
  /** See {@link JanusServerOptions.startTimeoutMs}. */
  startTimeoutMs: number;
  /** See {@link JanusServerOptions.extraGeneral}. */
  extraGeneral: Record<string, JanusSettingValue>;
  /** See {@link JanusServerOptions.extraMedia}. */
  extraMedia: Record<string, JanusSettingValue>;
  /** See {@link JanusServerOptions.extraNat}. */
  extraNat: Record<string, JanusSettingValue>;
  /** See {@link JanusServerOptions.extraFiles}. */
  extraFiles: Record<string, string>;
}

/** Applies the defaults and rejects invalid values with a RangeError or TypeError. */
export function resolveOptions(options: JanusServerOptions): ResolvedOptions {
  const bindIp = options.bindIp ?? '127.0.0.1';
  if (isIP(bindIp) === 0) throw new RangeError(`bindIp must be an IP address, got '${bindIp}'`);
  const plugins = [...new Set(options.plugins ?? DEFAULT_PLUGINS)];
  for (const name of plugins) {
    if (!/^\w+$/.test(name))
      throw new RangeError(`plugins: '${name}' is not a short plugin name like 'echotest'`);
  }
  for (const name of Object.keys(options.extraFiles ?? {})) {
    if (!/^[\w][\w.-]*$/.test(name)) throw new RangeError(`extraFiles: '${name}' is not a plain file name`);
  }
  const fixedPorts: Partial<JanusPorts> = {};
  for (const [key, port] of Object.entries(options.ports ?? {}) as [keyof JanusPorts, number | undefined][]) {
    if (port === undefined) continue;
    integer(`ports.${key}`, port, 1, 65535);
    fixedPorts[key] = port;
  }
  if (options.adminSecret === '') throw new RangeError('adminSecret must not be empty');
  return {
    apiSecret: options.apiSecret,
    tokenAuth: options.tokenAuth ?? false,
    adminSecret: options.adminSecret ?? randomBytes(12).toString('hex'),
    sessionTimeoutS: integer('sessionTimeoutS', options.sessionTimeoutS ?? 60, 0, 2 ** 31 - 1),
    reclaimSessionTimeoutS: integer(
      'reclaimSessionTimeoutS',
      options.reclaimSessionTimeoutS ?? 0,
      0,
      2 ** 31 - 1,
    ),
    demoRooms: options.demoRooms ?? false,
    plugins,
    fixedPorts,
    bindIp,
    connectIp: bindIp === '0.0.0.0' ? '127.0.0.1' : bindIp === '::' ? '::1' : bindIp,
    rtpPortRange: checkRtpPortRange(options.rtpPortRange ?? nextRtpPortRange()),
    debugLevel: integer('debugLevel', options.debugLevel ?? 3, 0, 7),
    janusBinary: options.janusBinary ?? 'janus',
    stdio: options.stdio ?? 'file',
    startTimeoutMs: integer('startTimeoutMs', options.startTimeoutMs ?? 10_000, 1, 2 ** 31 - 1),
    extraGeneral: { ...options.extraGeneral },
    extraMedia: { ...options.extraMedia },
    extraNat: { ...options.extraNat },
    extraFiles: { ...options.extraFiles },
  };
}

/** Throws when a requested plugin is not installed, or has no config template and no `extraFiles` entry. */
export function checkPlugins(options: ResolvedOptions, library: JanusLibrary): void {
  const installed = new Set(library.plugins);
  for (const name of options.plugins) {
    if (!installed.has(moduleFileName(name))) {
      const available = library.plugins.map(shortModuleName).join(', ');
      throw new RangeError(
        `plugins: '${name}' is not installed in ${library.root} (available: ${available})`,
      );
    }
    if (!PLUGIN_TEMPLATES[name] && options.extraFiles[`janus.plugin.${name}.jcfg`] === undefined) {
      throw new RangeError(
        `plugins: no built-in config for '${name}'; pass one as extraFiles['janus.plugin.${name}.jcfg']`,
      );
    }
  }
}

/** A host for a URL: IPv6 in brackets. */
export function urlHost(ip: string): string {
  return isIP(ip) === 6 ? `[${ip}]` : ip;
}

function integer(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${value}`);
  }
  return value;
}
