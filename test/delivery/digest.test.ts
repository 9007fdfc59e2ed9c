import { afterEach, describe, expect, it } from 'vitest';
import { run as digestJob } from '../../jobs/digest.ts';
import { dueSlot } from '../../src/delivery/digest-time.ts';
import type { Deps } from '../../src/deps.ts';
import { addArticle, addChat, type Harness, makeHarness } from '../support/delivery-harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

// 2026-01-10 00:00 UTC = 08:00 in Shanghai, 01:00 in Berlin; 07:00 UTC = 08:00 in Berlin (CET)
const SH_8 = Date.UTC(2026, 0, 10, 0, 0);
const BER_8 = Date.UTC(2026, 0, 10, 7, 0);

const digestRows = (h: Harness, chatId: number) =>
  h.storage.db
    .prepare("SELECT item_key, status FROM outbox WHERE chat_id = ? AND kind = 'digest' ORDER BY id")
    .all(chatId) as { item_key: string; status: string }[];

describe('digest times', () => {
  const chat = { digestTimes: ['08:00', '18:00'], tz: 'Asia/Shanghai', lastDigestSlot: '' };
  it('finds the due slot in the chat zone, once, within the grace window', () => {
    expect(dueSlot(chat, SH_8)).toBe('2026-01-10T08:00');
    expect(dueSlot({ ...chat, lastDigestSlot: '2026-01-10T08:00' }, SH_8 + 60_000)).toBeNull();
    expect(dueSlot(chat, SH_8 + 30 * 60_000)).toBe('2026-01-10T08:00');
    expect(dueSlot(chat, SH_8 + 2 * 3600_000)).toBeNull();
    expect(dueSlot(chat, SH_8 - 60_000)).toBeNull();
    expect(dueSlot({ ...chat, tz: 'Europe/Berlin' }, SH_8)).toBeNull();
    expect(dueSlot({ ...chat, tz: 'Europe/Berlin' }, BER_8)).toBe('2026-01-10T08:00');
    expect(dueSlot({ ...chat, digestTimes: ['7:30', '12:00'] }, Date.UTC(2026, 0, 9, 23, 31))).toBe(
      '2026-01-10T07:30',
    );
    expect(dueSlot({ ...chat, digestTimes: [] }, SH_8)).toBeNull();
  });
});

describe('digests', () => {
  it('queues each chat at its own 08:00 (Shanghai, Berlin), once per slot, via the job', async () => {
    h = await makeHarness();
    await addChat(h.chats, 1, ['emnews'], { mode: 'digest' });
    await addChat(h.chats, 2, ['emnews'], { mode: 'digest', tz: 'Europe/Berlin', lang: 'en' });
    await addChat(h.chats, 3, ['emnews']);
    addArticle(h.articles, { category: 'emnews', title: '降准将释放长期资金' });
    const deps = { ...h.deps, delivery: h.delivery, now: () => SH_8 } as Deps;
    expect(await digestJob(deps)).toBe(1);
    expect(await digestJob(deps)).toBe(0);
    expect(digestRows(h, 1).map((r) => r.item_key)).toEqual(['d:2026-01-10T08:00#0']);
    expect(digestRows(h, 2)).toEqual([]);
    expect(await h.delivery.runDigests(BER_8)).toBe(1);
    expect(digestRows(h, 2).map((r) => r.item_key)).toEqual(['d:2026-01-10T08:00#0']);
    expect(digestRows(h, 3)).toEqual([]);
    h.delivery.start();
    await h.delivery.drain(5_000);
    const [zh] = h.fake!.messages(1);
    expect(zh!.plainText).toContain('快讯摘要 · 2026-01-10 08:00');
    expect(zh!.plainText).toContain('降准将释放长期资金');
    expect(h.fake!.messages(2)[0]!.plainText).toContain('Digest · 2026-01-10 08:00');
    // delivered: the cursor moved, so the 18:00 digest has nothing new and sends nothing
    expect((await h.chats.get(1))?.digestCursor).toBeGreaterThan(0);
    expect(await h.delivery.runDigests(SH_8 + 10 * 3600_000)).toBe(0);
  });

  it('/digest now: builds at once for any chat; nothing new means no message', async () => {
    h = await makeHarness();
    await addChat(h.chats, 5, ['emnews']);
    expect(await h.delivery.runDigests(Date.now(), { chatId: 5 })).toBe(0);
    addArticle(h.articles, { category: 'emnews' });
    expect(await h.delivery.runDigests(Date.now(), { chatId: 5 })).toBe(1);
    h.delivery.start();
    await h.delivery.drain(5_000);
    expect(h.fake!.messages(5)).toHaveLength(1);
    expect(await h.delivery.runDigests(Date.now(), { chatId: 5 })).toBe(0);
  });

  it('splits a long digest at item boundaries, merges twins, skips posts from before subscribing', async () => {
    h = await makeHarness();
    const t0 = Date.now();
    addArticle(h.articles, { category: 'emnews', title: '订阅之前的旧消息' }, t0 - 60_000);
    await addChat(h.chats, 7, ['emnews', 'sichuanribao'], { mode: 'digest', subscribedAt: t0 - 1000 });
    addArticle(h.articles, { category: 'emnews', storyKey: '202205312398034850', title: '双胞胎新闻' }, t0);
    addArticle(
      h.articles,
      { category: 'sichuanribao', storyKey: '202205312398034850', title: '双胞胎新闻' },
      t0,
    );
    for (let i = 0; i < 80; i++) {
      addArticle(
        h.articles,
        { category: i % 2 ? 'emnews' : 'sichuanribao', title: `第${i}条${'长标题'.repeat(12)}` },
        t0,
      );
    }
    expect(await h.delivery.runDigests(Date.now(), { chatId: 7 })).toBe(1);
    h.delivery.start();
    await h.delivery.drain(10_000);
    const msgs = h.fake!.messages(7);
    expect(msgs.length).toBeGreaterThan(1);
    expect(h.fake!.rejected()).toEqual([]);
    const text = msgs.map((m) => m.plainText ?? '').join('\n');
    expect(text).not.toContain('订阅之前的旧消息');
    expect(text.match(/双胞胎新闻/g)).toHaveLength(1);
    expect(text).toMatch(/双胞胎新闻 \((东财滚动新闻 · 四川日报|四川日报 · 东财滚动新闻)\)/);
    for (let i = 0; i < 80; i++) expect(text.match(new RegExp(`第${i}条`, 'g')), `item ${i}`).toHaveLength(1);
    expect((await h.chats.get(7))?.digestCursor).toBe(h.articles.maxSeq());
  });

  it('does not advance the cursor when a part fails, so the next digest repeats it', async () => {
    h = await makeHarness();
    await addChat(h.chats, 8, ['emnews'], { mode: 'digest' });
    for (let i = 0; i < 60; i++)
      addArticle(h.articles, { category: 'emnews', title: `第${i}条${'标题'.repeat(20)}` });
    h.fake!.failNext('sendMessage', 1, {
      kind: 'error',
      code: 400,
      description: 'Bad Request: message is too long',
    });
    expect(await h.delivery.runDigests(SH_8)).toBe(1);
    h.delivery.start();
    await h.delivery.drain(5_000);
    expect(digestRows(h, 8).some((r) => r.status === 'failed')).toBe(true);
    expect((await h.chats.get(8))?.digestCursor).toBe(0);
    expect(await h.delivery.runDigests(SH_8 + 10 * 3600_000)).toBe(1);
    await h.delivery.drain(5_000);
    expect((await h.chats.get(8))?.digestCursor).toBe(h.articles.maxSeq());
    const last = h.fake!.messages(8).map((m) => m.plainText ?? '');
    expect(last.join('\n').match(/第0条/g)?.length).toBeGreaterThanOrEqual(1);
  });
});
