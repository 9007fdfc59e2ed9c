import { Composer } from 'telegraf';
import type { BotContext } from '../src/telegram/context.ts';
import { argsOf, ensureChat, requireManager } from '../src/telegram/guard.ts';
import { t } from '../src/telegram/i18n.ts';
import { say } from '../src/telegram/reply.ts';

const MAX_TIMES = 8;

/** `7:30`, `07:30`, `0730`, `19点` → `HH:MM`, or null. */
export function parseTime(word: string): string | null {
  const w = word.normalize('NFKC').replace(/[点時时]$/, '');
  const m = /^(\d{1,2})(?::?(\d{2}))?$/.exec(w);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? '0');
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** `/digest [HH:MM …|off|now]`: digest times in the chat's zone, or a digest right away. */
export const digestCommand = new Composer<BotContext>();

digestCommand.command('digest', async (ctx) => {
  const m = t(ctx.lang);
  const { deps } = ctx;
  const args = argsOf(ctx);
  const first = args[0]?.toLowerCase();
  if (!first) {
    const chat = await deps.chats.get(ctx.chat.id);
    return say(ctx, m.digestUsage(chat?.mode === 'digest' ? (chat.digestTimes ?? []) : []));
  }
  if (!(await requireManager(ctx))) return;
  const chat = await ensureChat(ctx);
  if (first === 'now' || first === '现在') {
    const n = await deps.delivery.runDigests(deps.now(), { chatId: chat.id });
    return say(ctx, m.digestNow(n));
  }
  if (first === 'off' || first === '关闭') {
    await deps.chats.update(chat.id, { mode: 'instant', digestTimes: [] });
    return say(ctx, m.digestOff());
  }
  const times: string[] = [];
  for (const word of args.slice(0, MAX_TIMES)) {
    const time = parseTime(word);
    if (!time) return say(ctx, m.digestBadTime(word));
    times.push(time);
  }
  const sorted = [...new Set(times)].sort();
  await deps.chats.update(chat.id, { mode: 'digest', digestTimes: sorted });
  await say(ctx, m.digestSet(sorted, chat.tz));
});
