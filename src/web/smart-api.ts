import { checkFilter, MAX_FILTER_WORDS, setFilter } from '../service/filters.ts';
import { settingsView } from '../service/settings.ts';
import { HttpError, readJson } from './http.ts';
import { CHAT_ID, type Handler, managedChat } from './managed.ts';

/** the most terms one call may carry; the chat's own cap (watchlists.limits) is checked after */
const TERMS_PER_CALL = 20;
const SLUG = '([A-Za-z0-9_.:-]{1,200})';

/** `terms`: a non-empty array of short strings, else a 400 naming the field */
function termsOf(body: unknown): string[] {
  const terms = (body as { terms?: unknown }).terms;
  if (
    !Array.isArray(terms) ||
    !terms.length ||
    terms.length > TERMS_PER_CALL ||
    !terms.every((t) => typeof t === 'string' && t.length <= 200)
  )
    throw new HttpError(400, 'invalid', `terms must be 1 to ${TERMS_PER_CALL} strings`, 'terms');
  return terms as string[];
}

const watchView = async (r: Parameters<Handler>[0], chatId: number) => ({
  terms: await r.deps.watchlists.list(chatId),
  max: r.deps.watchlists.limits.perChat,
});

const getWatch: Handler = async (r) => watchView(r, (await managedChat(r, r.params[0])).id);

/** Adds terms through the same service as /watch: its term check and both caps. */
const addWatch: Handler = async (r) => {
  const chat = await managedChat(r, r.params[0]);
  const res = await r.deps.watchlists.add(chat.id, termsOf(await readJson(r.req)));
  const bad = res.rejected[0];
  if (bad && !res.added.length)
    throw new HttpError(400, bad.reason, `not a watch term (${bad.reason}): ${bad.term}`, 'terms');
  if (!res.added.length && (res.overChat.length || res.overTotal.length))
    throw new HttpError(409, 'over-limit', `at most ${r.deps.watchlists.limits.perChat} terms`, 'terms');
  return { ...(await watchView(r, chat.id)), added: res.added, already: res.already, rejected: res.rejected };
};

const removeWatch: Handler = async (r) => {
  const chat = await managedChat(r, r.params[0]);
  const removed = await r.deps.watchlists.remove(chat.id, termsOf(await readJson(r.req)));
  return { ...(await watchView(r, chat.id)), removed };
};

/** `include`/`exclude`: arrays of strings (either may be empty), named in the error */
function wordsOf(body: unknown, field: 'include' | 'exclude'): string[] {
  const v = (body as Record<string, unknown>)[field] ?? [];
  if (!Array.isArray(v) || !v.every((t) => typeof t === 'string' && t.length <= 200))
    throw new HttpError(400, 'invalid', `${field} must be an array of words`, field);
  return v as string[];
}

/** One subscription's filter, checked as /filter checks it; the chat must be subscribed. */
const putFilter: Handler = async (r) => {
  const chat = await managedChat(r, r.params[0]);
  const slug = r.params[1] ?? '';
  if (!(slug in chat.subscriptions))
    throw new HttpError(400, 'not-subscribed', `not subscribed to ${slug}`, 'slug');
  const body = await readJson(r.req);
  const include = wordsOf(body, 'include');
  const exclude = wordsOf(body, 'exclude');
  if (!include.length && !exclude.length)
    throw new HttpError(400, 'invalid', 'give an include or exclude word, or DELETE the filter', 'include');
  const checked = checkFilter(r.deps, include, exclude);
  if (!checked.ok && checked.reason === 'too-many')
    throw new HttpError(400, 'too-many', `at most ${MAX_FILTER_WORDS} words`, 'include');
  if (!checked.ok) {
    const field = include.includes(checked.word) ? 'include' : 'exclude';
    throw new HttpError(400, checked.reason, `not a filter word (${checked.reason}): ${checked.word}`, field);
  }
  const next = await setFilter(r.deps, chat, slug, checked.filter);
  return settingsView(next, r.deps.config.MAX_SUBSCRIPTIONS, r.deps.categories.label);
};

const deleteFilter: Handler = async (r) => {
  const chat = await managedChat(r, r.params[0]);
  const next = await setFilter(r.deps, chat, r.params[1] ?? '', null);
  return settingsView(next, r.deps.config.MAX_SUBSCRIPTIONS, r.deps.categories.label);
};

const watchPath = new RegExp(`^/api/chats/${CHAT_ID}/watch$`);
const filterPath = new RegExp(`^/api/chats/${CHAT_ID}/filters/${SLUG}$`);

/** Smart delivery: watch terms and per-subscription filters (settings carry the rest). */
export const SMART_ROUTES: ReadonlyArray<{ method: string; path: RegExp; handler: Handler }> = [
  { method: 'GET', path: watchPath, handler: getWatch },
  { method: 'POST', path: watchPath, handler: addWatch },
  { method: 'DELETE', path: watchPath, handler: removeWatch },
  { method: 'PUT', path: filterPath, handler: putFilter },
  { method: 'DELETE', path: filterPath, handler: deleteFilter },
];
