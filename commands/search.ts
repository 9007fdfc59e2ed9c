import { randomBytes } from 'node:crypto';
import { Composer } from 'telegraf';
import { renderSearchPage } from '../src/present/search-view.ts';
import { t } from '../src/present/strings/index.ts';
import { parseSearch } from '../src/search/query.ts';
import type { SavedSearch } from '../src/search/types.ts';
import { buildData, PREFIX, parseData } from '../src/telegram/callback-data.ts';
import { onButton } from '../src/telegram/callbacks.ts';
import { EVERY_CHAT, type MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { payloadOf } from '../src/telegram/guard.ts';
import { answer, edit, say } from '../src/telegram/reply.ts';

/**
 * `/search <words> [#source] [@7d]`: exact substring search over the archive, five hits a
 * page. Paging buttons carry `srch:<page>:<id>` (signed for the chat by the bot kit).
 */
export const searchCommand = new Composer<BotContext>();

/** its line in Telegram's command menu */
export const searchMenu: MenuEntry = {
  command: 'search',
  scopes: EVERY_CHAT,
};

searchCommand.command('search', async (ctx) => {
  // telegraf routes only `message` updates here: channel posts (not interactive) never arrive
  const chat = ctx.chat;
  const s = t(ctx.lang).search;
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
  const view = await renderSearchPage(ctx.deps, ctx.lang, ctx.tz, saved, 0, (p) =>
    ctx.kit.sign(chat.id, buildData.searchPage(p, id)),
  );
  ctx.log.debug({ terms: saved.terms, total: view.total }, 'search');
  // the query waits under a short random id: callback data holds only 64 bytes
  if (view.pages > 1) await ctx.deps.searchSessions.save(id, saved);
  await say(ctx, view.body, view.keyboard);
});

searchCommand.use(
  onButton(PREFIX.searchPage, async (ctx, { chatId, payload }) => {
    const s = t(ctx.lang).search;
    const m = parseData.searchPage(payload);
    const saved = m ? await ctx.deps.searchSessions.load(m.id) : undefined;
    if (!m || !saved || saved.chat !== chatId) return answer(ctx, s.staleSearch);
    const { page, id } = m;
    const view = await renderSearchPage(ctx.deps, ctx.lang, ctx.tz, saved, page, (p) =>
      ctx.kit.sign(chatId, buildData.searchPage(p, id)),
    );
    if (page >= view.pages) return answer(ctx, s.staleSearch);
    await answer(ctx);
    await edit(ctx, view.body, view.keyboard);
  }),
);
