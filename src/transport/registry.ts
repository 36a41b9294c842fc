/**
 * The transport registry: which transport carries a URL, looked up by its scheme. It imports no transport
 * itself: each platform's entry point fills in the built-in entries (Node, `node-transports.ts`: `ws`/`wss`
 * on the `ws` package, `http`/`https` on `node:http`, `unix` on Janus's `pfunix` datagram socket; browser,
 * `browser-transports.ts`: `ws`/`wss` on the platform's `WebSocket`, `http`/`https` on `fetch`).
 * Applications add their own with {@link registerTransport}, or pass one to a single connection with the
 * `transport` option.
 * @module
 */
import { JanusError } from '../errors.js';
import type { TransportFactory, TransportKind } from './transport.js';

/**
 * A transport as the registry knows it: its kind (reported as `transportKind`) and the factory that opens
 * it. The factory implements the contract documented on {@link TransportFactory} (module `transport`).
 */
export interface TransportDefinition {
  /** The name the client reports for it (`ws`, `http`, `unix`, or your own). */
  kind: TransportKind;
  /** Opens one transport to a URL. */
  create: TransportFactory;
}

/**
 * What the `transport` option accepts: a {@link TransportDefinition}, or just a factory (its kind is then
 * `custom`).
 */
export type TransportOption = TransportDefinition | TransportFactory;

const registry = new Map<string, TransportDefinition>();

/**
 * Installs a platform's built-in transports (called once by the Node or the browser entry point when it is
 * loaded). A scheme an application registered before keeps the application's transport.
 * @internal
 */
export function installBuiltinTransports(entries: Readonly<Record<string, TransportDefinition>>): void {
  for (const [scheme, definition] of Object.entries(entries)) {
    if (!registry.has(scheme)) registry.set(scheme, definition);
  }
}

/** A URL's scheme without the colon, lower case (`ws`, `https`, `unix`, ...). */
function schemeOf(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new JanusError('INVALID_ARGUMENT', `Not a URL: ${JSON.stringify(url)}`, { cause });
  }
  return parsed.protocol.slice(0, -1).toLowerCase();
}

/**
 * Registers (or replaces) the transport for URLs of `scheme` (without the colon, e.g. `memory`), for
 * every connection made after this call. Returns a function that restores what was registered before.
 */
export function registerTransport(scheme: string, definition: TransportOption): () => void {
  const key = scheme.replace(/:$/, '').toLowerCase();
  if (!/^[a-z][a-z0-9+.-]*$/.test(key)) {
    throw new JanusError('INVALID_ARGUMENT', `'${scheme}' is not a URL scheme`);
  }
  const previous = registry.get(key);
  registry.set(key, toDefinition(definition));
  return () => {
    if (previous) registry.set(key, previous);
    else registry.delete(key);
  };
}

/** The schemes the registry knows now. */
export function registeredSchemes(): string[] {
  return [...registry.keys()];
}

/**
 * The transport for `url`: `override` when given (the `transport` option), else the registry's entry for
 * the URL's scheme. Throws `INVALID_ARGUMENT` for a string that is not a URL or a scheme nothing handles.
 */
export function resolveTransport(url: string, override?: TransportOption): TransportDefinition {
  const scheme = schemeOf(url);
  if (override) return toDefinition(override);
  const definition = registry.get(scheme);
  if (!definition) {
    const known = [...registry.keys()].map((key) => `${key}:`).join(', ');
    throw new JanusError(
      'INVALID_ARGUMENT',
      `Unsupported URL scheme '${scheme}:' (registered: ${known}; add one with registerTransport)`,
    );
  }
  return definition;
}

function toDefinition(option: TransportOption): TransportDefinition {
  if (typeof option === 'function') return { kind: 'custom', create: option };
  if (typeof option?.create !== 'function') {
    throw new JanusError('INVALID_ARGUMENT', 'a transport needs a create(options, events) function');
  }
  return option;
}
