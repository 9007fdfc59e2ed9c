import { Composer } from 'telegraf';
import { searchCategories } from '../src/chats/resolve.ts';
import { checkTerm } from '../src/match/matcher.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { argsOf, ensureChat, requireManager } from '../src/telegram/guard.ts';
import { smart } from '../src/telegram/i18n-smart.ts';
import { categoryName } from '../src/telegram/menus.ts';
import { say } from '../src/telegram/reply.ts';

const MAX_WORDS = 20;

/**
 * `/filter <source> +降准 +降息 -广告` | `/filter <source> off`: which posts of one subscription
 * reach the chat (any + word must appear, no - word may), in pushes and digests alike.
 */
export const filterCommand = new Composer<BotContext>();

filterCommand.command('filter', async (ctx) => {
  const m = smart(ctx.lang);
  const { deps } = ctx;
  const args = argsOf(ctx);
  const words = args.filter((w) => /^[+\-＋－]./.test(w));
  const off = args.some((w) => ['off', '关闭', '取消'].includes(w.toLowerCase()));
  const name = args.filter((w) => !words.includes(w) && !['off', '关闭', '取消'].includes(w.toLowerCase()));
  if (!name.length || (!words.length && !off)) return say(ctx, m.filterUsage());
  if (words.length > MAX_WORDS) return say(ctx, m.filterTooMany(MAX_WORDS));
  if (!(await requireManager(ctx))) return;
  const chat = await ensureChat(ctx);
  const query = name.join(' ');
  const current = Object.keys(chat.subscriptions);
  // named as everywhere else: slug, name or pinyin, among what the chat subscribed to
  const slug =
    current.find((s) => s.toLowerCase() === query.toLowerCase()) ??
    searchCategories(deps.registry, query, 20).find((c) => c.score >= 90 && current.includes(c.info.slug))
      ?.info.slug;
  if (!slug) return say(ctx, m.filterNotSubscribed(query));
  const label = categoryName(deps, slug);
  const filters = { ...chat.filters };
  if (off) {
    delete filters[slug];
    await deps.chats.update(chat.id, { filters });
    return say(ctx, m.filterOff(label));
  }
  const include: string[] = [];
  const exclude: string[] = [];
  for (const w of words) {
    const checked = checkTerm(w.slice(1), deps.normalizer);
    if (!checked.ok) return say(ctx, smart(ctx.lang).watchBad(w.slice(1), checked.reason));
    const list = /^[+＋]/.test(w) ? include : exclude;
    if (!list.includes(checked.term)) list.push(checked.term);
  }
  filters[slug] = { include, exclude };
  await deps.chats.update(chat.id, { filters });
  await say(ctx, m.filterSet(label, include, exclude));
});
