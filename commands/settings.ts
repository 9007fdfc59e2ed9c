import { Composer } from 'telegraf';
import type { Chat } from '../src/chats/types.ts';
import { type Html, html } from '../src/present/html.ts';
import { t } from '../src/present/strings/index.ts';
import { validZone } from '../src/service/rules.ts';
import { changeSettings, type SettingsChange } from '../src/service/settings.ts';
import { PREFIX, parseData } from '../src/telegram/callback-data.ts';
import { onButton } from '../src/telegram/callbacks.ts';
import { EVERY_CHAT, type MenuEntry } from '../src/telegram/command-menu.ts';
import type { BotContext } from '../src/telegram/context.ts';
import { argsOf, chatIdOf, ensureChat, requireManager } from '../src/telegram/guard.ts';
import { COMMON_ZONES, settingsKeyboard } from '../src/telegram/menus.ts';
import { answer, edit, type Keyboard, say } from '../src/telegram/reply.ts';
import { openAppRow } from '../src/telegram/web-app.ts';

function view(chat: Chat): Html {
  const m = t(chat.lang);
  const body = m.settingsBody({
    lang: m.langName,
    preview: chat.linkPreview,
    summary: chat.showSummary,
    mode: m.modeName(chat.mode),
    tz: chat.tz,
  });
  const extra = t(chat.lang).smart.settingsExtra({
    quiet: chat.quiet,
    trading: chat.digestTrading === true,
    breakThrough: chat.breakThrough !== false,
  });
  return html`${m.settingsTitle()}\n\n${body}\n\n${extra}`;
}

/** the toggles, then (private chats, app configured) the button that opens the Mini App */
function keyboard(ctx: BotContext, chat: Chat): Keyboard {
  const app = openAppRow(chat.id, t(chat.lang).btnOpenApp, ctx.deps.config.WEBAPP_URL);
  return [...settingsKeyboard(ctx.kit, chat), ...app];
}

/** `/settings [tz <zone>]`: language, link previews, summaries, mode and zone as inline toggles. */
export const settingsCommand = new Composer<BotContext>();

/** its line in Telegram's command menu */
export const settingsMenu: MenuEntry = {
  command: 'settings',
  scopes: EVERY_CHAT,
};

settingsCommand.command('settings', async (ctx) => {
  const [sub, value] = argsOf(ctx);
  if (sub?.toLowerCase() === 'tz' || sub?.toLowerCase() === 'timezone') {
    const m = t(ctx.lang);
    const zone = value ? validZone(value) : null;
    if (!zone) return say(ctx, m.tzBad(value ?? ''));
    if (!(await requireManager(ctx))) return;
    const chat = await ensureChat(ctx);
    await changeSettings(ctx.deps, chat, { tz: zone });
    return say(ctx, m.tzSet(zone));
  }
  const chat = (await ctx.deps.chats.get((await chatIdOf(ctx)) ?? ctx.chat.id)) ?? (await ensureChat(ctx));
  await say(ctx, view(chat), keyboard(ctx, chat));
});

/** what a `set:` payload changes, or null when it is not one we make */
function patchFor(payload: string): SettingsChange | null {
  const { field, value } = parseData.settings(payload);
  if (field === 'lang' && (value === 'zh' || value === 'en')) return { lang: value };
  if (field === 'prev' && (value === '0' || value === '1')) return { linkPreview: value === '1' };
  if (field === 'sum' && (value === '0' || value === '1')) return { showSummary: value === '1' };
  // switching to digests without times brings the defaults back (the service's rule)
  if (field === 'mode' && (value === 'instant' || value === 'digest')) return { mode: value };
  if (field === 'brk' && (value === '0' || value === '1')) return { breakThrough: value === '1' };
  if (field === 'tz' && value !== undefined && /^\d{1,2}$/.test(value)) {
    const zone = COMMON_ZONES[Number(value)];
    return zone ? { tz: zone } : null;
  }
  return null;
}

settingsCommand.use(
  onButton(PREFIX.settings, async (ctx, { payload }) => {
    if (!(await requireManager(ctx))) return;
    const chat = await ensureChat(ctx);
    const change = patchFor(payload);
    if (!change) return answer(ctx, t(ctx.lang).stale);
    const next = await changeSettings(ctx.deps, chat, change);
    ctx.lang = next.lang;
    await answer(ctx, t(next.lang).saved);
    await edit(ctx, view(next), keyboard(ctx, next));
  }),
);
