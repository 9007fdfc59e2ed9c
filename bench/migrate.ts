/**
 * npm run bench:migrate — how long `kuaixun migrate` takes: the first run (everything, the bot
 * still running), the second (after the bot moved on: new articles, outbox rows sent and added,
 * chats changed and deleted; what the downtime costs) and a third with nothing to do.
 * A SQLite file of ARTICLES generated articles (default 20,000, ~1,200 characters each), an
 * outbox ledger as large, 500 chats, 20 feeds of 500 seen keys, 1,000 watches.
 * Needs BENCH_POSTGRES_URL (default postgres://postgres@127.0.0.1:5432/postgres); it creates
 * its own database and drops it.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createArticleStore } from '../src/articles/store.ts';
import { createOutbox } from '../src/delivery/outbox.ts';
import { openDb } from '../src/storage/db.ts';
import { allMigrations } from '../src/storage/migrations.ts';
import { copySqliteToPg } from '../src/storage/postgres/copy-sqlite.ts';
import { createRandom, generateArticle } from './search-corpus.ts';

const N = Number(process.env.ARTICLES ?? 20_000);
const SERVER = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NOW = Date.now();

const name = `kx_bench_${randomBytes(4).toString('hex')}`;
const admin = new pg.Client({ connectionString: SERVER });
await admin.connect();
await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
const url = new URL(SERVER);
url.pathname = `/${name}`;
const pool = new pg.Pool({ connectionString: url.toString(), max: 3 });
const dir = mkdtempSync(join(tmpdir(), 'kx-bench-migrate-'));

// the bot's file, written by the app's own stores
const path = join(dir, 'kuaixun.sqlite');
const db = openDb(path, allMigrations());
const articles = createArticleStore(db, () => {});
const outbox = createOutbox(db);
const r = createRandom(7);
const addArticles = (from: number, to: number) =>
  db.transaction(() => {
    for (let seq = from; seq <= to; seq++) {
      const a = generateArticle(r, seq, N, NOW, 120);
      articles.insert(a, a.paragraphs[0]?.slice(0, 80) ?? '', NOW);
    }
  })();
const kvSet = db.prepare('INSERT OR REPLACE INTO kv (key, value, expires) VALUES (?, ?, NULL)');
const chat = (id: number, subs: number) =>
  kvSet.run(`kx:chat:${id}`, JSON.stringify({ value: { id, subscriptions: { [`source${subs}`]: NOW } } }));
const enqueue = (from: number, to: number) =>
  outbox.enqueue(
    Array.from({ length: to - from + 1 }, (_, i) => ({
      chatId: 1000 + ((from + i) % 500),
      key: `a:story-${from + i}`,
      kind: 'article' as const,
      payload: { seq: from + i, title: '央行宣布下调存款准备金率', category: 'source1' },
    })),
    NOW,
  );

let t = performance.now();
addArticles(1, N);
db.transaction(() => {
  for (let i = 0; i < 500; i++) chat(1000 + i, i % 60);
  for (let f = 0; f < 20; f++) {
    db.prepare("INSERT INTO feeds (id, slug, kind, url, created_at) VALUES (?, ?, 'feed', ?, ?)").run(
      `f${f}`,
      `feed${f}`,
      `https://f${f}.example/rss`,
      NOW,
    );
    for (let k = 0; k < 500; k++)
      db.prepare('INSERT INTO feed_seen (feed_id, key, last_seen) VALUES (?, ?, ?)').run(
        `f${f}`,
        `item-${k}`,
        NOW,
      );
  }
  for (let w = 0; w < 1000; w++)
    db.prepare('INSERT INTO watches (chat_id, term, label, created_at) VALUES (?, ?, ?, ?)').run(
      1000 + (w % 500),
      `term${w}`,
      `Term${w}`,
      NOW,
    );
})();
enqueue(1, N);
db.prepare("UPDATE outbox SET status = 'sent', sent_at = ?, message_id = id WHERE id <= ?").run(NOW, N - 200);
const mb = (
  ['', '-wal'].reduce((s, x) => s + (statSync(path + x, { throwIfNoEntry: false })?.size ?? 0), 0) /
  2 ** 20
).toFixed(0);
console.log(
  `built ${N} articles, ${N} outbox rows, 500 chats in ${((performance.now() - t) / 1000).toFixed(1)} s (${mb} MB)`,
);

// as the CLI opens it: read-only beside the bot's own connection
const timed = async (label: string) => {
  const src = new Database(path, { readonly: true, fileMustExist: true });
  t = performance.now();
  const report = await copySqliteToPg(src, pool);
  const ms = performance.now() - t;
  src.close();
  const moved = report.tables
    .map((x) => `${x.table} +${x.inserted} ~${x.updated} -${x.deleted} ${(x.ms / 1000).toFixed(2)} s`)
    .join(', ');
  const ok = report.counts.every((c) => c.ok) ? 'counts OK' : 'MISMATCH';
  console.log(`${label}: ${(ms / 1000).toFixed(2)} s, ${ok} (${moved})`);
};

try {
  await timed('first run (live)');
  // what a few minutes of a running bot change before it is stopped
  addArticles(N + 1, N + 100);
  enqueue(N + 1, N + 300);
  db.prepare(
    "UPDATE outbox SET status = 'sent', sent_at = ?, message_id = id WHERE status = 'pending' AND id <= ?",
  ).run(NOW, N);
  for (let i = 0; i < 50; i++) chat(1000 + i, (i + 1) % 60);
  db.prepare("DELETE FROM kv WHERE key IN ('kx:chat:1490', 'kx:chat:1491')").run();
  await timed('second run (delta)');
  await timed('third run (nothing to do)');
} finally {
  db.close();
  await pool.end();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  rmSync(dir, { recursive: true, force: true });
}
