import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // two cores: more workers only thrash the SQLite files and HTTP servers the tests start
    maxWorkers: 2,
  },
});
