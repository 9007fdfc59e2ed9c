import type { AsyncArticleStore, StoredArticle } from '../articles/types.ts';
import type { Chat, ChatStore } from '../chats/types.ts';
import type { Logger } from '../log.ts';
import type { Metrics } from '../metrics.ts';
import { dueSlot, localMinute } from './digest-time.ts';
import { articleKey } from './fanout.ts';
import type { DigestPayload, OutboxRow } from './outbox.ts';
import type { AsyncOutbox } from './outbox-async.ts';
import type { DigestItem, PushRenderer } from './render-port.ts';
import { createFilterCheck } from './route.ts';
import { subscribedBefore } from './subscribed.ts';
import type { OutboxItem } from './types.ts';

export interface DigestDeps {
  chats: ChatStore;
  articles: AsyncArticleStore;
  outbox: AsyncOutbox;
  log: Logger;
  metrics: Metrics;
  /** the real clock for outbox timestamps (`now` of a run may be a simulated digest time) */
  clock: () => number;
  /** the presentation room's digest view: stories in, messages of Telegram HTML out */
  renderDigest: PushRenderer['digest'];
  /** most stories in one digest; the rest waits for the next one (the cursor stops before them) */
  maxItems?: number | undefined;
  graceMin?: number | undefined;
  /** one story across sources (near-duplicates); absent: twins by story key only */
  storyKey?: ((a: StoredArticle) => string) | undefined;
  /** the search normaliser, for per-subscription filters; absent: not applied */
  normalize?: ((text: string) => string) | undefined;
  /** A-share trading days, for chats with `/digest … trading` */
  isTradingDay?: ((date: string) => boolean) | undefined;
}

const BATCH = 200;

/** The stories new to the chat since its cursor, and the seq the cursor moves to. */
async function collectDigest(d: DigestDeps, chat: Chat): Promise<{ items: DigestItem[]; cursor: number }> {
  const slugs = Object.keys(chat.subscriptions);
  const start = chat.digestCursor;
  const max = d.maxItems ?? 300;
  const stories = new Map<string, DigestItem>();
  const passes = d.normalize ? createFilterCheck(d.normalize) : () => true;
  const wanted = (a: StoredArticle) => subscribedBefore(chat, a) && passes(chat, a);
  // nothing stored before the oldest subscription can be wanted: no need to read it
  const floor = Math.min(...slugs.map((s) => chat.subscribedSeq?.[s] ?? 0));
  let cursor = Math.max(start, Number.isFinite(floor) ? floor : 0);
  while (slugs.length && stories.size < max) {
    const batch = await d.articles.after(cursor, slugs, BATCH);
    for (const a of batch) {
      if (stories.size >= max) break;
      cursor = a.seq;
      if (!wanted(a)) continue;
      const key = (d.storyKey ?? articleKey)(a);
      const known = stories.get(key);
      if (known) {
        if (!known.twins.some((t) => t.id === a.id)) known.twins.push(a);
        continue;
      }
      // pushed instantly while the chat was in instant mode: not new to it
      if (await d.outbox.has(chat.id, key)) continue;
      const twins = a.storyKey ? await d.articles.byStory(a.storyKey) : [a];
      // a twin of a story an earlier digest already carried
      if (twins.some((t) => t.seq <= start && wanted(t))) continue;
      stories.set(key, { twins: [a, ...twins.filter((t) => t.id !== a.id)] });
    }
    if (batch.length < BATCH) break;
  }
  return { items: [...stories.values()], cursor };
}

/**
 * Queues the digests due at `now` (or one for `force.chatId` at once: `/digest now`).
 * Returns how many digests were queued; a chat with nothing new gets no message.
 */
export async function runDigests(d: DigestDeps, now: number, force?: { chatId: number }): Promise<number> {
  const ids = force ? [force.chatId] : await d.chats.allIds();
  let queued = 0;
  for (const id of ids) {
    try {
      if (await digestChat(d, id, now, Boolean(force))) queued++;
    } catch (err) {
      d.log.error({ err, chatId: id }, 'digest: building failed');
    }
  }
  return queued;
}

async function digestChat(d: DigestDeps, id: number, now: number, forced: boolean): Promise<boolean> {
  const chat = await d.chats.get(id);
  if (!chat?.active) return false;
  let slot: string;
  if (forced) {
    const { date, hm } = localMinute(now, chat.tz);
    slot = `now-${date}T${hm}-${now}`;
  } else {
    if (chat.mode !== 'digest') return false;
    const due = dueSlot(chat, now, d.graceMin, d.isTradingDay);
    if (!due) return false;
    slot = due;
  }
  // the last digest is not delivered yet: its cursor hasn't moved, so this one would repeat it
  if ((await d.outbox.openDigests(id)) > 0) return false;
  const { items, cursor } = await collectDigest(d, chat);
  if (!items.length) {
    const patch: Partial<Chat> = cursor > chat.digestCursor ? { digestCursor: cursor } : {};
    if (!forced) patch.lastDigestSlot = slot;
    if (Object.keys(patch).length) await d.chats.update(id, patch);
    return false;
  }
  const messages = d.renderDigest(items, chat, now);
  const rows: OutboxItem[] = messages.map((m, part) => ({
    chatId: id,
    key: `d:${slot}#${part}`,
    kind: 'digest',
    payload: { html: m, slot, part, parts: messages.length, cursor } satisfies DigestPayload,
  }));
  await d.outbox.enqueue(rows, d.clock());
  if (!forced) await d.chats.update(id, { lastDigestSlot: slot });
  d.metrics.digestRuns.inc();
  d.log.info({ chatId: id, slot, stories: items.length, messages: messages.length }, 'digest queued');
  return true;
}

/** Sender hook: once every part of a digest is delivered, the chat's cursor moves past it. */
export async function onDigestDelivered(d: DigestDeps, row: OutboxRow, chatId: number): Promise<void> {
  const p = JSON.parse(row.payload) as DigestPayload;
  if (!(await d.outbox.digestDelivered(chatId, p.slot))) return;
  const chat = await d.chats.get(chatId);
  if (chat && p.cursor > chat.digestCursor) await d.chats.update(chatId, { digestCursor: p.cursor });
}
