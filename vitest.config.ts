import { defineConfig } from 'vitest/config';
import type { CoverageOptions } from 'vitest/node';

/**
 * Line and branch coverage of the library (`npm run coverage`): V8 coverage of `src/` and `machines/`,
 * shared by both configs so the two runs merge into one report.
 */
export const coverage: CoverageOptions = {
  provider: 'v8',
  include: ['src/**/*.ts', 'machines/**/*.ts'],
  reporter: ['text-summary', 'json-summary', 'html'],
  reportsDirectory: 'coverage',
};

/**
 * Unit, path-coverage and integration tests. Media tests (`test/media/`) need a private network namespace
 * and run from `vitest.media.config.ts` inside one (`npm run test:media`).
 */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/media/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Vitest's default is one worker fewer than the cores: a single worker on a 2-core machine, where most
    // test files wait on a Janus rather than the CPU. Two halve the suite's time there (270 s → 155 s).
    maxWorkers: 2,
    reporters: ['default'],
    coverage,
  },
});
