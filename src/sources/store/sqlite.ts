import type { Db } from '../../storage/db.ts';
import type { FeedRecord, FeedStore } from './types.ts';

interface Row {
  id: string;
  slug: string;
  kind: 'feed' | 'wire';
  url: string;
  title: string;
  site_url: string | null;
  etag: string | null;
  last_modified: string | null;
  next_due_at: number;
  failures: number;
  empty_reads: number;
  last_ok_at: number | null;
  last_new_at: number | null;
  last_error: string | null;
  initialized: number;
  created_at: number;
}

const fromRow = (r: Row): FeedRecord => ({
  id: r.id,
  slug: r.slug,
  kind: r.kind,
  url: r.url,
  title: r.title,
  siteUrl: r.site_url,
  validators: {
    ...(r.etag ? { etag: r.etag } : {}),
    ...(r.last_modified ? { lastModified: r.last_modified } : {}),
  },
  nextDueAt: r.next_due_at,
  failures: r.failures,
  emptyReads: r.empty_reads,
  lastOkAt: r.last_ok_at,
  lastNewAt: r.last_new_at,
  lastError: r.last_error,
  initialized: r.initialized === 1,
  createdAt: r.created_at,
});

/** SQLite keys are capped at this many per statement (SQLITE_MAX_VARIABLE_NUMBER is 32766). */
const CHUNK = 500;

/** The feed store on SQLite: the only writer of the feeds and feed_seen tables. */
export function createFeedStore(db: Db): FeedStore {
  const insert = db.prepare(`INSERT INTO feeds (id, slug, kind, url, title, site_url, created_at)
    VALUES (@id, @slug, @kind, @url, @title, @siteUrl, @now) ON CONFLICT (id) DO NOTHING`);
  const byId = db.prepare<[string], Row>('SELECT * FROM feeds WHERE id = ?');
  const bySlug = db.prepare<[string], Row>('SELECT * FROM feeds WHERE slug = ?');
  const byUrl = db.prepare<[string], Row>('SELECT * FROM feeds WHERE url = ?');
  const all = db.prepare<[], Row>('SELECT * FROM feeds ORDER BY created_at, id');
  const countAll = db.prepare<[], number>('SELECT count(*) FROM feeds').pluck();
  const countKind = db.prepare<[string], number>('SELECT count(*) FROM feeds WHERE kind = ?').pluck();
  const due = db.prepare<[number, number], Row>(
    'SELECT * FROM feeds WHERE next_due_at <= ? ORDER BY next_due_at, id LIMIT ?',
  );
  const ok = db.prepare(`UPDATE feeds SET etag = @etag, last_modified = @lastModified,
      next_due_at = @nextDueAt, failures = 0, last_ok_at = @at, last_error = NULL,
      title = CASE WHEN title = '' THEN @title ELSE title END, site_url = coalesce(@siteUrl, site_url),
      empty_reads = CASE WHEN @items = 0 THEN empty_reads + 1 WHEN @items > 0 THEN 0 ELSE empty_reads END,
      last_new_at = CASE WHEN @newItems > 0 THEN @at ELSE last_new_at END
    WHERE id = @id`);
  const fail = db.prepare(`UPDATE feeds SET failures = failures + 1, last_error = @error,
      next_due_at = @nextDueAt WHERE id = @id`);
  const park = db.prepare('UPDATE feeds SET initialized = 0, next_due_at = ? WHERE id = ?');
  const initialized = db.prepare('UPDATE feeds SET initialized = 1 WHERE id = ?');
  const move = db.prepare('UPDATE feeds SET url = ?, etag = NULL, last_modified = NULL WHERE id = ?');
  const see = db.prepare(`INSERT INTO feed_seen (feed_id, key, last_seen) VALUES (?, ?, ?)
    ON CONFLICT (feed_id, key) DO UPDATE SET last_seen = max(last_seen, excluded.last_seen)`);
  const touch = db.prepare('UPDATE feed_seen SET last_seen = ? WHERE feed_id = ?');
  const forget = db.prepare('DELETE FROM feed_seen WHERE feed_id = ? AND last_seen < ?');
  const one = (r: Row | undefined) => (r ? fromRow(r) : undefined);

  return {
    add(feed, now) {
      insert.run({ title: '', siteUrl: null, ...feed, now });
      return fromRow(byId.get(feed.id)!);
    },
    get: (id) => one(byId.get(id)),
    bySlug: (slug) => one(bySlug.get(slug)),
    byUrl: (url) => one(byUrl.get(url)),
    all: () => all.all().map(fromRow),
    count: (kind) => (kind ? countKind.get(kind) : countAll.get()) ?? 0,
    due: (now, limit) => due.all(now, limit).map(fromRow),
    recordOk(id, r) {
      ok.run({
        id,
        at: r.at,
        etag: r.validators.etag ?? null,
        lastModified: r.validators.lastModified ?? null,
        nextDueAt: r.nextDueAt,
        title: r.title ?? '',
        siteUrl: r.siteUrl ?? null,
        items: r.items === 'not-modified' ? -1 : r.items,
        newItems: r.newItems,
      });
    },
    recordError: (id, r) => void fail.run({ id, error: r.error.slice(0, 500), nextDueAt: r.nextDueAt }),
    park: (id, until) => void park.run(until, id),
    markInitialized: (id) => void initialized.run(id),
    moveUrl: (id, url) => void move.run(url, id),
    unseen(id, keys) {
      const known = new Set<string>();
      for (let i = 0; i < keys.length; i += CHUNK) {
        const part = keys.slice(i, i + CHUNK);
        const sql = `SELECT key FROM feed_seen WHERE feed_id = ? AND key IN (${part.map(() => '?').join(',')})`;
        for (const k of db
          .prepare<unknown[], string>(sql)
          .pluck()
          .all(id, ...part))
          known.add(k);
      }
      return [...new Set(keys)].filter((k) => !known.has(k));
    },
    see(id, keys, now) {
      db.transaction(() => {
        for (const k of keys) see.run(id, k, now);
      })();
    },
    touchAll: (id, now) => void touch.run(now, id),
    forget: (id, seenBefore) => forget.run(id, seenBefore).changes,
  };
}
