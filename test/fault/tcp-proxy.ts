/**
 * A fault-injecting TCP proxy on loopback, between a client and a server: it can cut every connection,
 * refuse new ones, stall traffic (and release it), delay it, or drop a connection at a chosen point
 * (after N bytes, or N WebSocket frames, from the server).
 * @module
 */
import { createServer, type Server, Socket } from 'node:net';

/** Where the proxy forwards to. */
export interface ProxyTarget {
  /** Host of the server. Defaults to 127.0.0.1. */
  host?: string;
  /** Port of the server. */
  port: number;
}

/** When to drop: after this many more bytes, or WebSocket frames, sent by the server (counted across connections). */
export type DropPoint = { bytes: number } | { frames: number };

/** A running proxy. */
export interface TcpProxy {
  /** The loopback port clients connect to. */
  readonly port: number;
  /** Connections currently open. */
  readonly connections: number;
  /** Connections accepted so far. */
  readonly accepted: number;
  /** Connections cut by the proxy so far (cutAll, dropAfter). */
  readonly cuts: number;
  /** Changes where new connections go (e.g. to a restarted server on another port). */
  retarget(target: ProxyTarget): void;
  /** Destroys every open connection at once (both sides see a reset). */
  cutAll(): void;
  /** While true, new connections are accepted and closed at once (the server looks down). */
  refuse(on: boolean): void;
  /** While true, nothing is forwarded in either direction (data is held back, not lost). */
  stall(on: boolean): void;
  /** Delays every chunk in both directions by `ms` (order kept). 0 turns it off. */
  delay(ms: number): void;
  /** Cuts the connection carrying the server's data once `point` more bytes or frames went through. */
  dropAfter(point: DropPoint): void;
  /** Stops listening and destroys every connection. */
  close(): Promise<void>;
}

/** Counts complete WebSocket frames in the server → client byte stream (server frames are unmasked). */
class FrameCounter {
  #buffer = Buffer.alloc(0);

  /** Feeds bytes; returns the byte offsets (in `chunk`) right after each frame that completes in it. */
  feed(chunk: Buffer): number[] {
    const start = this.#buffer.length;
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    const ends: number[] = [];
    let consumed = 0;
    for (;;) {
      const view = this.#buffer.subarray(consumed);
      if (view.length < 2) break;
      let length = (view[1] as number) & 0x7f;
      let header = 2;
      if (length === 126) {
        if (view.length < 4) break;
        length = view.readUInt16BE(2);
        header = 4;
      } else if (length === 127) {
        if (view.length < 10) break;
        length = Number(view.readBigUInt64BE(2));
        header = 10;
      }
      if ((view[1] as number) & 0x80) header += 4;
      if (view.length < header + length) break;
      consumed += header + length;
      ends.push(consumed - start);
    }
    this.#buffer = this.#buffer.subarray(consumed);
    return ends;
  }
}

interface Pair {
  client: Socket;
  server: Socket;
  frames: FrameCounter;
  /** The HTTP upgrade response has been passed (frames start after it). */
  upgraded: boolean;
}

/** Byte offsets (in `chunk`) right after each WebSocket frame from the server that completes in it. */
function frameEnds(pair: Pair, chunk: Buffer): number[] {
  if (pair.upgraded) return pair.frames.feed(chunk);
  const headerEnd = chunk.indexOf('\r\n\r\n');
  if (headerEnd < 0) return [];
  pair.upgraded = true;
  const offset = headerEnd + 4;
  return pair.frames.feed(chunk.subarray(offset)).map((end) => end + offset);
}

/** Starts a proxy on a free loopback port in front of `target`. */
export async function startTcpProxy(target: ProxyTarget): Promise<TcpProxy> {
  let current = { host: target.host ?? '127.0.0.1', port: target.port };
  const pairs = new Set<Pair>();
  let refusing = false;
  let stalled = false;
  let delayMs = 0;
  let drop: { kind: 'bytes' | 'frames'; remaining: number } | undefined;
  let accepted = 0;
  let cuts = 0;
  const held: Array<() => void> = [];

  const destroyPair = (pair: Pair): void => {
    if (!pairs.delete(pair)) return;
    cuts += 1;
    pair.client.resetAndDestroy();
    pair.server.resetAndDestroy();
  };

  const forward = (pair: Pair, from: 'client' | 'server', chunk: Buffer): void => {
    const run = (): void => {
      if (!pairs.has(pair)) return;
      const to = from === 'client' ? pair.server : pair.client;
      if (from === 'server') {
        // Frames are counted on every connection whatever the drop kind, so a frame drop set later
        // still knows where this connection's frames start.
        const ends = frameEnds(pair, chunk);
        let cutAt: number | undefined;
        if (drop?.kind === 'bytes') {
          if (chunk.length >= drop.remaining) cutAt = drop.remaining;
          else drop.remaining -= chunk.length;
        } else if (drop?.kind === 'frames') {
          if (ends.length >= drop.remaining) cutAt = ends[drop.remaining - 1];
          else drop.remaining -= ends.length;
        }
        if (cutAt !== undefined) {
          drop = undefined;
          if (cutAt > 0) to.write(chunk.subarray(0, cutAt));
          // Let the partial write reach the socket before the reset.
          setImmediate(() => destroyPair(pair));
          return;
        }
      }
      to.write(chunk);
    };
    const go = (): void => {
      if (stalled) held.push(run);
      else run();
    };
    if (delayMs > 0) setTimeout(go, delayMs);
    else go();
  };

  const server: Server = createServer((client) => {
    accepted += 1;
    client.setNoDelay(true);
    if (refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = new Socket();
    const pair: Pair = { client, server: upstream, frames: new FrameCounter(), upgraded: false };
    pairs.add(pair);
    upstream.setNoDelay(true);
    upstream.connect(current.port, current.host);
    client.on('data', (chunk) => forward(pair, 'client', chunk));
    upstream.on('data', (chunk) => forward(pair, 'server', chunk));
    const end = (): void => {
      if (!pairs.delete(pair)) return;
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
    client.on('error', end);
    upstream.on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    port,
    get connections() {
      return pairs.size;
    },
    get accepted() {
      return accepted;
    },
    get cuts() {
      return cuts;
    },
    retarget(next) {
      current = { host: next.host ?? '127.0.0.1', port: next.port };
    },
    cutAll() {
      for (const pair of [...pairs]) destroyPair(pair);
    },
    refuse(on) {
      refusing = on;
    },
    stall(on) {
      stalled = on;
      if (!on) for (const run of held.splice(0)) run();
    },
    delay(ms) {
      delayMs = Math.max(0, ms);
    },
    dropAfter(point) {
      drop =
        'bytes' in point
          ? { kind: 'bytes', remaining: point.bytes }
          : { kind: 'frames', remaining: point.frames };
    },
    async close() {
      held.length = 0;
      for (const pair of [...pairs]) {
        pairs.delete(pair);
        pair.client.destroy();
        pair.server.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
