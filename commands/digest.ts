import { Composer } from 'telegraf';
import type { BotContext } from '../src/telegram/context.ts';
import { argsOf, ensureChat, requireManager } from '../src/telegram/guard.ts';
import { html } from '../src/telegram/html.ts';
import { t } from '../src/telegram/i18n.ts';
import { smart } from '../src/telegram/i18n-smart.ts';
import { say } from '../src/telegram/reply.ts';

const MAX_TIMES = 8;
const TRADING = new Set(['trading', '交易日']);

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
  // `trading`: only on A-share trading days (src/delivery/trading.ts)
  const trading = args.some((w) => TRADING.has(w.toLowerCase()));
  const times: string[] = [];
  for (const word of args.filter((w) => !TRADING.has(w.toLowerCase())).slice(0, MAX_TIMES)) {
    const time = parseTime(word);
    if (!time) return say(ctx, m.digestBadTime(word));
    times.push(time);
  }
  const sorted = [...new Set(times)].sort();
  if (!sorted.length) return say(ctx, m.digestUsage(chat.digestTimes));
  await deps.chats.update(chat.id, { mode: 'digest', digestTimes: sorted, digestTrading: trading });
  await say(ctx, html`${m.digestSet(sorted, chat.tz)}${trading ? smart(ctx.lang).trading : ''}`);
});
