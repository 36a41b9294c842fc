/**
 * {@link startJanus}: a private Janus WebRTC Server on free loopback ports, for tests.
 *
 * @module
 */
// Node only: the Node transports and werift peers.
import '../platform/node.js';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectAdmin } from '../admin/admin-client.js';
import { isJanusError } from '../errors.js';
import { renderConfig } from './config-templates.js';
import { JanusNotInstalledError, JanusStartError } from './errors.js';
import {
  type ExtensionParams,
  eventsSection,
  extensionProbes,
  extraTransports,
  type JanusSecurePorts,
  renderExtensionFiles,
  unixSocketPaths,
} from './extensions.js';
import { findJanusBinary } from './find-binary.js';
import { freePorts } from './free-port.js';
import { findJanusLibrary, type JanusLibrary } from './janus-paths.js';
import { defaultLogFile, JanusProcess, type LogTarget } from './janus-process.js';
import { checkPlugins, type ResolvedOptions, resolveOptions, urlHost } from './options.js';
import { reapOnExit } from './process-reaper.js';
import { httpInfoProbe, ReadinessError, waitUntilReady, wsInfoProbe } from './readiness.js';
import type { JanusPorts, JanusServer, JanusServerOptions } from './types.js';

/** Log lines that mean a transport could not bind its port. */
const BIND_FAILURE =
  /Couldn't start (?:admin\/monitor )?webserver on port \d+|Error creating vhost for .* server/;
/** Signals after which a process keeps existing. */
const NON_TERMINATING = new Set<NodeJS.Signals>([
  'SIGSTOP',
  'SIGTSTP',
  'SIGTTIN',
  'SIGTTOU',
  'SIGCONT',
  'SIGWINCH',
]);
const PORT_KEYS: readonly (keyof JanusPorts)[] = ['http', 'ws', 'adminHttp', 'adminWs'];

/**
 * Starts a private Janus (from a fresh temporary config folder, on free loopback ports unless `ports` are
 * given) and resolves once its HTTP, WebSocket and both admin endpoints answer on their exact ports.
 * The process is killed if this process exits. Stop it with {@link JanusServer.stop}.
 *
 * @throws {@link JanusNotInstalledError} when the executable or its plugins are missing
 * @throws {@link JanusStartError} when Janus exits or is not ready within `startTimeoutMs`
 */
export async function startJanus(options: JanusServerOptions = {}): Promise<JanusServer> {
  const resolved = resolveOptions(options);
  const binary = await findJanusBinary(resolved.janusBinary);
  const library = await findJanusLibrary(binary);
  checkPlugins(resolved, library);
  const configDir = await mkdtemp(join(tmpdir(), 'janus-xstate-'));
  const server = new PrivateJanus(resolved, binary, library, configDir);
  try {
    await server.start(false);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

/** The {@link JanusServer} implementation. */
class PrivateJanus implements JanusServer {
  readonly adminSecret: string;
  readonly apiSecret: string | undefined;
  readonly logFile: string | undefined;
  readonly stdout: PassThrough | null;
  readonly stderr: PassThrough | null;
  private readonly serverName = `janus-xstate-${randomBytes(6).toString('hex')}`;
  private readonly log: LogTarget;
  private currentPorts: JanusPorts | undefined;
  private securePorts: JanusSecurePorts | undefined;
  private process: JanusProcess | undefined;
  private unregister: (() => void) | undefined;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly binary: string,
    private readonly library: JanusLibrary,
    readonly configDir: string,
  ) {
    this.adminSecret = options.adminSecret;
    this.apiSecret = options.apiSecret;
    if (options.stdio === 'file') {
      this.logFile = defaultLogFile(configDir);
      this.log = { kind: 'file', path: this.logFile };
    } else if (options.stdio === 'pipe') {
      this.log = { kind: 'pipe', stdout: new PassThrough(), stderr: new PassThrough() };
    } else {
      this.log = { kind: options.stdio };
    }
    this.stdout = this.log.kind === 'pipe' ? this.log.stdout : null;
    this.stderr = this.log.kind === 'pipe' ? this.log.stderr : null;
  }

  get ports(): Readonly<JanusPorts> {
    if (!this.currentPorts) throw new Error('Janus has not been started');
    return { ...this.currentPorts };
  }

  get wsUrl(): string {
    return `ws://${this.host}:${this.ports.ws}`;
  }

  get httpUrl(): string {
    return `http://${this.host}:${this.ports.http}/janus`;
  }

  get adminWsUrl(): string {
    return `ws://${this.host}:${this.ports.adminWs}`;
  }

  get adminHttpUrl(): string {
    return `http://${this.host}:${this.ports.adminHttp}/admin`;
  }

  get wssUrl(): string | undefined {
    return this.securePorts && `wss://${this.host}:${this.securePorts.wss}`;
  }

  get httpsUrl(): string | undefined {
    return this.securePorts && `https://${this.host}:${this.securePorts.https}/janus`;
  }

  get adminWssUrl(): string | undefined {
    return this.securePorts && `wss://${this.host}:${this.securePorts.adminWss}`;
  }

  get adminHttpsUrl(): string | undefined {
    return this.securePorts && `https://${this.host}:${this.securePorts.adminHttps}/admin`;
  }

  get unixUrl(): string | undefined {
    return this.options.unixSockets ? `unix://${unixSocketPaths(this.configDir).api}` : undefined;
  }

  get adminUnixUrl(): string | undefined {
    return this.options.unixSockets ? `unix://${unixSocketPaths(this.configDir).admin}` : undefined;
  }

  get pid(): number {
    return this.process?.pid ?? -1;
  }

  get running(): boolean {
    return this.process?.running ?? false;
  }

  private get host(): string {
    return urlHost(this.options.connectIp);
  }

  /** Writes the config and runs Janus until ready; one retry after a port clash or a crash. */
  async start(samePorts: boolean): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      await this.choosePorts(samePorts || attempt === 1);
      await this.writeConfig();
      const proc = await JanusProcess.spawn({
        binary: this.binary,
        configDir: this.configDir,
        debugLevel: this.options.debugLevel,
        log: this.log,
      });
      this.process = proc;
      this.unregister = reapOnExit(proc.child, this.configDir);
      try {
        await waitUntilReady(this.probes(), {
          timeoutMs: this.options.startTimeoutMs,
          exited: () => proc.exitDescription,
          findClash: async () => BIND_FAILURE.exec(await proc.logText())?.[0],
        });
        return;
      } catch (error) {
        const tail = redact(await proc.logTail(), this.secrets());
        // A Janus that failed to start holds nothing worth a graceful shutdown, and a SIGTERM that lands
        // while it is still initialising can be ignored (it then waited out the whole grace period, twice
        // with the retry: the ~4.3 s "fast" failure). Kill it outright.
        await this.endProcess(0);
        if (proc.exitCode === 127) {
          throw new JanusNotInstalledError(this.binary, `${this.binary} could not run`);
        }
        if (!(error instanceof ReadinessError)) throw error;
        const crashed = error.kind === 'exited' && proc.exitDescription?.startsWith('signal') === true;
        // A clash on a port the caller fixed would only happen again: fail at once. A clash on a port we
        // chose (someone took it between choosing and binding) is worth one retry on fresh ports. The pfunix
        // start-up race (see extensions.ts) can strike again: a few more tries with Unix sockets.
        const retryClash = error.kind === 'clash' && !this.isFixedPort(error.url);
        if (attempt < (this.options.unixSockets ? 5 : 2) && (retryClash || crashed)) {
          if (crashed || this.options.unixSockets) await sleep(250);
          continue;
        }
        const { http, ws, adminHttp, adminWs } = this.ports;
        const where = `ports: http ${http}, ws ${ws}, admin http ${adminHttp}, admin ws ${adminWs}`;
        throw new JanusStartError(`${error.message} (${where}; attempt ${attempt})`, tail);
      }
    }
  }

  async stop(): Promise<void> {
    await this.endProcess();
    await rm(this.configDir, { recursive: true, force: true });
    if (this.log.kind === 'pipe') {
      this.log.stdout.end();
      this.log.stderr.end();
    }
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const proc = this.process;
    if (!proc?.signal(signal) || NON_TERMINATING.has(signal)) return;
    // Stays registered with the reaper: the config folder goes with stop() or at exit.
    if (!(await proc.waitForExit(5000))) throw new Error(`Janus (pid ${proc.pid}) did not exit on ${signal}`);
  }

  async restart(): Promise<void> {
    await this.endProcess();
    await this.start(true);
  }

  async addToken(token: string, plugins?: string[]): Promise<void> {
    const packages = plugins?.map((name) => (name.includes('.') ? name : `janus.plugin.${name}`));
    const admin = await this.openAdmin();
    try {
      await admin.addToken(token, packages);
    } catch (error) {
      throw new Error(`add_token failed: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    } finally {
      admin.close();
    }
  }

  async adminRequest(request: Record<string, unknown>, path = ''): Promise<Record<string, unknown>> {
    const admin = await this.openAdmin(path);
    try {
      const { janus, ...rest } = request;
      return { ...(await admin.request({ ...rest, janus: String(janus) })) };
    } catch (error) {
      // A Janus error is an answer, not a failure: hand it back as Janus sent it.
      if (isJanusError(error) && error.janusCode !== undefined) {
        return { janus: 'error', error: { code: error.janusCode, reason: error.message } };
      }
      throw error;
    } finally {
      admin.close();
    }
  }

  /** The library's admin client on this server's admin HTTP API (`path` appended to its URL). */
  private openAdmin(path = '') {
    return connectAdmin(`${this.adminHttpUrl}${path}`, {
      adminSecret: this.adminSecret,
      connectTimeoutMs: 5000,
      requestTimeoutMs: 5000,
    });
  }

  /** Ends the current process gracefully (SIGKILL after `graceMs`, default 2 s; 0: SIGKILL at once) and forgets it. */
  private async endProcess(graceMs = 2000): Promise<void> {
    if (graceMs === 0) await this.process?.kill();
    else await this.process?.terminate(graceMs);
    this.unregister?.();
    this.unregister = undefined;
  }

  /** Whether `url` is on a port the caller fixed (`undefined`: unknown, treated as not fixed). */
  private isFixedPort(url: string | undefined): boolean {
    if (url === undefined) return false;
    const port = Number(new URL(url).port);
    return Object.values(this.options.fixedPorts).includes(port);
  }

  private async choosePorts(keepCurrent: boolean): Promise<void> {
    if (keepCurrent && this.currentPorts) return;
    const fixed = this.options.fixedPorts;
    const missing = PORT_KEYS.filter((key) => fixed[key] === undefined);
    const fresh = await freePorts(missing.length, this.options.bindIp);
    const ports = { ...fixed } as JanusPorts;
    missing.forEach((key, i) => {
      ports[key] = fresh[i]!;
    });
    this.currentPorts = ports;
    if (this.options.tls) {
      const [https, wss, adminHttps, adminWss] = await freePorts(4, this.options.bindIp);
      this.securePorts = { https: https!, wss: wss!, adminHttps: adminHttps!, adminWss: adminWss! };
    }
  }

  private async writeConfig(): Promise<void> {
    const rendered = renderConfig({
      configDir: this.configDir,
      library: this.library,
      plugins: this.options.plugins,
      bindIp: this.options.bindIp,
      localIp: this.options.connectIp,
      ports: this.ports,
      rtpPortRange: this.options.rtpPortRange,
      debugLevel: this.options.debugLevel,
      serverName: this.serverName,
      adminSecret: this.options.adminSecret,
      apiSecret: this.options.apiSecret,
      tokenAuth: this.options.tokenAuth,
      sessionTimeoutS: this.options.sessionTimeoutS,
      reclaimSessionTimeoutS: this.options.reclaimSessionTimeoutS,
      demoRooms: this.options.demoRooms,
      extraGeneral: this.options.extraGeneral,
      extraMedia: this.options.extraMedia,
      extraNat: this.options.extraNat,
      extraTransports: extraTransports(this.options),
      events: eventsSection(this.options, this.library.events),
    });
    await mkdir(this.configDir, { recursive: true, mode: 0o700 });
    for (const dir of rendered.directories) await mkdir(dir, { recursive: true });
    const files = { ...rendered.files, ...renderExtensionFiles(this.extensionParams()) };
    for (const [name, text] of Object.entries(this.options.extraFiles)) {
      files[name] = text.replaceAll('{configDir}', this.configDir);
    }
    for (const [name, text] of Object.entries(files)) {
      await writeFile(join(this.configDir, name), text, { mode: 0o600 });
    }
  }

  /** Values never to show: at `debugLevel` 5+ Janus prints its whole config into the log. */
  private secrets(): string[] {
    const { adminSecret, apiSecret, extraGeneral, extraNat } = this.options;
    const extra = Object.entries({ ...extraGeneral, ...extraNat })
      .filter(([key]) => /secret|pwd|password|key/i.test(key))
      .map(([, value]) => String(value));
    return [adminSecret, ...(apiSecret ? [apiSecret] : []), ...extra];
  }

  private extensionParams(): ExtensionParams {
    return {
      configDir: this.configDir,
      bindIp: this.options.bindIp,
      ports: this.ports,
      securePorts: this.securePorts,
      tls: this.options.tls,
      unixSockets: this.options.unixSockets,
      eventHandlers: this.options.eventHandlers,
    };
  }

  private probes() {
    return [
      ...extensionProbes(this.extensionParams(), this.options.connectIp, () =>
        httpInfoProbe('HTTP API', this.httpUrl, this.serverName)
          .check()
          .catch(() => false),
      ),
      httpInfoProbe('HTTP API', this.httpUrl, this.serverName),
      wsInfoProbe('WebSocket API', this.wsUrl, 'janus-protocol', this.serverName),
      httpInfoProbe('admin HTTP API', this.adminHttpUrl, this.serverName),
      wsInfoProbe('admin WebSocket API', this.adminWsUrl, 'janus-admin-protocol', this.serverName),
    ];
  }
}

function redact(text: string, secrets: readonly string[]): string {
  let result = text;
  for (const secret of secrets) if (secret.length > 0) result = result.replaceAll(secret, '***');
  return result;
}
