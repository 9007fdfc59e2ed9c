import type { Chat } from '../chats/types.ts';
import { t } from '../present/strings/index.ts';
import type { BotContext } from './context.ts';
import { chatTitle, ensureChat, requireManager } from './guard.ts';
import { say } from './reply.ts';

/** The chat a command acts on: the current one, or a channel named by its first argument. */
export interface Target {
  chat: Chat;
  /** true when a channel managed from this private chat */
  remote: boolean;
  label: string;
}

const CHANNEL_REF = /^(@[A-Za-z][A-Za-z0-9_]{3,31}|-100\d{6,15})$/;

function looksLikeChannel(arg: string | undefined): boolean {
  return !!arg && CHANNEL_REF.test(arg);
}

/**
 * Picks the target of a subscription command and checks the user may manage it. A channel
 * is accepted only from a private chat, when the user administers it and the bot can post
 * there. Returns null after telling the user why not.
 */
export async function resolveTarget(
  ctx: BotContext,
  args: string[],
  opts: { manage: boolean; needPost?: boolean },
): Promise<{ target: Target; rest: string[] } | null> {
  const m = t(ctx.lang);
  const [first, ...rest] = args;
  if (!looksLikeChannel(first)) {
    if (opts.manage && !(await requireManager(ctx))) return null;
    const chat = await ensureChat(ctx);
    return { target: { chat, remote: false, label: chat.title }, rest: args };
  }
  const ref = first as string;
  if (ctx.chat?.type !== 'private') {
    await say(ctx, m.channelPrivateOnly());
    return null;
  }
  const tg = ctx.telegram;
  const lookup = /^-?\d+$/.test(ref) ? Number(ref) : ref;
  let channel: Awaited<ReturnType<typeof tg.getChat>>;
  try {
    channel = await tg.getChat(lookup);
  } catch {
    await say(ctx, m.channelNotFound(ref));
    return null;
  }
  if (channel.type !== 'channel') {
    await say(ctx, m.channelNotFound(ref));
    return null;
  }
  const userId = ctx.from?.id;
  const member = userId === undefined ? null : await tg.getChatMember(channel.id, userId).catch(() => null);
  if (!member || (member.status !== 'creator' && member.status !== 'administrator')) {
    await say(ctx, m.channelNotAdmin(ref));
    return null;
  }
  const me = await tg.getChatMember(channel.id, ctx.botInfo.id).catch(() => null);
  const canPost =
    me?.status === 'creator' || (me?.status === 'administrator' && me.can_post_messages === true);
  if (!canPost && opts.needPost !== false) {
    await say(ctx, m.channelBotCannotPost(ref));
    return null;
  }
  if (userId !== undefined) await ctx.deps.access.remember(userId, channel.id);
  const title = chatTitle(channel as { type: string; title?: string });
  const chat = await ctx.deps.chats.ensure(channel.id, { kind: 'channel', title, lang: ctx.lang });
  if (canPost && !chat.active) await ctx.deps.chats.setActive(channel.id, true);
  return {
    target: { chat: { ...chat, active: chat.active || canPost }, remote: true, label: title || ref },
    rest,
  };
}
