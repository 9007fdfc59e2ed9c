import type { Chat } from '../chats/types.ts';
import { type Html, html, packMessages } from '../present/html.ts';
import { t } from '../present/strings/index.ts';
import type { BotContext } from './context.ts';
import { LIST_BUTTONS, listKeyboard } from './menus.ts';
import type { Keyboard } from './reply.ts';

/** The subscriptions of a chat with its delivery mode; unsubscribe buttons only for the chat itself. */
export function renderList(
  ctx: BotContext,
  chat: Chat,
  opts: { label: string; buttons: boolean },
): { body: Html[]; keyboard: Keyboard | undefined } {
  const m = t(ctx.lang);
  const slugs = Object.keys(chat.subscriptions).sort((a, b) => a.localeCompare(b));
  const head = html`${opts.label ? html`📢 ${opts.label}\n` : ''}${m.modeLine(chat.mode, chat.digestTimes, chat.tz)}`;
  if (!slugs.length) return { body: [head, m.listEmpty()], keyboard: undefined };
  const filter = (s: string) => {
    const f = chat.filters?.[s];
    return f && (f.include.length || f.exclude.length)
      ? html`\n${t(ctx.lang).smart.filterLine(f.include, f.exclude)}`
      : '';
  };
  const lines = slugs.map((s) => html`• ${ctx.deps.categories.label(s)}${filter(s)}`);
  // one line per subscription, packed so that 200 of them still split cleanly between lines
  const body = [head, ...packMessages([m.listHeader('', slugs.length), ...lines], '\n', 3_800)];
  if (opts.buttons && slugs.length > LIST_BUTTONS) body.push(m.moreInList(slugs.length - LIST_BUTTONS));
  const keyboard = opts.buttons ? listKeyboard(ctx.deps, ctx.kit, chat.id, slugs) : undefined;
  return { body, keyboard };
}
