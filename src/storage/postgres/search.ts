import type pg from 'pg';
import type { StoredArticle } from '../../articles/types.ts';
import { createSearchIndex } from '../../search/index.ts';
import type { Normalizer } from '../../search/normalize.ts';
import type { SearchIndex, SearchQuery, SearchResult } from '../../search/types.ts';
import type { Db } from '../db.ts';
import { createSearchLog, type SearchDoc } from './search-log.ts';

/** The SearchIndex contract where the store answers asynchronously (PostgreSQL). */
export interface AsyncSearchIndex {
  add(article: SearchDoc): Promise<void>;
  addMany(articles: readonly SearchDoc[]): Promise<void>;
  remove(seqs: readonly number[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  count(): Promise<number>;
  normalize(text: string): string;
}

const BATCH = 2_000;

/**
 * Search for instances that share a PostgreSQL archive. PostgreSQL holds the feed of indexed
 * articles (search-log.ts); each instance answers from its own FTS5 replica of it, brought up
 * to date before every query. PostgreSQL itself can't answer exactly and fast enough: pg_trgm
 * extracts nothing from CJK under a C ctype, scans the table for 1-2 character terms, and a
 * GIN gram index must re-read the text of every candidate for the exact total of a common
 * term (BENCHMARKS.md, "PostgreSQL search"). The replica is the same engine as the SQLite
 * index, so both give the same results by construction.
 *
 * `local` is a SQLite file of the instance's own with the search migrations applied; it may
 * be deleted at any time and is rebuilt from the log.
 */
export function createPgSearchIndex(
  pool: pg.Pool,
  local: Db,
  opts: { normalizer?: Normalizer } = {},
): AsyncSearchIndex & { catchUp(): Promise<number>; local: SearchIndex } {
  const log = createSearchLog(pool);
  const index = createSearchIndex(local, {
    texts: 'own',
    ...(opts.normalizer ? { normalizer: opts.normalizer } : {}),
  });
  local.exec('CREATE TABLE IF NOT EXISTS search_replica (id INTEGER NOT NULL)');
  const readId = local.prepare('SELECT id FROM search_replica').pluck();
  const clearId = local.prepare('DELETE FROM search_replica');
  const writeId = local.prepare('INSERT INTO search_replica (id) VALUES (?)');
  const apply = local.transaction((entries: Array<{ id: number; seq: number; doc: SearchDoc | null }>) => {
    const adds: StoredArticle[] = [];
    const flush = () => {
      if (adds.length) index.addMany(adds.splice(0));
    };
    for (const e of entries) {
      if (e.doc) adds.push(e.doc as StoredArticle);
      else {
        flush();
        index.remove([e.seq]);
      }
    }
    flush();
    clearId.run();
    writeId.run(entries.at(-1)?.id ?? 0);
  });
  let ready: Promise<void> | undefined;
  let tail: Promise<number> = Promise.resolve(0);
  let queued: Promise<number> | undefined;

  const pass = async (): Promise<number> => {
    ready ??= log.migrate();
    await ready;
    let applied = 0;
    for (;;) {
      const from = (readId.get() as number | undefined) ?? 0;
      const entries = await log.after(from, BATCH);
      if (entries.length === 0) return applied;
      apply(entries);
      applied += entries.length;
    }
  };
  /**
   * applies what other writers (and this one) logged since the last look; returns how many.
   * A pass always starts after the call, so a caller sees every write committed before it.
   */
  const catchUp = (): Promise<number> => {
    // callers that come while a pass waits to start share it: it still starts after them
    if (queued) return queued;
    const p: Promise<number> = tail
      .catch(() => 0)
      .then(() => {
        queued = undefined;
        return pass();
      });
    queued = p;
    tail = p;
    return p;
  };

  const addMany = async (articles: readonly SearchDoc[]) => {
    ready ??= log.migrate();
    await ready;
    await log.append(articles);
    await catchUp();
  };
  return {
    local: index,
    catchUp,
    add: (a) => addMany([a]),
    addMany,
    async remove(seqs) {
      ready ??= log.migrate();
      await ready;
      await log.remove(seqs);
      await catchUp();
    },
    async search(query) {
      await catchUp();
      return index.search(query);
    },
    async count() {
      await catchUp();
      return index.count();
    },
    normalize: (text) => index.normalize(text),
  };
}
