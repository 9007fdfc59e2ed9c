import { Composer } from 'telegraf';
import { t } from '../src/present/strings/index.ts';
import { checkFilter, MAX_FILTER_WORDS, setFilter } from '../src/service/filters.ts';
import { EVERY_CHAT, type MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { argsOf, ensureChat, requireManager } from '../src/telegram/guard.ts';
import { say } from '../src/telegram/reply.ts';

/**
 * `/filter <source> +降准 +降息 -广告` | `/filter <source> off`: which posts of one subscription
 * reach the chat (any + word must appear, no - word may), in pushes and digests alike.
 */
export const filterCommand = new Composer<BotContext>();

/** its line in Telegram's command menu */
export const filterMenu: MenuEntry = {
  command: 'filter',
  scopes: EVERY_CHAT,
};

filterCommand.command('filter', async (ctx) => {
  const m = t(ctx.lang).smart;
  const { deps } = ctx;
  const args = argsOf(ctx);
  const words = args.filter((w) => /^[+\-＋－]./.test(w));
  const off = args.some((w) => ['off', '关闭', '取消'].includes(w.toLowerCase()));
  const name = args.filter((w) => !words.includes(w) && !['off', '关闭', '取消'].includes(w.toLowerCase()));
  if (!name.length || (!words.length && !off)) return say(ctx, m.filterUsage());
  if (words.length > MAX_FILTER_WORDS) return say(ctx, m.filterTooMany(MAX_FILTER_WORDS));
  if (!(await requireManager(ctx))) return;
  const chat = await ensureChat(ctx);
  const query = name.join(' ');
  const current = Object.keys(chat.subscriptions);
  // named as everywhere else: slug, name or pinyin, among what the chat subscribed to
  const slug = deps.categories.among(query, current);
  if (!slug) return say(ctx, m.filterNotSubscribed(query));
  const label = deps.categories.label(slug);
  if (off) {
    await setFilter(deps, chat, slug, null);
    return say(ctx, m.filterOff(label));
  }
  const plus = words.filter((w) => /^[+＋]/.test(w)).map((w) => w.slice(1));
  const minus = words.filter((w) => !/^[+＋]/.test(w)).map((w) => w.slice(1));
  const checked = checkFilter(deps, plus, minus);
  if (!checked.ok)
    return say(
      ctx,
      checked.reason === 'too-many'
        ? m.filterTooMany(MAX_FILTER_WORDS)
        : m.watchBad(checked.word, checked.reason),
    );
  const { include, exclude } = checked.filter;
  await setFilter(deps, chat, slug, checked.filter);
  await say(ctx, m.filterSet(label, include, exclude));
});
