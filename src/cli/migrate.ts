import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { CliIo } from '../cli.ts';
import { type CopyOptions, copySqliteToPg } from '../storage/postgres/copy-sqlite.ts';

export const MIGRATE_USAGE =
  'usage: kuaixun migrate --from sqlite://<file> --to postgres://<user>[:<password>]@<host>/<db>';

/** the URL as it may be printed: never its password */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return url.replace(/:\/\/([^:/@]*):[^@]*@/, '://$1:***@');
  }
}

const pad = (s: string | number, n: number) => String(s).padStart(n);

/**
 * `kuaixun migrate --from sqlite://… --to postgres://…`: copies a bot's SQLite state into
 * PostgreSQL (copySqliteToPg), safely while the bot runs, and checks the row counts. Run it
 * once while the bot runs, stop the bot, run it again (only the delta), start the instances.
 * Returns 2 for bad arguments, 1 when the copy failed or a count differs.
 */
export async function runMigrate(
  args: { from?: unknown; to?: unknown; force?: unknown },
  io: CliIo,
  opts: CopyOptions = {},
): Promise<number> {
  const { from, to } = args;
  if (
    typeof from !== 'string' ||
    typeof to !== 'string' ||
    !from.startsWith('sqlite://') ||
    !/^postgres(ql)?:\/\//.test(to)
  ) {
    io.err(MIGRATE_USAGE);
    return 2;
  }
  const path = from.slice('sqlite://'.length);
  if (!path || !existsSync(path)) {
    io.err(`${path || '(no file)'} does not exist\n${MIGRATE_USAGE}`);
    return 2;
  }
  const shown = redactUrl(to);
  const secret = (() => {
    try {
      return decodeURIComponent(new URL(to).password);
    } catch {
      return '';
    }
  })();
  // errors from the driver may quote the connection string
  const scrub = (s: string) => (secret ? s.split(secret).join('***') : s);
  io.out(`migrating ${path} → ${shown}`);
  io.out('site_validators: not copied (each instance keeps its own conditional-GET state)');
  // read-only: the bot may still be running on this file; WAL lets us read beside it
  const src = new Database(path, { readonly: true, fileMustExist: true, timeout: 5_000 });
  const pool = new pg.Pool({ connectionString: to, max: 2 });
  pool.on('error', () => {}); // an idle client's error must not kill the process; queries report
  const started = performance.now();
  try {
    const report = await copySqliteToPg(src, pool, {
      ...opts,
      ...(args.force === true ? { force: true } : {}),
      onTable: async (table, r, ms) => {
        io.out(
          `${table.padEnd(14)} +${r.inserted} ~${r.updated} -${r.deleted} (${(ms / 1000).toFixed(1)} s)${r.done ? '' : ' stopped'}`,
        );
        await opts.onTable?.(table, r, ms);
      },
    });
    if (!report.done) {
      io.err('stopped before the end: run the same command again to finish');
      return 1;
    }
    io.out(`${'table'.padEnd(14)} ${pad('source', 9)} ${pad('target', 9)}`);
    for (const c of report.counts)
      io.out(`${c.table.padEnd(14)} ${pad(c.source, 9)} ${pad(c.target, 9)}  ${c.ok ? 'OK' : 'MISMATCH'}`);
    const bad = report.counts.filter((c) => !c.ok);
    const took = ((performance.now() - started) / 1000).toFixed(1);
    if (bad.length) {
      io.err(`MISMATCH in ${bad.map((c) => c.table).join(', ')} after ${took} s: run migrate again`);
      return 1;
    }
    io.out(`done in ${took} s: every count matches`);
    return 0;
  } catch (err) {
    io.err(`migrate failed: ${scrub((err as Error).message)}`);
    return 1;
  } finally {
    src.close();
    await pool.end();
  }
}
