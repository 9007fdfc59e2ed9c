import { configDefaults, defineConfig } from 'vitest/config';
import { missingBackends } from './test/support/backends.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // PostgreSQL and Redis suites run only where their server is named (test/support/backends.ts)
    exclude: [...configDefaults.exclude, ...missingBackends().map((b) => b.pattern)],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // two cores: more workers only thrash the SQLite files and HTTP servers the tests start
    maxWorkers: 2,
    // CI also writes a JSON report, from which .ci/run prints the plain "N passed, N failed" line
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-results.json' }]] : ['default'],
  },
});
