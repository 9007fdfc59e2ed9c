import { afterEach, describe, expect, it } from 'vitest';
import { addArticle, addChat, type Harness, makeHarness } from '../support/delivery-harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const rows = (h: Harness) =>
  h.storage.db
    .prepare('SELECT chat_id, item_key, kind, status FROM outbox ORDER BY chat_id, item_key')
    .all() as { chat_id: number; item_key: string; kind: string; status: string }[];

describe('fan-out into the outbox', () => {
  it('queues one row per (chat, story) for instant chats, none for digest chats or late subscribers', async () => {
    h = await makeHarness({ fake: false });
    const t0 = Date.now();
    await addChat(h.chats, 1, ['sichuanribao'], { subscribedAt: t0 - 10_000 });
    await addChat(h.chats, 2, ['sichuanribao', 'emnews'], { subscribedAt: t0 - 10_000 });
    await addChat(h.chats, -1001, ['emnews'], { subscribedAt: t0 - 10_000 });
    await addChat(h.chats, 3, ['sichuanribao'], { subscribedAt: t0 - 10_000, mode: 'digest' });
    // subscribed after the article was stored: must get nothing
    await addChat(h.chats, 4, ['sichuanribao'], { subscribedAt: t0 + 5_000 });
    const a = addArticle(h.articles, { category: 'sichuanribao', storyKey: '202205312398034850' }, t0);
    const twin = addArticle(h.articles, { category: 'emnews', storyKey: '202205312398034850' }, t0);
    const other = addArticle(h.articles, { category: 'emnews' }, t0);
    await h.delivery.onNewArticles([a, twin, other]);
    expect(rows(h).map((r) => `${r.chat_id} ${r.item_key}`)).toEqual([
      `-1001 a:${other.storyKey}`,
      '-1001 a:202205312398034850',
      `1 a:202205312398034850`,
      `2 a:${other.storyKey}`,
      `2 a:202205312398034850`,
    ]);
    // the same batch again (a re-poll, a twin arriving later) never queues twice
    await h.delivery.onNewArticles([a, twin, other]);
    const late = addArticle(h.articles, { category: 'emnews', storyKey: '202205312398034850' }, t0);
    await h.delivery.onNewArticles([late]);
    expect(rows(h)).toHaveLength(5);
    expect(await h.delivery.stats()).toMatchObject({ pending: 5, sent: 0 });
  });

  it('skips inactive chats and unsubscribed categories', async () => {
    h = await makeHarness({ fake: false });
    await addChat(h.chats, 10, ['sichuanribao']);
    await addChat(h.chats, 11, ['sichuanribao']);
    await h.chats.setActive(11, false);
    await h.delivery.onNewArticles([addArticle(h.articles, { category: 'zhongguozhengquanbao' })]);
    expect(rows(h)).toHaveLength(0);
    await h.delivery.onNewArticles([addArticle(h.articles, { category: 'sichuanribao' })]);
    expect(rows(h).map((r) => r.chat_id)).toEqual([10]);
  });

  it('writes a whole batch in one transaction: all rows or none', async () => {
    h = await makeHarness({ fake: false });
    const good = { chatId: 1, key: 'a:1', kind: 'article' as const, payload: { story: '1', seq: 1 } };
    // the CHECK constraint fails on the last item: the first one must not stay behind
    const bad = { chatId: 2, key: 'a:1', kind: 'bogus' as never, payload: {} };
    await expect(h.delivery.enqueue([good, bad])).rejects.toThrow();
    expect(rows(h)).toHaveLength(0);
    expect(await h.delivery.enqueue([good, { ...good, chatId: 2 }, good])).toBe(2);
  });
});
