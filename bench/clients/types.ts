/**
 * The small interface every bench driver implements, so that each figure runs the same work through every
 * client.
 */

/** Identifies one client under test. */
export type ClientId =
  | 'raw-ws'
  | 'janus-xstate-ws'
  | 'janode'
  | 'raw-http'
  | 'raw-node-http'
  | 'janus-xstate-http'
  /** The raw `ws` client plus the two real actors per pair: the cycle figure's floor (`xstate-floor.ts`). */
  | 'xstate-floor';

/** A plugin message body. */
export type Body = Record<string, unknown>;

/** One Janus session with one attached echotest handle. */
export interface BenchPair {
  /** Sends a plugin `message` and resolves on its asynchronous `event` (whatever order the `ack` comes in). */
  message(body: Body): Promise<void>;
  /** Detaches the handle and destroys the session. */
  close(): Promise<void>;
}

/** One connection of one client to the private Janus. */
export interface BenchClient {
  readonly id: ClientId;
  /** Session keepalive as this client is configured here (for the idle figure). */
  readonly keepalive: string;
  /** create → attach `janus.plugin.echotest`. */
  openPair(): Promise<BenchPair>;
  /** create → attach → message → detach → destroy. */
  fullCycle(): Promise<void>;
  /** Closes the connection (sessions still open are left to Janus to reap). */
  close(): Promise<void>;
}

/** Opens one connection of a client to `url`. */
export type ConnectClient = (url: string) => Promise<BenchClient>;

/** The echotest message every figure sends. */
export const ECHO_BODY: Body = { audio: false };

/** Runs create → attach → message → detach → destroy through the pair API. */
export async function cycleThroughPair(client: BenchClient): Promise<void> {
  const pair = await client.openPair();
  await pair.message(ECHO_BODY);
  await pair.close();
}
