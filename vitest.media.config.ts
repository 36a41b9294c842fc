import { defineConfig } from 'vitest/config';
import { coverage } from './vitest.config.js';

/** Media tests: run inside a private network namespace by `npm run test:media` (scripts/netns-run.sh). */
export default defineConfig({
  test: {
    include: ['test/media/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two files at a time (247 s → 143 s on 2 cores): each starts its own Janus on free ports in the
    // namespace, and packet loss is injected in-process, never on the namespace's shared interface.
    maxWorkers: 2,
    reporters: ['default'],
    coverage,
  },
});
