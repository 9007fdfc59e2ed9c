import type { Chat, ChatMember, Message, User } from 'telegraf/types';
import { adminMember } from './chat-members.ts';
import { ApiFailure, badRequest, chatNotFound } from './errors.ts';

export type ChatType = 'private' | 'group' | 'supergroup' | 'channel';
export type MemberStatus = 'creator' | 'administrator' | 'member' | 'restricted' | 'left' | 'kicked';

export interface AdminSpec {
  userId: number;
  status?: 'creator' | 'administrator';
  /** channels: whether this admin may post (the bot checks it before managing a channel) */
  canPostMessages?: boolean;
  isAnonymous?: boolean;
}

export interface BotMembership {
  status: MemberStatus;
  canPostMessages?: boolean;
}

export interface ChatSpec {
  id: number;
  type?: ChatType;
  title?: string;
  /** without the @ */
  username?: string;
  firstName?: string;
  admins?: AdminSpec[];
  members?: number[];
  bot?: BotMembership;
  /** a forum supergroup: messages may carry message_thread_id (see deleteTopic) */
  isForum?: boolean;
}

export interface StoredMessage {
  message: Message;
  fromBot: boolean;
  text?: string;
  replyMarkup?: unknown;
  deleted: boolean;
}

export interface FakeChat {
  id: number;
  type: ChatType;
  title?: string;
  username?: string;
  firstName?: string;
  admins: Map<number, AdminSpec>;
  members: Set<number>;
  bot: BotMembership;
  /** private chats: the user blocked the bot */
  blocked: boolean;
  migratedTo?: number;
  lastMessageId: number;
  messages: Map<number, StoredMessage>;
  isForum: boolean;
  /** forum topics deleted by the test: sends into them get 400 "message thread not found" */
  deletedTopics: Set<number>;
}

/** Telegram's guess from an id alone: -100… are supergroups (or channels), other negatives groups. */
export function inferChatType(id: number): ChatType {
  if (id > 0) return 'private';
  return id <= -1_000_000_000_000 ? 'supergroup' : 'group';
}

export class ChatModel {
  readonly chats = new Map<number, FakeChat>();
  readonly users = new Map<number, User>();

  add(spec: ChatSpec): FakeChat {
    const existing = this.chats.get(spec.id);
    const type = spec.type ?? existing?.type ?? inferChatType(spec.id);
    const chat: FakeChat = existing ?? {
      id: spec.id,
      type,
      admins: new Map(),
      members: new Set(),
      bot: { status: type === 'channel' ? 'administrator' : 'member', canPostMessages: type === 'channel' },
      blocked: false,
      lastMessageId: 0,
      messages: new Map(),
      isForum: false,
      deletedTopics: new Set(),
    };
    chat.type = type;
    if (spec.title !== undefined) chat.title = spec.title;
    if (spec.username !== undefined) chat.username = spec.username.replace(/^@/, '');
    if (spec.firstName !== undefined) chat.firstName = spec.firstName;
    if (spec.bot) chat.bot = { ...spec.bot };
    if (spec.isForum !== undefined) chat.isForum = spec.isForum;
    for (const admin of spec.admins ?? []) chat.admins.set(admin.userId, admin);
    for (const member of spec.members ?? []) chat.members.add(member);
    if (type !== 'private' && chat.title === undefined) chat.title = `Chat ${spec.id}`;
    if (type === 'private' && chat.firstName === undefined) chat.firstName = `User ${spec.id}`;
    this.chats.set(chat.id, chat);
    return chat;
  }

  addUser(user: User): void {
    this.users.set(user.id, user);
  }

  get(id: number): FakeChat | undefined {
    return this.chats.get(id);
  }

  /** chat_id as Telegram accepts it: a number, a numeric string, or "@username" of a public chat. */
  resolve(chatId: unknown, autoKnow: boolean): FakeChat {
    if (typeof chatId === 'string' && chatId.startsWith('@')) {
      const name = chatId.slice(1).toLowerCase();
      for (const chat of this.chats.values()) {
        if (chat.username?.toLowerCase() === name && chat.type !== 'private') return chat;
      }
      throw chatNotFound();
    }
    const id = typeof chatId === 'number' ? chatId : typeof chatId === 'string' ? Number(chatId) : Number.NaN;
    if (!Number.isSafeInteger(id) || id === 0) {
      throw chatId === undefined ? badRequest('chat_id is empty') : chatNotFound();
    }
    const known = this.chats.get(id);
    if (known) return known;
    if (!autoKnow) throw chatNotFound();
    return this.add({ id });
  }

  /** The refusals Telegram gives for a chat the bot can no longer write to. */
  assertCanSend(chat: FakeChat): void {
    if (chat.migratedTo !== undefined) {
      throw new ApiFailure(400, 'Bad Request: group chat was upgraded to a supergroup chat', 'state', {
        migrate_to_chat_id: chat.migratedTo,
      });
    }
    if (chat.type === 'private') {
      if (chat.blocked) throw new ApiFailure(403, 'Forbidden: bot was blocked by the user', 'state');
      return;
    }
    if (chat.bot.status === 'kicked') {
      throw new ApiFailure(403, `Forbidden: bot was kicked from the ${chat.type} chat`, 'state');
    }
    if (chat.bot.status === 'left') {
      throw new ApiFailure(403, `Forbidden: bot is not a member of the ${chat.type} chat`, 'state');
    }
    if (chat.type === 'channel' && !(chat.bot.status === 'administrator' && chat.bot.canPostMessages)) {
      throw badRequest('need administrator rights in the channel chat', 'state');
    }
  }

  migrate(oldId: number, newId: number): FakeChat {
    const old = this.chats.get(oldId) ?? this.add({ id: oldId, type: 'group' });
    old.migratedTo = newId;
    return this.add({
      id: newId,
      type: 'supergroup',
      ...(old.title !== undefined ? { title: old.title } : {}),
      admins: [...old.admins.values()],
      members: [...old.members],
      bot: { ...old.bot },
    });
  }

  toChat(chat: FakeChat): Chat {
    if (chat.type === 'private') {
      return {
        id: chat.id,
        type: 'private',
        first_name: chat.firstName ?? '',
        ...(chat.username ? { username: chat.username } : {}),
      };
    }
    const base = { id: chat.id, title: chat.title ?? '' };
    if (chat.type === 'group') return { ...base, type: 'group' };
    const withName = chat.username ? { ...base, username: chat.username } : base;
    if (chat.type === 'channel') return { ...withName, type: 'channel' };
    return { ...withName, type: 'supergroup', ...(chat.isForum ? { is_forum: true as const } : {}) };
  }

  user(id: number): User {
    return this.users.get(id) ?? { id, is_bot: false, first_name: `User ${id}` };
  }

  member(chat: FakeChat, userId: number, botId: number): ChatMember {
    if (userId === botId) return this.botMember(chat, this.user(botId));
    const user = this.user(userId);
    const admin = chat.admins.get(userId);
    if (admin?.status === 'creator') {
      return { status: 'creator', user, is_anonymous: admin.isAnonymous ?? false };
    }
    if (admin) return adminMember(user, admin.canPostMessages ?? true, admin.isAnonymous ?? false);
    if (chat.type === 'private' && userId === chat.id) return { status: 'member', user };
    return chat.members.has(userId) ? { status: 'member', user } : { status: 'left', user };
  }

  botMember(chat: FakeChat, bot: User): ChatMember {
    const { status, canPostMessages } = chat.bot;
    if (status === 'administrator' || status === 'creator')
      return adminMember(bot, canPostMessages ?? false, false);
    if (status === 'kicked') return { status: 'kicked', user: bot, until_date: 0 };
    return status === 'left' ? { status: 'left', user: bot } : { status: 'member', user: bot };
  }
}
