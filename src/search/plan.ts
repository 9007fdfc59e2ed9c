import type { Db } from '../storage/db.ts';
import { categoryMeta, categoryToken, ftsPhrase, gramToken, titleToken } from './grams.ts';
import { codePointLength } from './normalize.ts';

/** the last 90 days rank before older articles: the one constant the ranker and its tests use */
export const FRESH_WINDOW = 90 * 86_400_000;

/**
 * FTS rowids are time keys: publish time in whole seconds (the site's own resolution); a
 * second already taken moves the story to the next free one. Small rowid deltas keep the
 * FTS doclists (varint deltas) small.
 */
const KEY_SCALE = 1;
export const timeKey = (ms: number): number =>
  Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000)) * KEY_SCALE;
const TOP = Number.MAX_SAFE_INTEGER;

type Table = 'search_tri' | 'search_tri_title' | 'search_grams';

/** a set of stories: an FTS expression on one table plus an optional SQL condition */
interface StorySet {
  table: Table;
  expr: string;
  extra: string;
}

interface Plan {
  any: StorySet;
  title: StorySet;
  body: StorySet;
  params: Record<string, string>;
}

// `+rowid`: a plain filter on the driving table's rows; a bare `rowid IN` would make FTS5
// run its whole query once per listed rowid
const inSet = (table: Table, param: string, not = false) =>
  `+rowid ${not ? 'NOT IN' : 'IN'} (SELECT rowid FROM ${table} WHERE ${table} MATCH @${param})`;

/**
 * Terms of 3+ characters go to the trigram tables (phrase = exact substring), shorter ones to
 * the unigram/bigram table (one token = exact substring). Title matches come from small
 * doclists (the title-only trigram table, `t` grams), so ranking titles first costs little;
 * only the "any" set walks the big doclists. A query with both kinds of terms drives on the
 * trigram tables and intersects with the grams table.
 */
export function plan(terms: readonly string[], categories: readonly string[]): Plan {
  const long = terms.filter((t) => codePointLength(t) >= 3).map(ftsPhrase);
  const short = terms.filter((t) => codePointLength(t) < 3).map(gramToken);
  const and = (xs: string[]) => xs.join(' AND ');
  const gramCats = categories.length
    ? ` AND (${categories.map((c) => ftsPhrase(categoryToken(c))).join(' OR ')})`
    : '';
  const gAny = and(short.map(ftsPhrase)) + gramCats;
  const gTitle = and(short.map((t) => ftsPhrase(titleToken(t)))) + gramCats;
  if (long.length === 0) {
    return {
      any: { table: 'search_grams', expr: gAny, extra: '' },
      title: { table: 'search_grams', expr: gTitle, extra: '' },
      body: { table: 'search_grams', expr: `(${gAny}) NOT (${gTitle})`, extra: '' },
      params: {},
    };
  }
  const triCats = categories.length
    ? ` AND meta : (${categories.map((c) => ftsPhrase(categoryMeta(c))).join(' OR ')})`
    : '';
  const any = `{body title} : (${and(long)})${triCats}`;
  const title = `title : (${and(long)})${triCats}`;
  const withShort = (...conds: string[]) => (short.length ? conds.join(' AND ') : '');
  const titleExtra = withShort(inSet('search_grams', 'gTitle'));
  const titleSql = `+rowid NOT IN (SELECT rowid FROM search_tri_title WHERE search_tri_title MATCH @triTitle${titleExtra ? ` AND ${titleExtra}` : ''})`;
  return {
    any: { table: 'search_tri', expr: any, extra: withShort(inSet('search_grams', 'gAny')) },
    title: { table: 'search_tri_title', expr: title, extra: titleExtra },
    body: {
      table: 'search_tri',
      expr: any,
      extra: [withShort(inSet('search_grams', 'gAny')), titleSql].filter(Boolean).join(' AND '),
    },
    params: { triTitle: title, ...(short.length ? { gAny, gTitle } : {}) },
  };
}

export interface RankedKeys {
  total: number;
  keys: Array<{ key: number; inTitle: boolean }>;
}

type Statement = ReturnType<Db['prepare']>;

/**
 * Ranking tiers: last 90 days before older; within each, title matches before body-only
 * matches; within each tier newest first (rowid descending, which FTS5 walks without sorting).
 */
export function createRanker(db: Db) {
  const cache = new Map<string, Statement>();
  const prepared = (sql: string): Statement => {
    let s = cache.get(sql);
    if (!s) {
      s = db.prepare(sql);
      if (cache.size > 200) cache.clear();
      cache.set(sql, s);
    }
    return s;
  };
  const where = (set: StorySet) =>
    `FROM ${set.table} WHERE ${set.table} MATCH @expr AND rowid >= @lo AND rowid < @hi${set.extra ? ` AND ${set.extra}` : ''}`;

  const count = (p: Plan, set: StorySet, lo: number, hi: number): number => {
    if (lo >= hi) return 0;
    const stmt = prepared(`SELECT count(*) ${where(set)}`).pluck();
    return stmt.get({ ...p.params, expr: set.expr, lo, hi }) as number;
  };
  const page = (p: Plan, set: StorySet, lo: number, hi: number, limit: number, offset: number): number[] => {
    const stmt = prepared(
      `SELECT rowid ${where(set)} ORDER BY rowid DESC LIMIT @limit OFFSET @offset`,
    ).pluck();
    return stmt.all({ ...p.params, expr: set.expr, lo, hi, limit, offset }) as number[];
  };

  return (
    p: Plan,
    opts: { since?: number | undefined; now: number; limit: number; offset: number },
  ): RankedKeys => {
    const lo = opts.since === undefined ? 0 : timeKey(opts.since);
    const fresh = Math.max(lo, timeKey(opts.now - FRESH_WINDOW));
    const tiers: Array<{ set: StorySet; lo: number; hi: number; inTitle: boolean; size: number }> = [];
    for (const [a, b] of [
      [fresh, TOP],
      [lo, fresh],
    ] as const) {
      if (a >= b) continue;
      const titled = count(p, p.title, a, b);
      const all = count(p, p.any, a, b);
      tiers.push({ set: p.title, lo: a, hi: b, inTitle: true, size: titled });
      tiers.push({ set: p.body, lo: a, hi: b, inTitle: false, size: all - titled });
    }
    const total = tiers.reduce((sum, t) => sum + t.size, 0);
    const keys: RankedKeys['keys'] = [];
    let skip = opts.offset;
    for (const t of tiers) {
      if (keys.length >= opts.limit) break;
      if (skip >= t.size) {
        skip -= t.size;
        continue;
      }
      for (const key of page(p, t.set, t.lo, t.hi, opts.limit - keys.length, skip)) {
        keys.push({ key, inTitle: t.inTitle });
      }
      skip = 0;
    }
    return { total, keys };
  };
}
