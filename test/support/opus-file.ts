/**
 * Writes a short Ogg Opus file with a sine tone (what AudioBridge `play_file` and Streaming file
 * mountpoints read), with Debian's `ffmpeg`.
 * @module
 */
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Writes `<tmp>/<name>.opus`: `seconds` of a `toneHz` sine, mono 48 kHz Opus. Resolves with its path. */
export async function writeOpusTone(name: string, toneHz: number, seconds: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'janus-xstate-opus-'));
  const path = join(dir, `${name}.opus`);
  await run('ffmpeg', [
    '-hide_banner',
    '-loglevel',
    'error',
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=${toneHz}:duration=${seconds}:sample_rate=48000`,
    '-c:a',
    'libopus',
    '-b:a',
    '48k',
    '-ac',
    '1',
    '-y',
    path,
  ]);
  return path;
}
