import { NAMED_EXACTLY } from '../chats/categories.ts';
import type { Html } from '../present/html.ts';
import { t } from '../present/strings/index.ts';
import { resolveWire, type Wire } from '../sources/catalog/catalog.ts';
import { addFeedUrl, looksLikeUrl } from '../sources/subscribe/add-feed.ts';
import { addWire } from '../sources/subscribe/add-wire.ts';
import type { BotContext } from './context.ts';
import { isOperator } from './guard.ts';
import type { Target } from './target.ts';

export interface FeedWordsResult {
  added: string[];
  already: string[];
  /** one block per refused URL */
  refused: Html[];
  /** words that are neither URLs nor wires: finews source names */
  rest: string[];
}

/** at most this many URLs per command: each may cost a few requests while the user waits */
const MAX_URLS = 5;

/**
 * The feed half of `/sub`: URLs (a feed, or a page whose feed is found) and catalog wires
 * (`财联社电报`, `cls`, `金十`). Everything else is left for the finews name resolution.
 */
export async function subscribeFeedWords(
  ctx: BotContext,
  target: Target,
  words: readonly string[],
): Promise<FeedWordsResult> {
  const { deps } = ctx;
  const out: FeedWordsResult = { added: [], already: [], refused: [], rest: [] };
  const catalog = deps.feedKit.catalog;
  const wholeWire = words.length > 1 ? resolveWire(catalog, words.join(' ')) : null;
  const jobs: Array<{ url: string } | { wire: Wire }> = [];
  for (const word of wholeWire ? [] : words) {
    const wire = looksLikeUrl(word) || (await isFinewsName(ctx, word)) ? null : resolveWire(catalog, word);
    if (looksLikeUrl(word)) jobs.push({ url: word });
    else if (wire) jobs.push({ wire });
    else out.rest.push(word);
  }
  if (wholeWire) jobs.push({ wire: wholeWire });
  const limit = deps.config.MAX_FEEDS_PER_CHAT;
  for (const [i, job] of jobs.entries()) {
    if ('url' in job && i >= MAX_URLS) continue;
    const r =
      'url' in job
        ? await addFeedUrl(deps, target.chat.id, job.url, { operator: isOperator(ctx) })
        : await addWire(deps, target.chat.id, job.wire);
    const name = 'url' in job ? job.url : job.wire.name;
    if (r.ok)
      (r.added ? out.added : out.already).push('wire' in job ? job.wire.name : r.feed.title || r.feed.url);
    else if (r.reason === 'over-limit')
      out.refused.push(t(ctx.lang).feed.refused(name, 'over-limit', deps.config.MAX_SUBSCRIPTIONS));
    else {
      ctx.log.info({ url: name, reason: r.reason }, 'feed subscription refused');
      out.refused.push(t(ctx.lang).feed.refused(name, r.reason, limit));
    }
  }
  return out;
}

/**
 * finews has sources named like some wire aliases (`cailianshe` is a finews slug too): an exact
 * finews name wins, and a pinyin word other than a wire's id is first asked of the site.
 */
async function isFinewsName(ctx: BotContext, word: string): Promise<boolean> {
  const { categories } = ctx.deps;
  const top = categories.best(word);
  if (top && top.score >= NAMED_EXACTLY && !OWN.test(top.info.slug)) return true;
  const wire = resolveWire(ctx.deps.feedKit.catalog, word);
  if (!wire || !categories.isSlugLike(word) || word.toLowerCase() === wire.id) return false;
  const finews = (await categories.resolve(word, { verify: true })).slug;
  return finews !== null && !OWN.test(finews);
}

const OWN = /^(wire|feed)-/;
