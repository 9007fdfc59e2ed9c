import { pinyin } from 'pinyin-pro';
import type { CategoryInfo, CategoryRegistry } from '../articles/types.ts';
import { categoryPath } from '../site/paths.ts';
import type { SiteClient } from '../site/types.ts';
import { editDistance } from './edit-distance.ts';

/** How a category answered a query; higher is better. */
export interface CategoryMatch {
  info: CategoryInfo;
  score: number;
}

interface Keys {
  slug: string;
  source: string;
  tag: string;
  pinyin: string;
  initials: string;
}

/** how well a category answered: an exact slug, name or pinyin scores at least `pinyin` */
export const SCORE = {
  slug: 100,
  name: 95,
  pinyin: 90,
  initials: 70,
  prefix: 60,
  substring: 50,
  typo: 40,
} as const;

/** NFKC, lower case, no whitespace, no leading '#'; what users type and what we compare. */
function normalizeQuery(q: string): string {
  return q.normalize('NFKC').toLowerCase().replace(/\s+/g, '').replace(/^#/, '');
}

// pinyin of ~2,000 sources costs ~35 ms; the cache lives as long as the registry it serves
const keyCache = new WeakMap<CategoryRegistry, Map<string, Keys>>();

function keysOf(registry: CategoryRegistry, info: CategoryInfo): Keys {
  let cache = keyCache.get(registry);
  if (!cache) {
    cache = new Map();
    keyCache.set(registry, cache);
  }
  const id = `${info.slug}\u0000${info.source}\u0000${info.tag}`;
  let keys = cache.get(id);
  if (!keys) {
    const name = info.source || info.tag.replace(/新闻$/, '');
    const syllables = name ? pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive' }) : [];
    keys = {
      slug: normalizeQuery(info.slug),
      source: normalizeQuery(info.source),
      tag: normalizeQuery(info.tag),
      pinyin: normalizeQuery(syllables.join('')),
      initials: normalizeQuery(syllables.map((s) => (/^[a-z]/i.test(s) ? s[0] : s)).join('')),
    };
    cache.set(id, keys);
  }
  return keys;
}

function scoreOne(q: string, k: Keys): number {
  if (q === k.slug) return SCORE.slug;
  if (q === k.source || q === k.tag || (k.source && q === `${k.source}新闻`)) return SCORE.name;
  if (k.pinyin && q === k.pinyin) return SCORE.pinyin;
  if (q.length >= 2 && q === k.initials) return SCORE.initials;
  const fields = [k.slug, k.source, k.tag, k.pinyin].filter(Boolean);
  if (fields.some((f) => f.startsWith(q))) return SCORE.prefix;
  if (fields.some((f) => f.includes(q))) return SCORE.substring;
  if (q.length >= 3) {
    const budget = Math.max(1, Math.floor(q.length / 4));
    let best = Number.POSITIVE_INFINITY;
    for (const f of [k.slug, k.pinyin, k.source]) {
      if (!f || Math.abs(f.length - q.length) > budget) continue;
      best = Math.min(best, editDistance(q, f, budget));
    }
    if (best <= budget) return SCORE.typo - best;
  }
  return 0;
}

/** Categories ranked for a query: exact slug/name/pinyin, initials, prefix, substring, then typos. */
export function searchCategories(registry: CategoryRegistry, query: string, limit: number): CategoryMatch[] {
  const q = normalizeQuery(query).slice(0, 80);
  if (!q) return [];
  const out: CategoryMatch[] = [];
  for (const info of registry.all()) {
    const score = scoreOne(q, keysOf(registry, info));
    if (score > 0) out.push({ info, score });
  }
  out.sort(
    (a, b) => b.score - a.score || b.info.posts - a.info.posts || a.info.slug.localeCompare(b.info.slug),
  );
  return out.slice(0, limit);
}

/**
 * A category word (`sichuanribao`, `四川日报`, `四川日报新闻`, pinyin) → slug, from the registry
 * only (no network): an exact slug, or the single best exact name/pinyin match.
 */
export function findCategory(registry: CategoryRegistry, word: string): string | null {
  const raw = word.trim().replace(/^#/, '');
  if (!raw) return null;
  if (registry.get(raw)) return raw;
  const ranked = searchCategories(registry, raw, 5);
  const top = ranked[0];
  if (!top || top.score < SCORE.pinyin) return null;
  const ties = ranked.filter((m) => m.score === top.score);
  return ties.length === 1 ? top.info.slug : null;
}

export function categorySuggestions(registry: CategoryRegistry, word: string): string[] {
  return searchCategories(registry, word.replace(/^#/, ''), 5).map((m) =>
    m.info.source ? `${m.info.source} (${m.info.slug})` : m.info.slug,
  );
}

export type Resolution = { slug: string; suggestions: [] } | { slug: null; suggestions: CategoryInfo[] };

/** A slug as the site writes them: pinyin, digits, capitals, spaces, brackets. */
const SLUG_LIKE = /^[A-Za-z0-9][A-Za-z0-9 ()._-]{0,79}$/;

/** Could this word be a slug the site has and we have not seen? (Only those are looked up.) */
export function isSlugLike(word: string): boolean {
  return SLUG_LIKE.test(word.trim().replace(/^#/, ''));
}

export interface ResolveDeps {
  registry: CategoryRegistry;
  site: SiteClient;
  now: () => number;
}

/**
 * One user word → one slug. Only unambiguous exact matches (slug, name, tag, pinyin) are
 * taken; anything else yields suggestions. A slug never seen is taken when its category page
 * exists on the site, and is then remembered as verified.
 */
export async function resolveCategory(
  deps: ResolveDeps,
  query: string,
  opts: { verify?: boolean } = {},
): Promise<Resolution> {
  const ranked = searchCategories(deps.registry, query, 6);
  const top = ranked[0];
  if (top && top.score >= SCORE.pinyin) {
    const ties = ranked.filter((m) => m.score === top.score);
    if (ties.length === 1 || top.score === SCORE.slug) {
      const exact = ties.find((m) => m.info.slug === query.trim()) ?? top;
      return { slug: exact.info.slug, suggestions: [] };
    }
  }
  const raw = query.trim().replace(/^#/, '');
  const mayAsk = opts.verify !== false && SLUG_LIKE.test(raw) && !deps.registry.get(raw);
  if (mayAsk && (await pageExists(deps.site, raw))) {
    deps.registry.observe({ slug: raw, verified: true, seenAt: deps.now() });
    return { slug: raw, suggestions: [] };
  }
  return { slug: null, suggestions: ranked.slice(0, 5).map((m) => m.info) };
}

const USER_CHECK_TIMEOUT_MS = 3_000;

async function pageExists(site: SiteClient, slug: string): Promise<boolean> {
  try {
    // the user is waiting, and in polling mode so is every other update of the batch
    const res = await site.get(categoryPath(slug), { retries: 0, timeoutMs: USER_CHECK_TIMEOUT_MS });
    return res.status === 200;
  } catch {
    return false;
  }
}
