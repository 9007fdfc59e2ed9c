import type { BotCommand, ChatMember } from 'telegraf/types';
import { intParam, type MethodHandler, requireChat } from './context.ts';
import { ApiFailure, badRequest } from './errors.ts';
import { menuButtonMethods } from './menu-button.ts';
import { commandsKey } from './state.ts';
import { CONFLICT_OTHER_POLLER } from './updates-queue.ts';

const SCOPES = new Set([
  'default',
  'all_private_chats',
  'all_group_chats',
  'all_chat_administrators',
  'chat',
  'chat_administrators',
  'chat_member',
]);

function parseJsonish(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function validScope(raw: unknown): unknown {
  const scope = parseJsonish(raw);
  if (scope === undefined) return undefined;
  const type = (scope as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !SCOPES.has(type)) throw badRequest("can't parse BotCommandScope");
  return scope;
}

function validCommands(raw: unknown): BotCommand[] {
  const commands = parseJsonish(raw);
  if (!Array.isArray(commands)) throw badRequest('commands is empty');
  if (commands.length > 100) throw badRequest('too many commands');
  for (const c of commands as ({ command?: unknown; description?: unknown } | null)[]) {
    if (!c || typeof c !== 'object') throw badRequest("can't parse BotCommand");
    if (typeof c.command !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c.command))
      throw badRequest('BOT_COMMAND_INVALID');
    if (typeof c.description !== 'string' || c.description.trim() === '' || c.description.length > 256) {
      throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
    }
  }
  return (commands as BotCommand[]).map((c) => ({ command: c.command, description: c.description }));
}

function validLanguage(raw: unknown): unknown {
  if (raw !== undefined && raw !== '' && !(typeof raw === 'string' && /^[a-z]{2}$/.test(raw))) {
    throw badRequest('LANG_CODE_INVALID');
  }
  return raw;
}

const getUpdates: MethodHandler = (ctx) => {
  const { state } = ctx;
  if (state.webhook) {
    throw new ApiFailure(
      409,
      "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      'state',
    );
  }
  if (state.pollConflict) throw new ApiFailure(409, CONFLICT_OTHER_POLLER, 'fault');
  return state.queue.poll(ctx.body, state.maxPollHoldMs, ctx.signal);
};

const setWebhook: MethodHandler = (ctx) => {
  const url = ctx.body['url'];
  if (typeof url !== 'string' || url === '') {
    ctx.state.webhook = undefined;
    return true;
  }
  if (!/^https?:\/\/[^\s]+$/.test(url)) throw badRequest('bad webhook: invalid webhook URL specified');
  const secret = ctx.body['secret_token'];
  if (secret !== undefined && (typeof secret !== 'string' || !/^[A-Za-z0-9_-]{1,256}$/.test(secret))) {
    throw badRequest('secret token contains unallowed characters');
  }
  if (ctx.body['drop_pending_updates'] === true) ctx.state.queue.reset();
  const allowed = parseJsonish(ctx.body['allowed_updates']);
  ctx.state.webhook = {
    url,
    ...(typeof secret === 'string' ? { secretToken: secret } : {}),
    ...(Array.isArray(allowed) ? { allowedUpdates: allowed.map(String) } : {}),
  };
  return true;
};

const getChatAdministrators: MethodHandler = (ctx) => {
  const chat = requireChat(ctx);
  if (chat.type === 'private') throw badRequest('there are no administrators in the private chat');
  const { chats, bot } = ctx.state;
  const admins: ChatMember[] = [...chat.admins.keys()].map((id) => chats.member(chat, id, bot.id));
  if (chat.bot.status === 'administrator' || chat.bot.status === 'creator')
    admins.push(chats.botMember(chat, bot));
  return admins.sort((a, b) => (a.status === 'creator' ? -1 : b.status === 'creator' ? 1 : 0));
};

const getChat: MethodHandler = (ctx) => {
  const chat = requireChat(ctx);
  return {
    ...ctx.state.chats.toChat(chat),
    accent_color_id: 0,
    max_reaction_count: 11,
    ...(chat.type === 'private' ? {} : { permissions: { can_send_messages: true } }),
  };
};

const alwaysTrue: MethodHandler = () => true;

export const botMethods: Record<string, MethodHandler> = {
  getMe: (ctx) => ({
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    ...ctx.state.bot,
  }),
  getUpdates,
  setWebhook,
  deleteWebhook: (ctx) => {
    if (ctx.body['drop_pending_updates'] === true) ctx.state.queue.reset();
    ctx.state.webhook = undefined;
    return true;
  },
  getWebhookInfo: (ctx) => ({
    url: ctx.state.webhook?.url ?? '',
    has_custom_certificate: false,
    pending_update_count: ctx.state.queue.pending.length,
    ...(ctx.state.webhook?.allowedUpdates ? { allowed_updates: ctx.state.webhook.allowedUpdates } : {}),
  }),
  setMyCommands: (ctx) => {
    const commands = validCommands(ctx.body['commands']);
    const key = commandsKey(validScope(ctx.body['scope']), validLanguage(ctx.body['language_code']));
    ctx.state.commands.set(key, commands);
    return true;
  },
  getMyCommands: (ctx) =>
    ctx.state.commands.get(
      commandsKey(validScope(ctx.body['scope']), validLanguage(ctx.body['language_code'])),
    ) ?? [],
  deleteMyCommands: (ctx) => {
    ctx.state.commands.delete(
      commandsKey(validScope(ctx.body['scope']), validLanguage(ctx.body['language_code'])),
    );
    return true;
  },
  getChat,
  getChatAdministrators,
  getChatMember: (ctx) =>
    ctx.state.chats.member(requireChat(ctx), intParam(ctx, 'user_id'), ctx.state.bot.id),
  getChatMemberCount: (ctx) => {
    const chat = requireChat(ctx);
    return chat.type === 'private' ? 2 : chat.members.size + chat.admins.size + 1;
  },
  leaveChat: (ctx) => {
    const chat = requireChat(ctx);
    if (chat.type === 'private') throw badRequest("chat member status can't be changed in private chats");
    chat.bot = { status: 'left' };
    return true;
  },
  setMyDescription: alwaysTrue,
  setMyShortDescription: alwaysTrue,
  setMyName: alwaysTrue,
  ...menuButtonMethods,
  setMyDefaultAdministratorRights: alwaysTrue,
};
