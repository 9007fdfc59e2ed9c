import { Composer } from 'telegraf';
import { html } from '../src/present/html.ts';
import { t } from '../src/present/strings/index.ts';
import { parseDigestTimes } from '../src/service/rules.ts';
import { changeSettings } from '../src/service/settings.ts';
import { EVERY_CHAT, type MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { argsOf, chatIdOf, ensureChat, requireManager } from '../src/telegram/guard.ts';
import { say } from '../src/telegram/reply.ts';

const TRADING = new Set(['trading', '交易日']);

/** `/digest [HH:MM …|off|now]`: digest times in the chat's zone, or a digest right away. */
export const digestCommand = new Composer<BotContext>();

/** its line in Telegram's command menu */
export const digestMenu: MenuEntry = {
  command: 'digest',
  scopes: EVERY_CHAT,
};

digestCommand.command('digest', async (ctx) => {
  const m = t(ctx.lang);
  const { deps } = ctx;
  const args = argsOf(ctx);
  const first = args[0]?.toLowerCase();
  if (!first) {
    const chat = await deps.chats.get((await chatIdOf(ctx)) ?? ctx.chat.id);
    return say(ctx, m.digestUsage(chat?.mode === 'digest' ? (chat.digestTimes ?? []) : []));
  }
  if (!(await requireManager(ctx))) return;
  const chat = await ensureChat(ctx);
  if (first === 'now' || first === '现在') {
    const n = await deps.delivery.runDigests(deps.now(), { chatId: chat.id });
    return say(ctx, m.digestNow(n));
  }
  if (first === 'off' || first === '关闭') {
    await changeSettings(deps, chat, { mode: 'instant', digestTimes: [] });
    return say(ctx, m.digestOff());
  }
  // `trading`: only on A-share trading days (src/delivery/trading.ts)
  const trading = args.some((w) => TRADING.has(w.toLowerCase()));
  const parsed = parseDigestTimes(args.filter((w) => !TRADING.has(w.toLowerCase())));
  if (!parsed.ok) return say(ctx, m.digestBadTime(parsed.word));
  if (!parsed.times.length) return say(ctx, m.digestUsage(chat.digestTimes));
  await changeSettings(deps, chat, { mode: 'digest', digestTimes: parsed.times, digestTrading: trading });
  await say(ctx, html`${m.digestSet(parsed.times, chat.tz)}${trading ? t(ctx.lang).smart.trading : ''}`);
});
