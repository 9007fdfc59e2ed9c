import type pg from 'pg';
import type { CategoryInfo, CategoryRegistry } from '../../articles/types.ts';

export interface PgRegistryOptions {
  /** a write that failed (it stays queued and is retried); the caller counts or logs it */
  onError?: (err: unknown) => void;
  /** how far back from the newest article popular() can count (default 8 days) */
  popularWindowMs?: number;
}

export interface PgRegistry extends CategoryRegistry {
  /** the initial read; call before use */
  load(): Promise<void>;
  /** re-reads PostgreSQL: categories other instances learned, their counts, recent posts */
  refresh(): Promise<void>;
  /** waits for the queued writes, retrying failed ones once; failures go to onError, not thrown */
  flush(): Promise<void>;
}

type Observation = Parameters<CategoryRegistry['observe']>[0];

interface Row {
  slug: string;
  source: string;
  tag: string;
  first_seen: string;
  last_seen: string;
  posts: string;
  verified: boolean;
}

const HOUR = 3_600_000;

/** `later` observed after `earlier`, as the SQLite upsert folds them: names never get emptied */
const merge = (earlier: CategoryInfo, later: CategoryInfo): CategoryInfo => ({
  slug: earlier.slug,
  source: later.source || earlier.source,
  tag: later.tag || earlier.tag,
  firstSeen: Math.min(earlier.firstSeen, later.firstSeen),
  lastSeen: Math.max(earlier.lastSeen, later.lastSeen),
  posts: earlier.posts + later.posts,
  verified: earlier.verified || later.verified,
});

// posts are added (`posts + excluded.posts`), so what two instances count adds up
const UPSERT = `
  INSERT INTO categories (slug, source, tag, first_seen, last_seen, posts, verified)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[],
    $7::boolean[]) ORDER BY 1
  ON CONFLICT (slug) DO UPDATE SET
    source = CASE WHEN excluded.source <> '' THEN excluded.source ELSE categories.source END,
    tag = CASE WHEN excluded.tag <> '' THEN excluded.tag ELSE categories.tag END,
    first_seen = least(categories.first_seen, excluded.first_seen),
    last_seen = greatest(categories.last_seen, excluded.last_seen),
    posts = categories.posts + excluded.posts,
    verified = categories.verified OR excluded.verified`;

/**
 * The category registry of src/articles/registry.ts on PostgreSQL. It stays synchronous (every
 * label reads it): reads come from memory, observe() updates memory at once and queues the
 * write. Queued observations of one slug are folded into one delta; the writes and refreshes
 * run one at a time, in order, so a refresh never counts a delta twice or drops one.
 *
 * popular() ranks by posts archived since a time, as SQLite does, from hourly counts read at
 * refresh: exact to the hour (the hour holding `since` counts whole), and only as fresh as
 * the last refresh. Call `migratePgArchive(pool)` first.
 */
export function createPgRegistry(pool: pg.Pool, opts: PgRegistryOptions = {}): PgRegistry {
  const onError = opts.onError ?? (() => {});
  const windowMs = opts.popularWindowMs ?? 8 * 86_400_000;
  let known = new Map<string, CategoryInfo>();
  /** per category: [hour, articles published in it] */
  let recent = new Map<string, Array<[number, number]>>();
  let pending = new Map<string, CategoryInfo>();
  let chain: Promise<void> = Promise.resolve();
  let writeQueued = false;

  const enqueue = (fn: () => Promise<void>): Promise<void> => {
    const p = chain.then(fn);
    chain = p.catch(() => {});
    return p;
  };
  const fold = (into: Map<string, CategoryInfo>, info: CategoryInfo) => {
    const had = into.get(info.slug);
    into.set(info.slug, had ? merge(had, info) : info);
  };

  const write = async () => {
    writeQueued = false;
    if (pending.size === 0) return;
    const batch = pending;
    pending = new Map();
    const d = [...batch.values()];
    try {
      await pool.query(UPSERT, [
        d.map((x) => x.slug),
        d.map((x) => x.source),
        d.map((x) => x.tag),
        d.map((x) => x.firstSeen),
        d.map((x) => x.lastSeen),
        d.map((x) => x.posts),
        d.map((x) => x.verified),
      ]);
    } catch (err) {
      // back in the queue ahead of what was observed meanwhile, for the next attempt
      for (const later of pending.values()) fold(batch, later);
      pending = batch;
      onError(err);
    }
  };
  const kick = () => {
    if (writeQueued) return;
    writeQueued = true;
    // only a throwing onError rejects; observe() must not, and flush() will report it again
    enqueue(write).catch(() => {});
  };

  const read = async () => {
    const rows = await pool.query<Row>('SELECT * FROM categories');
    const hours = await pool.query<{ category: string; hour: string; n: string }>(
      `SELECT category, published_at / ${HOUR} AS hour, count(*) AS n FROM articles
       WHERE published_at >= (SELECT max(published_at) FROM articles) - $1
       GROUP BY 1, 2`,
      [windowMs],
    );
    const next = new Map<string, CategoryInfo>();
    for (const r of rows.rows)
      next.set(r.slug, {
        slug: r.slug,
        source: r.source,
        tag: r.tag,
        firstSeen: Number(r.first_seen),
        lastSeen: Number(r.last_seen),
        posts: Number(r.posts),
        verified: r.verified,
      });
    // observations not yet written stay visible
    for (const info of pending.values()) fold(next, info);
    const counts = new Map<string, Array<[number, number]>>();
    for (const h of hours.rows) {
      const list = counts.get(h.category) ?? [];
      list.push([Number(h.hour), Number(h.n)]);
      counts.set(h.category, list);
    }
    known = next;
    recent = counts;
  };

  const postsSince = (slug: string, since: number): number => {
    const from = Math.floor(since / HOUR);
    let n = 0;
    for (const [hour, c] of recent.get(slug) ?? []) if (hour >= from) n += c;
    return n;
  };

  return {
    observe(o: Observation) {
      const info: CategoryInfo = {
        slug: o.slug,
        source: o.source ?? '',
        tag: o.tag ?? '',
        firstSeen: o.seenAt,
        lastSeen: o.seenAt,
        posts: o.newPosts ?? 0,
        verified: o.verified === true,
      };
      fold(known, info);
      fold(pending, info);
      kick();
    },
    // copies: a caller's edit must not reach the shared state
    get: (slug) => {
      const c = known.get(slug);
      return c ? { ...c } : undefined;
    },
    all: () =>
      [...known.values()]
        .map((c) => ({ ...c }))
        .sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0)),
    popular(since, limit) {
      const ranked = [...known.values()].map((c) => ({ c, n: postsSince(c.slug, since) }));
      ranked.sort(
        (a, b) =>
          b.n - a.n ||
          b.c.lastSeen - a.c.lastSeen ||
          (a.c.slug < b.c.slug ? -1 : a.c.slug > b.c.slug ? 1 : 0),
      );
      return ranked.slice(0, limit).map((r) => ({ ...r.c }));
    },
    load: () => enqueue(read),
    refresh: () => enqueue(read),
    flush: () => enqueue(write),
  };
}
