import { afterEach, describe, expect, it } from 'vitest';
import { addArticle, addChat, type Harness, makeHarness } from '../support/delivery-harness.ts';
import type { SentMessage } from '../support/fake-telegram/index.ts';

let h: Harness;
afterEach(async () => {
  await h?.close();
});

const readSeq = (m: SentMessage): number | undefined => {
  const kb = (m.replyMarkup as { inline_keyboard?: { callback_data?: string }[][] } | undefined)
    ?.inline_keyboard;
  const data = kb?.[0]?.[0]?.callback_data;
  return data ? Number(data.slice('read:'.length)) : undefined;
};

/** Subscribes `privates` private chats and `groups` supergroups to emnews, stores `posts` posts and fans out. */
async function scenario(h: Harness, privates: number, groups: number, posts: number) {
  const ids = [
    ...Array.from({ length: privates }, (_, i) => 100 + i),
    ...Array.from({ length: groups }, (_, i) => -1_000_000_000_100 - i),
  ];
  for (const id of ids) await addChat(h.chats, id, ['emnews']);
  const articles = Array.from({ length: posts }, () => addArticle(h.articles, { category: 'emnews' }));
  await h.delivery.onNewArticles(articles);
  return { ids, seqs: articles.map((a) => a.seq) };
}

function expectExactlyOnce(h: Harness, ids: number[], seqs: number[]) {
  for (const id of ids) {
    const got = h
      .fake!.messages(id)
      .map(readSeq)
      .sort((a, b) => Number(a) - Number(b));
    expect(got, `chat ${id}`).toEqual(seqs);
  }
}

describe('sender against the fake Bot API', () => {
  it('delivers every (chat, post) pair exactly once, valid HTML, within every limit', async () => {
    h = await makeHarness();
    const { ids, seqs } = await scenario(h, 30, 4, 4);
    h.delivery.start();
    await h.delivery.drain(20_000);
    expectExactlyOnce(h, ids, seqs);
    expect(h.fake!.rejected()).toEqual([]);
    expect(h.fake!.retryAfters()).toEqual([]);
    const m = h.fake!.messages(100)[0]!;
    expect(m.parseMode).toBe('HTML');
    expect(m.linkPreviewDisabled).toBe(true);
    expect(m.plainText).toContain('#emnews');
    expect(await h.delivery.stats()).toMatchObject({ pending: 0, sending: 0, sent: 34 * 4 });
    const ledger = h.storage.db.prepare(
      "SELECT COUNT(*) FROM outbox WHERE message_id IS NULL AND status = 'sent'",
    );
    expect(ledger.pluck().get()).toBe(0);
  });

  it('sends nothing to a chat or to anyone inside an announced retry_after window', async () => {
    // when each send left, and the windows from the moment each 429 reached the sender; events
    // are numbered in order, since a send and a 429 often fall in the same millisecond
    let order = 0;
    const starts: { n: number; at: number }[] = [];
    const windows: { n: number; until: number }[] = [];
    h = await makeHarness({
      wrapSend: (send) => async (p, signal) => {
        starts.push({ n: ++order, at: Date.now() });
        try {
          return await send(p, signal);
        } catch (err) {
          const e = err as { code?: number; response?: { parameters?: { retry_after?: number } } };
          const s = e.response?.parameters?.retry_after;
          if (e.code === 429 && s) windows.push({ n: ++order, until: Date.now() + s * 1000 });
          throw err;
        }
      },
    });
    const { ids, seqs } = await scenario(h, 10, 2, 3);
    h.fake!.floodWait(1, 101);
    h.fake!.floodWait(1);
    h.delivery.start();
    await h.delivery.drain(30_000);
    expectExactlyOnce(h, ids, seqs);
    expect(windows.length).toBeGreaterThanOrEqual(2);
    expect(starts.filter((t) => windows.some((w) => t.n > w.n && t.at < w.until))).toEqual([]);
    // the fake agrees, except for requests already on the wire when its 429 left
    expect(h.fake!.violations(250)).toEqual([]);
    expect(h.fake!.rejected({ reason: 'validation' })).toEqual([]);
  });

  it('deactivates a blocked or kicked chat and drops its pending rows', async () => {
    h = await makeHarness();
    const { seqs } = await scenario(h, 3, 1, 3);
    h.fake!.blockBot(101);
    h.fake!.blockBot(-1_000_000_000_100);
    h.delivery.start();
    await h.delivery.drain(10_000);
    expectExactlyOnce(h, [100, 102], seqs);
    expect((await h.chats.get(101))?.active).toBe(false);
    expect((await h.chats.get(-1_000_000_000_100))?.active).toBe(false);
    expect(await h.delivery.stats()).toMatchObject({ dropped: 6, pending: 0 });
    expect(
      (await h.metrics.deliveriesDropped.get()).values.find((v) => v.labels.reason === 'blocked')?.value,
    ).toBe(6);
    expect((await h.metrics.telegram403.get()).values[0]?.value).toBe(2);
  });

  it('follows a group that became a supergroup: subscriptions and pending rows move', async () => {
    h = await makeHarness();
    await addChat(h.chats, -555, ['emnews'], { kind: 'group' });
    const posts = [1, 2, 3].map(() => addArticle(h.articles, { category: 'emnews' }));
    h.fake!.addChat({ id: -555, type: 'group' });
    h.fake!.migrateChat(-555, -1_000_000_000_555);
    await h.delivery.onNewArticles(posts);
    h.delivery.start();
    await h.delivery.drain(10_000);
    expectExactlyOnce(
      h,
      [-1_000_000_000_555],
      posts.map((p) => p.seq),
    );
    expect(h.fake!.messages(-555)).toEqual([]);
    expect((await h.chats.get(-1_000_000_000_555))?.subscriptions).toHaveProperty('emnews');
  });

  it("retries once as plain text when Telegram can't parse the entities", async () => {
    h = await makeHarness();
    const { seqs } = await scenario(h, 1, 0, 1);
    h.fake!.failNext('sendMessage', 1, {
      kind: 'error',
      code: 400,
      description: "Bad Request: can't parse entities: unsupported start tag",
    });
    h.delivery.start();
    await h.delivery.drain(5_000);
    const [m] = h.fake!.messages(100);
    expect(readSeq(m!)).toBe(seqs[0]);
    expect(m!.parseMode).toBeUndefined();
    expect(m!.text).not.toContain('<a href');
    // the title's own characters come through literally
    expect(m!.text).toContain('<b>&amp;');
  });

  it('survives 20% server errors and dropped connections: still exactly once', async () => {
    h = await makeHarness({ fake: { rateLimits: false, seed: 7 } });
    const { ids, seqs } = await scenario(h, 40, 4, 5);
    h.fake!.failRandomly('sendMessage', 0.12, { kind: 'server-error', status: 502 });
    h.fake!.failRandomly('sendMessage', 0.1, { kind: 'drop' });
    h.delivery.start();
    await h.delivery.drain(30_000);
    expectExactlyOnce(h, ids, seqs);
    expect(
      h.fake!.calls.filter((c) => c.state === 'dropped' || (c.errorCode ?? 0) >= 500).length,
    ).toBeGreaterThan(20);
    expect(await h.delivery.stats()).toMatchObject({ sent: 44 * 5, dropped: 0, failed: 0 });
  });

  it('stops sending on 401 (token revoked) and keeps every row for after the fix', async () => {
    h = await makeHarness();
    await scenario(h, 3, 0, 2);
    h.fake!.revokeToken();
    h.delivery.start();
    await h.fake!.waitFor((c) => c.errorCode === 401);
    await h.delivery.stop();
    expect(h.delivery.sender.fatal).toBe(true);
    // only the sends already in flight when the first 401 came back (one per chat here)
    expect(h.fake!.callsTo('sendMessage').length).toBeLessThanOrEqual(3);
    expect(await h.delivery.stats()).toMatchObject({ pending: 6, dropped: 0, sent: 0 });
  });
});
