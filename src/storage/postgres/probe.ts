import type pg from 'pg';
import type { StorageProbe } from '../probe.ts';

/**
 * The health endpoint's probe on PostgreSQL: `SELECT 1` through the pool the stores use, so
 * an exhausted pool reads as unhealthy too. A server that stops answering would otherwise
 * hold /healthz open for as long as TCP keeps trying (minutes), so the check gives up after
 * `timeoutMs`: the timer covers getting a connection, and `query_timeout` makes the pool throw
 * away a connection whose query went unanswered instead of handing it out again.
 */
export function createPgProbe(pool: pg.Pool, timeoutMs = 2_000): StorageProbe {
  return {
    async check() {
      // pg honours a per-query query_timeout; its QueryConfig type does not list it
      const config = { text: 'SELECT 1', query_timeout: timeoutMs };
      const query = pool.query(config);
      // the losing query still settles later; its rejection is this timeout's, already reported
      query.catch(() => {});
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`PostgreSQL did not answer within ${timeoutMs} ms`)),
          timeoutMs,
        );
      });
      try {
        await Promise.race([query, late]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
