import type pg from 'pg';
import type { Db } from '../db.ts';
import { migratePgArchive } from './articles-schema.ts';
import { prepareSource, type SyncResult, syncTable } from './copy-sync.ts';
import { COPY_TABLES, SEQUENCES } from './copy-tables.ts';
import { migratePgFeeds } from './feeds-schema.ts';
import { migratePgKv } from './keyv.ts';
import { inTx, migratePgOutbox } from './outbox-schema.ts';
import { servingSince } from './serving.ts';
import { migratePgWatches } from './watches.ts';

export interface CopyOptions {
  /** rows per range and per transaction */
  batch?: number;
  /** stop after this many ranges in all (tests: an interrupted run) */
  stopAfter?: number;
  /** hears each table as it finishes (awaited: progress output, tests acting between tables) */
  onTable?: (table: string, r: SyncResult, ms: number) => void | Promise<void>;
  /** copy even though instances already served from the target (it undoes what they wrote) */
  force?: boolean;
}

export interface CountCheck {
  table: string;
  source: number;
  target: number;
  ok: boolean;
}

export interface CopyReport {
  tables: Array<{ table: string; ms: number } & SyncResult>;
  /** empty when the run was cut short by `stopAfter` */
  counts: CountCheck[];
  done: boolean;
}

// one migration at a time: two runs interleaving their deletes and inserts would fight
const COPY_LOCK = 0x6b78_4d47; // 'kxMG'

/**
 * Copies a bot's SQLite state into PostgreSQL (`kuaixun migrate`). `src` may belong to a
 * running bot: every read happens in one read transaction, so under WAL the copy is one
 * consistent snapshot the bot keeps writing past, and the counts checked at the end are of
 * that snapshot. Running it again copies only what changed since (see syncTable). The search
 * log is filled with the copied articles' docs, so each instance's replica builds from it.
 */
export async function copySqliteToPg(src: Db, pool: pg.Pool, opts: CopyOptions = {}): Promise<CopyReport> {
  const missing = [...COPY_TABLES.map((t) => t.table), 'kv_quarantine'].filter(
    (t) => !src.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t),
  );
  if (missing.length)
    throw new Error(
      `the SQLite file lacks ${missing.join(', ')}: start the bot once on it to bring it up to date`,
    );
  const served = await servingSince(pool);
  if (served !== null && !opts.force)
    throw new Error(
      `instances have served from this database since ${new Date(served).toISOString()}: copying now ` +
        'would undo what they wrote (the SQLite file is the source of truth here); pass --force to copy anyway',
    );
  prepareSource(src);
  await migratePgKv(pool);
  await migratePgArchive(pool);
  await migratePgFeeds(pool);
  await migratePgWatches(pool);
  await migratePgOutbox(pool);

  const lock = await pool.connect();
  try {
    const got = await lock.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [COPY_LOCK]);
    if (!got.rows[0]?.ok) throw new Error('another migrate is running against this database');
    src.exec('BEGIN');
    try {
      return await copyAll(src, pool, opts);
    } finally {
      src.exec('ROLLBACK');
      await lock.query('SELECT pg_advisory_unlock($1)', [COPY_LOCK]);
    }
  } finally {
    lock.release();
  }
}

async function copyAll(src: Db, pool: pg.Pool, opts: CopyOptions): Promise<CopyReport> {
  // the first read pins the snapshot every later read of this transaction sees
  src.prepare('SELECT count(*) FROM kv').get();
  const report: CopyReport = { tables: [], counts: [], done: true };
  let budget = opts.stopAfter;
  for (const spec of COPY_TABLES) {
    const started = performance.now();
    const r = await syncTable(src, pool, spec, {
      batch: opts.batch ?? 2_000,
      ...(budget !== undefined ? { stopAfter: budget } : {}),
    });
    const ms = performance.now() - started;
    report.tables.push({ table: spec.table, ms, ...r });
    await opts.onTable?.(spec.table, r, ms);
    if (budget !== undefined) budget -= r.batches;
    if (!r.done) return { ...report, done: false };
  }
  await copyQuarantine(src, pool);
  await moveSequences(pool);
  report.counts = await countBoth(src, pool);
  return report;
}

/**
 * Values the bot set aside as unreadable, kept for the operator. The table has no key and only
 * grows; it is small, so a differing count replaces it whole.
 */
async function copyQuarantine(src: Db, pool: pg.Pool): Promise<void> {
  const rows = src.prepare('SELECT key, value, reason, at FROM kv_quarantine ORDER BY rowid').all() as Array<{
    key: string;
    value: string;
    reason: string;
    at: number;
  }>;
  const there = await pool.query<{ n: string }>('SELECT count(*) AS n FROM kv_quarantine');
  if (Number(there.rows[0]?.n) === rows.length) return;
  await inTx(pool, async (c) => {
    await c.query('DELETE FROM kv_quarantine');
    await c.query(
      'INSERT INTO kv_quarantine (key, value, reason, at) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[])',
      [rows.map((r) => r.key), rows.map((r) => r.value), rows.map((r) => r.reason), rows.map((r) => r.at)],
    );
  });
}

/** keys were copied as they were: the next one drawn must come after the largest */
async function moveSequences(pool: pg.Pool): Promise<void> {
  for (const { table, column } of SEQUENCES)
    await pool.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${column}) FROM ${table}), 0) + 1, false)`,
      [table, column],
    );
}

async function countBoth(src: Db, pool: pg.Pool): Promise<CountCheck[]> {
  const count = (sql: string) => Number(src.prepare(sql).pluck().get());
  const pgCount = async (sql: string) => Number((await pool.query<{ n: string }>(sql)).rows[0]?.n);
  const checks: CountCheck[] = [];
  const check = (table: string, source: number, target: number) =>
    checks.push({ table, source, target, ok: source === target });
  for (const t of [...COPY_TABLES.map((s) => s.table), 'kv_quarantine'])
    check(t, count(`SELECT count(*) FROM ${t}`), await pgCount(`SELECT count(*) AS n FROM ${t}`));
  // one live doc per article: a missing or doubled doc shows here
  check(
    'search_log',
    count('SELECT count(*) FROM articles'),
    await pgCount('SELECT count(*) AS n FROM search_log WHERE doc IS NOT NULL'),
  );
  return checks;
}
