import type { Db } from '../storage/db.ts';
import { categoryMeta, categoryToken, ftsPhrase, gramToken, titleToken } from './grams.ts';
import { codePointLength } from './normalize.ts';

/**
 * FTS rowids are time keys: publish time in whole seconds (the site's own resolution); a
 * second already taken moves the story to the next free one. Small rowid deltas keep the
 * FTS doclists (varint deltas) small.
 */
export const KEY_SCALE = 1;
export const timeKey = (ms: number): number =>
  Math.max(0, Math.floor((Number.isFinite(ms) ? ms : 0) / 1000)) * KEY_SCALE;
const TOP = Number.MAX_SAFE_INTEGER;

/** a set of stories: an FTS expression on the driving table plus an optional SQL condition */
interface StorySet {
  expr: string;
  extra: string;
}

interface Plan {
  table: 'search_tri' | 'search_grams';
  any: StorySet;
  title: StorySet;
  body: StorySet;
  params: Record<string, string>;
}

// `+rowid`: a plain filter on the driving table's rows; a bare `rowid IN` would make FTS5
// run its whole query once per listed rowid
const GRAMS_IN = (param: string) =>
  `+rowid IN (SELECT rowid FROM search_grams WHERE search_grams MATCH @${param})`;

/**
 * Terms of 3+ characters go to the trigram table (phrase = exact substring), shorter ones to
 * the unigram/bigram table (one token = exact substring). A query with both drives on the
 * trigram table and intersects with the grams table.
 */
export function plan(terms: readonly string[], categories: readonly string[]): Plan {
  const long = terms.filter((t) => codePointLength(t) >= 3).map(ftsPhrase);
  const short = terms.filter((t) => codePointLength(t) < 3).map(gramToken);
  const and = (xs: string[]) => xs.join(' AND ');
  if (long.length === 0) {
    const cats = categories.length
      ? ` AND (${categories.map((c) => ftsPhrase(categoryToken(c))).join(' OR ')})`
      : '';
    const any = and(short.map(ftsPhrase)) + cats;
    const title = and(short.map((t) => ftsPhrase(titleToken(t)))) + cats;
    return {
      table: 'search_grams',
      any: { expr: any, extra: '' },
      title: { expr: title, extra: '' },
      body: { expr: `(${any}) NOT (${title})`, extra: '' },
      params: {},
    };
  }
  const cats = categories.length
    ? ` AND meta : (${categories.map((c) => ftsPhrase(categoryMeta(c))).join(' OR ')})`
    : '';
  const any = `{title body} : (${and(long)})${cats}`;
  const title = `title : (${and(long)})${cats}`;
  if (short.length === 0) {
    return {
      table: 'search_tri',
      any: { expr: any, extra: '' },
      title: { expr: title, extra: '' },
      body: { expr: `(${any}) NOT (${title})`, extra: '' },
      params: {},
    };
  }
  const titleSql = `+rowid IN (SELECT rowid FROM search_tri WHERE search_tri MATCH @triTitle AND ${GRAMS_IN('gTitle')})`;
  return {
    table: 'search_tri',
    any: { expr: any, extra: GRAMS_IN('gAny') },
    title: { expr: title, extra: GRAMS_IN('gTitle') },
    body: { expr: any, extra: `${GRAMS_IN('gAny')} AND NOT ${titleSql}` },
    params: {
      gAny: and(short.map(ftsPhrase)),
      gTitle: and(short.map((t) => ftsPhrase(titleToken(t)))),
      triTitle: title,
    },
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
  const where = (p: Plan, set: StorySet) =>
    `FROM ${p.table} WHERE ${p.table} MATCH @expr AND rowid >= @lo AND rowid < @hi${set.extra ? ` AND ${set.extra}` : ''}`;

  const count = (p: Plan, set: StorySet, lo: number, hi: number): number => {
    if (lo >= hi) return 0;
    const stmt = prepared(`SELECT count(*) ${where(p, set)}`).pluck();
    return stmt.get({ ...p.params, expr: set.expr, lo, hi }) as number;
  };
  const page = (p: Plan, set: StorySet, lo: number, hi: number, limit: number, offset: number): number[] => {
    const stmt = prepared(
      `SELECT rowid ${where(p, set)} ORDER BY rowid DESC LIMIT @limit OFFSET @offset`,
    ).pluck();
    return stmt.all({ ...p.params, expr: set.expr, lo, hi, limit, offset }) as number[];
  };

  return (p: Plan, opts: { since?: number; now: number; limit: number; offset: number }): RankedKeys => {
    const lo = opts.since === undefined ? 0 : timeKey(opts.since);
    const fresh = Math.max(lo, timeKey(opts.now - 90 * 86_400_000));
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
