import { afterEach, describe, expect, it } from 'vitest';
import { addArticle, addChat, type Harness, makeHarness } from '../support/delivery-harness.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('outbox retention', () => {
  it('forgets only finished rows older than the cutoff; open rows and recent ones stay', async () => {
    h = await makeHarness({ fake: false });
    const t0 = Date.now();
    await addChat(h.chats, 1, ['emnews'], { subscribedAt: t0 - 10_000 });
    await addChat(h.chats, 2, ['emnews'], { subscribedAt: t0 - 10_000 });
    const a = addArticle(h.articles, { category: 'emnews' }, t0);
    await h.delivery.onNewArticles([a]);
    const db = h.storage.db;
    db.prepare("UPDATE outbox SET status = 'sent', created_at = ? WHERE chat_id = 1").run(
      t0 - 40 * 86_400_000,
    );
    db.prepare('UPDATE outbox SET created_at = ? WHERE chat_id = 2').run(t0 - 40 * 86_400_000);
    expect(await h.delivery.prune(t0 - 30 * 86_400_000)).toBe(1);
    const left = db.prepare('SELECT chat_id, status FROM outbox').all();
    expect(left).toEqual([{ chat_id: 2, status: 'pending' }]);
    expect(await h.delivery.prune(t0 - 30 * 86_400_000)).toBe(0);
  });
});
