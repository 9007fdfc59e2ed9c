import type { OutboxRow } from './outbox.ts';
import type { SenderOptions } from './sender-types.ts';

export interface AckBatch {
  add(row: OutboxRow, at: number, messageId: number): void;
  /** a few ms from now, unless one is already due */
  schedule(): void;
  /** resolves once every answer added so far is written */
  flush(): Promise<void>;
}

/**
 * Successful sends are written in batches: a few ms gather the answers of a whole refill into
 * one transaction, and the loop flushes before it claims anything new. Writes are chained, so a
 * flush also waits for the one already on its way; a batch the store refused goes back to the
 * front and is written by the next flush (until then its rows stay claimed, never re-sent).
 */
export function createAckBatch(o: Pick<SenderOptions, 'outbox' | 'onDelivered' | 'log'>): AckBatch {
  const acks: { row: OutboxRow; at: number; messageId: number }[] = [];
  let scheduled = false;
  let chain: Promise<void> = Promise.resolve();
  const write = async (): Promise<void> => {
    scheduled = false;
    if (!acks.length) return;
    const batch = acks.splice(0);
    try {
      await o.outbox.markSent(batch);
    } catch (err) {
      acks.unshift(...batch);
      throw err;
    }
    for (const { row } of batch) {
      if (row.kind !== 'digest' || !o.onDelivered) continue;
      Promise.resolve(o.onDelivered(row, row.chat_id)).catch((err) =>
        o.log.error({ err, chatId: row.chat_id }, 'sender: after-delivery hook failed'),
      );
    }
  };
  const flush = (): Promise<void> => {
    const next = chain.then(write);
    chain = next.catch(() => {});
    return next;
  };
  return {
    add: (row, at, messageId) => acks.push({ row, at, messageId }),
    schedule() {
      if (scheduled) return;
      scheduled = true;
      setTimeout(() => {
        flush().catch((err: unknown) => o.log.error({ err }, 'sender: writing sent rows failed; retried'));
      }, 3);
    },
    flush,
  };
}
