import { Composer } from 'telegraf';
import { DEFAULT_DIGEST_TIMES } from '../src/chats/store.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { argsOf, ensureChat, requireManager } from '../src/telegram/guard.ts';
import { t } from '../src/telegram/i18n.ts';
import { say } from '../src/telegram/reply.ts';

export function parseMode(word: string | undefined): 'instant' | 'digest' | null {
  const w = (word ?? '').toLowerCase();
  if (['instant', 'push', '即时', '即时推送'].includes(w)) return 'instant';
  if (['digest', 'digests', '摘要', '定时摘要'].includes(w)) return 'digest';
  return null;
}

/** `/mode instant|digest`: how new posts reach the chat. */
export const modeCommand = new Composer<BotContext>();

modeCommand.command('mode', async (ctx) => {
  const m = t(ctx.lang);
  const mode = parseMode(argsOf(ctx)[0]);
  if (!mode) {
    const chat = await ctx.deps.chats.get(ctx.chat.id);
    return say(ctx, m.modeUsage(m.modeName(chat?.mode ?? 'instant')));
  }
  if (!(await requireManager(ctx))) return;
  const chat = await ensureChat(ctx);
  // digest mode without times would deliver nothing: bring the defaults back
  const digestTimes =
    mode === 'digest' && !chat.digestTimes.length ? [...DEFAULT_DIGEST_TIMES] : chat.digestTimes;
  await ctx.deps.chats.update(chat.id, { mode, digestTimes });
  await say(ctx, m.modeSet(mode, digestTimes));
});
