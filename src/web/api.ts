import { displayName } from '../chats/categories.ts';
import { changeSettings, parseSettingsChange, settingsView } from '../service/settings.ts';
import { setSubscribed } from '../service/subscriptions.ts';
import { HttpError, readJson } from './http.ts';

import { CHAT_ID, ensureOwnChat, type Handler, managedChat } from './managed.ts';
import { article, latest, search } from './reader.ts';
import { SMART_ROUTES } from './smart-api.ts';

const SOURCES_MAX = 30;
const POPULAR_WINDOW_MS = 7 * 86_400_000;

const chats: Handler = async ({ deps, user }) => {
  const own = await ensureOwnChat(deps, user);
  const list = await deps.access.manageable(user.id);
  return {
    user: { id: user.id, firstName: user.firstName, lang: own.lang },
    chats: list.map((c) => ({
      id: c.id,
      kind: c.kind,
      title: c.title,
      subscriptions: Object.keys(c.subscriptions).length,
    })),
  };
};

/** Sources matching a query (slug, name, pinyin, initials, typos); without one, the chat's and the busiest. */
const sources: Handler = async (r) => {
  const { deps, url } = r;
  const chat = await managedChat(r, url.searchParams.get('chat') ?? String(r.user.id));
  const q = (url.searchParams.get('q') ?? '').slice(0, 80);
  const infos = q.trim()
    ? r.sources.find(q, SOURCES_MAX).map((m) => m.info)
    : [
        ...Object.keys(chat.subscriptions).map(
          (slug) => deps.registry.get(slug) ?? { slug, source: '', tag: '', posts: 0 },
        ),
        ...deps.registry
          .popular(deps.now() - POPULAR_WINDOW_MS, SOURCES_MAX)
          .filter((i) => !(i.slug in chat.subscriptions)),
      ].slice(0, Math.max(SOURCES_MAX, Object.keys(chat.subscriptions).length));
  return {
    chat: chat.id,
    subscribed: Object.keys(chat.subscriptions).length,
    max: deps.config.MAX_SUBSCRIPTIONS,
    sources: infos.map((i) => ({
      slug: i.slug,
      name: displayName(i),
      tag: i.tag,
      posts: i.posts,
      subscribed: i.slug in chat.subscriptions,
    })),
  };
};

const toggle: Handler = async (r) => {
  const chat = await managedChat(r, r.params[0]);
  const body = (await readJson(r.req)) as { slug?: unknown; on?: unknown };
  if (typeof body.slug !== 'string' || !body.slug || body.slug.length > 200)
    throw new HttpError(400, 'invalid', 'slug must be a source slug', 'slug');
  if (typeof body.on !== 'boolean') throw new HttpError(400, 'invalid', 'on must be true or false', 'on');
  const res = await setSubscribed(r.deps, chat.id, body.slug, body.on);
  if (!res.ok && res.reason === 'unknown-source')
    throw new HttpError(400, 'unknown-source', `no source ${body.slug}`, 'slug');
  if (!res.ok)
    throw new HttpError(
      409,
      'over-limit',
      `at most ${r.deps.config.MAX_SUBSCRIPTIONS} subscriptions`,
      'slug',
    );
  return { slug: body.slug, subscribed: res.subscribed };
};

const getSettings: Handler = async (r) =>
  settingsView(await managedChat(r, r.params[0]), r.deps.config.MAX_SUBSCRIPTIONS, r.deps.categories.label);

const patchSettings: Handler = async (r) => {
  const chat = await managedChat(r, r.params[0]);
  const parsed = parseSettingsChange(await readJson(r.req));
  if (!parsed.ok) throw new HttpError(400, 'invalid', parsed.message, parsed.field);
  const next = await changeSettings(r.deps, chat, parsed.change);
  return settingsView(next, r.deps.config.MAX_SUBSCRIPTIONS, r.deps.categories.label);
};

const latestArticles: Handler = async (r) => {
  const chatParam = r.url.searchParams.get('chat');
  const chat = chatParam ? await managedChat(r, chatParam) : undefined;
  return latest(
    r.deps,
    (r.url.searchParams.get('source') ?? '').slice(0, 80),
    Object.keys(chat?.subscriptions ?? {}),
  );
};

const searchArticles: Handler = async (r) => {
  const page = Number(r.url.searchParams.get('page') ?? '0');
  if (!Number.isInteger(page) || page < 0 || page > 1000)
    throw new HttpError(400, 'invalid', 'bad page', 'page');
  return search(r.deps, r.url.searchParams.get('q') ?? '', page);
};

const readArticle: Handler = async (r) => article(r.deps, Number(r.params[0]));

/** Every API route; each one runs only after the initData check and the rate limit. */
export const ROUTES: ReadonlyArray<{ method: string; path: RegExp; handler: Handler }> = [
  { method: 'GET', path: /^\/api\/chats$/, handler: chats },
  { method: 'GET', path: /^\/api\/sources$/, handler: sources },
  { method: 'POST', path: new RegExp(`^/api/chats/${CHAT_ID}/subscriptions$`), handler: toggle },
  { method: 'GET', path: new RegExp(`^/api/chats/${CHAT_ID}/settings$`), handler: getSettings },
  { method: 'PATCH', path: new RegExp(`^/api/chats/${CHAT_ID}/settings$`), handler: patchSettings },
  ...SMART_ROUTES,
  { method: 'GET', path: /^\/api\/latest$/, handler: latestArticles },
  { method: 'GET', path: /^\/api\/search$/, handler: searchArticles },
  { method: 'GET', path: /^\/api\/articles\/(\d{1,12})$/, handler: readArticle },
];
