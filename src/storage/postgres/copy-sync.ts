import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { Db } from '../db.ts';
import {
  type ColType,
  type CopyColumn,
  PG_TYPE,
  type SqlRow,
  type TableSpec,
  toPg,
  writeRange,
} from './copy-write.ts';

export interface SyncResult {
  inserted: number;
  updated: number;
  deleted: number;
  /** ranges walked */
  batches: number;
  /** false when `stopAfter` cut the walk short */
  done: boolean;
}

const md5 = (v: unknown): string | null =>
  v === null ? null : createHash('md5').update(String(v)).digest('hex');

/**
 * One value as both sides compare it: SQLite and pg hand it over differently (0/1 vs boolean,
 * number vs int8 string), and a fractional number SQLite kept in an INTEGER column reaches
 * PostgreSQL rounded (toPg), so it is compared rounded or it would look changed every run.
 */
const norm = (v: unknown, type: ColType): string => {
  if (v === null || v === undefined) return '\u0000';
  if (type === 'text') return String(v);
  return String(toPg(v, type));
};

/**
 * Brings one PostgreSQL table level with its SQLite original: walks the source in key order,
 * `batch` keys at a time, and compares each range (key and `compare` columns, long text as
 * md5) with the same range of the target. Only what differs is written, one transaction per
 * range: rows the target lacks are inserted, changed ones replaced (delete + insert: identity
 * columns can't be updated), rows the source no longer has deleted. So a run interrupted
 * anywhere, or run again after the bot moved on, ends with the same table, and a run with
 * nothing to do only reads. `src` must have the `kx_md5` function (see `prepareSource`).
 */
export async function syncTable(
  src: Db,
  pool: pg.Pool,
  spec: TableSpec,
  opts: { batch: number; stopAfter?: number },
): Promise<SyncResult> {
  const cols = new Map(spec.columns.map((c) => [c.name, c]));
  const col = (name: string): CopyColumn => {
    const c = cols.get(name);
    if (!c) throw new Error(`${spec.table}: no column ${name}`);
    return c;
  };
  const srcExpr = (c: CopyColumn) => c.src ?? c.name;
  const keyCols = spec.key.map(col);
  const cmpCols = spec.compare.map(col);
  // bytewise text order in PostgreSQL, as SQLite's BINARY collation sorts
  const pgKey = keyCols.map((c) => (c.type === 'text' ? `${c.name} COLLATE "C"` : c.name)).join(', ');
  const pgParams = (from: number) => keyCols.map((c, i) => `$${from + i}::${PG_TYPE[c.type]}`).join(', ');
  const srcKey = keyCols.map(srcExpr).join(', ');
  const srcCmp = [
    ...keyCols.map((c) => `${srcExpr(c)} AS ${c.name}`),
    ...cmpCols.map((c) => (c.hashed ? `kx_md5(${srcExpr(c)}) AS ${c.name}` : `${srcExpr(c)} AS ${c.name}`)),
  ].join(', ');
  const pgCmp = [
    ...keyCols.map((c) => c.name),
    ...cmpCols.map((c) => (c.hashed ? `md5(${c.name}) AS ${c.name}` : c.name)),
  ].join(', ');
  const keyOf = (r: SqlRow) => JSON.stringify(keyCols.map((c) => norm(r[c.name], c.type)));
  const fpOf = (r: SqlRow) => JSON.stringify(cmpCols.map((c) => norm(r[c.name], c.type)));
  const placeholders = keyCols.map(() => '?').join(', ');
  const firstRange = src.prepare(`SELECT ${srcCmp} FROM ${spec.table} ORDER BY ${srcKey} LIMIT ?`);
  const nextRange = src.prepare(
    `SELECT ${srcCmp} FROM ${spec.table} WHERE (${srcKey}) > (${placeholders}) ORDER BY ${srcKey} LIMIT ?`,
  );
  const fullRows = (keys: SqlRow[]): SqlRow[] => {
    if (!keys.length) return [];
    const values = keys.map(() => `(${placeholders})`).join(', ');
    const select = spec.columns.map((c) => `${srcExpr(c)} AS ${c.name}`).join(', ');
    return src
      .prepare(
        `SELECT ${select} FROM ${spec.table} WHERE (${srcKey}) IN (VALUES ${values}) ORDER BY ${srcKey}`,
      )
      .all(...keys.flatMap((k) => spec.key.map((n) => k[n]))) as SqlRow[];
  };

  const result: SyncResult = { inserted: 0, updated: 0, deleted: 0, batches: 0, done: true };
  let last: SqlRow | undefined;
  for (let n = 0; ; n++) {
    if (opts.stopAfter !== undefined && n >= opts.stopAfter) return { ...result, done: false };
    result.batches = n + 1;
    const source = (
      last ? nextRange.all(...spec.key.map((k) => last?.[k]), opts.batch) : firstRange.all(opts.batch)
    ) as SqlRow[];
    // the range (last, end]; in the source's last range, everything left in the target
    const end = source.length < opts.batch ? undefined : source.at(-1);
    const where = [
      ...(last ? [`(${pgKey}) > (${pgParams(1)})`] : []),
      ...(end ? [`(${pgKey}) <= (${pgParams(1 + (last ? keyCols.length : 0))})`] : []),
    ];
    const args = [
      ...(last ? spec.key : []).map((k) => last?.[k]),
      ...(end ? spec.key.map((k) => end[k]) : []),
    ];
    const target = (
      await pool.query<SqlRow>(
        `SELECT ${pgCmp} FROM ${spec.table} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
        args,
      )
    ).rows;
    const theirs = new Map(target.map((r) => [keyOf(r), r]));
    const fresh: SqlRow[] = [];
    const changed: SqlRow[] = [];
    for (const r of source) {
      const k = keyOf(r);
      const t = theirs.get(k);
      theirs.delete(k);
      if (!t) fresh.push(r);
      else if (fpOf(t) !== fpOf(r)) changed.push(r);
    }
    const gone = [...theirs.values()];
    if (fresh.length || changed.length || gone.length)
      await writeRange(pool, spec, fullRows([...fresh, ...changed]), [...changed, ...gone]);
    result.inserted += fresh.length;
    result.updated += changed.length;
    result.deleted += gone.length;
    if (!end) return result;
    last = end;
  }
}

/** Lets the walk compare long text by md5, as PostgreSQL's md5() hashes it (UTF-8 bytes). */
export function prepareSource(db: Db): void {
  db.function('kx_md5', { deterministic: true }, (v: unknown) => md5(v));
}
