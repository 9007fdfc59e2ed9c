/**
 * bench:poll: a generated site of 2,000 categories and 10,000 posts served over local HTTP.
 * Measures requests, bytes and ms of our poll for a quiet tick and a tick with 100 new posts,
 * against a naive reader that fetches the home page and every category page each tick.
 */
import { run as poll } from '../jobs/poll.ts';
import { storeBatch } from '../src/articles/ingest.ts';
import { storyKeyOf } from '../src/articles/story-key.ts';
import { fetchPosts } from '../src/site/fetch-posts.ts';
import { parseCategory } from '../src/site/parse-lists.ts';
import { categoryPath, parsePostPath } from '../src/site/paths.ts';
import { startSiteServer } from '../test/support/site-server.ts';
import { buildTestDeps } from '../test/support/test-deps.ts';
import { body, buildLists, type GenPost, postPage, postPath } from './poll-site.ts';

const CATEGORIES = 2_000;
const POSTS = 10_000;
const NEW_POSTS = 100;
const NOW = Date.parse('2026-01-15T12:00:00+08:00');

const slugs = Array.from({ length: CATEGORIES }, (_, i) =>
  i === 0
    ? 'emnews'
    : i === 1
      ? '21shijijingjibaodao 21caijingAPP'
      : i === 2
        ? 'anxinguojizhengquan(xianggang)'
        : `laiyuan${i}`,
);
const tags = slugs.map((_s, i) => (i === 0 ? '东财滚动新闻' : `来源${i}新闻`));
const slugOfTag = new Map(tags.map((t, i) => [t, slugs[i]!]));

let serial = 0;
function makePost(cat: number, time: number): GenPost {
  serial++;
  const code = `${cat === 0 ? '' : 'NW'}2026011${String(3_000_000_000 + serial).padStart(10, '0')}`;
  return {
    slug: slugs[cat]!,
    tag: tags[cat]!,
    code,
    title: `生成标题${serial}：市场消息`,
    time,
    body: body(serial, 1 + (serial % 6)),
  };
}

// emnews carries about a third of everything (as on the live site); the rest is skewed
const posts: GenPost[] = [];
for (let i = 0; i < POSTS; i++) {
  const cat =
    i % 3 === 0 ? 0 : 1 + Math.floor((((i * 7919) % 1_000_003) / 1_000_003) * (CATEGORIES - 1)) ** 1;
  posts.push(makePost(Math.min(cat, CATEGORIES - 1), NOW - 3 * 86_400_000 + i * 25_000));
}

const files = new Map<string, string>();
for (const p of posts) files.set(postPath(p), postPage(p));
buildLists(files, posts, tags, slugOfTag);
const server = await startSiteServer();
server.serveFiles(files, new Date(NOW));

let clock = NOW;
const t = buildTestDeps({
  siteUrl: server.url,
  now: () => clock,
  env: { LOG_LEVEL: 'warn', FETCH_CONCURRENCY: '8' },
});
const { deps } = t;

// the archive already holds the 10,000 posts (as after the first run); setup, not measured
t.storage.db.transaction(() => {
  for (const p of posts) {
    const path = postPath(p);
    t.sqlite.articles.insert(
      {
        id: path.slice(1, -5),
        url: `${server.url}${encodeURI(path)}`,
        category: p.slug,
        source: p.tag.replace(/新闻$/, ''),
        title: p.title,
        publishedAt: p.time,
        paragraphs: ['x'],
        digest: null,
        attribution: null,
        sourceLink: null,
        images: [],
        storyKey: storyKeyOf(p.code, p.slug),
      },
      '',
      NOW,
    );
  }
})();
await t.storage.kv.set('poll:state', { initialized: true, lastSuccessAt: NOW - 60_000, retry: {} });

interface Figures {
  requests: number;
  bytes: number;
  ms: number;
  stored: number;
}

async function measure(fn: () => Promise<number>): Promise<Figures> {
  const before = deps.site.stats();
  const started = performance.now();
  const stored = await fn();
  const ms = performance.now() - started;
  const after = deps.site.stats();
  return { requests: after.requests - before.requests, bytes: after.bytes - before.bytes, ms, stored };
}

/** The naive reader: home plus every category page, unconditionally, then every unknown post. */
const naiveKnown = new Set(posts.map((p) => parsePostPath(postPath(p))!.id));
async function naiveTick(): Promise<number> {
  await deps.site.get('/', { conditional: false });
  const found = new Set<string>();
  await Promise.all(
    slugs.map(async (slug) => {
      const r = await deps.site.get(categoryPath(slug), { conditional: false });
      for (const p of parseCategory(r.body)) if (!naiveKnown.has(p.id)) found.add(p.path);
    }),
  );
  // the same post work as ours (fetch, parse, summarize, store: inserts are no-ops here)
  const { fetched } = await fetchPosts(
    deps,
    [...found].map((p) => parsePostPath(p)!),
    {
      siteUrl: server.url,
      fetchedAt: clock,
    },
  );
  await storeBatch(deps, fetched, clock);
  for (const path of found) naiveKnown.add(parsePostPath(path)!.id);
  return fetched.length;
}

const ourTick = async () => (await poll(deps)).stored;

clock += 60_000;
const warm = await measure(ourTick); // fills the validators: the steady state starts here
clock += 60_000;
const quiet = await measure(ourTick);
const naiveQuiet = await measure(naiveTick);

// 100 new posts: 40 in emnews (more than the home page shows), 60 spread over 50 categories
const fresh: GenPost[] = [];
for (let i = 0; i < NEW_POSTS; i++)
  fresh.push(makePost(i < 40 ? 0 : 3 + ((i * 37) % 50), NOW + 90_000 + i * 1_000));
posts.push(...fresh);
for (const p of fresh) files.set(postPath(p), postPage(p));
buildLists(files, posts, tags, slugOfTag);
server.serveFiles(files, new Date(NOW + 200_000));
clock += 60_000;
const busy = await measure(ourTick);
const naiveBusy = await measure(naiveTick);

const row = (name: string, f: Figures) =>
  `| ${name} | ${f.requests} | ${(f.bytes / 1024).toFixed(0)} KiB | ${f.ms.toFixed(0)} ms | ${f.stored} |`;
const ratio = (a: Figures, b: Figures) => {
  const bytes =
    a.bytes > 0 ? `×${(b.bytes / a.bytes).toFixed(1)}` : `${(b.bytes / 1024).toFixed(0)} KiB against 0`;
  return `requests ×${(b.requests / Math.max(1, a.requests)).toFixed(1)}, bytes ${bytes}, time ×${(b.ms / a.ms).toFixed(1)}`;
};
console.log(
  `site: ${CATEGORIES} categories, ${posts.length - NEW_POSTS} posts (+${NEW_POSTS}); Node ${process.version}`,
);
console.log('| tick | requests | bytes | time | new posts |\n| --- | ---: | ---: | ---: | ---: |');
console.log(row('kuaixun, first tick after start (validators empty)', warm));
console.log(row('kuaixun, quiet tick', quiet));
console.log(row('naive, quiet tick', naiveQuiet));
console.log(row('kuaixun, 100 new posts', busy));
console.log(row('naive, 100 new posts', naiveBusy));
console.log(`quiet: naive costs ${ratio(quiet, naiveQuiet)}`);
console.log(`100 new: naive costs ${ratio(busy, naiveBusy)}`);
if (busy.stored !== NEW_POSTS) console.log(`WARNING: kuaixun stored ${busy.stored} of ${NEW_POSTS}`);
t.close();
await server.close();
