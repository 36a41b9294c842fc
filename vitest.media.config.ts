import { defineConfig } from 'vitest/config';
import { coverage } from './vitest.config.js';

/** Media tests: run inside a private network namespace by `npm run test:media` (scripts/netns-run.sh). */
export default defineConfig({
  test: {
    include: ['test/media/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
    reporters: ['default'],
    coverage,
  },
});
