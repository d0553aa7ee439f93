import { defineConfig } from 'vitest/config';
export default defineConfig({ test: { root: '/work/main', include: [process.env.ONLY ?? 'tests/scratch-rel/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 60_000, pool: 'forks' } });
