import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../support/bot-harness.ts';
import { command, privateChat, supergroupChat, user } from '../support/updates.ts';
import { HOSTILE_NAME, startWebHarness, type WebHarness } from '../support/web-harness.ts';

const alice = { id: 3201, first_name: 'Alice' };
const bob = { id: 3202, first_name: 'Bob', language_code: 'en' };
const GROUP = -1003200;
let w: WebHarness;

beforeAll(async () => {
  w = await startWebHarness();
  w.h.fake.addChat({ id: GROUP, type: 'supergroup', title: '投资群', admins: [{ userId: alice.id }] });
  // alice manages the group through a command once: the app lists it for her from then on
  const a = user(alice.id, { firstName: 'Alice' });
  await w.h.send(command(supergroupChat(GROUP, '投资群'), a, 'sub', 'emnews'));
});
afterAll(async () => {
  await w.close();
});

describe('GET /api/chats', () => {
  it('lists the private chat and the groups the user administers', async () => {
    const res = await w.call('/api/chats', { user: alice });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      user: { id: alice.id, lang: 'zh' },
      chats: [
        { id: alice.id, kind: 'private' },
        { id: GROUP, kind: 'supergroup', title: '投资群', subscriptions: 1 },
      ],
    });
  });

  it('a non-admin sees only their own chat, in their language', async () => {
    // even a hint pointing at the group is checked against the Bot API
    await w.h.deps.access.remember(bob.id, GROUP);
    const res = await w.call('/api/chats', { user: bob });
    expect(res.body).toMatchObject({ user: { lang: 'en' }, chats: [{ id: bob.id }] });
    expect((res.body.chats as unknown[]).length).toBe(1);
  });
});

describe('sources and subscriptions', () => {
  it('finds finews sources by Chinese name, pinyin and initials', async () => {
    for (const q of ['四川', 'sichuanribao', 'scrb']) {
      const res = await w.call(`/api/sources?q=${encodeURIComponent(q)}`, { user: alice });
      expect(res.status, q).toBe(200);
      expect(
        (res.body.sources as Array<{ slug: string }>).map((s) => s.slug),
        q,
      ).toContain('sichuanribao');
    }
    const res = await w.call('/api/sources?q=scrb', { user: alice });
    expect((res.body.sources as unknown[])[0]).toEqual({
      slug: 'sichuanribao',
      name: '四川日报',
      tag: '四川日报新闻',
      posts: expect.any(Number),
      subscribed: false,
    });
  });

  it('a switch subscribes, the bot’s /list agrees at once, and off removes it', async () => {
    const on = await w.call(`/api/chats/${alice.id}/subscriptions`, {
      user: alice,
      method: 'POST',
      body: { slug: 'sichuanribao', on: true },
    });
    expect(on).toMatchObject({ status: 200, body: { slug: 'sichuanribao', subscribed: true } });
    const a = user(alice.id, { firstName: 'Alice' });
    expect(texts(await w.h.send(command(privateChat(a), a, 'list'))).join('\n')).toContain(
      '四川日报 (sichuanribao)',
    );
    const off = await w.call(`/api/chats/${alice.id}/subscriptions`, {
      user: alice,
      method: 'POST',
      body: { slug: 'sichuanribao', on: false },
    });
    expect(off.body).toMatchObject({ subscribed: false });
    expect((await w.h.deps.chats.get(alice.id))?.subscriptions).toEqual({});
  });

  it('refuses unknown sources, bad bodies, and more than MAX_SUBSCRIPTIONS', async () => {
    const post = (body: unknown, raw?: string) =>
      w.call(`/api/chats/${alice.id}/subscriptions`, {
        user: alice,
        method: 'POST',
        ...(raw !== undefined ? { raw } : { body }),
      });
    expect(await post({ slug: 'nosuch', on: true })).toMatchObject({
      status: 400,
      body: { error: 'unknown-source', field: 'slug' },
    });
    expect(await post({ slug: 'emnews', on: 'yes' })).toMatchObject({ status: 400, body: { field: 'on' } });
    expect(await post(undefined, '{not json')).toMatchObject({ status: 400, body: { error: 'bad-json' } });
    expect((await post(undefined, JSON.stringify({ slug: 'x'.repeat(20_000), on: true }))).status).toBe(413);
    const slugs = [
      'sichuanribao',
      'sichuanzaixian',
      'emnews',
      'meirijingjixinwen',
      'hostile',
      '21shijijingjibaodao 21caijingAPP',
    ];
    for (const slug of slugs) expect((await post({ slug, on: true })).status, slug).toBe(200);
    w.h.deps.registry.observe({ slug: 'seventh', source: '第七', seenAt: Date.now() });
    expect(await post({ slug: 'seventh', on: true })).toMatchObject({
      status: 409,
      body: { error: 'over-limit' },
    });
    expect(Object.keys((await w.h.deps.chats.get(alice.id))?.subscriptions ?? {})).toHaveLength(6);
    await w.h.deps.chats.unsubscribe(alice.id, 'all');
  });

  it('group changes need a group admin: 403 for others, nothing changes', async () => {
    const body = { slug: 'sichuanribao', on: true };
    const denied = await w.call(`/api/chats/${GROUP}/subscriptions`, { user: bob, method: 'POST', body });
    expect(denied).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await w.call(`/api/chats/${GROUP}/settings`, { user: bob })).toMatchObject({ status: 403 });
    expect(await w.call(`/api/sources?chat=${GROUP}`, { user: bob })).toMatchObject({ status: 403 });
    expect(Object.keys((await w.h.deps.chats.get(GROUP))?.subscriptions ?? {})).toEqual(['emnews']);
    const ok = await w.call(`/api/chats/${GROUP}/subscriptions`, { user: alice, method: 'POST', body });
    expect(ok.status).toBe(200);
    // another user's private chat is never theirs to change
    expect((await w.call(`/api/chats/${bob.id}/settings`, { user: alice })).status).toBe(403);
  });
});

describe('settings', () => {
  it('reads and patches the chat’s settings with the commands’ rules', async () => {
    const got = await w.call(`/api/chats/${alice.id}/settings`, { user: alice });
    expect(got.body).toMatchObject({ mode: 'instant', lang: 'zh', tz: 'Asia/Shanghai', maxSubscriptions: 6 });
    const patch = (body: unknown) =>
      w.call(`/api/chats/${alice.id}/settings`, { user: alice, method: 'PATCH', body });
    expect((await patch({ digestTimes: ['20:00', '7:30'], mode: 'digest' })).body).toMatchObject({
      mode: 'digest',
      digestTimes: ['07:30', '20:00'],
    });
    expect((await patch({ digestTimes: [] })).body).toMatchObject({ mode: 'instant', digestTimes: [] });
    expect((await patch({ tz: 'Europe/Berlin', linkPreview: true, showSummary: false })).body).toMatchObject({
      tz: 'Europe/Berlin',
      linkPreview: true,
      showSummary: false,
    });
    expect(await w.h.deps.chats.get(alice.id)).toMatchObject({ tz: 'Europe/Berlin', linkPreview: true });
  });

  it.each([
    [{ digestTimes: ['25:00'] }, 'digestTimes'],
    [{ tz: 'Mars/Olympus' }, 'tz'],
    [{ lang: 'fr' }, 'lang'],
    [{ mode: 'sometimes' }, 'mode'],
    [{ linkPreview: 'yes' }, 'linkPreview'],
    [{ subscriptions: { x: 1 } }, 'subscriptions'],
  ])('refuses %j naming the field', async (body, field) => {
    const before = await w.h.deps.chats.get(alice.id);
    const res = await w.call(`/api/chats/${alice.id}/settings`, { user: alice, method: 'PATCH', body });
    expect(res).toMatchObject({ status: 400, body: { error: 'invalid', field } });
    expect(await w.h.deps.chats.get(alice.id)).toEqual(before);
  });

  it('answers 404 for unknown routes and 405 for the wrong method', async () => {
    expect((await w.call('/api/nothing', { user: alice })).status).toBe(404);
    expect((await w.call(`/api/chats/${alice.id}/settings`, { user: alice, method: 'DELETE' })).status).toBe(
      405,
    );
  });
});

describe('reader', () => {
  it('latest: newest stories of the site, of a source, and refuses unknown sources', async () => {
    const site = await w.call('/api/latest', { user: alice });
    const articles = site.body.articles as Array<{ seq: number; title: string; source: string }>;
    expect(articles.length).toBeGreaterThan(1);
    const one = await w.call(`/api/latest?source=${encodeURIComponent('四川日报')}`, { user: alice });
    expect(
      (one.body.articles as Array<{ category: string }>).every((a) => a.category === 'sichuanribao'),
    ).toBe(true);
    expect(await w.call('/api/latest?source=nosuchsource', { user: alice })).toMatchObject({ status: 400 });
  });

  it('search takes /search syntax and reports its errors', async () => {
    const hit = await w.call(`/api/search?q=${encodeURIComponent('黑客报')}`, { user: alice });
    expect(hit.body).toMatchObject({ total: 1, page: 0, pages: 1 });
    const first = (hit.body.hits as Array<{ title: string; snippet: { text: string } }>)[0];
    expect(first?.title).toContain(HOSTILE_NAME);
    expect(await w.call('/api/search?q=', { user: alice })).toMatchObject({
      status: 400,
      body: { error: 'empty-query' },
    });
    expect(
      await w.call(`/api/search?q=${encodeURIComponent('a #nosuchsource')}`, { user: alice }),
    ).toMatchObject({
      body: { error: 'unknown-source' },
    });
    expect(await w.call('/api/search?q=a%20%40forever', { user: alice })).toMatchObject({
      body: { error: 'bad-window' },
    });
    expect(await w.call('/api/search?q=a&page=-1', { user: alice })).toMatchObject({ status: 400 });
  });

  it('an article by seq: full clean text and its sources; 404 when unknown', async () => {
    const latest = (await w.call('/api/latest?source=sichuanribao', { user: alice })).body.articles as Array<{
      seq: number;
    }>;
    const seq = latest[0]?.seq ?? 0;
    const res = await w.call(`/api/articles/${seq}`, { user: alice });
    const stored = await w.h.deps.articles.getBySeq(seq);
    expect(res.body).toMatchObject({
      seq,
      title: stored?.title,
      paragraphs: stored?.paragraphs,
      url: stored?.url,
    });
    expect(res.body).toHaveProperty('alsoIn');
    expect(await w.call('/api/articles/999999', { user: alice })).toMatchObject({ status: 404 });
  });
});

describe('bad input', () => {
  it('odd paths, queries and bodies get a 4xx, never a 500, and the server keeps serving', async () => {
    // a broken UTF-8 query is read as U+FFFD: a search that finds nothing, not an error
    const broken = await w.call('/api/search?q=%E4%B8', { user: alice });
    expect(broken).toMatchObject({ status: 200, body: { total: 0, hits: [] } });
    const odd: Array<[string, { method?: string; raw?: string }]> = [
      ['/api/articles/0', {}],
      ['/api/articles/99999999999', {}],
      ['/api/chats/-0/settings', {}],
      ['/api/chats/99999999999999999/settings', {}],
      ['/api/sources?q=%00%ff&chat=abc', {}],
      [`/api/sources?q=${'长'.repeat(5000)}`, {}],
      [`/api/chats/${alice.id}/settings`, { method: 'PATCH', raw: 'null' }],
      [`/api/chats/${alice.id}/settings`, { method: 'PATCH', raw: '"digest"' }],
      [`/api/chats/${alice.id}/subscriptions`, { method: 'POST', raw: '[]' }],
      [`/api/chats/${alice.id}/subscriptions`, { method: 'POST', raw: '{"slug":{"$gt":""},"on":true}' }],
    ];
    for (const [path, opts] of odd) {
      const res = await w.call(path, { user: alice, ...opts });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
    expect((await w.call('/api/ping', { user: alice })).status).toBe(200);
  });
});
