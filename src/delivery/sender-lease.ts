import type { Logger } from '../log.ts';
import type { AsyncOutbox } from './outbox-async.ts';

/**
 * Keeps the claims on rows in flight alive. On PostgreSQL a claim is a short lease, so a dead
 * instance's rows come back to the others within seconds; a live one renews the rows it is
 * still sending (a long wait at the gate, a slow send) so nobody else takes them meanwhile.
 * Returns the stop function.
 */
export function renewClaims(
  o: { outbox: Pick<AsyncOutbox, 'renew'>; log: Logger; everyMs: number },
  inflight: () => number[],
): () => void {
  const timer = setInterval(() => {
    const ids = inflight();
    if (!ids.length) return;
    o.outbox.renew(ids).catch((err: unknown) => {
      // the store is away: if it stays away past the lease, another instance may send these again
      o.log.warn({ err, rows: ids.length }, 'sender: could not renew the claims in flight');
    });
  }, o.everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
