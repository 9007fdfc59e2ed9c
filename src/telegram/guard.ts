import type { Chat, ChatKind } from '../chats/types.ts';
import { ANONYMOUS_ADMIN_ID } from './admins.ts';
import type { BotContext } from './context.ts';
import { t } from './i18n.ts';
import { answer, plain, say } from './reply.ts';

/** Limits on what a command reads from its arguments, so a 10,000-character message costs nothing. */
const MAX_PAYLOAD = 1_000;
const MAX_ARG = 80;
const MAX_ARGS = 20;

/** The command's arguments: capped, split on spaces and commas (ASCII and Chinese). */
export function argsOf(ctx: BotContext): string[] {
  return payloadOf(ctx)
    .split(/[\s,，、;；]+/u)
    .filter(Boolean)
    .slice(0, MAX_ARGS)
    .map((a) => Array.from(a).slice(0, MAX_ARG).join(''));
}

export function payloadOf(ctx: BotContext): string {
  const raw = (ctx as BotContext & { payload?: string }).payload ?? '';
  // zero-width and bidi controls would make look-alike names; drop them before anything else
  return Array.from(raw.slice(0, MAX_PAYLOAD * 2))
    .slice(0, MAX_PAYLOAD)
    .join('')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g, '')
    .replace(/[\ud800-\udfff]/g, (c, i, s) => (isPaired(s, i) ? c : ''))
    .trim();
}

function isPaired(s: string, i: number): boolean {
  const code = s.charCodeAt(i);
  if (code <= 0xdbff) return i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
  return i > 0 && (s.charCodeAt(i - 1) & 0xfc00) === 0xd800;
}

/** The user may change this chat: anyone in private, admins (anonymous ones too) in groups. */
export async function canManage(ctx: BotContext, chatId: number, chatType: string): Promise<boolean> {
  if (chatType === 'private') return true;
  if (chatType === 'channel') return false;
  const msg = ctx.message;
  if (ctx.from?.id === ANONYMOUS_ADMIN_ID) {
    return !!msg && 'sender_chat' in msg && msg.sender_chat?.id === chatId;
  }
  if (msg && 'sender_chat' in msg && msg.sender_chat) return false;
  if (!ctx.from) return false;
  const ok = await ctx.kit.isAdmin(chatId, ctx.from.id);
  // the Mini App lists the groups a user has managed; the hint is checked again there
  if (ok) await ctx.deps.access.remember(ctx.from.id, chatId);
  return ok;
}

/** As canManage for the update's own chat, telling non-admins why nothing happened. */
export async function requireManager(ctx: BotContext): Promise<boolean> {
  const chat = ctx.chat ?? ctx.callbackQuery?.message?.chat;
  if (!chat) return false;
  if (await canManage(ctx, chat.id, chat.type)) return true;
  const text = t(ctx.lang).adminOnly();
  if (ctx.callbackQuery) await answer(ctx, plain(text), true);
  else await say(ctx, text);
  return false;
}

export function isOperator(ctx: BotContext): boolean {
  return ctx.from !== undefined && ctx.deps.config.ADMIN_IDS.includes(ctx.from.id);
}

export function chatKind(type: string): ChatKind {
  return type === 'private' || type === 'group' || type === 'supergroup' || type === 'channel'
    ? type
    : 'private';
}

export function chatTitle(chat: {
  type: string;
  title?: string;
  first_name?: string;
  username?: string;
}): string {
  return chat.title ?? chat.first_name ?? chat.username ?? '';
}

/** The stored record of the update's chat, created on first use in the user's language. */
export async function ensureChat(ctx: BotContext): Promise<Chat> {
  const chat = ctx.chat ?? ctx.callbackQuery?.message?.chat;
  if (!chat) throw new Error('update without a chat');
  return ctx.deps.chats.ensure(chat.id, {
    kind: chatKind(chat.type),
    title: chatTitle(chat as { type: string }),
    lang: ctx.lang,
  });
}
