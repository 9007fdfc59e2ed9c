import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { CliIo } from '../cli.ts';
import { type Config, sqlitePath, usesPostgres } from '../config.ts';

/**
 * `kuaixun backup <file>`: SQLite's online backup API, so it is safe while the bot runs
 * (a plain `cp` of a WAL database can miss the last transactions).
 */
export async function runBackup(config: Config, target: string | undefined, io: CliIo): Promise<number> {
  if (!target) {
    io.err('usage: kuaixun backup <file.sqlite>');
    return 2;
  }
  if (usesPostgres(config)) {
    io.err('STORAGE_URL is PostgreSQL: back it up with pg_dump (README, "Scaling out")');
    return 2;
  }
  const source = sqlitePath(config);
  if (source === ':memory:' || !existsSync(source)) {
    io.err(`nothing to back up: ${source} does not exist (check STORAGE_URL)`);
    return 1;
  }
  if (existsSync(target)) {
    io.err(`${target} exists; choose a new file name`);
    return 1;
  }
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target);
    io.out(`backed up ${source} → ${target}`);
    return 0;
  } catch (err) {
    io.err(`backup failed: ${(err as Error).message}`);
    return 1;
  } finally {
    db.close();
  }
}
