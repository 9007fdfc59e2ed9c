import { createHmac } from 'node:crypto';
import { run as poll } from '../../jobs/poll.ts';
import { startWebServer, type WebServer } from '../../src/web/server.ts';
import { made } from '../search/corpus.ts';
import { type Harness, startHarness } from './bot-harness.ts';

export const APP_URL = 'https://kx.example.test/app/';

export interface SignedUser {
  id: number;
  first_name: string;
  language_code?: string;
}

/**
 * initData as a Telegram client signs it, written from Telegram's documentation and not from
 * src/web (a shared helper would hide a mistake in both): secret = HMAC_SHA256("WebAppData",
 * token), hash = hex HMAC_SHA256(secret, sorted `key=value` lines without hash).
 */
export function signInitData(
  user: SignedUser | null,
  token: string,
  opts: { authDate?: number; extra?: Record<string, string> } = {},
): string {
  const fields: Record<string, string> = {
    query_id: 'AAHdF6IQAAAAAN0XohDhrOrc',
    ...(user ? { user: JSON.stringify(user) } : {}),
    auth_date: String(opts.authDate ?? Math.floor(Date.now() / 1000)),
    ...opts.extra,
  };
  const check = Object.keys(fields)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('\n');
  const secret = createHmac('sha256', 'WebAppData').update(token).digest();
  const hash = createHmac('sha256', secret).update(check).digest('hex');
  return new URLSearchParams({ ...fields, hash }).toString();
}

export interface WebHarness {
  h: Harness;
  web: WebServer;
  base: string;
  /** one API call as `user`, or with the given raw initData (null: no header at all) */
  call(
    path: string,
    opts?: {
      user?: SignedUser;
      initData?: string | null;
      /** a whole Authorization header instead of `tma <initData>` */
      authorization?: string;
      method?: string;
      body?: unknown;
      raw?: string;
    },
  ): Promise<{ status: number; body: Record<string, unknown>; headers: Headers }>;
  close(): Promise<void>;
}

/** A source whose name and an article whose title are hostile HTML, as a feed might send them. */
export const HOSTILE_NAME = '<script>window.pwned=1</script>四川黑客报';

/** The bot (fake Bot API, served snapshot, real SQLite) plus the Mini App server beside it. */
export async function startWebHarness(env: Record<string, string> = {}): Promise<WebHarness> {
  const h = await startHarness({ env: { WEBAPP_URL: APP_URL, ...env } });
  await poll(h.deps);
  h.deps.registry.observe({
    slug: 'hostile',
    source: HOSTILE_NAME,
    tag: '',
    seenAt: h.deps.now(),
    newPosts: 1,
  });
  const hostile = {
    ...made(`${HOSTILE_NAME}<img src=x onerror=alert(1)>`, ['<b>正文</b>不应被解析。'], {
      at: h.deps.now() - 60_000,
      category: 'hostile',
    }),
    source: HOSTILE_NAME,
  };
  const stored = h.t.sqlite.articles.insert(hostile, '摘要<i>斜体</i>', h.deps.now());
  h.t.sqlite.search.add(stored.article);
  const web = await startWebServer(h.deps, { port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${web.port}`;
  return {
    h,
    web,
    base,
    async call(path, opts = {}) {
      const initData =
        opts.initData === undefined
          ? signInitData(opts.user ?? { id: 1, first_name: 'x' }, h.fake.token)
          : opts.initData;
      const res = await fetch(`${base}${path}`, {
        method: opts.method ?? 'GET',
        headers: {
          ...(opts.authorization !== undefined
            ? { authorization: opts.authorization }
            : initData !== null
              ? { authorization: `tma ${initData}` }
              : {}),
          ...(opts.body !== undefined || opts.raw !== undefined
            ? { 'content-type': 'application/json' }
            : {}),
        },
        ...(opts.raw !== undefined
          ? { body: opts.raw }
          : opts.body !== undefined
            ? { body: JSON.stringify(opts.body) }
            : {}),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : {}, headers: res.headers };
    },
    async close() {
      await web.close();
      await h.close();
    },
  };
}
