/**
 * Client-side workarounds for werift 0.24.4 as a Janus peer, without changing werift itself.
 *
 * Measured against Janus 1.1.2 (EchoTest, audio+video, werift as offerer, WebSocket connect to
 * `webrtcup`, two sessions of 100 warm runs per mode, `test/media/prototype.ts`): stock werift
 * median ~1050 ms with 51-65 of 100 runs over 200 ms (Janus's first DTLS packet lost,
 * retransmitted after 1 s), and gathering queries a public STUN server. With the three
 * workarounds below: median 37-39 ms, p90 49-59 ms, max 81-96 ms, 0 of 200 runs over 200 ms,
 * and no traffic anywhere but the peer:
 *
 * - {@link suppressImplicitStun}: no STUN query unless the caller configured a STUN server.
 * - {@link bufferEarlyDtls}: keep DTLS packets that arrive before werift listens for DTLS.
 * - {@link enableNativeP256}: do the P-256 ECDH with Node's native crypto instead of pure JS.
 *
 * A fourth one is a fix, not a speed-up: {@link resumeIceAfterRestart} makes ICE restarts work at
 * all (stock werift 0.24.4 never runs connectivity checks after a restart while DTLS is up, so no
 * media flows any more).
 *
 * A fifth, {@link routeKeyframeRequestsByMediaSsrc} (in `werift-keyframe-routing.ts`), is a fix too:
 * keyframe requests (PLI/FIR) that Janus forwards reach our sender instead of being dropped.
 *
 * A sixth, {@link fixNackSequenceWrap} (in `werift-nack-wrap.ts`), is a fix as well: received video
 * keeps being NACKed after a loss at the sequence-number wrap, and the NACK timer stops when nothing is
 * missing.
 *
 * {@link applyWeriftWorkarounds} applies all six. Each touches werift internals that are not
 * part of its typed API; every access is checked at run time and throws a
 * {@link WeriftInternalsError} naming the missing piece, so a werift upgrade that moves them
 * fails loudly instead of silently losing the workaround. Re-check each one (its "Drop it when"
 * note) when upgrading werift.
 *
 * @packageDocumentation
 */
import { createECDH } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDtls, type RTCPeerConnection } from 'werift';
import { WeriftInternalsError } from './werift-internals-error.js';
import { type KeyframeRoutingStats, routeKeyframeRequestsByMediaSsrc } from './werift-keyframe-routing.js';
import { fixNackSequenceWrap, type NackWrapStats } from './werift-nack-wrap.js';

export {
  fixNackSequenceWrap,
  type KeyframeRoutingStats,
  type NackWrapStats,
  routeKeyframeRequestsByMediaSsrc,
  WeriftInternalsError,
};

// ---------------------------------------------------------------------------------------------
// The parts of werift 0.24.4 these workarounds touch (file names are in werift's source tree).
// ---------------------------------------------------------------------------------------------

/** werift `packages/common/src/event.ts` `Event`: only what is used here. */
interface WeriftEvent<T extends unknown[]> {
  subscribe(execute: (...args: T) => void): { unSubscribe(): void };
}

/** werift `packages/ice/src/ice.ts` `Connection` (one per ICE transport). */
interface IceConnectionInternals {
  stunServer?: readonly [string, number] | undefined;
  localCandidatesStart: boolean;
  onData: WeriftEvent<[Buffer]>;
}

/** werift `packages/dtls/src/socket.ts` `DtlsSocket`: `transport.socket` is the ICE adapter. */
interface DtlsSocketInternals {
  transport: { socket: { onData: (buf: Buffer) => void } };
}

/** werift `packages/webrtc/src/transport/ice.ts` `RTCIceTransport`. */
interface IceTransportInternals {
  connection: IceConnectionInternals;
  state: string;
  start(): Promise<void>;
}

/** werift `packages/webrtc/src/transport/dtls.ts` `RTCDtlsTransport`. */
interface DtlsTransportInternals {
  iceTransport: IceTransportInternals;
  dtls?: DtlsSocketInternals;
  state: string;
}

/** werift `packages/webrtc/src/peerConnection.ts` `RTCPeerConnection` (private `secureManager`). */
interface PeerConnectionInternals {
  secureManager: { createTransport(): DtlsTransportInternals };
  dtlsTransports: DtlsTransportInternals[];
  config: { iceServers?: readonly IceServerLike[] };
}

/** An ICE server entry as in `RTCConfiguration.iceServers`. */
export interface IceServerLike {
  /** One URL or several, e.g. `stun:10.200.0.1:3478` or `turn:host:3478?transport=udp`. */
  readonly urls: string | readonly string[];
}

const hooked = new WeakMap<object, Array<(transport: DtlsTransportInternals) => void>>();

/**
 * Runs `apply` on every DTLS transport `pc` has now and on every one it creates later, by
 * wrapping werift's `secureManager.createTransport` (`packages/webrtc/src/secureTransportManager.ts`)
 * on this instance only. Transports are created during `createOffer`/`setRemoteDescription`,
 * gathering starts in `setLocalDescription`, so applying right after `new RTCPeerConnection()`
 * covers everything.
 */
function forEachDtlsTransport(
  pc: RTCPeerConnection,
  apply: (transport: DtlsTransportInternals) => void,
): void {
  const internals = pc as unknown as PeerConnectionInternals;
  const manager = internals.secureManager;
  if (typeof manager?.createTransport !== 'function') {
    throw new WeriftInternalsError('RTCPeerConnection.secureManager.createTransport');
  }
  let appliers = hooked.get(manager);
  if (!appliers) {
    const list: Array<(transport: DtlsTransportInternals) => void> = [];
    appliers = list;
    hooked.set(manager, list);
    const original = manager.createTransport.bind(manager);
    manager.createTransport = () => {
      const transport = original();
      for (const fn of list) fn(transport);
      return transport;
    };
  }
  appliers.push(apply);
  for (const transport of internals.dtlsTransports) apply(transport);
}

function iceConnectionOf(transport: DtlsTransportInternals): IceConnectionInternals {
  const connection = transport.iceTransport?.connection;
  if (!connection || typeof connection.onData?.subscribe !== 'function' || !('stunServer' in connection)) {
    throw new WeriftInternalsError('RTCDtlsTransport.iceTransport.connection');
  }
  return connection;
}

// ---------------------------------------------------------------------------------------------
// (a) No implicit STUN query
// ---------------------------------------------------------------------------------------------

/** The entry werift puts in `config.iceServers` when the caller gives none (`generateDefaultPeerConfig`). */
const WERIFT_DEFAULT_STUN = 'stun:stun.l.google.com:19302';

/** Options of {@link suppressImplicitStun}. */
export interface SuppressStunOptions {
  /**
   * The ICE servers the caller actually configured. When given, it is authoritative: a STUN
   * query is kept only if it lists a `stun:`/`stuns:` URL. When omitted, the peer connection's
   * `config.iceServers` is used, except that werift's built-in default
   * (`stun:stun.l.google.com:19302` as the only entry) counts as "not configured". Pass this
   * when a caller deliberately configures exactly that server.
   */
  readonly iceServers?: readonly IceServerLike[];
}

/** What {@link suppressImplicitStun} did. */
export interface StunSuppression {
  /** True when the caller configured a STUN server, so werift's query to it was left alone. */
  readonly keptConfiguredStun: boolean;
  /** Number of ICE connections whose `stunServer` was cleared so far (grows with new transports). */
  readonly connectionsCleared: number;
}

function hasStunUrl(servers: readonly IceServerLike[]): boolean {
  return servers.some((server) =>
    (typeof server.urls === 'string' ? [server.urls] : server.urls).some((url) => /^stuns?:/i.test(url)),
  );
}

/**
 * (a) Makes ICE gathering send no STUN query at all unless the caller configured a STUN server.
 *
 * Why: werift's ICE `Connection` constructor (`packages/ice/src/ice.ts`) falls back to
 * `stun.l.google.com:19302` when no STUN server is configured, even with `iceServers: []`, and
 * `getCandidatePromises` then resolves that name (a DNS query) and sends a Binding request to it
 * for every host candidate: traffic off the machine, and up to 5 s of gathering where it is
 * unreachable. Against a Janus on the same host or LAN a server-reflexive candidate is useless.
 *
 * What it touches: sets `Connection.stunServer` to `undefined` on each ICE connection of `pc`,
 * existing and future (see `forEachDtlsTransport`: wraps `secureManager.createTransport` on this
 * instance). TURN (`Connection.turnServer`) is not touched: werift only uses it when configured.
 * Must be applied before `setLocalDescription` starts gathering; throws otherwise.
 *
 * Drop it when: werift stops defaulting `stunServer` (check `validateAddress(stunServer) ?? [...]`
 * in `Connection`'s constructor and `generateDefaultPeerConfig().iceServers`). The control test
 * "stock werift is caught querying the public STUN server" in
 * `test/media/werift-workarounds.test.ts` starts failing when that happens; then delete this
 * function and its use in {@link applyWeriftWorkarounds}.
 *
 * @param pc - a werift peer connection, before `setLocalDescription`
 * @param options - what the caller configured, see {@link SuppressStunOptions}
 * @returns a live summary (its counters grow as `pc` creates transports)
 * @throws WeriftInternalsError if werift's internals moved, or `Error` if gathering already began
 */
export function suppressImplicitStun(
  pc: RTCPeerConnection,
  options: SuppressStunOptions = {},
): StunSuppression {
  const configured =
    options.iceServers ??
    (pc as unknown as PeerConnectionInternals).config.iceServers?.filter(
      (server, _i, all) => !(all.length === 1 && server.urls === WERIFT_DEFAULT_STUN),
    ) ??
    [];
  const summary = { keptConfiguredStun: hasStunUrl(configured), connectionsCleared: 0 };
  if (summary.keptConfiguredStun) return summary;
  forEachDtlsTransport(pc, (transport) => {
    const connection = iceConnectionOf(transport);
    if (connection.localCandidatesStart) {
      throw new Error(
        'suppressImplicitStun: ICE gathering already started; apply before setLocalDescription',
      );
    }
    connection.stunServer = undefined;
    summary.connectionsCleared++;
  });
  return summary;
}

// ---------------------------------------------------------------------------------------------
// (b) Buffer DTLS packets that arrive before werift listens for them
// ---------------------------------------------------------------------------------------------

/** Transports already patched by {@link bufferEarlyDtls} (a second call leaves them alone). */
const earlyDtlsPatched = new WeakSet<object>();

/** Options of {@link bufferEarlyDtls}. */
export interface EarlyDtlsOptions {
  /** Packets kept per transport before werift's DTLS socket exists; later ones are dropped. Default 32. */
  readonly maxPackets?: number;
}

/** Live counters of {@link bufferEarlyDtls}, summed over the transports of one peer connection. */
export interface EarlyDtlsStats {
  /** DTLS packets that arrived before the DTLS socket existed and were kept. */
  readonly buffered: number;
  /** Kept packets handed to the DTLS socket once it existed. */
  readonly replayed: number;
  /** Early packets dropped because the buffer was full. */
  readonly dropped: number;
}

/**
 * (b) Keeps DTLS packets that arrive on the ICE connection before werift's DTLS socket exists,
 * and feeds them to that socket as soon as it is created.
 *
 * Why: werift creates its DTLS socket (and only then subscribes to the ICE connection's data)
 * in `RTCDtlsTransport.start()` (`packages/webrtc/src/transport/dtls.ts`), which the peer
 * connection calls after `RTCIceTransport.start()` → `Connection.connect()` returns; that
 * returns on a 20 ms polling loop (`packages/ice/src/ice.ts`). Janus (DTLS client when werift
 * offers `actpass`) sends its ClientHello as soon as its own ICE check succeeds, often before
 * that; werift drops it, and OpenSSL retransmits only after 1 s. Measured ((a) applied, 2 × 100
 * runs): without this 52-53 of 100 runs took ~1.05 s, median ~1048 ms; with it median 42-45 ms,
 * 0-2 runs over 200 ms (load spikes, not retransmissions).
 *
 * What it touches: subscribes to `RTCDtlsTransport.iceTransport.connection.onData` (werift
 * `Event`) while `RTCDtlsTransport.dtls` is unset, and turns the `dtls` field of each
 * `RTCDtlsTransport` instance into an accessor: when werift assigns its `DtlsServer`/
 * `DtlsClient`, the subscription ends and the kept packets go (in a microtask, after `start()`
 * has subscribed its handlers) to `dtls.transport.socket.onData`, the exact entry point werift's
 * ICE adapter (`IceTransport` in `transport/dtls.ts`) uses. Only packets that pass werift's
 * `isDtls` are kept.
 *
 * Drop it when: werift subscribes its DTLS socket before ICE connect completes (or buffers
 * itself); check `RTCDtlsTransport.start()` and `createIceTransport`. The control test "without it
 * the early ClientHello is lost" starts failing when that happens; then delete this function and
 * its use in {@link applyWeriftWorkarounds}.
 *
 * @param pc - a werift peer connection, before `setRemoteDescription`
 * @param options - buffer limit, see {@link EarlyDtlsOptions}
 * @returns live counters, summed over `pc`'s transports
 * @throws WeriftInternalsError if werift's internals moved
 */
export function bufferEarlyDtls(pc: RTCPeerConnection, options: EarlyDtlsOptions = {}): EarlyDtlsStats {
  const maxPackets = options.maxPackets ?? 32;
  const stats = { buffered: 0, replayed: 0, dropped: 0 };
  forEachDtlsTransport(pc, (transport) => {
    if (earlyDtlsPatched.has(transport) || transport.dtls !== undefined) return;
    const descriptor = Object.getOwnPropertyDescriptor(transport, 'dtls');
    if (!descriptor || !('value' in descriptor) || !descriptor.configurable) {
      throw new WeriftInternalsError('RTCDtlsTransport.dtls is not a plain field');
    }
    earlyDtlsPatched.add(transport);
    let socket: DtlsSocketInternals | undefined;
    const early: Buffer[] = [];
    const subscription = iceConnectionOf(transport).onData.subscribe((buf) => {
      if (socket !== undefined || !isDtls(buf)) return;
      if (early.length >= maxPackets) {
        stats.dropped++;
        return;
      }
      early.push(buf);
      stats.buffered++;
    });
    Object.defineProperty(transport, 'dtls', {
      configurable: true,
      enumerable: true,
      get: () => socket,
      set: (value: DtlsSocketInternals | undefined) => {
        socket = value;
        if (value === undefined) return;
        subscription.unSubscribe();
        const pending = early.splice(0);
        if (pending.length === 0) return;
        const deliver = value.transport?.socket;
        if (typeof deliver?.onData !== 'function') {
          throw new WeriftInternalsError('DtlsSocket.transport.socket.onData');
        }
        queueMicrotask(() => {
          for (const buf of pending) {
            deliver.onData(buf);
            stats.replayed++;
          }
        });
      },
    });
  });
  return stats;
}

// ---------------------------------------------------------------------------------------------
// (c) Native P-256 ECDH
// ---------------------------------------------------------------------------------------------

/** The part of `@noble/curves` 1.x `p256` that werift calls, plus the point arithmetic used here. */
interface NobleP256 {
  getPublicKey: (secretKey: unknown, isCompressed?: boolean) => Uint8Array;
  getSharedSecret: (secretKey: unknown, publicKey: unknown, isCompressed?: boolean) => Uint8Array;
  Point: { fromHex(bytes: Uint8Array): NoblePoint };
}

interface NoblePoint {
  add(other: NoblePoint): NoblePoint;
  negate(): NoblePoint;
  toRawBytes(isCompressed?: boolean): Uint8Array;
}

/** Live counters of {@link enableNativeP256} (process-wide). */
export interface NativeP256Stats {
  /** `getPublicKey` calls answered by `crypto.createECDH('prime256v1')`. */
  readonly publicKeys: number;
  /** `getSharedSecret` calls answered by `crypto.createECDH('prime256v1')`. */
  readonly sharedSecrets: number;
  /** Calls passed to the original pure-JS code (inputs in other forms, or degenerate cases). */
  readonly fallbacks: number;
}

/** The order n of the P-256 group (SEC 2, secp256r1). */
const P256_ORDER = 0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551n;

const nativeStats = { publicKeys: 0, sharedSecrets: 0, fallbacks: 0 };
let installed:
  | { target: NobleP256; original: Pick<NobleP256, 'getPublicKey' | 'getSharedSecret'> }
  | undefined;
let loading: Promise<NobleP256> | undefined;

/**
 * Loads the exact ES module instance of `@noble/curves/p256` that werift's ESM build imports:
 * resolved from werift's own location (so a copy nested under werift is found), mapped to its
 * ESM file through the package's `exports` map.
 */
function loadWeriftP256(): Promise<NobleP256> {
  loading ??= (async () => {
    const weriftEntry = createRequire(import.meta.url).resolve('werift');
    const cjsPath = createRequire(weriftEntry).resolve('@noble/curves/p256');
    let root = dirname(cjsPath);
    while (!readFileSafe(join(root, 'package.json'))?.includes('"@noble/curves"')) {
      const parent = dirname(root);
      if (parent === root) throw new WeriftInternalsError('@noble/curves package root not found');
      root = parent;
    }
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      exports?: Record<string, { import?: string } | string>;
    };
    const entry = pkg.exports?.['./p256'];
    const esmFile = typeof entry === 'object' ? entry.import : undefined;
    if (!esmFile) throw new WeriftInternalsError('@noble/curves exports["./p256"].import');
    const mod = (await import(pathToFileURL(join(root, esmFile)).href)) as { p256?: NobleP256 };
    const p256 = mod.p256;
    if (typeof p256?.getSharedSecret !== 'function' || typeof p256.Point?.fromHex !== 'function') {
      throw new WeriftInternalsError('@noble/curves/p256 p256.getSharedSecret');
    }
    return p256;
  })();
  return loading;
}

function readFileSafe(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function isBytes(value: unknown, ...lengths: number[]): value is Uint8Array {
  return value instanceof Uint8Array && lengths.includes(value.length);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Native `getSharedSecret`, bit-identical to noble's (which returns the whole shared point S,
 * compressed by default). Node's ECDH yields only x(S); the sign of y is recovered with a second
 * native ECDH: x((d+1)·Q) = x(S + Q) matches exactly one of (x, ±y) + Q.
 */
function nativeSharedSecret(
  p256: NobleP256,
  secretKey: Uint8Array,
  publicKey: Uint8Array,
  isCompressed: boolean,
): Uint8Array | undefined {
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(secretKey);
  const x = ecdh.computeSecret(publicKey);
  const next = (BigInt(`0x${Buffer.from(secretKey).toString('hex')}`) + 1n) % P256_ORDER;
  if (next === 0n) return undefined;
  ecdh.setPrivateKey(Buffer.from(next.toString(16).padStart(64, '0'), 'hex'));
  const xNext = ecdh.computeSecret(publicKey);
  const candidate = p256.Point.fromHex(Buffer.concat([Buffer.from([2]), x]));
  const q = p256.Point.fromHex(publicKey);
  const matches = sameBytes(candidate.add(q).toRawBytes(true).subarray(1), xNext);
  return (matches ? candidate : candidate.negate()).toRawBytes(isCompressed);
}

/**
 * (c) Makes werift's P-256 ECDH (the DTLS key exchange Janus uses) run in Node's native crypto.
 *
 * Why: werift computes the ECDHE key pair and pre-master secret with `@noble/curves` in pure
 * JS (`packages/dtls/src/cipher/ec.ts` `p256Keypair`/`p256PreMasterSecret`, called from
 * `cipher/namedCurve.ts` `generateKeyPair` and `cipher/prf.ts` `prfPreMasterSecret`). That costs
 * ~5-10 ms per handshake, and ~100 ms for the first one in a process (noble's precomputation);
 * OpenSSL via `crypto.createECDH('prime256v1')` takes well under 1 ms. Measured ((a)+(b)
 * applied, 2 × 100 warm runs): ICE connected → DTLS connected median ~11-12 ms → ~7 ms, connect →
 * `webrtcup` median 42-45 ms → 37-39 ms, p90 65-70 → 49-59 ms; first call in a fresh process
 * (10 each): ICE → DTLS 98-157 ms → 19-38 ms, connect → `webrtcup` 177-254 ms → 99-185 ms.
 *
 * What it touches: those werift functions are module-private, so this replaces `getPublicKey`
 * and `getSharedSecret` on the `p256` object of the `@noble/curves/p256` ES module instance
 * werift imports (`lib/index.mjs` → `@noble/curves/esm/p256.js`). This is process-wide, so the
 * replacements are exact: same bytes as noble for every input (the y sign of the shared point is
 * recovered natively, see `nativeSharedSecret`); inputs in other forms (hex strings, bigints)
 * and degenerate cases fall through to noble. werift's CommonJS build (`require('werift')`) is
 * not patched. Idempotent; {@link disableNativeP256} restores the originals.
 *
 * Drop it when: werift uses `node:crypto` for ECDH (check `packages/dtls/src/cipher/ec.ts`). The
 * test "is what werift's DTLS handshake uses once enabled" starts failing when werift no longer
 * calls noble's `p256`; then delete this, {@link disableNativeP256} and the use in
 * {@link applyWeriftWorkarounds}.
 *
 * @returns live process-wide counters of native and fallback calls
 * @throws WeriftInternalsError if werift no longer imports `@noble/curves/p256` the same way
 */
export async function enableNativeP256(): Promise<NativeP256Stats> {
  const p256 = await loadWeriftP256();
  if (installed) return nativeStats;
  const original = { getPublicKey: p256.getPublicKey, getSharedSecret: p256.getSharedSecret };
  p256.getPublicKey = (secretKey, isCompressed = true) => {
    if (isBytes(secretKey, 32)) {
      try {
        const ecdh = createECDH('prime256v1');
        ecdh.setPrivateKey(secretKey);
        const key = new Uint8Array(
          ecdh.getPublicKey(undefined, isCompressed ? 'compressed' : 'uncompressed'),
        );
        nativeStats.publicKeys++;
        return key;
      } catch {
        // Invalid key: let noble throw its own error.
      }
    }
    nativeStats.fallbacks++;
    return original.getPublicKey(secretKey, isCompressed);
  };
  p256.getSharedSecret = (secretKey, publicKey, isCompressed = true) => {
    if (isBytes(secretKey, 32) && isBytes(publicKey, 33, 65)) {
      try {
        const secret = nativeSharedSecret(p256, secretKey, publicKey, isCompressed);
        if (secret) {
          nativeStats.sharedSecrets++;
          return secret;
        }
      } catch {
        // Invalid key or point at infinity: let noble decide.
      }
    }
    nativeStats.fallbacks++;
    return original.getSharedSecret(secretKey, publicKey, isCompressed);
  };
  installed = { target: p256, original };
  return nativeStats;
}

/**
 * Undoes {@link enableNativeP256}: puts noble's own `getPublicKey`/`getSharedSecret` back.
 * For measurements and tests; counters are kept.
 */
export function disableNativeP256(): void {
  if (!installed) return;
  Object.assign(installed.target, installed.original);
  installed = undefined;
}

// ---------------------------------------------------------------------------------------------
// (d) Run ICE again after an ICE restart
// ---------------------------------------------------------------------------------------------

/** Peer connections already patched by {@link resumeIceAfterRestart}. */
const iceRestartPatched = new WeakMap<object, IceRestartStats>();

/** Live counters of {@link resumeIceAfterRestart} for one peer connection. */
export interface IceRestartStats {
  /** ICE transports whose checks this workaround started after a restart. */
  readonly resumed: number;
  /** Of those, how many failed to connect. */
  readonly failed: number;
}

/**
 * (d) Makes an ICE restart actually run ICE: after the new offer/answer, starts the connectivity
 * checks of every ICE transport that was restarted while its DTLS transport stayed connected.
 *
 * Why: werift's `RTCPeerConnection.connect()` (`packages/webrtc/src/peerConnection.ts`), called
 * after `setRemoteDescription(answer)` (offerer) or `setLocalDescription(answer)` (answerer),
 * returns early for a transport whose DTLS state is `connected`, before it calls
 * `RTCIceTransport.start()`. An ICE restart (`restartIce()` + `createOffer({ iceRestart: true })`,
 * or a remote offer with new ICE credentials) resets the ICE connection (`Connection.restart()` in
 * `packages/ice/src/ice.ts`: no nominated pair, consent stopped) but leaves DTLS connected, so
 * nothing ever runs the new checks: no pair is nominated, `Connection.send` silently drops every
 * packet (`canSendApplicationData()` is false), and Janus, which did restart, has nothing to
 * echo. Observed with Janus 1.1.2 EchoTest: after the restart the check list holds one `WAITING`
 * pair forever, 0 packets reach the network; with this, ICE reconnects in ~20-40 ms and media flows
 * again on the same DTLS/SRTP session (no new handshake, as the RFCs intend).
 *
 * What it touches: replaces `connect` on this `RTCPeerConnection` instance with a function that
 * first awaits `iceTransport.start()` (werift's own, which runs `Connection.connect()`) for each
 * DTLS transport in `dtlsTransports` whose `state` is `connected` while its `iceTransport.state`
 * is neither `connected` nor `closed`, and then calls werift's `connect`. A failing ICE start
 * rejects, which werift's caller turns into connection state `failed`, as for a first connect.
 * Idempotent per peer connection.
 *
 * Drop it when: werift's `connect()` starts ICE for restarted transports itself (check the
 * `checkDtlsConnected()` early return before `iceTransport.start()`). The test "without it no
 * media flows after an ICE restart" in `test/media/werift-workarounds.test.ts` starts failing
 * when that happens; then delete this function and its use in {@link applyWeriftWorkarounds}.
 *
 * @param pc - a werift peer connection
 * @returns live counters for `pc`
 * @throws WeriftInternalsError if werift's internals moved
 */
export function resumeIceAfterRestart(pc: RTCPeerConnection): IceRestartStats {
  const existing = iceRestartPatched.get(pc);
  if (existing) return existing;
  const internals = pc as unknown as PeerConnectionInternals & { connect?: () => Promise<void> };
  const original = internals.connect;
  if (typeof original !== 'function' || !Array.isArray(internals.dtlsTransports)) {
    throw new WeriftInternalsError('RTCPeerConnection.connect / dtlsTransports');
  }
  const stats = { resumed: 0, failed: 0 };
  iceRestartPatched.set(pc, stats);
  internals.connect = async () => {
    const restarted = internals.dtlsTransports.filter(
      (transport) =>
        transport.state === 'connected' &&
        transport.iceTransport?.state !== 'connected' &&
        transport.iceTransport?.state !== 'closed',
    );
    await Promise.all(
      restarted.map(async (transport) => {
        if (typeof transport.iceTransport.start !== 'function') {
          throw new WeriftInternalsError('RTCIceTransport.start');
        }
        stats.resumed++;
        try {
          await transport.iceTransport.start();
        } catch (error) {
          stats.failed++;
          throw error;
        }
      }),
    );
    return original.call(pc);
  };
  return stats;
}

// ---------------------------------------------------------------------------------------------
// All six
// ---------------------------------------------------------------------------------------------

/** Options of {@link applyWeriftWorkarounds}; each workaround is on unless set to `false`. */
export interface WeriftWorkaroundOptions {
  /** (a) options, or `false` to leave werift's STUN behaviour alone. */
  readonly stun?: SuppressStunOptions | false;
  /** (b) options, or `false` to not buffer early DTLS packets. */
  readonly earlyDtls?: EarlyDtlsOptions | false;
  /** (c) `false` to keep werift's pure-JS P-256. */
  readonly nativeP256?: boolean;
  /** (d) `false` to leave ICE restarts as stock werift does them (broken while DTLS is up). */
  readonly iceRestart?: boolean;
  /** (e) `false` to leave keyframe requests routed by sender SSRC (they then never reach our sender). */
  readonly keyframeRouting?: boolean;
  /** (f) `false` to keep werift's NACK handler (no NACKs after a loss at the sequence-number wrap). */
  readonly nackWrap?: boolean;
}

/** What {@link applyWeriftWorkarounds} applied (`undefined` for a workaround switched off). */
export interface AppliedWorkarounds {
  /** (a) summary. */
  readonly stun: StunSuppression | undefined;
  /** (b) live counters. */
  readonly earlyDtls: EarlyDtlsStats | undefined;
  /** (c) live process-wide counters. */
  readonly nativeP256: NativeP256Stats | undefined;
  /** (d) live counters. */
  readonly iceRestart: IceRestartStats | undefined;
  /** (e) live counters. */
  readonly keyframeRouting: KeyframeRoutingStats | undefined;
  /** (f) live counters. */
  readonly nackWrap: NackWrapStats | undefined;
}

/**
 * Applies {@link suppressImplicitStun}, {@link bufferEarlyDtls}, {@link enableNativeP256},
 * {@link resumeIceAfterRestart}, {@link routeKeyframeRequestsByMediaSsrc} (e, in
 * `werift-keyframe-routing.ts`) and {@link fixNackSequenceWrap} (f, in `werift-nack-wrap.ts`) to `pc`.
 * Call it right after `new RTCPeerConnection(...)`, before any negotiation; (a), (b), (d), (e) and (f)
 * are in place when this returns its promise, (c) when the promise resolves (at once after the first
 * call in a process).
 *
 * @param pc - a fresh werift peer connection
 * @param options - switch single workarounds off or configure them
 * @returns what was applied, with live counters
 */
export async function applyWeriftWorkarounds(
  pc: RTCPeerConnection,
  options: WeriftWorkaroundOptions = {},
): Promise<AppliedWorkarounds> {
  const stun = options.stun === false ? undefined : suppressImplicitStun(pc, options.stun);
  const earlyDtls = options.earlyDtls === false ? undefined : bufferEarlyDtls(pc, options.earlyDtls);
  const iceRestart = options.iceRestart === false ? undefined : resumeIceAfterRestart(pc);
  const keyframeRouting =
    options.keyframeRouting === false ? undefined : routeKeyframeRequestsByMediaSsrc(pc);
  const nackWrap = options.nackWrap === false ? undefined : fixNackSequenceWrap(pc);
  const nativeP256 = options.nativeP256 === false ? undefined : await enableNativeP256();
  return { stun, earlyDtls, nativeP256, iceRestart, keyframeRouting, nackWrap };
}
