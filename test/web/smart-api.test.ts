import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { texts } from '../support/bot-harness.ts';
import { command, privateChat, supergroupChat, user } from '../support/updates.ts';
import { startWebHarness, type WebHarness } from '../support/web-harness.ts';

const carol = { id: 3301, first_name: 'Carol' };
const dave = { id: 3302, first_name: 'Dave' };
const GROUP = -1003300;
let w: WebHarness;
const bot = (u: typeof carol, name: string, ...args: string[]) =>
  w.h.send(command(privateChat(user(u.id, { firstName: u.first_name })), user(u.id), name, ...args));

beforeAll(async () => {
  w = await startWebHarness();
  w.h.fake.addChat({ id: GROUP, type: 'supergroup', title: '盯盘群', admins: [{ userId: carol.id }] });
  await w.h.send(command(supergroupChat(GROUP, '盯盘群'), user(carol.id), 'sub', 'emnews'));
});
afterAll(async () => {
  await w.close();
});

describe('watch terms', () => {
  const path = `/api/chats/${carol.id}/watch`;

  it('needs initData: 401 and nothing added', async () => {
    const res = await w.call(path, { initData: null, method: 'POST', body: { terms: ['降准'] } });
    expect(res.status).toBe(401);
    expect(await w.h.deps.watchlists.list(carol.id)).toEqual([]);
  });

  it('adds, lists and removes terms that /watch shows at once', async () => {
    const add = await w.call(path, { user: carol, method: 'POST', body: { terms: ['贵州茅台', '降准'] } });
    expect(add).toMatchObject({
      status: 200,
      body: { terms: ['贵州茅台', '降准'], added: ['贵州茅台', '降准'] },
    });
    expect(texts(await bot(carol, 'watch')).join('\n')).toContain('贵州茅台');
    const again = await w.call(path, { user: carol, method: 'POST', body: { terms: ['降准'] } });
    expect(again.body).toMatchObject({ already: ['降准'], added: [] });
    const del = await w.call(path, { user: carol, method: 'DELETE', body: { terms: ['降准'] } });
    expect(del.body).toMatchObject({ terms: ['贵州茅台'], removed: ['降准'] });
    expect((await w.call(path, { user: carol })).body).toMatchObject({
      terms: ['贵州茅台'],
      max: expect.any(Number),
    });
    expect(texts(await bot(carol, 'watch')).join('\n')).not.toContain('降准');
  });

  it('refuses what /watch refuses, naming the field', async () => {
    for (const body of [
      {},
      { terms: [] },
      { terms: 'x' },
      { terms: [1] },
      { terms: ['  '] },
      { terms: ['长'.repeat(150)] },
    ]) {
      const res = await w.call(path, { user: carol, method: 'POST', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.field).toBe('terms');
    }
  });

  it('holds to the per-chat cap of /watch', async () => {
    const max = w.h.deps.watchlists.limits.perChat;
    const fill = Array.from({ length: max }, (_, i) => `词${i}`);
    for (let i = 0; i < fill.length; i += 20)
      await w.call(`/api/chats/${dave.id}/watch`, {
        user: dave,
        method: 'POST',
        body: { terms: fill.slice(i, i + 20) },
      });
    const over = await w.call(`/api/chats/${dave.id}/watch`, {
      user: dave,
      method: 'POST',
      body: { terms: ['再来'] },
    });
    expect(over).toMatchObject({ status: 409, body: { error: 'over-limit', field: 'terms' } });
    expect(await w.h.deps.watchlists.list(dave.id)).toHaveLength(max);
  });

  it('a group’s terms need a group admin', async () => {
    const g = `/api/chats/${GROUP}/watch`;
    expect((await w.call(g, { user: dave })).status).toBe(403);
    const denied = await w.call(g, { user: dave, method: 'POST', body: { terms: ['降息'] } });
    expect(denied).toMatchObject({ status: 403, body: { error: 'forbidden' } });
    expect(await w.h.deps.watchlists.list(GROUP)).toEqual([]);
    expect((await w.call(g, { user: carol, method: 'POST', body: { terms: ['降息'] } })).status).toBe(200);
    expect(await w.h.deps.watchlists.list(GROUP)).toEqual(['降息']);
  });
});

describe('filters', () => {
  const path = (slug: string, chat = GROUP) => `/api/chats/${chat}/filters/${slug}`;

  it('sets and clears a subscription’s filter as /filter does', async () => {
    const put = await w.call(path('emnews'), {
      user: carol,
      method: 'PUT',
      body: { include: ['降准', '降准'], exclude: ['广告'] },
    });
    expect(put).toMatchObject({
      status: 200,
      body: { filters: { emnews: { include: ['降准'], exclude: ['广告'] } } },
    });
    expect((await w.h.deps.chats.get(GROUP))?.filters).toEqual({
      emnews: { include: ['降准'], exclude: ['广告'] },
    });
    // the app names each subscription as /list does, not by its slug alone
    expect(put.body).toMatchObject({ names: { emnews: w.h.deps.categories.label('emnews') } });
    const del = await w.call(path('emnews'), { user: carol, method: 'DELETE' });
    expect(del).toMatchObject({ status: 200, body: { filters: {} } });
  });

  it('validation errors name the field; others’ groups are 403; no initData is 401', async () => {
    const cases: Array<[unknown, string]> = [
      [{ include: 'x' }, 'include'],
      [{ exclude: [2] }, 'exclude'],
      [{ include: [], exclude: [] }, 'include'],
      [{ exclude: ['   '] }, 'exclude'],
      [{ include: Array.from({ length: 21 }, (_, i) => `w${i}`) }, 'include'],
    ];
    for (const [body, field] of cases) {
      const res = await w.call(path('emnews'), { user: carol, method: 'PUT', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.field, JSON.stringify(body)).toBe(field);
    }
    const unsub = await w.call(path('sichuanribao'), {
      user: carol,
      method: 'PUT',
      body: { include: ['川'] },
    });
    expect(unsub).toMatchObject({ status: 400, body: { field: 'slug' } });
    const body = { include: ['降准'] };
    expect((await w.call(path('emnews'), { user: dave, method: 'PUT', body })).status).toBe(403);
    expect((await w.call(path('emnews'), { user: dave, method: 'DELETE' })).status).toBe(403);
    expect((await w.call(path('emnews'), { initData: null, method: 'PUT', body })).status).toBe(401);
    expect((await w.h.deps.chats.get(GROUP))?.filters ?? {}).toEqual({});
  });
});

describe('smart settings', () => {
  const path = `/api/chats/${carol.id}/settings`;

  it('quiet hours, trading-day digests and break-through, shown by /settings', async () => {
    const got = await w.call(path, { user: carol });
    expect(got.body).toMatchObject({ quiet: null, digestTrading: false, breakThrough: true, filters: {} });
    const res = await w.call(path, {
      user: carol,
      method: 'PATCH',
      body: {
        quiet: '23-7',
        digestTrading: true,
        breakThrough: false,
        mode: 'digest',
        digestTimes: ['8:00'],
      },
    });
    expect(res.body).toMatchObject({ quiet: '23:00-07:00', digestTrading: true, breakThrough: false });
    const shown = texts(await bot(carol, 'settings')).join('\n');
    expect(shown).toContain('免打扰：23:00-07:00');
    expect(shown).toContain('摘要只在交易日：是');
    expect(shown).toContain('紧急消息与关注词穿透：关');
    const off = await w.call(path, { user: carol, method: 'PATCH', body: { quiet: null } });
    expect(off.body).toMatchObject({ quiet: null });
    expect((await w.h.deps.chats.get(carol.id))?.quiet).toBeUndefined();
  });

  it('refuses bad values naming the field, and non-admins of a group', async () => {
    for (const [body, field] of [
      [{ quiet: '25:00-07:00' }, 'quiet'],
      [{ quiet: '07:00-07:00' }, 'quiet'],
      [{ quiet: 7 }, 'quiet'],
      [{ digestTrading: 'yes' }, 'digestTrading'],
      [{ breakThrough: null }, 'breakThrough'],
    ] as const) {
      const res = await w.call(path, { user: carol, method: 'PATCH', body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.field).toBe(field);
    }
    const denied = await w.call(`/api/chats/${GROUP}/settings`, {
      user: dave,
      method: 'PATCH',
      body: { breakThrough: false },
    });
    expect(denied.status).toBe(403);
    expect((await w.h.deps.chats.get(GROUP))?.breakThrough).toBeUndefined();
  });
});
