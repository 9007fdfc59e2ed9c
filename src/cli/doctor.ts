import { accessSync, constants, existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { Telegram } from 'telegraf';
import type { CliIo } from '../cli.ts';
import { type Config, maskToken, sqlitePath, usesPostgres } from '../config.ts';
import { createLogger } from '../log.ts';
import { createMetrics } from '../metrics.ts';
import { siteClientFromConfig } from '../site/client.ts';
import { parseFeed, parseHome } from '../site/parse-lists.ts';
import { FEED_PATH, HOME_PATH } from '../site/paths.ts';
import { openBackend, openStorage } from '../storage/index.ts';
import { allMigrations } from '../storage/migrations.ts';
import { classifyBotError } from '../telegram/errors.ts';

interface Check {
  name: string;
  run: () => Promise<string>;
}

/** `kuaixun doctor`: each check prints ✓ with what it saw, or ✗ with what is wrong and how to fix it. */
export async function runDoctor(config: Config, io: CliIo): Promise<number> {
  const log = createLogger({ level: 'silent', secrets: config.BOT_TOKEN ? [config.BOT_TOKEN] : [] });
  const scrub = (s: string) => (config.BOT_TOKEN ? s.split(config.BOT_TOKEN).join('***') : s);
  const checks: Check[] = [
    { name: 'config', run: async () => `token ${maskToken(config.BOT_TOKEN)}, site ${config.SITE_URL}` },
    { name: 'telegram token', run: () => checkToken(config) },
    { name: 'site', run: () => checkSite(config, log) },
    { name: 'storage', run: async () => checkStorage(config) },
    { name: 'permissions', run: async () => checkPermissions(config) },
  ];
  let failed = 0;
  for (const check of checks) {
    try {
      io.out(`✓ ${check.name}: ${scrub(await check.run())}`);
    } catch (err) {
      failed++;
      io.out(`✗ ${check.name}: ${scrub((err as Error).message)}`);
    }
  }
  io.out(failed ? `${failed} problem(s) found.` : 'All checks passed.');
  return failed ? 1 : 0;
}

async function checkToken(config: Config): Promise<string> {
  if (!config.BOT_TOKEN)
    throw new Error(
      'BOT_TOKEN is not set. Create a bot with @BotFather (/newbot) and put BOT_TOKEN=… in .env.',
    );
  const telegram = new Telegram(config.BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT });
  try {
    const me = await telegram.getMe();
    return `@${me.username} (id ${me.id}) answers at ${config.TELEGRAM_API_ROOT}`;
  } catch (err) {
    if (classifyBotError(err).kind === 'unauthorized')
      throw new Error(
        'Telegram refused the token (401). Revoked or mistyped: get a fresh one from @BotFather.',
      );
    throw new Error(
      `cannot reach ${config.TELEGRAM_API_ROOT}: ${(err as Error).message}. Check the network or TELEGRAM_API_ROOT.`,
    );
  }
}

async function checkSite(config: Config, log: ReturnType<typeof createLogger>): Promise<string> {
  const site = siteClientFromConfig(config, { metrics: createMetrics(), log });
  const home = await site.get(HOME_PATH, { retries: 1 }).catch((err: Error) => {
    throw new Error(`${config.SITE_URL}/ failed: ${err.message}. Check SITE_URL and the network.`);
  });
  if (home.status !== 200) throw new Error(`${config.SITE_URL}/ answered ${home.status}. Check SITE_URL.`);
  const tags = parseHome(home.body);
  if (tags.length === 0)
    throw new Error(
      'the home page has no source headings: the site changed shape, or SITE_URL is not finews.',
    );
  const feed = await site.get(FEED_PATH, { retries: 1 });
  const entries = feed.status === 200 ? parseFeed(feed.body).length : 0;
  if (entries === 0)
    throw new Error(`feed.xml gave no entries (HTTP ${feed.status}); new posts would be found late.`);
  return `home page lists ${tags.length} sources, feed.xml ${entries} entries`;
}

async function checkStorage(config: Config): Promise<string> {
  if (usesPostgres(config)) return checkPostgres(config);
  let storage: ReturnType<typeof openStorage>;
  try {
    storage = openStorage(config, allMigrations());
  } catch (err) {
    throw new Error(`${(err as Error).message}. Check STORAGE_URL and that the folder is writable.`);
  }
  try {
    storage.db.prepare("INSERT OR REPLACE INTO kv (key, value, expires) VALUES ('doctor', '1', NULL)").run();
    storage.db.prepare("DELETE FROM kv WHERE key = 'doctor'").run();
    const n = storage.db.prepare('SELECT count(*) AS n FROM articles').get() as { n: number };
    return `${storage.path} opens, migrations applied, writable; ${n.n} articles archived`;
  } catch (err) {
    throw new Error(
      `${storage.path}: ${(err as Error).message} (locked by another process, or the disk is full?)`,
    );
  } finally {
    await storage.close();
  }
}

/** PostgreSQL: the server answers, the key-value table takes a write, and the archive's size. */
async function checkPostgres(config: Config): Promise<string> {
  const storage = await openBackend(config, allMigrations());
  try {
    await storage.kv.set('doctor', 1);
    await storage.kv.delete('doctor');
    // two statements: a relation named in a query must exist, even in a branch never taken
    const made = await storage.pool?.query<{ t: string | null }>("SELECT to_regclass('articles') AS t");
    const n = made?.rows[0]?.t
      ? await storage.pool?.query<{ n: string }>('SELECT count(*) AS n FROM articles')
      : undefined;
    return `${storage.path} answers and is writable; ${n?.rows[0]?.n ?? 0} articles archived`;
  } finally {
    await storage.close();
  }
}

function checkPermissions(config: Config): string {
  const path = sqlitePath(config);
  const dir = path === ':memory:' ? '.' : dirname(path);
  accessSync(dir, constants.W_OK);
  if (existsSync('.env') && (statSync('.env').mode & 0o077) !== 0) {
    throw new Error('.env (it holds the bot token) is readable by other users: run chmod 600 .env');
  }
  return `${dir} is writable${existsSync('.env') ? ', .env is private' : ''}`;
}
