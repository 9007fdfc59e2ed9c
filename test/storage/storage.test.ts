import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDb } from '../../src/storage/db.ts';
import { openStorage } from '../../src/storage/index.ts';
import { kvMigrations } from '../../src/storage/keyv-sqlite.ts';

const tmp = () => mkdtempSync(join(tmpdir(), 'kx-storage-'));

describe('storage', () => {
  it('runs migrations once and records them', () => {
    const path = join(tmp(), 'a.sqlite');
    const migrations = [{ id: 'test:1', up: 'CREATE TABLE t (x INTEGER)' }];
    const db = openDb(path, migrations);
    expect(migrate(db, migrations)).toEqual([]);
    const next = [...migrations, { id: 'test:2', up: 'ALTER TABLE t ADD COLUMN y TEXT' }];
    expect(migrate(db, next)).toEqual(['test:2']);
    db.close();
    const again = openDb(path, next);
    expect(again.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual({ n: 2 });
    again.close();
  });

  it('rolls a failing migration back whole', () => {
    const db = openDb(':memory:', []);
    const bad = [{ id: 'bad:1', up: 'CREATE TABLE u (x INTEGER); INSERT INTO nope VALUES (1);' }];
    expect(() => migrate(db, bad)).toThrow(/nope/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'u'").get()).toBeUndefined();
  });

  it('keeps keyv state in the SQLite file across reopen, with TTLs', async () => {
    const dir = tmp();
    const config = { STORAGE_URL: `sqlite://${join(dir, 'kv.sqlite')}` };
    const s1 = openStorage(config, kvMigrations);
    await s1.kv.set('chat:1', { lang: 'zh', subs: ['sichuanribao'] });
    await s1.kv.set('short', 'x', 1);
    await s1.close();
    await s1.close();
    const s2 = openStorage(config, kvMigrations);
    expect(await s2.kv.get('chat:1')).toEqual({ lang: 'zh', subs: ['sichuanribao'] });
    await new Promise((r) => setTimeout(r, 5));
    expect(await s2.kv.get('short')).toBeUndefined();
    expect(await s2.kv.delete('chat:1')).toBe(true);
    expect(await s2.kv.get('chat:1')).toBeUndefined();
    await s2.close();
  });

  it('names the file when it cannot be opened', () => {
    expect(() => openStorage({ STORAGE_URL: 'sqlite:///etc/passwd/x.sqlite' }, [])).toThrow(/etc\/passwd/);
  });
});
