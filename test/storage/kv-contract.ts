import Keyv, { type KeyvStoreAdapter } from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

/** One empty key-value backend; every `store()` is another adapter on the same data. */
export interface KvBackend {
  store(onCorrupt: (key: string, reason: string) => void): KeyvStoreAdapter;
  /** writes text under a full key past keyv and the store (what a bad disk or a hand edit leaves) */
  putRaw(key: string, value: string): Promise<void>;
  /** the row under a full key, expired or not */
  rawRow(key: string): Promise<{ value: string; expires: number | null } | undefined>;
  quarantined(): Promise<Array<{ key: string; value: string }>>;
  /** makes the backend fail every statement from now on (a lost connection, a closed file) */
  break(): Promise<void>;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * What every keyv store of ours keeps, seen the way src/storage/index.ts uses it: through
 * `new Keyv({ store, namespace, throwOnErrors: true })`. SQLite and PostgreSQL run these cases.
 */
export function kvContract(name: string, make: () => Promise<KvBackend>): void {
  describe(`keyv store contract: ${name}`, () => {
    let b: KvBackend;
    let heard: Array<[string, string]>;
    const open = (namespace = 'kx') =>
      new Keyv({
        store: b.store((key, reason) => heard.push([key, reason])),
        namespace,
        throwOnErrors: true,
      });
    beforeEach(async () => {
      b = await make();
      heard = [];
    });
    afterEach(async () => {
      await b.close();
    });

    it('round-trips JSON values under the namespaced key, overwrites and deletes', async () => {
      const kv = open();
      const chat = { id: -100123, lang: 'zh', subscriptions: { 'wire-cls': 1 }, title: '财经 “快讯” \\ ☃' };
      await kv.set('chat:-100123', chat);
      await kv.set('ids', [1, 2, 3]);
      await kv.set('n', 0);
      await kv.set('s', '');
      await kv.set('f', false);
      expect(await kv.get('chat:-100123')).toEqual(chat);
      expect(await kv.get('ids')).toEqual([1, 2, 3]);
      expect(await kv.get('n')).toBe(0);
      expect(await kv.get('s')).toBe('');
      expect(await kv.get('f')).toBe(false);
      expect(await kv.get('missing')).toBeUndefined();
      expect((await b.rawRow('kx:ids'))?.value).toBe(JSON.stringify({ value: [1, 2, 3] }));
      await kv.set('ids', [4]);
      expect(await kv.get('ids')).toEqual([4]);
      expect(await kv.delete('ids')).toBe(true);
      expect(await kv.delete('ids')).toBe(false);
      expect(await kv.get('ids')).toBeUndefined();
      // a second adapter on the same data (another process, another instance) reads the same
      expect(await open().get('chat:-100123')).toEqual(chat);
    });

    it('keeps large values and unusual keys intact', async () => {
      const kv = open();
      const big = { text: '新闻'.repeat(300_000), nested: Array.from({ length: 2000 }, (_, i) => ({ i })) };
      await kv.set('big', big);
      expect(await kv.get('big')).toEqual(big);
      for (const key of ['a:b:c', '100%_\\', "it's", '频道:1', ' ']) {
        await kv.set(key, key);
        expect(await kv.get(key)).toBe(key);
      }
    });

    it('expires a value after its TTL and removes the row; a later set without TTL keeps it', async () => {
      const kv = open();
      await kv.set('short', 'x', 1);
      await kv.set('long', 'y', 60_000);
      expect((await b.rawRow('kx:long'))?.expires).toBeGreaterThan(Date.now());
      await sleep(10);
      expect(await kv.get('short')).toBeUndefined();
      expect(await b.rawRow('kx:short')).toBeUndefined();
      expect(await kv.has('short')).toBe(false);
      expect(await kv.get('long')).toBe('y');
      await kv.set('long', 'z');
      expect(await b.rawRow('kx:long')).toEqual({ value: JSON.stringify({ value: 'z' }), expires: null });
      await kv.set('short', 'again', 1);
      await sleep(10);
      expect(await kv.has('short')).toBe(false);
      expect(await b.rawRow('kx:short')).toBeUndefined();
    });

    it('has() says whether a readable value is there', async () => {
      const kv = open();
      await kv.set('a', 1);
      expect(await kv.has('a')).toBe(true);
      expect(await kv.has('b')).toBe(false);
      await kv.delete('a');
      expect(await kv.has('a')).toBe(false);
      await b.putRaw('kx:bad', '{');
      expect(await kv.has('bad')).toBe(false);
      expect(heard.map(([k]) => k)).toEqual(['kx:bad']);
    });

    it('keeps namespaces apart; clear() empties only its own, wildcard characters included', async () => {
      const kx = open('kx');
      const other = open('kxx');
      const under = open('a_b');
      const near = open('aXb');
      await kx.set('k', 1);
      await other.set('k', 2);
      await under.set('k', 3);
      await near.set('k', 4);
      await b.putRaw('bare', '{"value":5}');
      expect(await kx.get('k')).toBe(1);
      expect(await other.get('k')).toBe(2);
      await kx.clear();
      await under.clear();
      expect(await kx.get('k')).toBeUndefined();
      expect(await under.get('k')).toBeUndefined();
      expect(await other.get('k')).toBe(2);
      expect(await near.get('k')).toBe(4);
      expect((await b.rawRow('bare'))?.value).toBe('{"value":5}');
    });

    it('sets a corrupt value aside in the quarantine, reports it once, and reads it as absent', async () => {
      const kv = open();
      await kv.set('chat:1', { lang: 'zh' });
      await kv.set('chat:2', { lang: 'en' });
      await b.putRaw('kx:chat:1', '{not json');
      expect(await kv.get('chat:1')).toBeUndefined();
      expect(await kv.get('chat:1')).toBeUndefined();
      expect(await kv.get('chat:2')).toEqual({ lang: 'en' });
      expect(heard).toEqual([['kx:chat:1', expect.any(String)]]);
      expect(heard[0]?.[1]).not.toBe('');
      expect(await b.quarantined()).toEqual([{ key: 'kx:chat:1', value: '{not json' }]);
      expect(await b.rawRow('kx:chat:1')).toBeUndefined();
      // the key is usable again
      await kv.set('chat:1', { lang: 'zh' });
      expect(await kv.get('chat:1')).toEqual({ lang: 'zh' });
    });

    it('a failing backend fails the caller instead of reading as absent or losing a write', async () => {
      const kv = open();
      await kv.set('a', 1);
      await b.break();
      await expect(kv.set('b', 2)).rejects.toThrow();
      await expect(kv.get('a')).rejects.toThrow();
      await expect(kv.delete('a')).rejects.toThrow();
      await expect(kv.clear()).rejects.toThrow();
    });
  });
}
