/**
 * Measures the audio level of a recording with ffmpeg's `astats` filter (RMS level in dBFS), over a
 * time window and optionally in a narrow band around one frequency (to tell generated tones apart).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Where and how to measure. */
export interface LevelWindow {
  /** Start, seconds into the file. Default 0. */
  fromS?: number;
  /** Length in seconds. Default: to the end. */
  durationS?: number;
  /** Only the band around this frequency (Hz): a band-pass with Q = 10, applied twice. Default: all. */
  bandHz?: number;
}

/** The RMS level (dBFS) of `path` in `window`; `-Infinity` for digital silence. */
export async function rmsLevelDb(path: string, window: LevelWindow = {}): Promise<number> {
  const filters: string[] = [];
  if (window.bandHz !== undefined) {
    const band = `bandpass=f=${window.bandHz}:width_type=q:w=10`;
    filters.push(band, band);
  }
  filters.push('astats=measure_perchannel=none:measure_overall=RMS_level');
  const args = ['-hide_banner', '-nostats'];
  if (window.fromS !== undefined) args.push('-ss', String(window.fromS));
  if (window.durationS !== undefined) args.push('-t', String(window.durationS));
  args.push('-i', path, '-vn', '-af', filters.join(','), '-f', 'null', '-');
  const { stderr } = await run('ffmpeg', args);
  const matches = [...stderr.matchAll(/RMS level dB: (-?inf|-?[\d.]+)/g)];
  const last = matches.at(-1)?.[1];
  if (last === undefined) throw new Error(`astats printed no RMS level for ${path}:\n${stderr}`);
  return last.endsWith('inf') ? Number.NEGATIVE_INFINITY : Number(last);
}
