import type { Chat } from '../chats/types.ts';
import type { OutboxRow } from './outbox.ts';
import { toPlainText } from './plain-text.ts';
import { backoffMs, classifySendError } from './send-errors.ts';
import type { FailureContext, SenderPort } from './sender-port.ts';
import type { SendMessagePayload } from './sender-types.ts';

/**
 * What a failed send does to the outbox, the chat and the loop. Kept apart from the loop so
 * each rule of issue 5 reads on its own.
 */
export async function handleFailure(
  o: FailureContext,
  s: SenderPort,
  row: OutboxRow,
  chat: Chat,
  payload: SendMessagePayload,
  err: unknown,
  plain: boolean,
): Promise<void> {
  const { outbox, metrics, log, chats } = o;
  const f = classifySendError(err);
  const now = o.now();
  const ctx = { chatId: row.chat_id, rowId: row.id, key: row.item_key, error: f.description };
  switch (f.kind) {
    case 'rate': {
      // Telegram's 429 does not say whether the chat or the whole bot is over its limit, so
      // everything waits: the only way to never send inside an announced window.
      const until = now + f.retryAfterMs;
      metrics.telegram429.inc();
      s.holdChat(row.chat_id, until);
      // the gate keys chats as Telegram does: a topic's 429 holds its whole group
      await s.pauseAll(until, f.retryAfterMs, payload.chat_id);
      await outbox.retryAt(row.id, until, f.description);
      await outbox.holdChat(row.chat_id, until);
      log.warn({ ...ctx, retryAfterMs: f.retryAfterMs }, 'telegram 429: pausing sends');
      return;
    }
    case 'blocked': {
      if (f.forbidden) metrics.telegram403.inc();
      await chats.setActive(row.chat_id, false);
      const dropped = await outbox.dropChat(row.chat_id, `blocked: ${f.description}`);
      metrics.deliveriesDropped.inc({ reason: 'blocked' }, Math.max(1, dropped));
      s.stopChat(row.chat_id);
      log.info({ ...ctx, dropped }, 'chat unreachable: deactivated, pending deliveries dropped');
      return;
    }
    case 'thread-gone': {
      if (!chat.topic) break;
      // kept, not deleted: the subscriptions are the group's work, and a wrong 400 must not lose them
      await chats.update(row.chat_id, { active: false, topic: { ...chat.topic, paused: true } });
      const dropped = await outbox.dropChat(row.chat_id, `topic gone: ${f.description}`);
      metrics.topicsPaused.inc();
      metrics.deliveriesDropped.inc({ reason: 'topic-gone' }, Math.max(1, dropped));
      s.stopChat(row.chat_id);
      log.warn(
        { ...ctx, group: chat.topic.chatId, thread: chat.topic.threadId, dropped },
        'forum topic gone: its subscriptions are paused',
      );
      return;
    }
    case 'migrated': {
      await chats.migrate(row.chat_id, f.toChatId);
      await outbox.moveChat(row.chat_id, f.toChatId);
      // the row now belongs to the new chat id (unless that chat already had it)
      await outbox.retryAt(row.id, now, f.description);
      log.info({ ...ctx, to: f.toChatId }, 'group migrated to a supergroup: deliveries moved');
      return;
    }
    case 'parse': {
      log.error({ ...ctx, text: payload.text }, 'telegram could not parse our HTML');
      if (!plain) {
        const { parse_mode: _, ...rest } = payload;
        await s.retryPlain(row, chat, { ...rest, text: toPlainText(payload.text) });
        return;
      }
      await outbox.finish(row, 'failed', f.description);
      metrics.deliveriesDropped.inc({ reason: 'rejected' });
      return;
    }
    case 'transient': {
      if (now - row.created_at > o.maxAgeMs) {
        await outbox.finish(row, 'dropped', `expired: ${f.description}`);
        metrics.deliveriesDropped.inc({ reason: 'expired' });
        log.warn(ctx, 'delivery given up after DELIVERY_MAX_AGE');
        return;
      }
      const delay = backoffMs(row.attempts + 1, o.backoffBaseMs ?? 1000, o.backoffMaxMs ?? 300_000);
      await outbox.retryAt(row.id, now + delay, f.description);
      log.debug({ ...ctx, delay }, 'send failed, will retry');
      return;
    }
    case 'fatal': {
      await outbox.retryAt(row.id, now, f.description);
      log.fatal(ctx, 'telegram refused the bot token (401): delivery STOPPED; fix BOT_TOKEN and restart');
      s.halt();
      return;
    }
    case 'rejected':
      break;
  }
  // 'rejected', or a thread error on a chat that is no topic of ours
  await outbox.finish(row, 'failed', f.description);
  metrics.deliveriesDropped.inc({ reason: 'rejected' });
  log.error({ ...ctx, text: payload.text }, 'telegram rejected a message');
}
