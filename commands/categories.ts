import { Composer } from 'telegraf';
import type { CategoryInfo } from '../src/articles/types.ts';
import type { Html } from '../src/present/html.ts';
import { t } from '../src/present/strings/index.ts';
import { findSlug, PREFIX, parseData } from '../src/telegram/callback-data.ts';
import { onButton } from '../src/telegram/callbacks.ts';
import { EVERY_CHAT, type MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { isNotModified } from '../src/telegram/errors.ts';
import { ensureChat, payloadOf, requireManager } from '../src/telegram/guard.ts';
import { categoriesKeyboard, PAGE_SIZE, toggleLabel } from '../src/telegram/menus.ts';
import { answer, edit, type Keyboard, plain, say } from '../src/telegram/reply.ts';

const MAX_RESULTS = 80;
const POPULAR_WINDOW = 7 * 86_400_000;

function candidates(ctx: BotContext, query: string): CategoryInfo[] {
  const { registry } = ctx.deps;
  if (query) return ctx.deps.categories.find(query, MAX_RESULTS).map((m) => m.info);
  const popular = registry.popular(ctx.deps.now() - POPULAR_WINDOW, MAX_RESULTS);
  return popular.length
    ? popular
    : registry
        .all()
        .sort((a, b) => b.posts - a.posts)
        .slice(0, MAX_RESULTS);
}

/** The text and keyboard of one page of `/categories [query]` for a chat. */
async function page(ctx: BotContext, chatId: number, query: string, wanted: number) {
  const m = t(ctx.lang);
  const all = candidates(ctx, query);
  const pages = Math.max(1, Math.ceil(all.length / PAGE_SIZE));
  const n = Math.min(Math.max(0, wanted), pages - 1);
  const chat = await ctx.deps.chats.get(chatId);
  let text: Html;
  if (!all.length) text = query ? m.catsNone(query) : m.catsEmpty();
  else text = query ? m.catsFor(query, all.length) : m.catsPopular();
  const shown = all.slice(n * PAGE_SIZE, (n + 1) * PAGE_SIZE);
  const keyboard = categoriesKeyboard(ctx.deps, ctx.kit, chat, chatId, shown, n, pages, query);
  return { text, keyboard };
}

/** `/categories [query]`: browse popular sources or search them; tap to toggle, ‹ › to page. */
export const categoriesCommand = new Composer<BotContext>();

/** its line in Telegram's command menu */
export const categoriesMenu: MenuEntry = {
  command: 'categories',
  scopes: EVERY_CHAT,
};

categoriesCommand.command(['categories', 'cats'], async (ctx) => {
  const query = Array.from(payloadOf(ctx)).slice(0, 40).join('').trim();
  const { text, keyboard } = await page(ctx, ctx.chat.id, query, 0);
  await say(ctx, text, keyboard);
});

categoriesCommand.use(
  onButton(PREFIX.categoryPage, async (ctx, { chatId, payload }) => {
    const p = parseData.categoryPage(payload);
    if (!p) return answer(ctx, t(ctx.lang).stale);
    const { text, keyboard } = await page(ctx, chatId, p.query, p.page);
    await answer(ctx);
    await edit(ctx, text, keyboard);
  }),
);

categoriesCommand.use(
  onButton(PREFIX.categoryToggle, async (ctx, { payload }) => {
    if (!(await requireManager(ctx))) return;
    const { deps } = ctx;
    const m = t(ctx.lang);
    const chat = await ensureChat(ctx);
    const known = [...deps.registry.all().map((c) => c.slug), ...Object.keys(chat.subscriptions)];
    const slug = findSlug(payload, known);
    if (!slug || (!deps.registry.get(slug) && !(slug in chat.subscriptions))) return answer(ctx, m.stale);
    const name = deps.categories.label(slug);
    let subscribed: boolean;
    if (slug in chat.subscriptions) {
      await deps.chats.unsubscribe(chat.id, [slug]);
      subscribed = false;
      await answer(ctx, m.nowUnsubscribed(name));
    } else {
      const res = await deps.chats.subscribe(chat.id, [slug], deps.now());
      if (res.overLimit.length)
        return answer(ctx, plain(m.overLimit([name], deps.config.MAX_SUBSCRIPTIONS)), true);
      subscribed = true;
      await answer(ctx, m.nowSubscribed(name));
    }
    await relabel(ctx, toggleLabel(subscribed, name));
  }),
);

/** Flips the pressed button's label in place; the rest of the page stays as it was. */
async function relabel(ctx: BotContext, label: string): Promise<void> {
  const q = ctx.callbackQuery;
  const markup = q?.message && 'reply_markup' in q.message ? q.message.reply_markup : undefined;
  if (!q || !('data' in q) || !markup) return;
  const keyboard: Keyboard = markup.inline_keyboard.map((row) =>
    row.map((b) => ('callback_data' in b && b.callback_data === q.data ? { ...b, text: label } : b)),
  );
  try {
    await ctx.editMessageReplyMarkup({ inline_keyboard: keyboard });
  } catch (err) {
    if (!isNotModified(err)) throw err;
  }
}
