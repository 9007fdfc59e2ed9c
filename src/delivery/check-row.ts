import type { Chat, ChatKind } from '../chats/types.ts';
import type { Logger } from '../log.ts';
import type { ArticlePayload, OutboxRow } from './outbox.ts';
import type { AsyncOutbox } from './outbox-async.ts';
import { quietUntil } from './quiet.ts';
import type { ChatWindows } from './sender-port.ts';
import {
  addressed,
  kindOf,
  type Ready,
  type SenderOptions,
  type SendMessagePayload,
  toPayload,
} from './sender-types.ts';

/**
 * Liveness, age and limits for one due row before it is claimed: what to send for it now, or
 * null when the row was settled (chat gone, too old) or must wait (its chat's window is full).
 */
export async function checkRow(
  o: SenderOptions,
  limiter: ChatWindows,
  row: OutboxRow,
): Promise<Ready | null> {
  const { outbox, metrics, log } = o;
  const chat = await o.chats.get(row.chat_id);
  if (!chat?.active) {
    await outbox.finish(row, 'dropped', 'chat inactive');
    metrics.deliveriesDropped.inc({ reason: 'inactive' });
    return null;
  }
  const now = o.now();
  if (now - row.created_at > o.maxAgeMs) {
    await outbox.finish(row, 'dropped', 'expired');
    metrics.deliveriesDropped.inc({ reason: 'expired' });
    log.warn({ chatId: row.chat_id, key: row.item_key }, 'delivery expired before it could be sent');
    return null;
  }
  const quietEnd = quietUntil(chat, now);
  if (quietEnd !== null && !breaksThrough(row, chat)) {
    const held = await outbox.deferChat(row.chat_id, quietEnd, chat.breakThrough === false);
    log.debug({ chatId: row.chat_id, held, until: quietEnd }, 'quiet hours: held until they end');
    return null;
  }
  const kind = kindOf(chat, row.chat_id);
  const readyAt = limiter.readyAt(row.chat_id, kind, now);
  if (readyAt > now) {
    await outbox.holdChat(row.chat_id, readyAt);
    return null;
  }
  const horizonMs = o.rollupHorizonMs ?? 60_000;
  const rolled =
    row.kind !== 'article'
      ? undefined
      : payloadOf(row).held
        ? await catchUp(outbox, row, now)
        : await maybeRollup({ outbox, limiter, log, horizonMs }, row, kind, now);
  const { windowMs, max } = limiter.limitFor(kind);
  return { row: rolled ?? row, chat, holdMs: Math.ceil(windowMs / max) };
}

const payloadOf = (row: OutboxRow): Partial<ArticlePayload> => {
  try {
    return JSON.parse(row.payload) as Partial<ArticlePayload>;
  } catch {
    return {};
  }
};

/** 🔴 and 🔔 rows go out in quiet hours too, unless the chat turned the break-through off. */
const breaksThrough = (row: OutboxRow, chat: Pick<Chat, 'breakThrough'>): boolean =>
  chat.breakThrough !== false && row.kind === 'article' && payloadOf(row).mark !== undefined;

/** Quiet hours are over: everything they held goes out as one catch-up message. */
async function catchUp(outbox: AsyncOutbox, row: OutboxRow, now: number): Promise<OutboxRow | undefined> {
  const pending = await outbox.pendingArticles(row.chat_id);
  return pending.length < 2 ? undefined : outbox.rollup(row.chat_id, pending, now, true);
}

/**
 * A backlog the chat can't take within the horizon (a group gets 20 a minute) is folded: the
 * rows that fit stay single messages, the rest become one "N 条新消息" rollup row. Returns the
 * rollup when it is what should go out now.
 */
async function maybeRollup(
  o: { outbox: AsyncOutbox; limiter: ChatWindows; log: Logger; horizonMs: number },
  row: OutboxRow,
  kind: ChatKind,
  now: number,
): Promise<OutboxRow | undefined> {
  const { max, windowMs } = o.limiter.limitFor(kind);
  const used = max - o.limiter.remaining(row.chat_id, kind, now);
  const budget = Math.max(1, Math.floor((max * o.horizonMs) / windowMs) - used);
  if ((await o.outbox.countPendingArticles(row.chat_id)) <= budget) return undefined;
  const pending = await o.outbox.pendingArticles(row.chat_id);
  const keep = budget - 1;
  const rest = pending.slice(keep);
  if (rest.length < 2) return undefined;
  const rollup = await o.outbox.rollup(row.chat_id, rest, now);
  if (rollup) o.log.info({ chatId: row.chat_id, merged: rest.length }, 'sender: backlog rolled up');
  return keep === 0 ? rollup : undefined;
}

/**
 * The request for a claimed row, or null when the row was settled here: it can't be rendered,
 * its content is gone, or it edits a message still queued.
 */
export async function payloadFor(
  o: SenderOptions,
  row: OutboxRow,
  chat: Chat,
): Promise<SendMessagePayload | null> {
  let msg: Awaited<ReturnType<SenderOptions['render']>>;
  try {
    msg = await o.render(row, chat);
  } catch (err) {
    // a row we can't render would otherwise sit in 'sending' until the next restart
    o.log.error({ err, rowId: row.id, key: row.item_key }, 'sender: cannot build the message');
    await o.outbox.finish(row, 'failed', String(err));
    o.metrics.deliveriesDropped.inc({ reason: 'rejected' });
    return null;
  }
  if (msg?.wait) {
    // an edit whose message is still queued: it goes out after it (or expires with it)
    await o.outbox.retryAt(row.id, o.now() + 1000, 'waiting for the message it edits');
    return null;
  }
  if (!msg) {
    await o.outbox.finish(row, 'dropped', 'content gone');
    o.metrics.deliveriesDropped.inc({ reason: 'gone' });
    return null;
  }
  return addressed(chat, toPayload(row.chat_id, msg, o.readLabel(chat), o.appUrl));
}
