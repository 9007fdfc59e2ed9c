import type { InlineKeyboardMarkup } from 'telegraf/types';
import { type Html, html, packMessages } from '../present/html.ts';
import type { BotContext } from './context.ts';
import { isNotModified } from './errors.ts';

export type Keyboard = InlineKeyboardMarkup['inline_keyboard'];

const noPreview = { is_disabled: true } as const;

/**
 * Sends HTML built with html.ts, split into messages of at most 4096 characters; the
 * keyboard (if any) rides on the last one. Replies never carry link previews.
 */
export async function say(ctx: BotContext, body: Html | readonly Html[], keyboard?: Keyboard): Promise<void> {
  const chatId = ctx.chat?.id;
  if (chatId === undefined) return;
  const blocks = Array.isArray(body) ? (body as Html[]) : [body as Html];
  const messages = packMessages(blocks, '\n\n');
  const thread = threadOf(ctx);
  for (const [i, text] of messages.entries()) {
    const last = i === messages.length - 1;
    await ctx.telegram.sendMessage(chatId, text.value, {
      parse_mode: 'HTML',
      link_preview_options: noPreview,
      ...(thread ? { message_thread_id: thread } : {}),
      ...(last && keyboard?.length ? { reply_markup: { inline_keyboard: keyboard } } : {}),
    });
  }
}

/** In forum supergroups the answer belongs in the topic the command came from. */
export function threadOf(ctx: BotContext): number | undefined {
  const msg = ctx.message ?? ctx.callbackQuery?.message;
  if (!msg || !('is_topic_message' in msg) || !msg.is_topic_message) return undefined;
  return 'message_thread_id' in msg ? msg.message_thread_id : undefined;
}

/** Rewrites the message a button belongs to; "not modified" is not an error. */
export async function edit(ctx: BotContext, body: Html, keyboard?: Keyboard): Promise<void> {
  const [text] = packMessages([body]);
  try {
    await ctx.editMessageText(text?.value ?? html`…`.value, {
      parse_mode: 'HTML',
      link_preview_options: noPreview,
      reply_markup: { inline_keyboard: keyboard ?? [] },
    });
  } catch (err) {
    if (!isNotModified(err)) throw err;
  }
}

/** Answers a callback query exactly once, swallowing "query too old" (the user already moved on). */
export async function answer(ctx: BotContext, text?: string, alert = false): Promise<void> {
  try {
    // never cut inside a surrogate pair: Telegram refuses the half character and the tap stays unanswered
    const short = text?.slice(0, 190).replace(/[\ud800-\udbff]$/, '');
    await ctx.answerCbQuery(short, alert ? { show_alert: true } : undefined);
  } catch (err) {
    ctx.log.debug({ err }, 'answerCbQuery failed');
  }
}

/** The text of an Html value, for places Telegram shows unformatted (alerts, toasts). */
export function plain(h: Html): string {
  return h.value
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}
