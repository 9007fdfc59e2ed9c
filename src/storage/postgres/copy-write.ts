import type pg from 'pg';
import { inTx } from './outbox-schema.ts';

export type ColType = 'text' | 'bigint' | 'int' | 'boolean';

export interface CopyColumn {
  name: string;
  type: ColType;
  /** SQLite expression yielding it (default: the column of that name) */
  src?: string;
  /** long text: compared through md5 on both sides instead of shipped whole */
  hashed?: boolean;
}

export type SqlRow = Record<string, unknown>;

export interface TableSpec {
  table: string;
  columns: CopyColumn[];
  /** the walk's order and the row identity; text keys compare bytewise on both sides */
  key: string[];
  /** what tells a changed row from an unchanged one (the key is always compared) */
  compare: string[];
  /** the target's key is GENERATED ALWAYS: inserts must override it */
  identity?: boolean;
  /** the target's other unique keys: a row holding one under another key is stale */
  uniques?: string[][];
  /** inside each write transaction, before anything else (takes locks) */
  begin?: (c: pg.PoolClient) => Promise<void>;
  /** inside each write transaction, after its deletes and inserts */
  after?: (c: pg.PoolClient, deleted: SqlRow[], inserted: SqlRow[]) => Promise<void>;
}

export const PG_TYPE: Record<ColType, string> = {
  text: 'text',
  bigint: 'bigint',
  int: 'integer',
  boolean: 'boolean',
};

/** SQLite hands booleans over as 0/1 and may keep a non-integral number in an INTEGER column */
export function toPg(v: unknown, type: ColType): unknown {
  if (v === null || v === undefined) return null;
  if (type === 'boolean') return v === true || v === 1 || v === '1';
  if (type === 'bigint' || type === 'int') return Math.round(Number(v));
  return String(v);
}

/** `SELECT * FROM unnest($from::type[], …)`: rows sent as one array per column */
export const unnestOf = (cs: CopyColumn[], from = 1): string =>
  `SELECT * FROM unnest(${cs.map((c, i) => `$${from + i}::${PG_TYPE[c.type]}[]`).join(', ')})`;

/** a column list as arrays (one per column) for `unnestOf` */
const arrays = (cols: CopyColumn[], rows: SqlRow[]) =>
  cols.map((c) => rows.map((r) => toPg(r[c.name], c.type)));

/**
 * One range's changes in one transaction: `stale` keys deleted, then `rows` inserted whole.
 * Delete + insert stands for an upsert: the identity columns (outbox, watches) can't be
 * updated, and a plain INSERT fails loudly on a row the diff did not expect, where ON CONFLICT
 * would hide it until the counts disagree.
 */
export async function writeRange(
  pool: pg.Pool,
  spec: TableSpec,
  rows: SqlRow[],
  stale: SqlRow[],
): Promise<void> {
  const keyList = spec.key.join(', ');
  const column = (n: string) => spec.columns.find((x) => x.name === n) as CopyColumn;
  const keyCols = spec.key.map(column);
  await inTx(pool, async (c) => {
    await spec.begin?.(c);
    const deleted: SqlRow[] = [];
    if (stale.length)
      deleted.push(
        ...(
          await c.query<SqlRow>(
            `DELETE FROM ${spec.table} WHERE (${keyList}) IN (${unnestOf(keyCols)}) RETURNING ${keyList}`,
            arrays(keyCols, stale),
          )
        ).rows,
      );
    for (const unique of spec.uniques ?? []) {
      // the source holds these values under another key, so the target's row with them is stale
      const ucols = unique.map(column);
      deleted.push(
        ...(
          await c.query<SqlRow>(
            `DELETE FROM ${spec.table} WHERE (${unique.join(', ')}) IN (${unnestOf(ucols)}) RETURNING ${keyList}`,
            arrays(ucols, rows),
          )
        ).rows,
      );
    }
    if (rows.length) {
      const names = spec.columns.map((x) => x.name).join(', ');
      await c.query(
        `INSERT INTO ${spec.table} (${names}) ${spec.identity ? 'OVERRIDING SYSTEM VALUE' : ''}
         ${unnestOf(spec.columns)}`,
        arrays(spec.columns, rows),
      );
    }
    await spec.after?.(c, deleted, rows);
  });
}
