import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as poll } from '../../jobs/poll.ts';
import { createArticleStore } from '../../src/articles/store.ts';
import { openStorage } from '../../src/storage/index.ts';
import { allMigrations } from '../../src/storage/migrations.ts';
import { type SiteServer, startSiteServer } from '../support/site-server.ts';
import { buildTestDeps } from '../support/test-deps.ts';

let site: SiteServer;
beforeAll(async () => {
  site = await startSiteServer({ snapshot: 's3-2022-03-15' });
});
afterAll(async () => {
  await site.close();
});

/** Another process holds SQLite's write lock until told to let go. */
function lockFromAnotherProcess(dbPath: string) {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN EXCLUSIVE');
    process.stdout.write('locked\\n');
    process.stdin.on('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });`;
  const p = spawn(process.execPath, ['-e', script, dbPath], { cwd: process.cwd(), stdio: 'pipe' });
  const ready = new Promise<void>((resolve) => p.stdout.on('data', () => resolve()));
  const released = new Promise<void>((resolve) => p.on('exit', () => resolve()));
  const release = async () => {
    p.stdin.write('x');
    await released;
  };
  return { ready, release };
}

describe('storage faults', () => {
  it('the database locked by another process: the tick fails with a clear error, nothing is lost, the next tick stores all', async () => {
    const t = buildTestDeps({ siteUrl: site.url });
    const lock = lockFromAnotherProcess(t.dbPath);
    await lock.ready;
    const failed = await poll(t.deps);
    expect(failed.outcome).toBe('error');
    expect(t.logs.some((l) => l.level === 50 && JSON.stringify(l).includes('database is locked'))).toBe(true);
    await lock.release();
    const ok = await poll(t.deps);
    expect(ok.outcome).toBe('ok');
    expect(t.sqlite.articles.count()).toBe(5);
    t.close({ remove: true });
  }, 60_000);

  it('the disk full (max_page_count): the tick fails loudly, nothing is marked seen, it stores all once space is back', async () => {
    const t = buildTestDeps({ siteUrl: site.url });
    const pages = t.storage.db.pragma('page_count', { simple: true }) as number;
    t.storage.db.pragma(`max_page_count = ${pages + 2}`);
    const full = await poll(t.deps);
    expect(full.outcome).toBe('error');
    expect(t.logs.some((l) => JSON.stringify(l).includes('database or disk is full'))).toBe(true);
    expect(t.sqlite.articles.count()).toBe(0);
    t.storage.db.pragma('max_page_count = 1073741823');
    const ok = await poll(t.deps);
    expect(ok.stored).toBe(5);
    expect(t.sqlite.articles.count()).toBe(5);
    t.close({ remove: true });
  });

  it('a corrupt article row is reported and served without the broken column; other rows are unharmed', async () => {
    const t = buildTestDeps({ siteUrl: site.url });
    await poll(t.deps);
    const victim = t.sqlite.articles.latest({ limit: 1 })[0]!;
    // the table CHECKs json_valid(); real corruption (a bad disk, a hand edit) bypasses that
    t.storage.db.pragma('ignore_check_constraints = ON');
    t.storage.db.prepare("UPDATE articles SET paragraphs = '[\"unterminated' WHERE seq = ?").run(victim.seq);
    t.storage.db.pragma('ignore_check_constraints = OFF');
    const reports: Array<{ seq: number; field: string }> = [];
    const store = createArticleStore(t.storage.db, (info) => reports.push(info));
    const all = store.latest({ limit: 10 });
    expect(all).toHaveLength(5);
    const broken = all.find((a) => a.seq === victim.seq)!;
    expect(broken.title).toBe(victim.title);
    expect(broken.summary).toBe(victim.summary);
    expect(broken.paragraphs).toEqual([]);
    expect(reports).toEqual([expect.objectContaining({ seq: victim.seq, field: 'paragraphs' })]);
    expect(all.filter((a) => a.seq !== victim.seq).every((a) => a.paragraphs.length > 0)).toBe(true);
    // the default store refuses loudly instead of serving it silently
    expect(() => createArticleStore(t.storage.db).getBySeq(victim.seq)).toThrow(/corrupt paragraphs/);
    t.close({ remove: true });
  });

  it('a corrupt key-value entry is set aside in kv_quarantine, reported, and reads as absent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kx-kvcorrupt-'));
    const heard: string[] = [];
    const s = openStorage({ STORAGE_URL: `sqlite://${join(dir, 'k.sqlite')}` }, allMigrations(), (key) =>
      heard.push(key),
    );
    await s.kv.set('chat:1', { lang: 'zh' });
    await s.kv.set('chat:2', { lang: 'en' });
    s.db.prepare("UPDATE kv SET value = '{not json' WHERE key = 'kx:chat:1'").run();
    expect(await s.kv.get('chat:1')).toBeUndefined();
    expect(await s.kv.get('chat:2')).toEqual({ lang: 'en' });
    expect(heard).toEqual(['kx:chat:1']);
    const kept = s.db.prepare('SELECT key, value FROM kv_quarantine').all();
    expect(kept).toEqual([{ key: 'kx:chat:1', value: '{not json' }]);
    await s.close();
  });
});
