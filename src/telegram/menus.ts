import type { CategoryInfo } from '../articles/types.ts';
import type { Chat } from '../chats/types.ts';
import type { Deps } from '../deps.ts';
import { clip } from '../present/html.ts';
import { t } from '../present/strings/index.ts';
import { buildData } from './callback-data.ts';
import type { BotKit } from './context.ts';
import type { Keyboard } from './reply.ts';

export const PAGE_SIZE = 8;
export const LIST_BUTTONS = 30;

/** A few zones people pick most; any IANA zone works through `/settings tz <zone>`. */
export const COMMON_ZONES = [
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Taipei',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Europe/London',
  'Europe/Berlin',
  'America/New_York',
  'America/Los_Angeles',
  'UTC',
];

const button = (kit: BotKit, chatId: number, text: string, payload: string) => ({
  text: clip(text, 60),
  callback_data: kit.sign(chatId, payload),
});

export function toggleLabel(subscribed: boolean, name: string): string {
  return `${subscribed ? '✅' : '➕'} ${name}`;
}

/** One category per row (tap toggles), then ‹ page/pages › carrying the query. */
export function categoriesKeyboard(
  deps: Deps,
  kit: BotKit,
  chat: Chat | undefined,
  chatId: number,
  infos: readonly CategoryInfo[],
  page: number,
  pages: number,
  query: string,
): Keyboard {
  const rows: Keyboard = infos.map((info) => [
    button(
      kit,
      chatId,
      toggleLabel(!!chat && info.slug in chat.subscriptions, deps.categories.label(info.slug)),
      buildData.categoryToggle(info.slug),
    ),
  ]);
  if (pages > 1) {
    const to = (n: number) => buildData.categoryPage(n, pages, query);
    const nav = [];
    if (page > 0) nav.push(button(kit, chatId, '‹', to(page - 1)));
    nav.push(button(kit, chatId, `${page + 1}/${pages}`, to(page)));
    if (page < pages - 1) nav.push(button(kit, chatId, '›', to(page + 1)));
    rows.push(nav);
  }
  return rows;
}

export function suggestionsKeyboard(deps: Deps, kit: BotKit, chatId: number, infos: readonly CategoryInfo[]) {
  return infos.map((info) => [
    button(kit, chatId, `➕ ${deps.categories.label(info.slug)}`, buildData.subscribe(info.slug)),
  ]);
}

/** Two unsubscribe buttons per row, for the first LIST_BUTTONS subscriptions. */
export function listKeyboard(deps: Deps, kit: BotKit, chatId: number, slugs: readonly string[]): Keyboard {
  const buttons = slugs
    .slice(0, LIST_BUTTONS)
    .map((slug) => button(kit, chatId, `✖ ${deps.categories.label(slug)}`, buildData.unsubscribe(slug)));
  const rows: Keyboard = [];
  for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
  return rows;
}

export function settingsKeyboard(kit: BotKit, chat: Chat): Keyboard {
  const m = t(chat.lang);
  const b = (text: string, payload: string) => button(kit, chat.id, text, payload);
  const zones = COMMON_ZONES.map((z, i) =>
    b(`${z === chat.tz ? '✅ ' : ''}${z.replace(/^.*\//, '')}`, buildData.settings('tz', i)),
  );
  const zoneRows: Keyboard = [];
  for (let i = 0; i < zones.length; i += 3) zoneRows.push(zones.slice(i, i + 3));
  return [
    [b(m.btnLang, buildData.settings('lang', chat.lang === 'zh' ? 'en' : 'zh'))],
    [b(m.btnPreview(chat.linkPreview), buildData.settings('prev', chat.linkPreview ? 0 : 1))],
    [b(m.btnSummary(chat.showSummary), buildData.settings('sum', chat.showSummary ? 0 : 1))],
    [b(m.btnMode(chat.mode), buildData.settings('mode', chat.mode === 'instant' ? 'digest' : 'instant'))],
    [
      b(
        t(chat.lang).smart.btnBreakThrough(chat.breakThrough !== false),
        buildData.settings('brk', chat.breakThrough === false ? 1 : 0),
      ),
    ],
    ...zoneRows,
  ];
}
