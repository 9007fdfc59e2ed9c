import type { Telegram } from 'telegraf';
import type { Chat, ChatStore } from '../chats/types.ts';
import { createAdminCache } from '../telegram/admins.ts';
import type { ManagerHints } from './manager-hints.ts';

const MANAGING = new Set(['creator', 'administrator']);

/**
 * Who may change which chat, asked of the Bot API exactly as the commands ask it: group
 * admins from getChatAdministrators and channel admins from getChatMember, both kept for a
 * short TTL so a burst costs one request while a demotion still takes effect quickly.
 */
export function createChatAccess(p: {
  telegram: Telegram;
  chats: ChatStore;
  hints: ManagerHints;
  now: () => number;
  ttlMs?: number;
}) {
  const ttl = p.ttlMs ?? 30_000;
  const admins = createAdminCache(p.telegram, p.now, ttl);
  const channelAdmins = new Map<string, { ok: boolean; at: number }>();

  const isChannelAdmin = async (chatId: number, userId: number): Promise<boolean> => {
    const key = `${chatId}:${userId}`;
    const hit = channelAdmins.get(key);
    if (hit && p.now() - hit.at < ttl) return hit.ok;
    // not a channel we are in, or Telegram is down: refuse rather than let anyone in
    const member = await p.telegram.getChatMember(chatId, userId).catch(() => null);
    const ok = !!member && MANAGING.has(member.status);
    if (channelAdmins.size > 5_000) channelAdmins.clear();
    channelAdmins.set(key, { ok, at: p.now() });
    return ok;
  };

  const canManageChat = async (userId: number, chat: Pick<Chat, 'id' | 'kind'>): Promise<boolean> => {
    if (chat.kind === 'private') return chat.id === userId;
    if (chat.kind === 'channel') return isChannelAdmin(chat.id, userId);
    return admins.isAdmin(chat.id, userId);
  };

  return {
    /** the cached group-admin check commands use (getChatAdministrators) */
    isGroupAdmin: admins.isAdmin,
    forget: admins.forget,
    /** the user's own private chat always; a group or channel the bot knows only for its admins */
    async canManage(userId: number, chatId: number): Promise<boolean> {
      if (chatId === userId) return true;
      const chat = await p.chats.get(chatId);
      return !!chat && (await canManageChat(userId, chat));
    },
    /**
     * Notes that the user managed this chat, so the app can list it: Telegram has no call for
     * "the chats this user administers", and asking about every chat the bot is in would cost
     * one request per group. The note is only a hint; every listing checks again.
     */
    async remember(userId: number, chatId: number): Promise<void> {
      if (chatId === userId) return;
      await p.hints.add(userId, chatId);
    },
    /** the chats the user may manage now: their private chat first, then groups and channels */
    async manageable(userId: number): Promise<Chat[]> {
      const hinted = await p.hints.list(userId);
      const chats = await Promise.all(hinted.map((id) => p.chats.get(id)));
      const allowed = await Promise.all(
        chats.map(async (c) => (c?.active && (await canManageChat(userId, c)) ? c : null)),
      );
      const own = await p.chats.get(userId);
      return [...(own ? [own] : []), ...allowed.filter((c): c is Chat => c !== null)];
    },
  };
}

export type ChatAccess = ReturnType<typeof createChatAccess>;
