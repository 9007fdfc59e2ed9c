import { afterEach, describe, expect, it } from 'vitest';
import { addArticle, addChat, type Harness, makeHarness } from '../support/delivery-harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('no floods, no endless retries', () => {
  it('rolls a group backlog it could not receive soon into one "N 条新消息" message', async () => {
    h = await makeHarness();
    const group = -1_000_000_000_200;
    await addChat(h.chats, group, ['emnews']);
    const posts = Array.from({ length: 12 }, (_, i) =>
      addArticle(h.articles, { category: 'emnews', title: `快讯${i}` }),
    );
    await h.delivery.onNewArticles(posts);
    h.delivery.start();
    await h.delivery.drain(10_000);
    const msgs = h.fake!.messages(group);
    // the group takes 5 per window here (20/min in production): 4 pushes and one rollup of 8
    expect(msgs).toHaveLength(5);
    const rollup = msgs.find((m) => m.plainText?.startsWith('8 条新消息'));
    expect(rollup).toBeDefined();
    for (let i = 4; i < 12; i++) expect(rollup!.plainText).toContain(`快讯${i}`);
    expect(h.fake!.rejected()).toEqual([]);
    const rows = h.storage.db
      .prepare("SELECT status, message_id FROM outbox WHERE chat_id = ? AND kind = 'article'")
      .all(group) as { status: string; message_id: number }[];
    expect(rows.every((r) => r.status === 'sent')).toBe(true);
    expect(rows.filter((r) => r.message_id === rollup!.messageId)).toHaveLength(8);
  });

  it('keeps a private burst that fits the horizon as single messages', async () => {
    h = await makeHarness({ delivery: { rollupHorizonMs: 60_000 } });
    await addChat(h.chats, 300, ['emnews']);
    const posts = Array.from({ length: 6 }, () => addArticle(h.articles, { category: 'emnews' }));
    await h.delivery.onNewArticles(posts);
    h.delivery.start();
    await h.delivery.drain(10_000);
    expect(h.fake!.messages(300)).toHaveLength(6);
  });

  it('gives up on endless server errors after DELIVERY_MAX_AGE, counted and logged', async () => {
    h = await makeHarness({ env: { DELIVERY_MAX_AGE: '300ms' } });
    await addChat(h.chats, 400, ['emnews']);
    await addChat(h.chats, 401, ['emnews']);
    h.fake!.addFault({ method: 'sendMessage', chatId: 400, fault: { kind: 'server-error', status: 503 } });
    await h.delivery.onNewArticles([addArticle(h.articles, { category: 'emnews' })]);
    h.delivery.start();
    await h.delivery.drain(5_000);
    expect(h.fake!.messages(401)).toHaveLength(1);
    expect(h.fake!.messages(400)).toHaveLength(0);
    expect(h.fake!.callsTo('sendMessage').filter((c) => c.chatId === 400).length).toBeGreaterThan(2);
    expect(await h.delivery.stats()).toMatchObject({ sent: 1, dropped: 1, pending: 0 });
    const dropped = await h.metrics.deliveriesDropped.get();
    expect(dropped.values.find((v) => v.labels.reason === 'expired')?.value).toBe(1);
  });

  it('settles rows whose article is gone or whose payload is unreadable instead of leaving them stuck', async () => {
    h = await makeHarness();
    await addChat(h.chats, 500, ['emnews']);
    await h.delivery.enqueue([
      { chatId: 500, key: 'a:gone', kind: 'article', payload: { story: 'nope', seq: 999_999 } },
      { chatId: 500, key: 'a:bad', kind: 'article', payload: {} },
    ]);
    h.storage.db.prepare("UPDATE outbox SET payload = '{not json' WHERE item_key = 'a:bad'").run();
    await h.delivery.enqueue([{ chatId: 500, key: 'a:ok', kind: 'article', payload: { story: '', seq: 0 } }]);
    const ok = addArticle(h.articles, { category: 'emnews' });
    h.storage.db
      .prepare("UPDATE outbox SET payload = ? WHERE item_key = 'a:ok'")
      .run(JSON.stringify({ story: ok.storyKey, seq: ok.seq }));
    h.delivery.start();
    await h.delivery.drain(5_000);
    expect(await h.delivery.stats()).toMatchObject({
      sent: 1,
      dropped: 1,
      failed: 1,
      pending: 0,
      sending: 0,
    });
    expect(h.fake!.messages(500)).toHaveLength(1);
  });
});
