/**
 * Media figure child: connect → `webrtcup`, EchoTest audio + video over werift, `--runs` warm calls per
 * mode after one warm-up each, interleaved round by round, each call on a fresh connection. It runs
 * `measureWebrtcup()` of `bench/media/webrtcup.ts` with two modes: `api` (janus-xstate with its defaults)
 * and `raw` (the raw-`ws` + werift prototype of `test/media`, the reference). Must run inside the private
 * network namespace of `scripts/netns-run.sh` (Janus gathers no candidate on loopback; nothing can leave
 * the namespace):
 *
 *   scripts/netns-run.sh node --import tsx bench/media-child.ts --runs 20
 *
 * Prints one line `BENCH_MEDIA {json}`.
 */
import { parseArgs } from 'node:util';
import { measureWebrtcup, type WebrtcupSummary } from './media/webrtcup.js';

/** What the media child reports, per mode. */
export interface MediaChildResult {
  runs: number;
  api?: WebrtcupSummary;
  raw?: WebrtcupSummary;
  loadAverage1m: [number, number];
}

async function main(): Promise<MediaChildResult> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
  const report = await measureWebrtcup({ runs: Number(values.runs), modes: ['raw', 'api'] });
  return {
    runs: report.runsPerMode,
    ...(report.modes.api ? { api: report.modes.api } : {}),
    ...(report.modes.raw ? { raw: report.modes.raw } : {}),
    loadAverage1m: report.loadAverage1m,
  };
}

main().then(
  (result) => {
    console.log(`BENCH_MEDIA ${JSON.stringify(result)}`);
    process.exit(0);
  },
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
