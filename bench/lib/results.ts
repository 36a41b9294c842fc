/** The shape of `bench/results/latest.json`. */
import type { ClientId } from '../clients/types.js';
import type { HttpRound } from '../figures/http.js';
import type { MediaFigure } from '../figures/media.js';
import type { MediaScaleResults } from '../figures/media-scale.js';
import type { ChildResult } from './child.js';
import type { Machine } from './machine.js';
import type { Latency } from './stats.js';

/** Counts used by a run. */
export interface Params {
  rounds: number;
  warmUpMessages: number;
  warmUpCycles: number;
  roundTripMessages: number;
  throughputMessages: number;
  inFlight: number;
  cycles: number;
  memorySessions: number[];
  idleSessions: number;
  idleMs: number;
  httpMessages: number;
  mediaRuns: number;
}

/** Per-round results of a latency figure and their combination. */
export interface LatencyFigure {
  rounds: Latency[];
  /** Median of the per-round medians and of the per-round p90s. */
  combined: Latency;
  /** Median over rounds of this client's figure divided by the raw client's in the same round. */
  ratio: Latency;
}

/** Everything one run measured. */
export interface Results {
  quick: boolean;
  machine: Machine;
  janus: { starter: string; eventLoops: number; sessionTimeoutS: number };
  /** How janus-xstate was run: compiled to JavaScript (default) or its TypeScript through tsx. */
  janusXstate: string;
  /** `os.loadavg()` at the start and the end: other work on the machine skews the figures. */
  loadAverage: { start: number[]; end: number[] };
  params: Params;
  /** Clients that failed, with the reason; their figures are missing or partial. */
  failures: Partial<Record<ClientId, string>>;
  /** Memory/idle children that failed or were skipped, by "client sessions". */
  childFailures: Record<string, string>;
  keepalive: Partial<Record<ClientId, string>>;
  roundTrip: Partial<Record<ClientId, LatencyFigure>>;
  /** `ratio`: median over rounds of this client's req/s divided by the raw client's in the same round. */
  throughput: Partial<Record<ClientId, { rounds: number[]; median: number; ratio: number }>>;
  cycle: Partial<Record<ClientId, LatencyFigure>>;
  /**
   * CPU time of this process per full cycle (µs, user + system; per-round medians, their median, and the
   * median per-round ratio to the raw client). Absent in results written before it was measured.
   */
  cycleCpu?: Partial<Record<ClientId, { rounds: number[]; median: number; ratio: number }>>;
  /** Keyed by session count. */
  memory: Record<string, Partial<Record<ClientId, ChildResult>>>;
  idle: Partial<Record<ClientId, ChildResult>>;
  http: Partial<
    Record<
      ClientId,
      {
        rounds: HttpRound[];
        roundTrip: Latency;
        eventLatency: Latency;
        roundTripRatio: Latency;
        eventLatencyRatio: Latency;
      }
    >
  >;
  media: MediaFigure;
  /** Concurrency, pacing and cold start (`bench/figures/media-scale.ts`), those that were asked for. */
  mediaScale: MediaScaleResults;
  /** Set when `--figures` ran only some figures: the date of the run the other figures come from. */
  carriedOverFrom?: string;
  /** The figures this run measured, when others were carried over. */
  ranFigures?: string[];
  /** Exceptions nobody caught during the run (a client's bug); the run carried on. */
  uncaught: string[];
  durationS: number;
}
