// Two projects: `unit` (src/**/*.test.ts, beside the code, no build) and `integration`
// (tests/integration, against the built server, which global-setup.ts builds when stale).
// `npm run test:unit` and `npm run test:integration` pick one; naming a file runs its project.
import { defineConfig } from 'vitest/config';

const root = new URL('..', import.meta.url).pathname;

export default defineConfig({
  // The tsconfig path aliases, for the modules vitest loads itself.
  resolve: { alias: { '~': `${root}src`, '~db': `${root}db`, '~tests': `${root}tests` } },
  test: {
    root,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Workers and jobs run inside some tests: their JSON lines only for warnings and worse there
    // (servers the tests start log as in production, tests/helpers/server.ts).
    env: { LOG_LEVEL: 'warn' },
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'integration', include: ['tests/integration/**/*.test.ts'], globalSetup: ['tests/global-setup.ts'] },
      },
    ],
  },
});
