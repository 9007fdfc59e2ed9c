import { storeBatch } from '../src/articles/ingest.ts';
import type { StoredArticle } from '../src/articles/types.ts';
import type { Deps } from '../src/deps.ts';
import { type Discovery, discover, SiteDownError } from '../src/site/discover.ts';
import { fetchPosts, type PostFailure } from '../src/site/fetch-posts.ts';
import { type PostPath, parsePostPath } from '../src/site/paths.ts';
import { POLL_STATE_KEY } from '../src/storage/keys.ts';

export interface PollReport {
  requests: number;
  bytes: number;
  /** new post links discovered (plus retries) */
  found: number;
  stored: number;
  failed: number;
  gapFill: boolean;
  ms: number;
  outcome: 'ok' | 'partial' | 'site-down' | 'skipped' | 'error';
  /** true on the very first run: stored without announcing */
  firstRun: boolean;
}

export interface PollState {
  initialized: boolean;
  lastSuccessAt: number | null;
  /** post paths that failed, with attempts so far: retried every tick until stored or given up */
  retry: Record<string, number>;
  /** retried paths that were already on the site at the first run: stored later, never announced */
  silent: string[];
  /** set while a tick runs: still set at the next tick means it crashed after reading list pages */
  inProgress: boolean;
  /**
   * articles.seq up to which new articles were handed to delivery. Storing and fan-out are two
   * transactions; a crash between them is caught up from here on the next tick (the outbox's
   * unique keys make a repeated hand-over harmless). null: set it to the archive's end.
   */
  announcedThrough: number | null;
}

export { POLL_STATE_KEY };
/** no successful poll for this long counts as downtime: the next poll fills gaps generously */
export const DOWNTIME_MS = 10 * 60_000;
/** a post that failed this many ticks is given up (it is logged each time, and once when dropped) */
export const MAX_POST_ATTEMPTS = 10;
/** posts fetched and stored per transaction */
export const STORE_CHUNK = 100;

const running = new WeakSet<object>();

export async function loadPollState(deps: Pick<Deps, 'kv'>): Promise<PollState> {
  const s = (await deps.kv.get<PollState>(POLL_STATE_KEY)) ?? undefined;
  return {
    initialized: s?.initialized ?? false,
    lastSuccessAt: s?.lastSuccessAt ?? null,
    retry: s?.retry ?? {},
    silent: s?.silent ?? [],
    inProgress: s?.inProgress ?? false,
    announcedThrough: s?.announcedThrough ?? null,
  };
}

/** One poll tick: discover, fetch, parse, summarize, store, index, announce. Never throws. */
export async function run(deps: Deps): Promise<PollReport> {
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
    const state = await loadPollState(deps);
    // not initialized until a first run finishes: one killed half-way is still the first run
    const firstRun = !state.initialized;
    const afterDowntime = state.lastSuccessAt === null || started - state.lastSuccessAt > DOWNTIME_MS;
    const isKnown = (id: string) => deps.articles.has(id);
    const shownAt = (id: string) => deps.articles.timeOf(id)?.shownAt;

    let found: Discovery;
    try {
      // the validators of a tick that never finished may cover posts never stored: read in full
      if (state.inProgress) log.warn('the previous poll did not finish; reading list pages in full');
      await deps.kv.set(POLL_STATE_KEY, { ...state, inProgress: true } satisfies PollState);
      found = await discover(
        { site: deps.site, log, metrics: deps.metrics, isKnown, shownAt },
        { afterDowntime, lastSuccessAt: state.lastSuccessAt, conditional: !state.inProgress },
      );
    } catch (err) {
      if (!(err instanceof SiteDownError)) throw err;
      // nothing was read, so no validator moved: the next tick may use conditionals again
      await deps.kv.set(POLL_STATE_KEY, state satisfies PollState);
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
      if (post && !wanted.has(post.id) && !isKnown(post.id)) wanted.set(post.id, post);
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
      stored.push(...storeBatch(deps, chunk.fetched, deps.now()));
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
    const from = state.announcedThrough ?? (firstRun ? 0 : deps.articles.maxSeq() - stored.length);
    const unannounced = firstRun ? [] : deps.articles.after(from, null, 10_000);
    const announce = unannounced.filter((a) => !silent.has(`/${a.id}.html`));
    let announcedThrough = firstRun ? deps.articles.maxSeq() : from;
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
    await deps.kv.set(POLL_STATE_KEY, {
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
