import { Composer } from 'telegraf';
import { clip } from '../src/present/html.ts';
import { articleLine, readButtons } from '../src/present/search-format.ts';
import { t } from '../src/present/strings/index.ts';
import { LATEST_MAX, newestStories } from '../src/service/reader.ts';
import { sourcesReady } from '../src/sources/finews/ready.ts';
import { EVERY_CHAT, type MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { chatIdOf, payloadOf } from '../src/telegram/guard.ts';
import { say } from '../src/telegram/reply.ts';

const LATEST_DEFAULT = 5;
const SUMMARY_MAX = 80;

/** `[category words] [n]` → the category query and the count */
function parseLatest(payload: string): { query: string; n: number } {
  const words = Array.from(payload).slice(0, 100).join('').split(/\s+/u).filter(Boolean);
  let n = LATEST_DEFAULT;
  const last = words[words.length - 1]?.normalize('NFKC');
  if (last && /^\d{1,6}$/.test(last)) {
    n = Math.min(LATEST_MAX, Math.max(1, Number(last)));
    words.pop();
  }
  return { query: words.join(' '), n };
}

/**
 * `/latest [category] [n]`: the newest n (default 5, at most 20) posts of a category, else of
 * the chat's subscriptions, else of the whole site; each with a 全文 button.
 */
export const latestCommand = new Composer<BotContext>();

/** its line in Telegram's command menu */
export const latestMenu: MenuEntry = {
  command: 'latest',
  scopes: EVERY_CHAT,
};

latestCommand.command('latest', async (ctx) => {
  const s = t(ctx.lang).search;
  const { deps } = ctx;
  const { query, n } = parseLatest(payloadOf(ctx));
  let categories: string[] | undefined;
  let what: string;
  if (query) {
    const slug = deps.categories.lookup(query);
    if (!slug && !(await sourcesReady(deps))) return say(ctx, t(ctx.lang).feed.stillReading([query]));
    if (!slug) return say(ctx, s.unknownCategory(query, deps.categories.suggest(query)));
    categories = [slug];
    what = deps.categories.label(slug);
  } else {
    const subscribed = Object.keys(
      (await deps.chats.get((await chatIdOf(ctx)) ?? ctx.chat.id))?.subscriptions ?? {},
    );
    categories = subscribed.length ? subscribed : undefined;
    what = subscribed.length ? s.latestSubscriptions : s.latestSite;
  }
  const articles = await newestStories(deps.articles, categories, n);
  if (articles.length === 0) return say(ctx, s.latestNone());
  const now = deps.now();
  const lines = articles.map((a, i) =>
    articleLine(i + 1, a, now, a.summary ? clip(a.summary, SUMMARY_MAX) : null, ctx.tz),
  );
  await say(
    ctx,
    [s.latestTitle(what, articles.length), ...lines],
    readButtons(
      articles.map((a) => a.seq),
      t(ctx.lang).full,
      1,
      { chatId: ctx.chat.id, appUrl: deps.config.WEBAPP_URL },
    ),
  );
});
