import { defineConfig } from 'vitest/config';

const root = new URL('..', import.meta.url).pathname;

export default defineConfig({
  // The tsconfig path aliases, for the modules vitest loads itself.
  resolve: { alias: { '~': `${root}src`, '~db': `${root}db`, '~tests': `${root}tests` } },
  test: {
    root,
    include: ['src/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
