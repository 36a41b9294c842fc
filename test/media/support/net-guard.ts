/**
 * A test-only guard that records, and by default blocks, every UDP send and DNS lookup of the
 * process whose target is not loopback or one of this host's (namespace's) own addresses.
 *
 * It patches `dgram.Socket.prototype.send`, `dns.lookup` and `dns.promises.lookup`, which is where
 * werift's ICE code (`UdpTransport.send`, `resolveRequestAddress`) ends up. Blocked sends get an
 * error in their callback; blocked lookups fail with `ENOTFOUND`. Use {@link snmpCounter} in
 * addition when running inside the private namespace: it reads the kernel's own counters and so
 * also sees traffic that went around these patches.
 */
import dgram from 'node:dgram';
import dns from 'node:dns';
import { readdirSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { networkInterfaces } from 'node:os';
import { beforeEach } from 'vitest';

/** What {@link guardNetwork} saw. */
export interface NetGuard {
  /** Every target seen, as `udp:<address>:<port>` or `dns:<hostname>`. */
  readonly targets: string[];
  /** The targets that were neither loopback nor an own address. */
  readonly violations: string[];
  /** Removes the patches. */
  restore(): void;
}

/** Loopback, or an address of one of this namespace's interfaces. */
export function isOwnAddress(address: string): boolean {
  if (address === 'localhost' || address.startsWith('127.') || address === '::1') return true;
  return Object.values(networkInterfaces()).some((list) => list?.some((info) => info.address === address));
}

/**
 * Installs the guard.
 *
 * @param options - `block: false` lets violating traffic through (only inside the namespace!)
 */
export function guardNetwork(options: { block?: boolean } = {}): NetGuard {
  const block = options.block ?? true;
  const targets: string[] = [];
  const violations: string[] = [];
  const note = (target: string, address: string): boolean => {
    targets.push(target);
    if (isOwnAddress(address)) return true;
    violations.push(target);
    return !block;
  };

  const proto = dgram.Socket.prototype as unknown as { send: (...args: unknown[]) => void };
  const originalSend = proto.send;
  proto.send = function (this: dgram.Socket, ...args: unknown[]) {
    // send(msg, [offset, length,] [port[, address]][, callback])
    const rest =
      typeof args[1] === 'number' && typeof args[2] === 'number' && typeof args[3] === 'number'
        ? args.slice(3)
        : args.slice(1);
    let port = typeof rest[0] === 'number' ? rest[0] : undefined;
    let address = typeof rest[1] === 'string' ? rest[1] : undefined;
    if (port === undefined) {
      const remote = this.remoteAddress();
      port = remote.port;
      address = remote.address;
    }
    address ??= '127.0.0.1';
    if (!note(`udp:${address}:${port}`, address)) {
      const callback = args.find((arg): arg is (error: Error) => void => typeof arg === 'function');
      if (callback) process.nextTick(callback, new Error(`net-guard blocked UDP to ${address}:${port}`));
      return;
    }
    return originalSend.apply(this, args);
  };

  const lookupError = (hostname: string) =>
    Object.assign(new Error(`net-guard blocked DNS lookup of ${hostname}`), { code: 'ENOTFOUND' });
  const originalLookup = dns.lookup;
  const patchedLookup = (hostname: string, ...rest: unknown[]) => {
    if (isIP(hostname) === 0 && !note(`dns:${hostname}`, hostname)) {
      const callback = rest.find((arg): arg is (error: Error) => void => typeof arg === 'function');
      if (callback) process.nextTick(callback, lookupError(hostname));
      return;
    }
    return (originalLookup as (...a: unknown[]) => unknown)(hostname, ...rest);
  };
  (dns as { lookup: unknown }).lookup = patchedLookup;

  const promises = dns.promises as { lookup: unknown };
  const originalPromiseLookup = dns.promises.lookup;
  promises.lookup = async (hostname: string, ...rest: unknown[]) => {
    if (isIP(hostname) === 0 && !note(`dns:${hostname}`, hostname)) throw lookupError(hostname);
    return (originalPromiseLookup as (...a: unknown[]) => Promise<unknown>)(hostname, ...rest);
  };

  return {
    targets,
    violations,
    restore() {
      proto.send = originalSend;
      (dns as { lookup: unknown }).lookup = originalLookup;
      promises.lookup = originalPromiseLookup;
    },
  };
}

/**
 * Reads one counter from the kernel's `/proc/net/snmp` (per network namespace), e.g.
 * `snmpCounter('Ip', 'OutNoRoutes')`: packets the kernel could not route, i.e. attempts to reach
 * anything outside the private namespace; or `snmpCounter('Udp', 'OutDatagrams')`.
 */
export function snmpCounter(group: string, name: string): number {
  const lines = readFileSync('/proc/net/snmp', 'utf8')
    .split('\n')
    .filter((line) => line.startsWith(`${group}:`));
  const header = lines[0]?.split(/\s+/) ?? [];
  const values = lines[1]?.split(/\s+/) ?? [];
  const index = header.indexOf(name);
  if (index < 0) throw new Error(`no ${group} ${name} in /proc/net/snmp`);
  return Number(values[index]);
}

/** Clock ticks per second of the start times in `/proc/<pid>/stat` (USER_HZ: 100 on every Linux ABI). */
const USER_HZ = 100;

/**
 * The other processes of this PID namespace that started within the last `withinMs`, as
 * `<pid>:<command>`. Inside `scripts/netns-run.sh` they are exactly the processes that share the
 * network namespace, and so its kernel counters ({@link snmpCounter}).
 */
export function processesStartedWithin(withinMs: number): string[] {
  const uptimeS = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  const sinceTicks = (uptimeS - withinMs / 1000) * USER_HZ;
  const started: string[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // "pid (comm) state ppid ...": the command may hold spaces; field 22 is the start time.
    const close = stat.lastIndexOf(')');
    const startTicks = Number(stat.slice(close + 2).split(' ')[19]);
    if (startTicks >= sinceTicks) started.push(`${name}:${stat.slice(stat.indexOf('(') + 1, close)}`);
  }
  return started;
}

/** True inside `scripts/netns-run.sh` (the private namespace with jpd0 = 10.200.0.1). */
export const inPrivateNetns: boolean =
  process.env.JANUS_XSTATE_NETNS === '1' && isOwnAddress(process.env.JANUS_XSTATE_NETNS_IP ?? '10.200.0.1');

/**
 * Fails loudly outside the private namespace. Media tests run only via `npm run test:media`
 * (scripts/netns-run.sh); a run anywhere else is a mistake to report, never a reason to skip.
 */
export function requirePrivateNetns(): void {
  if (!inPrivateNetns) {
    throw new Error(
      'media tests must run inside the private network namespace: npm run test:media ' +
        '(scripts/netns-run.sh npx vitest run --config vitest.media.config.ts)',
    );
  }
}

/**
 * Makes every test of the calling file fail, never skip, with the reason when it runs outside the private
 * namespace. (A `beforeAll` that throws makes vitest report the file's tests as skipped; a `beforeEach` that
 * throws fails each test.) Call it at the top level of a media test file. Returns whether the file runs
 * inside the namespace: its setup hooks must do nothing when it does not.
 */
export function failOutsidePrivateNetns(): boolean {
  beforeEach(() => requirePrivateNetns());
  return inPrivateNetns;
}
