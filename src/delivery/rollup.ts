import type { ChatKind } from '../chats/types.ts';
import type { Logger } from '../log.ts';
import type { Outbox, OutboxRow } from './outbox.ts';
import type { ChatLimiter } from './rate-limiter.ts';

/**
 * A backlog the chat can't take within the horizon (a group gets 20 a minute) is folded: the
 * rows that fit stay single messages, the rest become one "N 条新消息" rollup row. Returns the
 * rollup when it is what should go out now.
 */
export function maybeRollup(
  o: { outbox: Outbox; limiter: ChatLimiter; log: Logger; horizonMs: number },
  row: OutboxRow,
  kind: ChatKind,
  now: number,
): OutboxRow | undefined {
  const { max, windowMs } = o.limiter.limitFor(kind);
  const used = max - o.limiter.remaining(row.chat_id, kind, now);
  const budget = Math.max(1, Math.floor((max * o.horizonMs) / windowMs) - used);
  if (o.outbox.countPendingArticles(row.chat_id) <= budget) return undefined;
  const pending = o.outbox.pendingArticles(row.chat_id);
  const keep = budget - 1;
  const rest = pending.slice(keep);
  if (rest.length < 2) return undefined;
  const rollup = o.outbox.rollup(row.chat_id, rest, now);
  if (rollup) o.log.info({ chatId: row.chat_id, merged: rest.length }, 'sender: backlog rolled up');
  return keep === 0 ? rollup : undefined;
}
