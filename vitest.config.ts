import { defineConfig } from 'vitest/config';

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
    reporters: ['default'],
  },
});
