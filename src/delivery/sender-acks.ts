import type { OutboxRow } from './outbox.ts';
import type { SenderOptions } from './sender-types.ts';

export interface AckBatch {
  add(row: OutboxRow, at: number, messageId: number): void;
  /** a few ms from now, unless one is already due */
  schedule(): void;
  flush(): void;
}

/**
 * Successful sends are written in batches: a few ms gather the answers of a whole refill into
 * one transaction, and the loop flushes before it claims anything new.
 */
export function createAckBatch(o: Pick<SenderOptions, 'outbox' | 'onDelivered' | 'log'>): AckBatch {
  const acks: { row: OutboxRow; at: number; messageId: number }[] = [];
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (!acks.length) return;
    const batch = acks.splice(0);
    o.outbox.markSent(batch);
    for (const { row } of batch) {
      if (row.kind !== 'digest' || !o.onDelivered) continue;
      Promise.resolve(o.onDelivered(row, row.chat_id)).catch((err) =>
        o.log.error({ err, chatId: row.chat_id }, 'sender: after-delivery hook failed'),
      );
    }
  };
  return {
    add: (row, at, messageId) => acks.push({ row, at, messageId }),
    schedule() {
      if (scheduled) return;
      scheduled = true;
      setTimeout(flush, 3);
    },
    flush,
  };
}
