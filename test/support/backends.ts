/**
 * Suites that need a real PostgreSQL or Redis are named `*.postgres.test.ts` and
 * `*.redis.test.ts`. They run only when TEST_POSTGRES_URL / TEST_REDIS_URL say where the
 * server is, so `npm test` on a bare machine still passes; vitest.config.ts leaves them out and
 * the global setup prints one line saying so.
 */
export const BACKEND_SUITES = [
  { name: 'PostgreSQL', pattern: 'test/**/*.postgres.test.ts', env: 'TEST_POSTGRES_URL' },
  { name: 'Redis', pattern: 'test/**/*.redis.test.ts', env: 'TEST_REDIS_URL' },
] as const;

export function missingBackends(env: NodeJS.ProcessEnv = process.env) {
  return BACKEND_SUITES.filter((b) => !env[b.env]);
}

/** The one line `npm test` prints when backend suites were left out, or null when all run. */
export function skippedLine(env: NodeJS.ProcessEnv = process.env): string | null {
  const missing = missingBackends(env);
  if (!missing.length) return null;
  const what = missing.map((b) => `${b.pattern} (${b.env} unset)`).join(', ');
  return `backend suites skipped: ${what}; set the variable to run them against a real server`;
}
