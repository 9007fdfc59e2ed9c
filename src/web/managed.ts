import type { IncomingMessage } from 'node:http';
import type { Categories } from '../chats/categories.ts';
import type { Chat } from '../chats/types.ts';
import type { Deps } from '../deps.ts';
import { langFromCode } from '../present/strings/index.ts';
import { HttpError } from './http.ts';
import type { WebAppUser } from './init-data.ts';

export interface ApiRequest {
  deps: Deps;
  user: WebAppUser;
  url: URL;
  req: IncomingMessage;
  params: string[];
  /** the category facade over the registry with all() cached briefly, for the sources search */
  sources: Categories;
}

/** a chat id in a route: Telegram ids fit in 52 bits */
export const CHAT_ID = '(-?\\d{1,16})';

/** the user's own private chat, created on the first open as /start would */
export function ensureOwnChat(deps: Deps, user: WebAppUser): Promise<Chat> {
  return deps.chats.ensure(user.id, {
    kind: 'private',
    title: user.firstName,
    lang: langFromCode(user.languageCode),
  });
}

/** The chat a call names, after the same admin check the commands make; 403 otherwise. */
export async function managedChat(r: ApiRequest, raw: string | undefined): Promise<Chat> {
  const id = Number(raw);
  if (!Number.isSafeInteger(id)) throw new HttpError(400, 'bad-chat', 'not a chat id', 'chat');
  if (id === r.user.id) return ensureOwnChat(r.deps, r.user);
  if (!(await r.deps.access.canManage(r.user.id, id))) {
    throw new HttpError(403, 'forbidden', 'only administrators of this chat may change it', 'chat');
  }
  const chat = await r.deps.chats.get(id);
  if (!chat) throw new HttpError(403, 'forbidden', 'unknown chat', 'chat');
  return chat;
}

export type Handler = (r: ApiRequest) => Promise<unknown>;
