import type { CategoryInfo } from '../articles/types.ts';
import { NAMED } from '../chats/categories.ts';
import { type Html, html } from '../present/html.ts';
import { t } from '../present/strings/index.ts';
import { subscribe } from '../service/subscriptions.ts';
import { sourcesReady } from '../sources/finews/ready.ts';
import type { BotContext } from './context.ts';
import { suggestionsKeyboard } from './menus.ts';
import { say } from './reply.ts';
import { subscribeFeedWords } from './subscribe-feeds.ts';
import type { Target } from './target.ts';

const MAX_SUGGESTION_BUTTONS = 10;
const MAX_SITE_LOOKUPS = 3;

/**
 * `/sub a b c` for a target chat: resolves each word, subscribes what resolved, and answers
 * with what was added, already there, over the limit, or not found (with suggestions).
 */
export async function subscribeWords(
  ctx: BotContext,
  target: Target,
  allWords: readonly string[],
): Promise<void> {
  const { deps } = ctx;
  const m = t(ctx.lang);
  // URLs and wires first; what is left are finews source names
  const feeds = await subscribeFeedWords(ctx, target, allWords);
  const words = feeds.rest;
  const phrase = words.join(' ');
  // some real names and slugs contain spaces (`21shijijingjibaodao 21caijingAPP`)
  const whole = words.length > 1 ? deps.categories.best(phrase) : undefined;
  const wanted = whole && whole.score >= NAMED && whole.info.slug.includes(' ') ? [phrase] : words;

  const slugs: string[] = [];
  const missing: Array<{ word: string; suggestions: CategoryInfo[] }> = [];
  // at most a few site look-ups per command, side by side, so twenty typos can't hold the bot
  let lookups = 0;
  const resolved = await Promise.all(
    wanted.map((word) => {
      const known = deps.categories.best(word);
      const verify =
        !(known && known.score >= NAMED) && deps.categories.isSlugLike(word) && lookups++ < MAX_SITE_LOOKUPS;
      return deps.categories.resolve(word, { verify });
    }),
  );
  resolved.forEach((r, i) => {
    if (r.slug !== null) slugs.push(r.slug);
    else missing.push({ word: wanted[i] ?? '', suggestions: r.suggestions });
  });
  const res = slugs.length
    ? await subscribe(deps, target.chat.id, slugs)
    : { added: [], already: [], overLimit: [] };
  const name = (s: string) => deps.categories.label(s);
  const blocks: Html[] = [];
  if (target.remote) blocks.push(html`📢 ${target.label}`);
  const added = [...feeds.added, ...res.added.map(name)];
  const already = [...feeds.already, ...res.already.map(name)];
  if (added.length) blocks.push(m.added(added));
  if (already.length) blocks.push(m.already(already));
  blocks.push(...feeds.refused);
  if (res.overLimit.length) blocks.push(m.overLimit(res.overLimit.map(name), deps.config.MAX_SUBSCRIPTIONS));
  const offered = new Map<string, CategoryInfo>();
  // on a new install the first poll is still learning the source names: not "not found" yet
  if (missing.length && !(await sourcesReady(deps))) {
    blocks.push(t(ctx.lang).feed.stillReading(missing.map((x) => x.word)));
    missing.length = 0;
  }
  for (const miss of missing) {
    blocks.push(m.notFound(miss.word));
    for (const s of miss.suggestions.slice(0, 5)) offered.set(s.slug, s);
  }
  if (offered.size && !target.remote) blocks.push(m.didYouMean());
  if (!blocks.length) blocks.push(m.subUsage());
  const keyboard = target.remote
    ? undefined
    : suggestionsKeyboard(
        deps,
        ctx.kit,
        target.chat.id,
        [...offered.values()].slice(0, MAX_SUGGESTION_BUTTONS),
      );
  await say(ctx, blocks, keyboard);
}
