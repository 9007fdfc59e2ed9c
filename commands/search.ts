import { randomBytes } from 'node:crypto';
import { Composer } from 'telegraf';
import { searchStrings } from '../src/present/search-strings.ts';
import { renderSearchPage, type SavedSearch } from '../src/present/search-view.ts';
import { parseSearch } from '../src/search/query.ts';
import { onButton } from '../src/telegram/callbacks.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { payloadOf } from '../src/telegram/guard.ts';
import { answer, edit, say } from '../src/telegram/reply.ts';

/** how long ‹ › buttons keep working: the query lives in kv under a short random id */
export const SEARCH_TTL_MS = 24 * 3_600_000;
const kvKey = (id: string) => `search:${id}`;
const PAGING = /^(\d{1,6}):([A-Za-z0-9_-]{8})$/;

/**
 * `/search <words> [#source] [@7d]`: exact substring search over the archive, five hits a
 * page. Paging buttons carry `srch:<page>:<id>` (signed for the chat by the bot kit).
 */
export const searchCommand = new Composer<BotContext>();

searchCommand.command('search', async (ctx) => {
  // telegraf routes only `message` updates here: channel posts (not interactive) never arrive
  const chat = ctx.chat;
  const s = searchStrings(ctx.lang);
  const parsed = parseSearch(payloadOf(ctx), ctx.deps.registry);
  if (parsed.kind === 'usage') return say(ctx, s.searchUsage());
  if (parsed.kind === 'unknown-category') return say(ctx, s.unknownCategory(parsed.word, parsed.suggestions));
  if (parsed.kind === 'bad-time') return say(ctx, s.badTime(parsed.word));
  const saved: SavedSearch = {
    chat: chat.id,
    terms: parsed.terms,
    categories: parsed.categories,
    ...(parsed.window !== undefined ? { since: ctx.deps.now() - parsed.window } : {}),
    display: parsed.display,
    truncated: parsed.truncated,
  };
  const id = randomBytes(6).toString('base64url');
  const view = renderSearchPage(ctx.deps, ctx.lang, saved, 0, (p) =>
    ctx.kit.sign(chat.id, `srch:${p}:${id}`),
  );
  ctx.log.debug({ terms: saved.terms, total: view.total }, 'search');
  if (view.pages > 1) await ctx.deps.kv.set(kvKey(id), saved, SEARCH_TTL_MS);
  await say(ctx, view.body, view.keyboard);
});

searchCommand.use(
  onButton('srch:', async (ctx, { chatId, payload }) => {
    const s = searchStrings(ctx.lang);
    const m = PAGING.exec(payload);
    const saved = m ? ((await ctx.deps.kv.get(kvKey(m[2]!))) as SavedSearch | undefined) : undefined;
    const page = Number(m?.[1] ?? -1);
    if (!m || !saved || saved.chat !== chatId) return answer(ctx, s.staleSearch);
    const view = renderSearchPage(ctx.deps, ctx.lang, saved, page, (p) =>
      ctx.kit.sign(chatId, `srch:${p}:${m[2]}`),
    );
    if (page >= view.pages) return answer(ctx, s.staleSearch);
    await answer(ctx);
    await edit(ctx, view.body, view.keyboard);
  }),
);
