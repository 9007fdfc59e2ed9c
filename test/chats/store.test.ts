import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChatStore } from '../../src/chats/store.ts';
import type { ChatStore } from '../../src/chats/types.ts';
import { openStorage, type Storage } from '../../src/storage/index.ts';
import { allMigrations } from '../../src/storage/migrations.ts';

let dir: string;
let storage: Storage;
let store: ChatStore;

const open = (max = 5) => {
  storage = openStorage({ STORAGE_URL: `sqlite://${join(dir, 'x.sqlite')}` }, allMigrations());
  store = createChatStore(storage.kv, { maxSubscriptions: max, defaultTz: 'Asia/Shanghai', now: () => 1000 });
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kx-chats-'));
  open();
});
afterEach(() => {
  void storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('chat store', () => {
  it('creates chats with defaults once and keeps them across a reopen', async () => {
    const chat = await store.ensure(42, { kind: 'private', title: 'Ann' });
    expect(chat).toMatchObject({
      id: 42,
      kind: 'private',
      lang: 'zh',
      mode: 'instant',
      digestTimes: ['08:00', '18:00'],
      tz: 'Asia/Shanghai',
      linkPreview: false,
      showSummary: true,
      active: true,
      subscriptions: {},
      createdAt: 1000,
      greeted: false,
    });
    await store.update(42, { lang: 'en', mode: 'digest' });
    const again = await store.ensure(42, { kind: 'private', lang: 'zh' });
    expect(again.lang).toBe('en');
    await storage.close();
    open();
    expect((await store.get(42))?.mode).toBe('digest');
    expect(await store.allIds()).toEqual([42]);
    expect(await store.update(7, { lang: 'en' })).toBeUndefined();
    expect(await store.get(7)).toBeUndefined();
  });

  it('subscribes, reports already and over-limit, and keeps the reverse index', async () => {
    await store.ensure(1, { kind: 'private' });
    const r1 = await store.subscribe(1, ['a', 'b', 'a'], 500);
    expect(r1).toEqual({ added: ['a', 'b'], already: [], overLimit: [] });
    const r2 = await store.subscribe(1, ['b', 'c', 'd', 'e', 'f', 'g'], 600);
    expect(r2).toEqual({ added: ['c', 'd', 'e'], already: ['b'], overLimit: ['f', 'g'] });
    expect((await store.get(1))?.subscriptions).toEqual({ a: 500, b: 500, c: 600, d: 600, e: 600 });
    expect(await store.subscribers('a')).toEqual([1]);
    expect(await store.unsubscribe(1, ['a', 'zzz'])).toEqual(['a']);
    expect(await store.subscribers('a')).toEqual([]);
    expect((await store.unsubscribe(1, 'all')).sort()).toEqual(['b', 'c', 'd', 'e']);
    expect(await store.subscribers('c')).toEqual([]);
    expect(await store.stats()).toEqual({ chats: 1, active: 1, subscriptions: 0 });
  });

  it('an update that replaces subscriptions moves the index too', async () => {
    await store.subscribe(3, ['x'], 1);
    await store.update(3, { subscriptions: { y: 2 } });
    expect(await store.subscribers('x')).toEqual([]);
    expect(await store.subscribers('y')).toEqual([3]);
  });

  it('subscribers lists active chats only; reactivation restores them', async () => {
    await store.subscribe(1, ['s'], 1);
    await store.subscribe(-100, ['s'], 1);
    expect((await store.subscribers('s')).sort((a, b) => a - b)).toEqual([-100, 1]);
    await store.setActive(-100, false);
    expect(await store.subscribers('s')).toEqual([1]);
    expect((await store.get(-100))?.subscriptions).toEqual({ s: 1 });
    expect(await store.stats()).toEqual({ chats: 2, active: 1, subscriptions: 2 });
    await store.setActive(-100, true);
    expect((await store.subscribers('s')).sort((a, b) => a - b)).toEqual([-100, 1]);
  });

  it('forum topics get stable ids of their own, never a real chat id, across a reopen', async () => {
    const [a, b, a2] = await Promise.all([
      store.topicId(-1001234567890, 11),
      store.topicId(-1001234567890, 22),
      store.topicId(-1001234567890, 11),
    ]);
    expect(a).toBe(a2);
    expect(a).not.toBe(b);
    for (const id of [a, b]) {
      expect(Number.isSafeInteger(id)).toBe(true);
      expect(id).toBeLessThan(-(2 ** 52));
    }
    await storage.close();
    open();
    expect(await store.topicId(-1001234567890, 22)).toBe(b);
    expect(await store.topicId(-1009876543210, 11)).not.toBe(a);
  });

  it('migrate moves settings, subscriptions and index to the new id', async () => {
    await store.ensure(-5, { kind: 'group', title: 'G' });
    await store.subscribe(-5, ['a', 'b'], 10);
    await store.update(-5, { lang: 'en', greeted: true });
    await store.subscribe(-1005, ['c'], 20); // the supergroup spoke first
    await store.migrate(-5, -1005);
    expect(await store.get(-5)).toBeUndefined();
    const moved = await store.get(-1005);
    expect(moved).toMatchObject({ id: -1005, kind: 'supergroup', lang: 'en', greeted: true, title: 'G' });
    expect(moved?.subscriptions).toEqual({ a: 10, b: 10, c: 20 });
    expect(await store.subscribers('a')).toEqual([-1005]);
    expect(await store.allIds()).toEqual([-1005]);
    await store.migrate(-5, -1005); // twice is harmless
    expect(await store.subscribers('b')).toEqual([-1005]);
  });

  it('concurrent writes to one chat and one slug lose nothing', async () => {
    await store.ensure(9, { kind: 'private' });
    await Promise.all([
      store.subscribe(9, ['a'], 1),
      store.update(9, { lang: 'en' }),
      store.subscribe(9, ['b'], 1),
      store.update(9, { mode: 'digest' }),
      store.subscribe(9, ['c'], 1),
      store.unsubscribe(9, ['a']),
    ]);
    const chat = await store.get(9);
    expect(chat).toMatchObject({ lang: 'en', mode: 'digest', subscriptions: { b: 1, c: 1 } });
    const ids = Array.from({ length: 30 }, (_, i) => i + 100);
    await Promise.all(ids.map((id) => store.subscribe(id, ['hot'], 1)));
    expect((await store.subscribers('hot')).sort((a, b) => a - b)).toEqual(ids);
    expect((await store.allIds()).length).toBe(31);
  });
});
