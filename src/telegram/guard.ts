import type { Chat, ChatKind } from '../chats/types.ts';
import { t } from '../present/strings/index.ts';
import { ANONYMOUS_ADMIN_ID } from './admins.ts';
import type { BotContext } from './context.ts';
import { answer, plain, say, threadOf } from './reply.ts';

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

/**
 * The stored record of the update's chat, created on first use in the user's language. Inside
 * a forum topic it is the topic's own record: subscriptions and settings there belong to the
 * topic, and its pushes go to the topic's thread. The General topic is the group itself.
 */
export async function ensureChat(ctx: BotContext): Promise<Chat> {
  const chat = ctx.chat ?? ctx.callbackQuery?.message?.chat;
  if (!chat) throw new Error('update without a chat');
  const init = { kind: chatKind(chat.type), title: chatTitle(chat as { type: string }), lang: ctx.lang };
  const thread = 'is_forum' in chat && chat.is_forum ? threadOf(ctx) : undefined;
  if (thread === undefined) return ctx.deps.chats.ensure(chat.id, init);
  const { chats } = ctx.deps;
  const id = await chats.topicId(chat.id, thread);
  const topic = await chats.ensure(id, init);
  if (topic.topic && !topic.topic.paused && topic.active) return topic;
  // a command from the topic proves it is alive: a paused topic comes back
  const next = await chats.update(id, { topic: { chatId: chat.id, threadId: thread }, active: true });
  return next ?? topic;
}

/** The stored id of the update's chat, or of its forum topic (see ensureChat); for reads only. */
export async function chatIdOf(ctx: BotContext): Promise<number | undefined> {
  const chat = ctx.chat ?? ctx.callbackQuery?.message?.chat;
  if (!chat) return undefined;
  const thread = 'is_forum' in chat && chat.is_forum ? threadOf(ctx) : undefined;
  return thread === undefined ? chat.id : ctx.deps.chats.topicId(chat.id, thread);
}
