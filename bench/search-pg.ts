/**
 * npm run bench:search-pg — search for instances on PostgreSQL against the SQLite index, in one
 * run over the same 100,000 generated articles (bench/search-corpus.ts) and the same query mix
 * as bench:search:
 *  - SQLite: createSearchIndex on a SQLite file (the single-instance default, the baseline);
 *  - PostgreSQL: createPgSearchIndex, the search log in PostgreSQL plus this instance's FTS5
 *    replica; and a second instance building its replica from the log (a new or restarted one);
 *  - pg_trgm (the PostgreSQL-only alternative, measured to choose): normalized text in a table
 *    with a GIN gin_trgm_ops index, the exact total plus the newest 10 by LIKE '%term%'.
 * Needs BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres); it creates its
 * own database and drops it. ARTICLES=20000 for a quicker run, TRGM=0 to leave out pg_trgm.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { StoredArticle } from '../src/articles/types.ts';
import { articleBody, createSearchIndex } from '../src/search/index.ts';
import { createNormalizer } from '../src/search/normalize.ts';
import { searchMigrations } from '../src/search/schema.ts';
import { openDb } from '../src/storage/db.ts';
import { createPgSearchIndex } from '../src/storage/postgres/search.ts';
import { createRandom, generateArticle, SEARCH_QUERIES as QUERIES } from './search-corpus.ts';
import { pctl } from './stats.ts';

const N = Number(process.env.ARTICLES ?? 100_000);
const TRGM = process.env.TRGM !== '0';
const BATCH = 1_000;
const NOW = Date.now();
const SPAN_DAYS = 120;
const REPS = 7;
const SERVER = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const f1 = (x: number): string => x.toFixed(x < 10 ? 2 : 1);
const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);
const fileBytes = (path: string) =>
  ['', '-wal'].reduce((sum, s) => sum + (statSync(path + s, { throwIfNoEntry: false })?.size ?? 0), 0);

// the server's database, made for this run: UTF-8 with a UTF-8 ctype so pg_trgm sees CJK
const name = `kx_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: SERVER });
await admin.connect();
await admin.query(
  `CREATE DATABASE ${name} ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0`,
);
const url = new URL(SERVER);
url.pathname = `/${name}`;
const pool = new pg.Pool({ connectionString: url.toString(), max: 4 });
const dir = mkdtempSync(join(tmpdir(), 'kx-bench-search-pg-'));

try {
  const ctype = (await pool.query<{ lc_ctype: string }>('SHOW lc_ctype')).rows[0]?.lc_ctype;
  const sqlitePath = join(dir, 'sqlite.sqlite');
  const sqliteDb = openDb(sqlitePath, searchMigrations);
  const sqlite = createSearchIndex(sqliteDb, { texts: 'own' });
  const replicaPath = join(dir, 'replica-a.sqlite');
  const replicaDb = openDb(replicaPath, searchMigrations);
  const pgIndex = createPgSearchIndex(pool, replicaDb);
  const normalizer = createNormalizer();
  if (TRGM) {
    await pool.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await pool.query(
      'CREATE TABLE trgm_docs (seq bigint PRIMARY KEY, published_at bigint NOT NULL, title text NOT NULL, body text NOT NULL)',
    );
  }

  // ingest, batch by batch into each backend; generation is timed apart
  const r = createRandom(42);
  let textBytes = 0;
  const ms = { sqlite: 0, pg: 0, trgm: 0 };
  for (let start = 1; start <= N; start += BATCH) {
    const batch: StoredArticle[] = [];
    for (let seq = start; seq < Math.min(N + 1, start + BATCH); seq++) {
      const a = generateArticle(r, seq, N, NOW, SPAN_DAYS);
      textBytes += Buffer.byteLength(a.title) + Buffer.byteLength(a.paragraphs.join('\n'));
      batch.push(a);
    }
    let t = performance.now();
    sqlite.addMany(batch);
    ms.sqlite += performance.now() - t;
    t = performance.now();
    await pgIndex.addMany(batch);
    ms.pg += performance.now() - t;
    if (TRGM) {
      t = performance.now();
      await pool.query(
        'INSERT INTO trgm_docs SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[])',
        [
          batch.map((a) => a.seq),
          batch.map((a) => a.publishedAt),
          batch.map((a) => normalizer.normalize(a.title)),
          batch.map((a) => normalizer.normalize(articleBody(a))),
        ],
      );
      ms.trgm += performance.now() - t;
    }
  }
  let trgmIndexMs = 0;
  if (TRGM) {
    const t = performance.now();
    await pool.query(
      'CREATE INDEX trgm_docs_text ON trgm_docs USING gin ((title || $$ $$ || body) gin_trgm_ops)',
    );
    await pool.query('VACUUM ANALYZE trgm_docs');
    trgmIndexMs = performance.now() - t;
  }
  sqliteDb.pragma('wal_checkpoint(TRUNCATE)');
  replicaDb.pragma('wal_checkpoint(TRUNCATE)');

  // a second instance builds its replica from the log
  const replicaBPath = join(dir, 'replica-b.sqlite');
  const replicaBDb = openDb(replicaBPath, searchMigrations);
  const pgB = createPgSearchIndex(pool, replicaBDb);
  const t = performance.now();
  await pgB.catchUp();
  const replayMs = performance.now() - t;
  replicaBDb.pragma('wal_checkpoint(TRUNCATE)');

  const size = async (rel: string) =>
    Number(
      (await pool.query<{ n: string }>('SELECT pg_total_relation_size($1) AS n', [rel])).rows[0]?.n ?? 0,
    );
  const logBytes = await size('search_log');
  const trgmTable = TRGM ? await size('trgm_docs') : 0;
  const trgmIndex = TRGM ? await size('trgm_docs_text') : 0;

  // latency: each query REPS times, top-10 with the exact total, as /search asks
  type Run = (terms: string[]) => Promise<number>;
  const runSqlite: Run = async (terms) => sqlite.search({ terms, offset: 0, limit: 10, now: NOW }).total;
  const runPg: Run = async (terms) => (await pgB.search({ terms, offset: 0, limit: 10, now: NOW })).total;
  const like = (term: string) => `%${normalizer.normalize(term).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const runTrgm: Run = async (terms) => {
    const where = terms.map((_, i) => `(title || ' ' || body) LIKE $${i + 1}`).join(' AND ');
    const params = terms.map(like);
    const [count] = await Promise.all([
      pool.query<{ n: string }>(`SELECT count(*) AS n FROM trgm_docs WHERE ${where}`, params),
      pool.query(`SELECT seq FROM trgm_docs WHERE ${where} ORDER BY published_at DESC LIMIT 10`, params),
    ]);
    return Number(count.rows[0]?.n ?? 0);
  };
  const measure = async (run: Run) => {
    const byGroup: Record<string, number[]> = {};
    const totals: Record<string, number> = {};
    for (const [group, qs] of Object.entries(QUERIES)) {
      byGroup[group] = [];
      for (const terms of qs) {
        for (let rep = 0; rep < REPS; rep++) {
          const t0 = performance.now();
          totals[terms.join(' ')] = await run(terms);
          byGroup[group].push(performance.now() - t0);
        }
      }
    }
    return { byGroup, totals, all: Object.values(byGroup).flat() };
  };
  const lat = {
    sqlite: await measure(runSqlite),
    pg: await measure(runPg),
    ...(TRGM ? { trgm: await measure(runTrgm) } : {}),
  };

  console.log(`articles: ${N}, text ${mb(textBytes)} MB (UTF-8); PostgreSQL database lc_ctype ${ctype}`);
  console.log('\ningest (articles/s of wall time, index only)');
  console.log(`  SQLite index                      ${Math.round(N / (ms.sqlite / 1000))}`);
  console.log(`  PostgreSQL log + own FTS5 replica ${Math.round(N / (ms.pg / 1000))}`);
  console.log(`  new instance: replica from the log ${Math.round(N / (replayMs / 1000))}`);
  if (TRGM)
    console.log(
      `  pg_trgm: rows ${Math.round(N / (ms.trgm / 1000))}, then GIN index ${f1(trgmIndexMs / 1000)} s (${Math.round(N / ((ms.trgm + trgmIndexMs) / 1000))} all in)`,
    );
  console.log('\nsize (MB, and × the text)');
  const x = (b: number) => `${mb(b)} (${(b / textBytes).toFixed(2)}×)`;
  console.log(`  SQLite index file                 ${x(fileBytes(sqlitePath))}`);
  console.log(`  PostgreSQL search_log             ${x(logBytes)}`);
  console.log(`  replica file on each instance     ${x(fileBytes(replicaPath))}`);
  if (TRGM) console.log(`  pg_trgm table ${x(trgmTable - trgmIndex)}, GIN index ${x(trgmIndex)}`);

  console.log('\ntop-10 latency (ms, wall)   SQLite p50/p95   PostgreSQL p50/p95   pg_trgm p50/p95');
  const cell = (xs: number[] | undefined) => (xs ? `${f1(pctl(xs, 50))} / ${f1(pctl(xs, 95))}` : '—');
  for (const g of [...Object.keys(QUERIES), 'all']) {
    const pick = (m: { byGroup: Record<string, number[]>; all: number[] } | undefined) =>
      m ? (g === 'all' ? m.all : m.byGroup[g]) : undefined;
    console.log(
      `  ${g.padEnd(16)} ${cell(pick(lat.sqlite)).padStart(16)} ${cell(pick(lat.pg)).padStart(20)} ${cell(pick(lat.trgm)).padStart(17)}`,
    );
  }
  const ratio = pctl(lat.pg.all, 95) / pctl(lat.sqlite.all, 95);
  console.log(`  PostgreSQL p95 / SQLite p95 = ${ratio.toFixed(2)}; bar: p95 ≤ 150 ms`);
  // PostgreSQL must match SQLite exactly (same engine); pg_trgm counts article rows, not stories
  // (twin posts are one story to the index), so its totals are listed apart and may be higher
  const q0 = Object.keys(lat.sqlite.totals);
  const pgDiffer = q0.filter((q) => lat.sqlite.totals[q] !== lat.pg.totals[q]);
  console.log(
    `\nSQLite and PostgreSQL totals agree: ${pgDiffer.length ? `NO: ${pgDiffer.map((q) => `${q} ${lat.sqlite.totals[q]}/${lat.pg.totals[q]}`).join(', ')}` : 'yes'} (${q0
      .map((q) => `${q}=${lat.sqlite.totals[q]}`)
      .join(', ')})`,
  );
  if (lat.trgm) {
    const t = lat.trgm.totals;
    const trgmDiffer = q0.filter((q) => t[q] !== lat.sqlite.totals[q]);
    console.log(
      `pg_trgm rows (articles, not stories) differ for ${trgmDiffer.length}: ${trgmDiffer.map((q) => `${q} ${lat.sqlite.totals[q]}/${t[q]}`).join(', ')}`,
    );
  }
  sqliteDb.close();
  replicaDb.close();
  replicaBDb.close();
} finally {
  await pool.end();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
