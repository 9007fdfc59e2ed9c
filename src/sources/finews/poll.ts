import { storeBatch } from '../../articles/ingest.ts';
import type { StoredArticle } from '../../articles/types.ts';
import type { Deps } from '../../deps.ts';
import { type Discovery, discover, SiteDownError } from '../../site/discover.ts';
import { fetchPosts, type PostFailure } from '../../site/fetch-posts.ts';
import { type PostPath, parsePostPath, postPathFromId } from '../../site/paths.ts';
import type { PollReport, PollState } from './state.ts';

export type { PollReport, PollState } from './state.ts';

/** no successful poll for this long counts as downtime: the next poll fills gaps generously */
const DOWNTIME_MS = 10 * 60_000;
/** a post that failed this many ticks is given up (it is logged each time, and once when dropped) */
const MAX_POST_ATTEMPTS = 10;
/** posts fetched and stored per transaction */
const STORE_CHUNK = 100;

const running = new WeakSet<object>();

/** One poll tick: discover, fetch, parse, summarize, store, index, announce. Never throws. */
export async function pollFinews(deps: Deps): Promise<PollReport> {
  const started = deps.now();
  const before = deps.site.stats();
  const report = (r: Omit<PollReport, 'requests' | 'bytes' | 'ms'>): PollReport => {
    const after = deps.site.stats();
    return {
      ...r,
      requests: after.requests - before.requests,
      bytes: after.bytes - before.bytes,
      ms: Math.max(0, deps.now() - started),
    };
  };
  // the scheduler guards overlap too; this keeps a manual run from racing a tick
  if (running.has(deps.site))
    return report({ found: 0, stored: 0, failed: 0, gapFill: false, outcome: 'skipped', firstRun: false });
  running.add(deps.site);
  const log = deps.log.child({ job: 'poll', tick: started });
  try {
    const state = await deps.pollState.load();
    // not initialized until a first run finishes: one killed half-way is still the first run
    const firstRun = !state.initialized;
    const afterDowntime = state.lastSuccessAt === null || started - state.lastSuccessAt > DOWNTIME_MS;
    const known = async (ids: readonly string[]) => {
      const times = await Promise.all(ids.map(async (id) => [id, await deps.articles.timeOf(id)] as const));
      return new Map(times.flatMap(([id, t]) => (t ? [[id, t.shownAt] as const] : [])));
    };

    let found: Discovery;
    try {
      // the validators of a tick that never finished may cover posts never stored: read in full
      if (state.inProgress) log.warn('the previous poll did not finish; reading list pages in full');
      await deps.pollState.save({ ...state, inProgress: true });
      found = await discover(
        { site: deps.site, log, metrics: deps.metrics, known },
        { afterDowntime, lastSuccessAt: state.lastSuccessAt, conditional: !state.inProgress },
      );
    } catch (err) {
      if (!(err instanceof SiteDownError)) throw err;
      // nothing was read, so no validator moved: the next tick may use conditionals again
      await deps.pollState.save(state);
      deps.metrics.polls.inc({ outcome: 'site-down' });
      log.warn({ err: err.message }, 'site down; will retry next tick');
      return report({ found: 0, stored: 0, failed: 0, gapFill: false, outcome: 'site-down', firstRun });
    }

    for (const c of found.categories) {
      deps.registry.observe({ slug: c.slug, seenAt: started, ...(c.ok ? { verified: true } : {}) });
    }
    for (const t of found.homeTags) {
      const slugs = new Set(t.posts.map((p) => p.category));
      for (const slug of slugs)
        deps.registry.observe({ slug, source: t.source, tag: t.tag, seenAt: started });
    }

    const wanted = new Map<string, PostPath>(found.candidates.map((c) => [c.post.id, c.post]));
    for (const path of Object.keys(state.retry)) {
      const post = parsePostPath(path);
      if (post && !wanted.has(post.id) && !(await deps.articles.has(post.id))) wanted.set(post.id, post);
    }

    // in chunks, oldest first by URL date and code, so a long first run keeps its progress if
    // killed (the next tick reads the lists in full and skips what was stored)
    const ordered = [...wanted.values()].sort((a, b) =>
      a.id.slice(a.category.length).localeCompare(b.id.slice(b.category.length)),
    );
    const stored: StoredArticle[] = [];
    const failed: PostFailure[] = [];
    for (let i = 0; i < ordered.length; i += STORE_CHUNK) {
      const chunk = await fetchPosts(deps, ordered.slice(i, i + STORE_CHUNK), {
        siteUrl: deps.config.SITE_URL,
        fetchedAt: started,
      });
      stored.push(...(await storeBatch(deps, chunk.fetched, deps.now())));
      failed.push(...chunk.failed);
    }
    deps.metrics.postsFound.inc(stored.length);

    const retry: Record<string, number> = {};
    for (const f of failed) {
      const attempts = (state.retry[f.post.path] ?? 0) + 1;
      if (attempts < MAX_POST_ATTEMPTS) retry[f.post.path] = attempts;
      else
        log.error({ path: f.post.path, reason: f.reason, attempts }, 'post given up after repeated failures');
    }

    const silent = new Set(state.silent);
    if (firstRun) for (const f of failed) silent.add(f.post.path);
    const from = state.announcedThrough ?? (firstRun ? 0 : (await deps.articles.maxSeq()) - stored.length);
    const unannounced = firstRun ? [] : await deps.articles.after(from, null, 10_000);
    const announce = unannounced.filter((a) => !silent.has(postPathFromId(a.id)));
    let announcedThrough = firstRun ? await deps.articles.maxSeq() : from;
    const through = unannounced.at(-1)?.seq ?? announcedThrough;
    for (const p of [...silent]) if (!(p in retry)) silent.delete(p);
    if (announce.length === 0) announcedThrough = through;
    else {
      try {
        await deps.delivery.onNewArticles(announce);
        announcedThrough = through;
      } catch (err) {
        log.error({ err }, 'delivery did not accept the new articles');
      }
    }

    const outcome = failed.length > 0 || found.listFailures > 0 ? 'partial' : 'ok';
    await deps.pollState.save({
      initialized: true,
      lastSuccessAt: started,
      retry,
      silent: [...silent],
      inProgress: false,
      announcedThrough,
    } satisfies PollState);
    deps.metrics.polls.inc({ outcome });
    deps.metrics.lastPoll.set(started / 1000);
    const r = report({
      found: wanted.size,
      stored: stored.length,
      failed: failed.length,
      gapFill: found.gapFill,
      outcome,
      firstRun,
    });
    log.info({ ...r, announced: announce.length }, 'poll done');
    return r;
  } catch (err) {
    deps.metrics.polls.inc({ outcome: 'error' });
    log.error({ err }, 'poll failed');
    return report({ found: 0, stored: 0, failed: 0, gapFill: false, outcome: 'error', firstRun: false });
  } finally {
    running.delete(deps.site);
  }
}
